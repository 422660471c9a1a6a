// Conversion functions (docs/semantics/conversion.md). Expected values are worked out by hand
// from Microsoft's docs (cited per case) and kql-semantics.md T-4 (failure gives null).
#include <cmath>
#include <limits>

#include "engine/functions/scalar_test_support.h"

using namespace huntq;
using namespace huntq::engine;
using namespace huntq::engine::test;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

TEST_CASE("conversion: conversion function result types match Kusto.Language") {
  check_type_rows({
      {"tostring(1)", "string"},
      {"tostring(dynamic(1))", "string"},
      {"toint(1)", "int"},
      {"toint('1')", "int"},
      {"tolong(1.5)", "long"},
      {"toreal('1')", "real"},
      {"todouble(1)", "real"},
      {"tobool('1')", "bool"},
      {"toboolean(1)", "bool"},
      {"todatetime('2020-01-01')", "datetime"},
      {"todatetime(1)", "datetime"},
      {"totimespan('1d')", "timespan"},
      {"totime('1d')", "timespan"},
      {"toguid('a')", "guid"},
      {"toguid(dynamic('a'))", "guid"},
      {"toguid(1)", "ERROR"},
      {"tohex(1)", "string"},
      {"tohex(int(1), 2)", "string"},
      {"tohex(1.5)", "ERROR"},
      {"tohex(1, 2.5)", "ERROR"},
      {"gettype(1)", "string"},
  });
  CHECK(FunctionRegistry::instance().scalar("todecimal") == nullptr);  // decimal: unsupported
}

TEST_CASE("conversion: conversions name their column after the argument") {
  for (const char* f : {"tostring", "toint", "tolong", "toreal", "tobool", "todatetime",
                        "totimespan", "toguid", "tohex"}) {
    INFO(f);
    CHECK(FunctionRegistry::instance().scalar(f)->result_name == ResultName::FirstArgument);
  }
}

TEST_CASE("conversion: tostring (tostring-function.md, D-4)") {
  CHECK(same(call("tostring", {L(123)}), S("123")));
  CHECK(same(call("tostring", {N(Type::Long)}), S("")));  // null gives ""
  CHECK(same(call("tostring", {D("")}), S("")));
  CHECK(same(call("tostring", {B(true)}), S("true")));
  CHECK(same(call("tostring", {DT("2020-01-01")}), S("2020-01-01T00:00:00.0000000Z")));
  CHECK(same(call("tostring", {TS("00:00:02")}), S("00:00:02")));
  CHECK(same(call("tostring", {D("{\"a\":\"s\"}")}), S("{\"a\":\"s\"}")));
  CHECK(same(call("tostring", {D("\"s\"")}), S("s")));  // a dynamic string is unquoted
  CHECK(same(call("tostring", {R(kNaN)}), S("NaN")));
  CHECK(same(call("tostring", {I(-5)}), S("-5")));
}

TEST_CASE("conversion: toint and tolong from every input type (their doc pages)") {
  CHECK(same(call("==", {call("toint", {S("123")}), L(123)}), B(true)));  // toint-function.md
  CHECK(same(call("toint", {R(2.3)}), I(2)));
  CHECK(same(call("==", {call("tolong", {S("123")}), L(123)}), B(true)));  // tolong-function.md
  struct Row {
    Value in;
    Value as_int, as_long;
  };
  const Value NI = N(Type::Int), NL = N(Type::Long);
  const Row rows[] = {
      {S(" 5 "), I(5), L(5)},  // surrounding whitespace
      {S("\t-7\n"), I(-7), L(-7)},
      {S("+7"), I(7), L(7)},
      {S("-0"), I(0), L(0)},
      {S("1.5"), NI, NL},  // text with a fraction is no integer
      {S("1e3"), NI, NL},
      {S("0x1F"), NI, NL},
      {S("1 000"), NI, NL},
      {S(""), NI, NL},
      {S("-"), NI, NL},
      {S("abc"), NI, NL},
      {S("2147483647"), I(INT32_MAX), L(INT32_MAX)},
      {S("2147483648"), NI, L(2147483648LL)},
      {S("-2147483648"), I(INT32_MIN), L(INT32_MIN)},
      {S("9223372036854775807"), NI, L(INT64_MAX)},
      {S("9223372036854775808"), NI, NL},
      {S("-9223372036854775808"), NI, L(INT64_MIN)},
      {S("99999999999999999999999"), NI, NL},
      {R(-2.7), I(-2), L(-2)},  // reals truncate toward zero
      {R(2147483647.9), I(INT32_MAX), L(2147483647)},
      {R(3e9), NI, L(3000000000LL)},
      {R(9.3e18), NI, NL},
      {R(-9223372036854775808.0), NI, L(INT64_MIN)},
      {R(kNaN), NI, NL},
      {R(kInf), NI, NL},
      {L(3000000000LL), NI, L(3000000000LL)},  // out of int's range: null
      {I(-9), I(-9), L(-9)},
      {B(true), I(1), L(1)},
      {B(false), I(0), L(0)},
      {TS("1s"), I(10000000), L(10000000)},  // ticks
      {DT("0001-01-01T00:00:01Z"), I(10000000), L(10000000)},
      {G("0123456789abcdef0123456789abcdef"), NI, NL},
      {D("5"), I(5), L(5)},
      {D("5.7"), I(5), L(5)},
      {D("\"5\""), I(5), L(5)},
      {D("true"), I(1), L(1)},
      {D("[5]"), NI, NL},
      {D("{\"a\":5}"), NI, NL},
      {D(""), NI, NL},
      {N(Type::Real), NI, NL},
  };
  for (const Row& r : rows) {
    INFO(describe(r.in));
    CHECK(same(call("toint", {r.in}), r.as_int));
    CHECK(same(call("tolong", {r.in}), r.as_long));
  }
}

TEST_CASE("conversion: toreal and todouble from every input type (toreal-function.md)") {
  CHECK(same(call("==", {call("toreal", {S("123.4")}), R(123.4)}), B(true)));
  struct Row {
    Value in, out;
  };
  const Value NR = N(Type::Real);
  const Row rows[] = {
      {S(" 1e3 "), R(1000)},
      {S(".5"), R(0.5)},
      {S("5."), R(5)},
      {S("-0"), R(-0.0)},
      {S("+2.5E-1"), R(0.25)},
      {S("NaN"), R(kNaN)},
      {S("nan"), R(kNaN)},
      {S("Infinity"), R(kInf)},
      {S("-Infinity"), R(-kInf)},
      {S("inf"), R(kInf)},
      {S("1e400"), R(kInf)},  // overflowing text reads as an infinity (.NET Core)
      {S("-1e400"), R(-kInf)},
      {S("1e-400"), R(0)},
      {S("1,000"), NR},
      {S("0x10"), NR},
      {S("1.2.3"), NR},
      {S("+-1"), NR},
      {S(""), NR},
      {S("abc"), NR},
      {L(INT64_MAX), R(9223372036854775807.0)},
      {I(-3), R(-3)},
      {B(true), R(1)},
      {TS("1s"), R(1e7)},
      {G("0123456789abcdef0123456789abcdef"), NR},
      {D("2.5"), R(2.5)},
      {D("\"2.5\""), R(2.5)},
      {D("7"), R(7)},
      {D("[1]"), NR},
      {D(""), NR},
  };
  for (const Row& r : rows) {
    INFO(describe(r.in));
    CHECK(same(call("toreal", {r.in}), r.out));
    CHECK(same(call("todouble", {r.in}), r.out));
  }
}

TEST_CASE("conversion: tobool from every input type (tobool-function.md)") {
  CHECK(same(call("tobool", {S("true")}), B(true)));
  CHECK(same(call("tobool", {S("false")}), B(false)));
  CHECK(same(call("tobool", {L(1)}), B(true)));
  CHECK(same(call("tobool", {L(123)}), B(true)));
  struct Row {
    Value in, out;
  };
  const Value NB = N(Type::Bool);
  const Row rows[] = {
      {S("True"), B(true)},
      {S(" FALSE "), B(false)},
      {S("1"), B(true)},
      {S("0"), B(false)},
      {S("-2"), B(true)},
      {S("yes"), NB},
      {S("t"), NB},
      {S(""), NB},
      {L(0), B(false)},
      {I(-1), B(true)},
      {R(0.0), B(false)},
      {R(-0.0), B(false)},
      {R(0.1), B(true)},
      {R(kNaN), B(true)},  // NaN is not zero (.NET's Convert.ToBoolean)
      {DT("2020-01-01"), NB},
      {TS("1s"), NB},
      {D("true"), B(true)},
      {D("\"false\""), B(false)},
      {D("0"), B(false)},
      {D("[true]"), NB},
      {D(""), NB},
  };
  for (const Row& r : rows) {
    INFO(describe(r.in));
    CHECK(same(call("tobool", {r.in}), r.out));
    CHECK(same(call("toboolean", {r.in}), r.out));
  }
}

TEST_CASE("conversion: todatetime and totimespan from every input type (their doc pages)") {
  CHECK(same(call("todatetime", {S("2015-12-31 23:59:59.9")}), DT("2015-12-31T23:59:59.9Z")));
  // todatetime('12-02-2022') == datetime('12-02-2022') (2022-12-02, T-DT-3).
  CHECK(same(call("todatetime", {S("12-02-2022")}), DT("2022-12-02")));
  CHECK(same(call("todatetime", {DT("2020-01-01")}), DT("2020-01-01")));
  CHECK(same(call("todatetime", {D("\"2020-01-01T10:00:00Z\"")}), DT("2020-01-01T10:00:00Z")));
  CHECK(same(call("todatetime", {L(1)}), N(Type::DateTime)));  // numbers: null
  CHECK(same(call("todatetime", {R(1.5)}), N(Type::DateTime)));
  CHECK(same(call("todatetime", {B(true)}), N(Type::DateTime)));
  CHECK(same(call("todatetime", {D("1")}), N(Type::DateTime)));
  CHECK(same(call("todatetime", {D("")}), N(Type::DateTime)));
  // totimespan-function.md: totimespan("0.00:03:00"), totimespan(4d), totimespan(5 * 1h),
  // totimespan(5 * 2m), totimespan(5 * 4s).
  CHECK(same(call("totimespan", {S("0.00:03:00")}), TS("00:03:00")));
  CHECK(same(call("totimespan", {TS("4d")}), TS("4.00:00:00")));
  CHECK(same(call("totimespan", {call("*", {L(5), TS("1h")})}), TS("05:00:00")));
  CHECK(same(call("totimespan", {call("*", {L(5), TS("2m")})}), TS("00:10:00")));
  CHECK(same(call("totimespan", {call("*", {L(5), TS("4s")})}), TS("00:00:20")));
  // Text forms of the value layer, and failures (the emulator notes: 'garbage' gives null).
  CHECK(same(call("totimespan", {S("4.00:00:00")}), TS("4d")));
  CHECK(same(call("totime", {S(" 1.5h ")}), TS("01:30:00")));
  CHECK(same(call("totimespan", {S("-00:00:01.5")}), Ticks(-15000000)));
  CHECK(same(call("totimespan", {S("garbage")}), N(Type::TimeSpan)));
  CHECK(same(call("totimespan", {S("25:00:00")}), N(Type::TimeSpan)));
  CHECK(same(call("totimespan", {L(1)}), N(Type::TimeSpan)));
  CHECK(same(call("totimespan", {D("\"1.00:00:00\"")}), TS("1d")));
  CHECK(same(call("totimespan", {D("86400")}), N(Type::TimeSpan)));
}

TEST_CASE("conversion: toguid (toguid-function.md)") {
  const Value g = G("01234567-89ab-cdef-0123-456789abcdef");
  CHECK(same(call("toguid", {S("0123456789abcdef0123456789abcdef")}), g));
  CHECK(same(call("toguid", {S("0123456789ab-cdef-0123-456789abcdef")}), g));
  CHECK(same(call("toguid", {S("a string that is not a guid")}), N(Type::Guid)));
  CHECK(same(call("toguid", {S("01234567-89AB-CDEF-0123-456789ABCDEF")}), g));
  CHECK(same(call("toguid", {S("{01234567-89ab-cdef-0123-456789abcdef}")}), g));
  CHECK(same(call("toguid", {S("0123456789abcdef0123456789abcdefXYZ")}), g));  // rest ignored
  CHECK(same(call("toguid", {S("0123456789abcdef0123456789abcde")}), N(Type::Guid)));
  CHECK(same(call("toguid", {S("")}), N(Type::Guid)));
  CHECK(same(call("toguid", {D("\"0123456789abcdef0123456789abcdef\"")}), g));
  CHECK(same(call("toguid", {D("1")}), N(Type::Guid)));
}

TEST_CASE("conversion: tohex (tohex-function.md)") {
  CHECK(same(call("tohex", {L(256)}), S("100")));
  CHECK(same(call("tohex", {L(-256)}), S("ffffffffffffff00")));
  CHECK(same(call("tohex", {I(-256), L(8)}), S("ffffff00")));
  CHECK(same(call("tohex", {L(256), L(8)}), S("00000100")));
  CHECK(same(call("tohex", {L(256), L(2)}), S("100")));
  CHECK(same(call("tohex", {L(0)}), S("0")));
  CHECK(same(call("tohex", {L(INT64_MIN)}), S("8000000000000000")));
  CHECK(same(call("tohex", {I(INT32_MIN)}), S("80000000")));
  CHECK(same(call("tohex", {L(1), L(40)}), S("0000000000000001")));  // at most 16
  CHECK(same(call("tohex", {L(255), L(-3)}), S("ff")));
  CHECK(same(call("tohex", {N(Type::Long)}), S("")));
}

TEST_CASE("conversion: gettype (gettype-function.md)") {
  CHECK(same(call("gettype", {S("a")}), S("string")));
  CHECK(same(call("gettype", {L(111)}), S("long")));
  CHECK(same(call("gettype", {call("==", {L(1), L(1)})}), S("bool")));
  CHECK(same(call("gettype", {DT("2020-01-01")}), S("datetime")));
  CHECK(same(call("gettype", {TS("1s")}), S("timespan")));
  CHECK(same(call("gettype", {D("1")}), S("int")));
  CHECK(same(call("gettype", {D(" \"abc\" ")}), S("string")));
  CHECK(same(call("gettype", {D(" {\"abc\":1} ")}), S("dictionary")));
  CHECK(same(call("gettype", {D(" [1, 2, 3] ")}), S("array")));
  CHECK(same(call("gettype", {R(123.45)}), S("real")));
  CHECK(same(call("gettype", {G("12e8b78d-55b4-46ae-b068-26d7a0080254")}), S("guid")));
  CHECK(same(call("gettype", {D("")}), S("null")));
  CHECK(same(call("gettype", {N(Type::Int)}), S("int")));  // a typed null keeps its type
  CHECK(same(call("gettype", {I(1)}), S("int")));
}
