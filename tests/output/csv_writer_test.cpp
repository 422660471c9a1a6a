#include <catch2/catch.hpp>
#include <string>

#include "output/capture.h"

using namespace huntq::output;
using huntq::Type;
using huntq::output::test::Null;
using huntq::output::test::render;
using huntq::output::test::string_columns;
using huntq::output::test::terminal;

TEST_CASE("CSV writes a header and CRLF-terminated rows", "[output][csv]") {
  const std::vector<Column> columns = {
      {"Name", Type::String}, {"Count", Type::Long}, {"Cmd", Type::String}};
  const std::string out = render(Format::Csv, columns,
                                 {{"a,b", "-1", "=1+2"}, {Null{}, Null{}, "x"}, {"-5", "3", "ok"}});
  // -1 in a Long column is a number, not a formula; -5 in a String column is guarded.
  CHECK(out ==
        "Name,Count,Cmd\r\n"
        "\"a,b\",-1,'=1+2\r\n"
        ",,x\r\n"
        "'-5,3,ok\r\n");
}

TEST_CASE("CSV guards numeric-typed cells that are not plain numbers", "[output][csv]") {
  const std::vector<Column> columns = {{"N", Type::Long}, {"R", Type::Real}};
  CHECK(render(Format::Csv, columns, {{"-1+2", "-2.5e3"}, {"=1", "-Infinity"}}) ==
        "N,R\r\n'-1+2,-2.5e3\r\n'=1,'-Infinity\r\n");
}

TEST_CASE("CSV guards header names", "[output][csv]") {
  CHECK(render(Format::Csv, string_columns({"=Evil", "ok"}), {}) == "'=Evil,ok\r\n");
}

TEST_CASE("CSV with no rows prints only the header", "[output][csv]") {
  CHECK(render(Format::Csv, string_columns({"A", "B"}), {}) == "A,B\r\n");
}

TEST_CASE("CSV formula guard off writes cells as they are", "[output][csv]") {
  WriterOptions off;
  off.csv_formula_guard = false;
  CHECK(render(Format::Csv, string_columns({"=H", "B"}), {{"=cmd|' /C calc'!A0", "@SUM"}}, off) ==
        "=H,B\r\n=cmd|' /C calc'!A0,@SUM\r\n");
}

TEST_CASE("CSV quotes newlines and quotes and repairs invalid UTF-8", "[output][csv]") {
  CHECK(render(Format::Csv, string_columns({"A", "B"}),
               {{"two\nlines", "say \"x\""}, {"bad\xff", "\xe2\x82"}}) ==
        "A,B\r\n"
        "\"two\nlines\",\"say \"\"x\"\"\"\r\n"
        "bad\xef\xbf\xbd,\xef\xbf\xbd\xef\xbf\xbd\r\n");
}

TEST_CASE("CSV reports the cells it had to change", "[output][csv]") {
  WriterReport report;
  const std::string out =
      render(Format::Csv, string_columns({"A", "B"}),
             {{std::string("a\0b", 3), "ok"}, {"\xff", std::string("\0\xff", 2)}, {"x", "y"}}, {},
             &report);
  CHECK(out ==
        "A,B\r\n"
        "a\xef\xbf\xbd"
        "b,ok\r\n"
        "\xef\xbf\xbd,\xef\xbf\xbd\xef\xbf\xbd\r\n"
        "x,y\r\n");
  CHECK(report.cells_changed == 3);
  CHECK(report.cells_with_nul == 2);
  CHECK(report.cells_with_invalid_utf8 == 2);
}

TEST_CASE("CSV to a terminal shows controls as marks and changes nothing", "[output][csv]") {
  WriterReport report;
  const std::string out =
      render(Format::Csv, string_columns({"Msg\x1b", "Path"}),
             {{"\x1b]0;pwned\x07", R"(C:\Users\a.lee)"}, {std::string("two\nlines\0", 10), "=1+2"}},
             terminal(80), &report);
  CHECK(out ==
        "Msg\u27e8ESC\u27e9,Path\r\n"
        "\u27e8ESC\u27e9]0;pwned\u27e8BEL\u27e9,C:\\Users\\a.lee\r\n"
        "two\u27e8LF\u27e9lines\u27e8NUL\u27e9,'=1+2\r\n");
  CHECK(report.cells_changed == 0);
}

TEST_CASE("CSV to a file stays byte-exact", "[output][csv]") {
  const std::string hostile = "\x1b]0;pwned\x07\xc2\xad";
  CHECK(render(Format::Csv, string_columns({"A"}), {{hostile}}) == "A\r\n" + hostile + "\r\n");
}
