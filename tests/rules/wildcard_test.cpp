// Sigma wildcards (sigma-rules-specification.md, "String Wildcard" and "Escaping"): `*` any run
// of characters, `?` exactly one, `\*` `\?` `\\` literal, any other backslash literal.
#include <catch2/catch.hpp>

#include "rules_test_support.h"

using huntq::rules::testing::excludes;
using huntq::rules::testing::Row;

namespace {

std::string rule(std::string_view selection) {
  return "id: r\ntitle: t\nexclude:\n  sel:\n" + std::string(selection);
}

}  // namespace

TEST_CASE("* matches any run of characters, the empty run too", "[rules][wildcard]") {
  const std::string r = rule("    FileName: 'setup*.exe'\n");
  CHECK(excludes(r, Row{{"FileName", "setup.exe"}}));
  CHECK(excludes(r, Row{{"FileName", "SETUP-1.2.3.EXE"}}));
  CHECK_FALSE(excludes(r, Row{{"FileName", "setup.exe.bak"}}));  // equals: anchored both ends
  CHECK_FALSE(excludes(r, Row{{"FileName", "xsetup.exe"}}));
  // A newline is a character like any other.
  CHECK(excludes(r, Row{{"FileName", "setup\n.exe"}}));
}

TEST_CASE("? matches exactly one character, a multi-byte one too", "[rules][wildcard]") {
  const std::string r = rule("    FileName: 'prog?.exe'\n");
  CHECK(excludes(r, Row{{"FileName", "progA.exe"}}));
  CHECK(excludes(r, Row{{"FileName", "progé.exe"}}));
  CHECK_FALSE(excludes(r, Row{{"FileName", "prog.exe"}}));
  CHECK_FALSE(excludes(r, Row{{"FileName", "progAB.exe"}}));
}

TEST_CASE("escapes: \\* and \\? are literal, \\\\ is one backslash", "[rules][wildcard]") {
  const std::string star = rule("    FileName: 'a\\*b'\n");
  CHECK(excludes(star, Row{{"FileName", "a*b"}}));
  CHECK_FALSE(excludes(star, Row{{"FileName", "axxb"}}));
  const std::string question = rule("    FileName: 'what\\?'\n");
  CHECK(excludes(question, Row{{"FileName", "what?"}}));
  CHECK_FALSE(excludes(question, Row{{"FileName", "whatX"}}));
  // \\* : a backslash, then a wildcard.
  const std::string slash_star = rule("    FolderPath: 'C:\\Temp\\\\*'\n");
  CHECK(excludes(slash_star, Row{{"FolderPath", "C:\\Temp\\x.exe"}}));
  CHECK_FALSE(excludes(slash_star, Row{{"FolderPath", "C:\\Tempx.exe"}}));
  // \\\* : a backslash, then a literal star.
  const std::string slash_literal = rule("    FolderPath: 'C:\\\\\\*'\n");
  CHECK(excludes(slash_literal, Row{{"FolderPath", "C:\\*"}}));
  CHECK_FALSE(excludes(slash_literal, Row{{"FolderPath", "C:\\x"}}));
  // A backslash before anything else is itself: 'C:\Windows\' is the plain path.
  const std::string plain = rule("    FolderPath: 'C:\\Windows\\'\n");
  CHECK(excludes(plain, Row{{"FolderPath", "c:\\windows\\"}}));
  // \\\\ is two backslashes (a UNC prefix), \\ alone one.
  const std::string unc = rule("    FolderPath|startswith: '\\\\\\\\server\\'\n");
  CHECK(excludes(unc, Row{{"FolderPath", "\\\\server\\share\\x.exe"}}));
  CHECK_FALSE(excludes(unc, Row{{"FolderPath", "\\server\\share\\x.exe"}}));
}

TEST_CASE("wildcards with contains, startswith, endswith", "[rules][wildcard]") {
  // '\\*' is a backslash then a wildcard ...
  const std::string contains = rule("    FolderPath|contains: '\\Users\\\\*\\AppData\\'\n");
  CHECK(excludes(contains, Row{{"FolderPath", "C:\\Users\\bob\\AppData\\Local\\x.exe"}}));
  CHECK_FALSE(excludes(contains, Row{{"FolderPath", "C:\\Users\\AppData\\x.exe"}}));
  // ... while '\*' is a literal star, as Sigma's escaping says.
  const std::string literal = rule("    FolderPath|contains: '\\Users\\*\\AppData\\'\n");
  CHECK_FALSE(excludes(literal, Row{{"FolderPath", "C:\\Users\\bob\\AppData\\x.exe"}}));
  CHECK(excludes(literal, Row{{"FolderPath", "C:\\Users*\\AppData\\x.exe"}}));
  const std::string starts = rule(
      "    DeviceName|startswith: 'lab-?"
      "?-'\n");
  CHECK(excludes(starts, Row{{"DeviceName", "LAB-01-pc"}}));
  CHECK_FALSE(excludes(starts, Row{{"DeviceName", "lab-1-pc"}}));
  CHECK_FALSE(excludes(starts, Row{{"DeviceName", "x-lab-01-pc"}}));
  const std::string ends = rule("    FileName|endswith: '.?ip'\n");
  CHECK(excludes(ends, Row{{"FileName", "a.zip"}}));
  CHECK_FALSE(excludes(ends, Row{{"FileName", "a.zip.exe"}}));
}

TEST_CASE("wildcards and |cased, lists mixing plain and wildcard values", "[rules][wildcard]") {
  const std::string cased = rule("    FileName|cased: 'Setup*.exe'\n");
  CHECK(excludes(cased, Row{{"FileName", "Setup1.exe"}}));
  CHECK_FALSE(excludes(cased, Row{{"FileName", "setup1.exe"}}));
  const std::string mixed = rule("    FileName: [a.exe, 'b*.exe', '?.dll']\n");
  CHECK(excludes(mixed, Row{{"FileName", "A.EXE"}}));
  CHECK(excludes(mixed, Row{{"FileName", "bee.exe"}}));
  CHECK(excludes(mixed, Row{{"FileName", "x.dll"}}));
  CHECK_FALSE(excludes(mixed, Row{{"FileName", "xy.dll"}}));
  // Regex characters in a wildcard value are literal.
  const std::string meta = rule("    FileName: '(a+b)[1]*.exe'\n");
  CHECK(excludes(meta, Row{{"FileName", "(a+b)[1]-x.exe"}}));
  CHECK_FALSE(excludes(meta, Row{{"FileName", "aab1.exe"}}));
}

TEST_CASE("re and domain values keep * and ? as they are", "[rules][wildcard]") {
  // In `re`, * and ? are regex syntax.
  const std::string re = rule("    FileName|re: '^ab*c?$'\n");
  CHECK(excludes(re, Row{{"FileName", "abbb"}}));
  CHECK_FALSE(excludes(re, Row{{"FileName", "axc"}}));
}
