// Literals decode to the values the docs give (scalar-data-types/*.md).
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "kql_test_util.h"

using namespace huntq::kql;
using huntq::kql::test::error_of;
using huntq::kql::test::lit;

namespace {

std::int64_t ticks(std::string_view literal) {
  const auto l = lit(literal);
  REQUIRE(l.type == ScalarType::TimeSpan);
  REQUIRE_FALSE(l.is_null);
  return l.int_value;
}

std::string str(std::string_view literal) {
  const auto l = lit(literal);
  REQUIRE(l.type == ScalarType::String);
  return l.text;
}

constexpr std::int64_t kSecond = 10'000'000;  // ticks of 100 ns
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

}  // namespace

TEST_CASE("literals: the timespan examples of timespan.md") {
  CHECK(ticks("2d") == 2 * kDay);
  CHECK(ticks("1.5h") == 3 * kHour / 2);
  CHECK(ticks("30m") == 30 * kMinute);
  CHECK(ticks("10s") == 10 * kSecond);
  CHECK(ticks("100ms") == kSecond / 10);
  CHECK(ticks("10microsecond") == 100);
  CHECK(ticks("1tick") == 1);
  CHECK(ticks("timespan(15 seconds)") == 15 * kSecond);
  CHECK(ticks("timespan(2)") == 2 * kDay);
  CHECK(ticks("timespan(0.12:34:56.7)") == 12 * kHour + 34 * kMinute + 56 * kSecond + 7'000'000);
  CHECK(lit("timespan(null)").is_null);
  CHECK(lit("timespan(null)").type == ScalarType::TimeSpan);
}

TEST_CASE("literals: every timespan unit of Kusto's suffix list") {
  CHECK(ticks("1d") == kDay);
  CHECK(ticks("1day") == kDay);
  CHECK(ticks("2days") == 2 * kDay);
  CHECK(ticks("1h") == kHour);
  CHECK(ticks("1hr") == kHour);
  CHECK(ticks("2hrs") == 2 * kHour);
  CHECK(ticks("1hour") == kHour);
  CHECK(ticks("2hours") == 2 * kHour);
  CHECK(ticks("1m") == kMinute);
  CHECK(ticks("3min") == 3 * kMinute);
  CHECK(ticks("1minute") == kMinute);
  CHECK(ticks("2minutes") == 2 * kMinute);
  CHECK(ticks("1s") == kSecond);
  CHECK(ticks("1sec") == kSecond);
  CHECK(ticks("1second") == kSecond);
  CHECK(ticks("2seconds") == 2 * kSecond);
  CHECK(ticks("1ms") == 10'000);
  CHECK(ticks("1milli") == 10'000);
  CHECK(ticks("2millis") == 20'000);
  CHECK(ticks("1millisec") == 10'000);
  CHECK(ticks("1millisecond") == 10'000);
  CHECK(ticks("2milliseconds") == 20'000);
  CHECK(ticks("1micro") == 10);
  CHECK(ticks("2micros") == 20);
  CHECK(ticks("1microsec") == 10);
  CHECK(ticks("1microsecond") == 10);
  CHECK(ticks("10microseconds") == 100);
  CHECK(ticks("100nano") == 1);
  CHECK(ticks("200nanos") == 2);
  CHECK(ticks("300nanosec") == 3);
  CHECK(ticks("400nanosecond") == 4);
  CHECK(ticks("500nanoseconds") == 5);
  CHECK(ticks("1tick") == 1);
  CHECK(ticks("7ticks") == 7);
}

TEST_CASE("literals: timespan fractions are exact and truncate below a tick") {
  CHECK(ticks("0.5s") == kSecond / 2);
  CHECK(ticks("1.25d") == kDay + kDay / 4);
  CHECK(ticks("0.1ms") == 1'000);
  CHECK(ticks("150nanoseconds") == 1);  // 1.5 ticks
  CHECK(ticks("99nanoseconds") == 0);
  CHECK(ticks("1.9tick") == 1);
  CHECK(ticks("0.00000001s") == 0);  // 0.1 tick
  CHECK(ticks("-1d") == -kDay);      // a sign written against the number is part of it
  CHECK(ticks("-1.5h") == -3 * kHour / 2);
}

TEST_CASE("literals: time(...) and timespan(...) forms") {
  CHECK(ticks("time(1.02:03:04.5)") == kDay + 2 * kHour + 3 * kMinute + 4 * kSecond + 5'000'000);
  CHECK(ticks("timespan(2d)") == 2 * kDay);
  CHECK(ticks("time(00:01:00)") == kMinute);
  CHECK(ticks("time(10:30)") == 10 * kHour + 30 * kMinute);
  CHECK(ticks("time(1:02:03:04)") == kDay + 2 * kHour + 3 * kMinute + 4 * kSecond);
  CHECK(ticks("time(00:00:00.0000001)") == 1);
  CHECK(ticks("time(-1d)") == -kDay);
  CHECK(ticks("time(-01:00:00)") == -kHour);
  CHECK(ticks("time( 1.5h )") == 3 * kHour / 2);
  CHECK(ticks("time('1d')") == kDay);
  CHECK(lit("time(null)").is_null);
  CHECK(error_of("print x = time(25:00)") == "1:11: invalid time literal 'time(25:00)'");
  CHECK(error_of("print x = time(1week)") == "1:11: invalid time literal 'time(1week)'");
}

TEST_CASE("literals: timespans beyond int64 ticks are an error") {
  CHECK(error_of("print x = 10675199d") == "no error");  // TimeSpan.MaxValue is 10675199.02:48:05
  CHECK(error_of("print x = 10675200d") == "1:11: timespan literal '10675200d' is out of range");
}

TEST_CASE("literals: string escapes of string.md and Kusto's escape set") {
  CHECK(str(R"("a\tb")") == "a\tb");
  CHECK(str(R"("line\nnext\r")") == "line\nnext\r");
  CHECK(str(R"("back\\slash")") == "back\\slash");
  CHECK(str(R"('it\'s')") == "it's");
  CHECK(str(R"("say \"hi\"")") == "say \"hi\"");
  CHECK(str(R"('string with "double quotes"')") == "string with \"double quotes\"");
  CHECK(str(R"("Hello\u00A0World")") == "Hello\xC2\xA0World");
  CHECK(str(R"("\x41\101")") == "AA");
  CHECK(str(R"("\a\b\f\v")") == "\a\b\f\v");
  CHECK(str(R"("\U0001F600")") == "\xF0\x9F\x98\x80");
  CHECK(str(R"("\uD83D\uDE00")") == "\xF0\x9F\x98\x80");  // a surrogate pair
  CHECK(str(R"("\uD83D!")") == "\xEF\xBF\xBD!");          // a lone surrogate
  CHECK(str(R"('\\n.*(>|\'|=|\")[a-zA-Z0-9/+]{86}==')") == R"(\n.*(>|'|=|")[a-zA-Z0-9/+]{86}==)");
}

TEST_CASE("literals: invalid escapes and unterminated strings are errors") {
  CHECK(
      error_of(R"(print x = "a\d")") ==
      R"(1:13: invalid escape sequence '\d' in string literal (use \\ for a backslash, or a verbatim string @"..."))");
  CHECK(error_of("print x = \"abc") ==
        "1:11: unterminated string literal (a quoted string ends on its line; use ``` for "
        "multi-line strings)");
  CHECK(error_of("print x = 'abc\n'") ==
        "1:11: unterminated string literal (a quoted string ends on its line; use ``` for "
        "multi-line strings)");
  CHECK(error_of("print x = ```abc") ==
        "1:11: unterminated multi-line string literal: no closing '```'");
}

TEST_CASE("literals: verbatim, multi-line, obfuscated and concatenated strings") {
  CHECK(str(R"(@'C:\Folder\filename.txt')") == R"(C:\Folder\filename.txt)");
  CHECK(str(R"(@"say ""hi""")") == "say \"hi\"");
  CHECK(str(R"(@'it''s')") == "it's");
  CHECK(str("```\n  public class Program {\n  }```") == "\n  public class Program {\n  }");
  CHECK(str("~~~a\\nb~~~") == "a\\nb");
  CHECK(str(R"(h'secret')") == "secret");
  CHECK(str(R"(H"secret")") == "secret");
  CHECK(str(R"(h@'C:\x')") == R"(C:\x)");
  // string.md: all three have length 13.
  CHECK(str(R"("Hello"', '@"world!")") == "Hello, world!");
  CHECK(str(R"("Hello" ', ' @"world!")") == "Hello, world!");
  CHECK(str("\"Hello\" \n // Comment\n ', '@\"world!\"") == "Hello, world!");
  CHECK(
      str(R"("https://contoso.blob.core.windows.net/container/blob.txt?"
    h'sv=2012-02-12&se=2013-04-13T0...')") ==
      "https://contoso.blob.core.windows.net/container/blob.txt?sv=2012-02-12&se=2013-04-13T0...");
}

TEST_CASE("literals: long, hex and overflow") {
  CHECK(lit("123").type == ScalarType::Long);
  CHECK(lit("123").int_value == 123);
  CHECK(lit("0xf").int_value == 15);
  CHECK(lit("0x1F").int_value == 31);
  CHECK(lit("0x7fffffffffffffff").int_value == std::numeric_limits<std::int64_t>::max());
  CHECK(lit("9223372036854775807").int_value == std::numeric_limits<std::int64_t>::max());
  CHECK(lit("-9223372036854775808").int_value == std::numeric_limits<std::int64_t>::min());
  CHECK(lit("-5").int_value == -5);
  CHECK(error_of("print x = 9223372036854775808") ==
        "1:11: long literal '9223372036854775808' is out of range");
  CHECK(error_of("print x = 0x8000000000000000") ==
        "1:11: long literal '0x8000000000000000' is out of range");
  CHECK(error_of("print x = -9223372036854775809") ==
        "1:11: long literal '-9223372036854775809' is out of range");
}

TEST_CASE("literals: reals") {
  CHECK(lit("1.5").type == ScalarType::Real);
  CHECK(lit("1.5").real_value == 1.5);
  CHECK(lit("1e5").real_value == 100000.0);
  CHECK(lit("2.5e-3").real_value == 0.0025);
  CHECK(lit("1.").real_value == 1.0);
  CHECK(lit("-0.25").real_value == -0.25);
  CHECK(lit("1e-400").real_value == 0.0);
  CHECK(error_of("print x = 1e400") == "1:11: real literal '1e400' is out of range");
  // No leading-dot reals in KQL.
  CHECK(error_of("print x = .5") == "1:11: expected an expression, found '.'");
}

TEST_CASE("literals: typed literals and nulls") {
  CHECK(lit("int(5)").type == ScalarType::Int);
  CHECK(lit("int(5)").int_value == 5);
  CHECK(lit("int(null)").is_null);
  CHECK(lit("long(-1)").int_value == -1);
  CHECK(lit("long(null)").type == ScalarType::Long);
  CHECK(lit("long(null)").is_null);
  CHECK(std::isnan(lit("real(nan)").real_value));
  CHECK(lit("real(+inf)").real_value == std::numeric_limits<double>::infinity());
  CHECK(lit("real(-inf)").real_value == -std::numeric_limits<double>::infinity());
  CHECK(lit("real(null)").is_null);
  CHECK(lit("double(2.5)").real_value == 2.5);
  CHECK(lit("bool(true)").type == ScalarType::Bool);
  CHECK(lit("bool(true)").int_value == 1);
  CHECK(lit("bool(False)").int_value == 0);
  CHECK(lit("bool(null)").is_null);
  CHECK(lit("true").int_value == 1);
  CHECK(lit("FALSE").int_value == 0);
  CHECK(lit("datetime(2020-01-01)").type == ScalarType::DateTime);
  CHECK(lit("datetime(2020-01-01)").text == "2020-01-01");
  CHECK(lit("datetime( 2015-12-31 23:59:59.9 )").text == "2015-12-31 23:59:59.9");
  CHECK(lit("datetime(\"2020-01-01\")").text == "2020-01-01");
  CHECK(lit("datetime(null)").is_null);
  CHECK(lit("date(2020-01-01)").type == ScalarType::DateTime);
  CHECK(lit("guid(74be27de-1e4e-49d9-b579-fe0b331d3642)").type == ScalarType::Guid);
  CHECK(lit("guid(74be27de-1e4e-49d9-b579-fe0b331d3642)").text ==
        "74be27de-1e4e-49d9-b579-fe0b331d3642");
  CHECK(lit("decimal(1.5)").type == ScalarType::Decimal);
  CHECK(error_of("print x = int(3000000000)") ==
        "1:11: int literal 'int(3000000000)' is out of range");
  CHECK(error_of("print x = long(abc)") == "1:11: invalid long literal 'long(abc)'");
  CHECK(error_of("print x = bool(yes)") ==
        "1:11: invalid bool literal 'bool(yes)' (expected true, false or null)");
  CHECK(error_of("print x = datetime(2020-01-01\n)") ==
        "1:11: unterminated datetime(...) literal: expected ')' on the same line");
  CHECK(error_of("print x = 74be27de-1e4e-49d9-b579-fe0b331d3642") ==
        "1:11: a guid literal must be written guid(74be27de-1e4e-49d9-b579-fe0b331d3642)");
}

TEST_CASE("literals: dynamic values are a tree of literal nodes") {
  using huntq::kql::test::dump_expr;
  CHECK(dump_expr("dynamic(null)") == "(dynamic (dynamic null))");
  CHECK(dump_expr("dynamic([])") == "(dynamic (array))");
  CHECK(dump_expr(R"(dynamic(["a", 'b']))") == R"((dynamic (array (string "a") (string "b"))))");
  CHECK(
      dump_expr(
          R"(dynamic({"a": datetime(2020-01-01), "b": [1, -2.5, "x", null, true], c: {}}))") ==
      R"((dynamic (object ("a" (datetime "2020-01-01")) ("b" (array (long 1) (real -2.5) (string "x") (dynamic null) (bool true))) ("c" (object)))))");
  CHECK(
      dump_expr("dynamic({'t': 1d, 'g': guid(00000000-0000-0000-0000-000000000001), "
                "'n': dynamic([1])})") ==
      R"((dynamic (object ("t" (timespan 864000000000)) ("g" (guid "00000000-0000-0000-0000-000000000001")) ("n" (dynamic (array (long 1)))))))");
  CHECK(huntq::kql::test::error_of("print x = dynamic(x)") ==
        "1:19: expected a dynamic value (number, string, bool, null, literal, [...] or {...}), "
        "found 'x'");
  CHECK(huntq::kql::test::error_of("print x = dynamic([1,])") ==
        "1:22: expected a dynamic value (number, string, bool, null, literal, [...] or {...}), "
        "found ']'");
}
