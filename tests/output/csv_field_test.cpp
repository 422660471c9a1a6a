#include "huntq/output/csv_field.h"

#include <catch2/catch.hpp>
#include <string>

using huntq::output::append_csv_field;
using huntq::output::append_csv_field_for_terminal;
using huntq::output::CsvFieldRepairs;
using huntq::output::looks_like_formula;

namespace {
std::string field(std::string_view text, bool guard = true) {
  std::string out;
  append_csv_field(out, text, guard);
  return out;
}
CsvFieldRepairs repairs_of(std::string_view text) {
  std::string out;
  return append_csv_field(out, text, true);
}
std::string terminal_field(std::string_view text, bool guard = true) {
  std::string out;
  append_csv_field_for_terminal(out, text, guard);
  return out;
}
}  // namespace

TEST_CASE("CSV fields are quoted only when RFC 4180 needs it", "[output][csv]") {
  CHECK(field("plain text") == "plain text");
  CHECK(field("") == "");
  CHECK(field("a,b") == R"("a,b")");
  CHECK(field(R"(say "hi")") == R"("say ""hi""")");
  CHECK(field("line1\nline2") == "\"line1\nline2\"");
  CHECK(field("a\rb") == "\"a\rb\"");
  CHECK(field(" lead") == R"(" lead")");
  CHECK(field("trail ") == R"("trail ")");
  CHECK(field("it's") == "it's");
}

TEST_CASE("CSV formula guard prefixes formula-looking cells with a quote", "[output][csv]") {
  CHECK(field("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0");
  CHECK(field("+1") == "'+1");
  CHECK(field("-1") == "'-1");
  CHECK(field("@SUM(A1:A2)") == "'@SUM(A1:A2)");
  CHECK(field("\xef\xbc\x9d"
              "1") ==
        "'\xef\xbc\x9d"
        "1");  // ＝1
  CHECK(field("\xef\xbc\x8b"
              "1") ==
        "'\xef\xbc\x8b"
        "1");  // ＋1
  CHECK(field("\xef\xbc\x8d"
              "1") ==
        "'\xef\xbc\x8d"
        "1");                                         // －1
  CHECK(field("\xef\xbc\xa0x") == "'\xef\xbc\xa0x");  // ＠x
  // TAB is guarded; the quote now leads, so no CSV quoting is needed.
  CHECK(field("\t=1") == "'\t=1");
  // CR is guarded and then quoted.
  CHECK(field("\r=1") == "\"'\r=1\"");
  // Guard first, then quoting of the guarded text.
  CHECK(field("=HYPERLINK(\"http://x\",\"y\")") == R"x("'=HYPERLINK(""http://x"",""y"")")x");
  CHECK(field("=x ") == R"("'=x ")");
  // Not formulas: the trigger is only the first character.
  CHECK(field("1+1") == "1+1");
  CHECK(field(" =1") == R"(" =1")");
  CHECK(field("\xef\xbc\xa1") == "\xef\xbc\xa1");  // full-width Ａ
}

TEST_CASE("CSV formula guard can be turned off", "[output][csv]") {
  CHECK(field("=cmd|' /C calc'!A0", false) == "=cmd|' /C calc'!A0");
  CHECK(field("-1", false) == "-1");
  CHECK(field("=a,b", false) == R"("=a,b")");
}

TEST_CASE("CSV fields replace invalid UTF-8 with U+FFFD", "[output][csv]") {
  CHECK(field("a\xff"
              "b") ==
        "a\xef\xbf\xbd"
        "b");
  CHECK(field("\xe2\x82") == "\xef\xbf\xbd\xef\xbf\xbd");
  CHECK(field("\xc0\xaf") == "\xef\xbf\xbd\xef\xbf\xbd");
  CHECK(field("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  CHECK(field("caf\xc3\xa9") == "caf\xc3\xa9");
}

TEST_CASE("looks_like_formula", "[output][csv]") {
  for (const char* yes : {"=", "+", "-", "@", "\t", "\r", "\xef\xbc\x9d"})
    CHECK(looks_like_formula(yes));
  for (const char* no : {"", "a=", " =", "'=", "\xef\xbc", "\n="})
    CHECK_FALSE(looks_like_formula(no));
}

TEST_CASE("CSV fields replace NUL with U+FFFD and say so", "[output][csv]") {
  CHECK(field(std::string("a\0b", 3)) ==
        "a\xef\xbf\xbd"
        "b");
  CHECK(field(std::string("\0\0", 2)) == "\xef\xbf\xbd\xef\xbf\xbd");
  CHECK(repairs_of(std::string("a\0b", 3)).nul);
  CHECK_FALSE(repairs_of(std::string("a\0b", 3)).invalid_utf8);
  CHECK(repairs_of("a\xff").invalid_utf8);
  CHECK_FALSE(repairs_of("a\xff").nul);
  const auto both = repairs_of(std::string("\0\xff", 2));
  CHECK((both.nul && both.invalid_utf8));
  CHECK_FALSE(repairs_of("caf\xc3\xa9, \"x\"").any());
}

TEST_CASE("CSV fields are byte-exact apart from NUL and invalid UTF-8", "[output][csv]") {
  // ESC, BEL, soft hyphen, RLO and a typed backslash go to a file as they are.
  const std::string text = "\x1b]0;t\x07 \xc2\xad \xe2\x80\xae C:\\x";
  CHECK(field(text) == text);
  CHECK_FALSE(repairs_of(text).any());
}

TEST_CASE("CSV fields for a terminal show controls as marks", "[output][csv]") {
  CHECK(terminal_field("\x1b]0;pwned\x07") == "\u27e8ESC\u27e9]0;pwned\u27e8BEL\u27e9");
  // One record per line: CR and LF are marks, so no quoting is needed for them.
  CHECK(terminal_field("line1\r\nline2") == "line1\u27e8CR\u27e9\u27e8LF\u27e9line2");
  CHECK(terminal_field(std::string("a\0b", 3)) == "a\u27e8NUL\u27e9b");
  CHECK(terminal_field("a\xffz") == "a\u27e8\\xFF\u27e9z");
  CHECK(terminal_field("soft\xc2\xadhyphen") == "soft\u27e8U+00AD\u27e9hyphen");
  CHECK(terminal_field(R"(C:\Users\a.lee)") == R"(C:\Users\a.lee)");
  // Quoting and the guard still apply; the guard looks at the text as it was.
  CHECK(terminal_field("a,\x1b") == "\"a,\u27e8ESC\u27e9\"");
  CHECK(terminal_field("say \"hi\"") == R"("say ""hi""")");
  CHECK(terminal_field("=1+2") == "'=1+2");
  CHECK(terminal_field("\t=1") == "'\u27e8TAB\u27e9=1");
  CHECK(terminal_field(" lead") == R"(" lead")");
  CHECK(terminal_field("=1", false) == "=1");
}
