// ASCII-only folding of the case-insensitive operators (includes/in-operator-comparison.md) and
// the Unicode simple case mapping of tolower()/toupper().
#include "huntq/value/case_fold.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

using namespace huntq;

TEST_CASE("case_fold: ASCII letters fold, nothing else does") {
  CHECK(fold_ascii("FabriKam 123 @[`{") == "fabrikam 123 @[`{");
  // Every byte: only A..Z change, by 0x20.
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const char want = (b >= 'A' && b <= 'Z') ? static_cast<char>(b + 32) : c;
    CHECK(fold_ascii(c) == want);
    std::string eight(8, c);
    std::uint64_t w;
    std::memcpy(&w, eight.data(), 8);
    const std::uint64_t folded = fold_ascii8(w);
    std::string back(8, '\0');
    std::memcpy(back.data(), &folded, 8);
    CHECK(back == std::string(8, want));
  }
  // Non-ASCII letters are compared exactly: "É" =~ "é" is false, as Kusto's docs say.
  CHECK_FALSE(equals_ignore_case("\xC3\x89", "\xC3\xA9"));
  CHECK(equals_ignore_case("ABC\xC3\x89", "abc\xC3\x89"));
}

TEST_CASE("case_fold: equality and affixes ignoring case") {
  CHECK(equals_ignore_case("abc", "ABC"));
  CHECK_FALSE(equals_ignore_case("abc", "abd"));
  CHECK_FALSE(equals_ignore_case("abc", "abcd"));
  CHECK(equals_ignore_case("", ""));
  // Long enough to use the 8-byte path and a tail.
  CHECK(equals_ignore_case("C:\\Windows\\System32\\CMD.EXE", "c:\\windows\\system32\\cmd.exe"));
  CHECK_FALSE(
      equals_ignore_case("C:\\Windows\\System32\\CMD.EXE", "c:\\windows\\system32\\cmd.exf"));
  CHECK(equals_folded("PowerShell.EXE", "powershell.exe"));
  CHECK(starts_with_ignore_case("Fabrikam", "fab"));
  CHECK_FALSE(starts_with_ignore_case("Fa", "fab"));
  CHECK(ends_with_ignore_case("Fabrikam", "KAM"));
  CHECK_FALSE(ends_with_ignore_case("Fabrikam", "brik"));
}

TEST_CASE("case_fold: StringFinder finds every occurrence with and without case") {
  const std::string hay =
      "powershell.exe -NoProfile -ExecutionPolicy Bypass -EncodedCommand SQBFAFgA; "
      "cmd.exe /c whoami";
  const StringFinder ci("ENCODEDCOMMAND", true);
  CHECK(ci.find(hay) == hay.find("EncodedCommand"));
  const StringFinder cs("EncodedCommand", false);
  CHECK(cs.find(hay) == hay.find("EncodedCommand"));
  CHECK_FALSE(StringFinder("ENCODEDCOMMAND", false).found_in(hay));
  CHECK(StringFinder("WHOAMI", true).find(hay) == hay.size() - 6);  // in the scalar tail
  CHECK(StringFinder("", true).find(hay, 5) == 5);
  CHECK_FALSE(StringFinder("x", true).found_in(""));
  // A needle whose ends are not letters: '[' must not match '{' through the case bit.
  CHECK_FALSE(StringFinder("[a]", true).found_in("{a}"));
  CHECK(StringFinder("[A]", true).found_in("x[a]y"));
  // Against a brute-force search, at every alignment and length.
  std::string text;
  for (int i = 0; i < 300; ++i) text += static_cast<char>("aAbB-_[{"[i * 7 % 8]);
  for (std::size_t len = 1; len <= 6; ++len) {
    for (std::size_t at = 0; at + len <= text.size(); at += 13) {
      const std::string needle = text.substr(at, len);
      const StringFinder f(needle, true);
      const StringFinder g(needle, false);
      for (std::size_t from = 0; from < text.size(); from += 37) {
        CHECK(f.find(text, from) == find_ignore_case(text, needle, from));
        CHECK(g.find(text, from) == text.find(needle, from));
      }
    }
  }
}

TEST_CASE("case_fold: tolower and toupper map every letter by Unicode simple case mapping") {
  std::string out;
  to_lower_unicode_into("ÀÉÎ ΣΑΣ ПРИВЕТ Hello", out);
  CHECK(out == "àéî σασ привет hello");
  to_upper_unicode_into("àéî σας привет hello ß", out);
  CHECK(out == "ÀÉÎ ΣΑΣ ПРИВЕТ HELLO ß");  // ß has no one-character uppercase
  // Mappings that change the UTF-8 length: U+023A (2 bytes) lowercases to U+2C65 (3 bytes).
  to_lower_unicode_into("\xC8\xBA", out);
  CHECK(out == "\xE2\xB1\xA5");
  // The Turkish I's are left alone, as .NET's invariant culture does.
  to_lower_unicode_into("\xC4\xB0", out);
  CHECK(out == "\xC4\xB0");
  // Bytes that are not UTF-8 pass through.
  to_upper_unicode_into(std::string("a\xFF\xC3z", 4), out);
  CHECK(out == std::string("A\xFF\xC3Z", 4));
  CHECK(to_upper_code_point(U'ÿ') == U'Ÿ');
  CHECK(to_lower_code_point(0x10400) == 0x10428);  // Deseret, outside the BMP
}

TEST_CASE("case_fold: find_ignore_case with long needles stays linear") {
  const std::string text = std::string(200000, 'A') + "xYz";
  const std::string needle = std::string(100000, 'a') + "b";
  CHECK(find_ignore_case(text, needle) == std::string::npos);
  CHECK(find_ignore_case(text, std::string(100000, 'a') + "XyZ") == 100000);
  CHECK(find_ignore_case(text, std::string(40, 'a'), 199990) == std::string::npos);
  CHECK(find_ignore_case(text, std::string(40, 'a'), 199950) == 199950);
}
