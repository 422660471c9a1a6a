#include "huntq/output/csv_field.h"

#include <catch2/catch.hpp>
#include <string>

using huntq::output::append_csv_field;
using huntq::output::looks_like_formula;

namespace {
std::string field(std::string_view text, bool guard = true) {
  std::string out;
  append_csv_field(out, text, guard);
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
