#include <catch2/catch.hpp>
#include <string>

#include "output/capture.h"

using namespace huntq::output;
using huntq::Type;
using huntq::output::test::Null;
using huntq::output::test::render;
using huntq::output::test::string_columns;

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
