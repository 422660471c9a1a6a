// Syntax errors: the right place, a precise message, and limits on hostile input.
#include <catch2/catch.hpp>
#include <string>

#include "kql_test_util.h"

using namespace huntq::kql;
using huntq::kql::test::error_of;

TEST_CASE("errors: an unclosed parenthesis names where it was opened") {
  CHECK(error_of("T\n| extend x = 1\n| extend y = (1 + 2 where x") ==
        "3:21: expected ')' to close '(' at 3:14, found 'where'");
  CHECK(error_of("print f(1, 2") == "1:13: expected ')' to close '(' at 1:8, found end of query");
  CHECK(error_of("print x[1") == "1:10: expected ']' to close '[' at 1:8, found end of query");
  CHECK(error_of("let f = () { 1") ==
        "1:15: expected '}' to close '{' at 1:12, found end of query");
}

TEST_CASE("errors: locations inside a YAML file add its first line and indentation") {
  SourceText src;
  src.name = "hunt.yaml";
  src.text = "T\n| extend y = (1 + 2 where x";
  src.first_line = 10;
  src.column_offset = 2;
  try {
    parse_script(src);
    FAIL("no error");
  } catch (const huntq::Error& e) {
    CHECK(e.where().file == "hunt.yaml");
    CHECK(e.where().line == 11);
    CHECK(e.where().column == 23);
    CHECK(e.what_only() == "expected ')' to close '(' at 11:16, found 'where'");
    CHECK(std::string(e.what()) ==
          "hunt.yaml:11:23: expected ')' to close '(' at 11:16, found 'where'");
  }
}

TEST_CASE("errors: expected-something messages") {
  CHECK(error_of("T | where a ==") == "1:15: expected an expression, found end of query");
  CHECK(error_of("T | where a == b c") == "1:18: expected '|', ';' or end of query, found 'c'");
  CHECK(error_of("T |") == "1:4: expected a query operator after '|', found end of query");
  CHECK(error_of("T | extend") == "1:11: expected an expression to extend, found end of query");
  CHECK(error_of("T | extend a = 1,") ==
        "1:18: expected an expression to extend, found end of query");
  CHECK(error_of("T | take") == "1:9: expected a number of rows after 'take', found end of query");
  CHECK(error_of("T | top 5") ==
        "1:10: expected 'by' after the number of rows in 'top N by ...', "
        "found end of query");
  CHECK(error_of("let = 1;") == "1:5: expected a name after 'let', found '='");
  CHECK(error_of("let x 1;") == "1:7: expected '=' after 'let x', found '1'");
  CHECK(error_of("T | extend a-b = 1") == "1:12: a name with '-' must be bracketed: ['a-b']");
  CHECK(error_of("T | where x between (1, 2)") ==
        "1:23: expected '..' between the bounds of 'between (low .. high)', found ','");
  CHECK(error_of("datatable(a:str)[1]") ==
        "1:13: unknown type 'str': expected a type name such as string, long, real, bool, "
        "datetime, timespan, guid or dynamic");
  CHECK(error_of("T | where a ^ b") == "1:13: unexpected character '^'");
  CHECK(error_of("T | where a !foo b") ==
        "1:13: unexpected '!' (Kusto's negated operators are written like '!contains', '!in', "
        "'!=')");
  CHECK(error_of("#connect cluster('x')\nT") ==
        "1:1: '#connect' is not supported (client directives)");
  CHECK(error_of("T | where x == {p}") == "1:16: '{...} client query parameters' is not supported");
  CHECK(error_of("print x = \xC3\xA9") == "1:11: unexpected character '\xC3\xA9'");
}

TEST_CASE("errors: quoted user text is cut short") {
  const std::string long_name(500, 'a');
  const std::string msg = error_of("T | where x == 1 " + long_name);
  CHECK(msg == "1:18: expected '|', ';' or end of query, found '" + std::string(40, 'a') + "...'");
}

TEST_CASE("errors: nesting deeper than the limit is an error, not a stack overflow") {
  const std::string deep = "print x = " + std::string(5000, '(') + "1" + std::string(5000, ')');
  CHECK_THAT(error_of(deep),
             Catch::Contains("the query is nested too deeply (more than 200 levels)"));
  CHECK_THAT(error_of("print x = dynamic(" + std::string(5000, '[') + std::string(5000, ']') + ")"),
             Catch::Contains("nested too deeply"));
  CHECK_THAT(error_of("print x = " + std::string(5000, '-') + "1"),
             Catch::Contains("expected an expression, found '-'"));
  std::string calls = "print x = ";
  for (int i = 0; i < 5000; ++i) calls += "f(";
  CHECK_THAT(error_of(calls), Catch::Contains("nested too deeply"));
  std::string lets;
  for (int i = 0; i < 300; ++i) lets += "let f = () { ";
  CHECK_THAT(error_of(lets), Catch::Contains("nested too deeply"));
  // 190 levels of parentheses are fine.
  CHECK(error_of("print x = " + std::string(190, '(') + "1" + std::string(190, ')')) == "no error");
}

TEST_CASE("errors: long operator chains are bounded so consumers can recurse over the tree") {
  std::string sum = "print x = 1";
  for (int i = 0; i < 1500; ++i) sum += " + 1";
  CHECK(error_of(sum) == "no error");
  for (int i = 0; i < 1000; ++i) sum += " + 1";
  CHECK_THAT(error_of(sum), Catch::Contains("the query is too deep (more than 2000 levels"));
  std::string pipes = "T";
  for (int i = 0; i < 2500; ++i) pipes += " | take 1";
  CHECK_THAT(error_of(pipes), Catch::Contains("too deep"));
  std::string members = "print x = a";
  for (int i = 0; i < 2500; ++i) members += ".b";
  CHECK_THAT(error_of(members), Catch::Contains("too deep"));
}
