// Arithmetic, ordering comparisons, between and the math functions (docs/semantics/math.md).
// Expected values are worked out by hand from Microsoft's docs (cited per case); result types
// come from Kusto.Language (node ref.js 'print x = ...').
#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "engine/functions/scalar_test_support.h"

using namespace huntq;
using namespace huntq::engine;
using namespace huntq::engine::test;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::numeric_limits<double>::quiet_NaN();

// Operand types in the order of the matrices below.
const Type kTypes[] = {Type::Bool,     Type::Int,  Type::Long,   Type::Real,   Type::DateTime,
                       Type::TimeSpan, Type::Guid, Type::String, Type::Dynamic};

char code_of(std::optional<Type> t) {
  if (!t) return '.';
  switch (*t) {
    case Type::Bool:
      return 'b';
    case Type::Int:
      return 'i';
    case Type::Long:
      return 'l';
    case Type::Real:
      return 'r';
    case Type::DateTime:
      return 'd';
    case Type::TimeSpan:
      return 't';
    case Type::Guid:
      return 'g';
    case Type::String:
      return 's';
    case Type::Dynamic:
      return 'y';
  }
  return '?';
}

struct OperatorMatrix {
  const char* op;
  const char* rows[9];  // rows: left operand type, columns: right operand type (kTypes order)
};

// Kusto.Language's result type of `print x = <left> <op> <right>` for the literals bool(true),
// int(1), long(1), real(1), datetime(2020-01-01), 1h, guid(...), 'a', dynamic(1); '.' where it
// reports an error. Codes: b bool, i int, l long, r real, d datetime, t timespan, g guid,
// s string, y dynamic.
const OperatorMatrix kKusto[] = {
    {"+",
     {".........", ".llr....l", ".llr....l", ".rrr....r", "....dd..d", "....dt..t", ".........",
      ".........", ".llrdt..y"}},
    {"-",
     {".........", ".llr....l", ".llr....l", ".rrr....r", "....td..t", "....dt..t", ".........",
      ".........", ".llrtt..y"}},
    {"*",
     {".........", ".llrdt..l", ".llrdt..l", ".rrrdt..r", ".ddd.....", ".ttt.t...", ".........",
      ".........", ".llr....y"}},
    {"/",
     {".........", ".llr....l", ".llr....l", ".rrr....r", ".dddrr...", ".ttt.r...", ".........",
      ".........", ".llr....y"}},
    {"%",
     {".........", ".llr....l", ".llr....l", ".rrr....r", ".dddtt...", ".ttt.t...", ".........",
      ".........", ".llr....y"}},
    {"<",
     {"bbbb.....", "bbbb....b", "bbbb....b", "bbbb....b", "....b....", ".....b...", ".........",
      ".........", ".bbb....b"}},
    {"<=",
     {"bbbb.....", "bbbb....b", "bbbb....b", "bbbb....b", "....b....", ".....b...", ".........",
      ".........", ".bbb....b"}},
    {">",
     {"bbbb.....", "bbbb....b", "bbbb....b", "bbbb....b", "....b....", ".....b...", ".........",
      ".........", ".bbb....b"}},
    {">=",
     {"bbbb.....", "bbbb....b", "bbbb....b", "bbbb....b", "....b....", ".....b...", ".........",
      ".........", ".bbb....b"}},
};

// huntq's types. It refuses, by choice, what Kusto.Language types but Kusto's own docs do not
// define (datetime-timespan-arithmetic.md: datetimes are subtracted, not added; no datetime
// product, quotient or remainder by numbers; no timespan * timespan; no timespan - datetime):
// docs/semantics/math.md "Refused operand types". It never accepts what Kusto.Language rejects
// and never types a call differently.
const OperatorMatrix kHuntq[] = {
    {"+",
     {".........", ".llr....l", ".llr....l", ".rrr....r", ".....d..d", "....dt..t", ".........",
      ".........", ".llrdt..y"}},
    {"-",
     {".........", ".llr....l", ".llr....l", ".rrr....r", "....td..t", ".....t..t", ".........",
      ".........", ".llrtt..y"}},
    {"*",
     {".........", ".llr.t..l", ".llr.t..l", ".rrr.t..r", ".........", ".ttt.....", ".........",
      ".........", ".llr....y"}},
    {"/",
     {".........", ".llr....l", ".llr....l", ".rrr....r", ".........", ".ttt.r...", ".........",
      ".........", ".llr....y"}},
    {"%",
     {".........", ".llr....l", ".llr....l", ".rrr....r", ".....t...", ".ttt.t...", ".........",
      ".........", ".llr....y"}},
    {"<",
     {"bbbb.....", "bbbb....b", "bbbb....b", "bbbb....b", "....b....", ".....b...", ".........",
      ".........", ".bbb....b"}},
    {"<=",
     {"bbbb.....", "bbbb....b", "bbbb....b", "bbbb....b", "....b....", ".....b...", ".........",
      ".........", ".bbb....b"}},
    {">",
     {"bbbb.....", "bbbb....b", "bbbb....b", "bbbb....b", "....b....", ".....b...", ".........",
      ".........", ".bbb....b"}},
    {">=",
     {"bbbb.....", "bbbb....b", "bbbb....b", "bbbb....b", "....b....", ".....b...", ".........",
      ".........", ".bbb....b"}},
};

std::optional<Type> binary_type(std::string_view op, Type a, Type b) {
  const ArgInfo args[] = {{a, nullptr}, {b, nullptr}};
  try {
    return resolve_call(*FunctionRegistry::instance().scalar(op), args).result;
  } catch (const Error&) {
    return std::nullopt;
  }
}

Value tick_dt(std::int64_t ticks) {
  return Value::datetime(ticks);
}

const std::int64_t kMaxTicks = ticks_from_civil(10000, 1, 1) - 1;

}  // namespace

TEST_CASE("math: arithmetic and comparison result types match Kusto.Language") {
  for (std::size_t k = 0; k < std::size(kHuntq); ++k) {
    const OperatorMatrix& ours = kHuntq[k];
    const OperatorMatrix& kusto = kKusto[k];
    REQUIRE(std::string_view(ours.op) == kusto.op);
    for (std::size_t i = 0; i < 9; ++i) {
      for (std::size_t j = 0; j < 9; ++j) {
        const char got = code_of(binary_type(ours.op, kTypes[i], kTypes[j]));
        INFO(type_name(kTypes[i]) << " " << ours.op << " " << type_name(kTypes[j]));
        CHECK(got == ours.rows[i][j]);
        // A refusal is the only difference huntq may have from Kusto.Language.
        CHECK((got == kusto.rows[i][j] || got == '.'));
      }
    }
  }
}

TEST_CASE("math: math function result types match Kusto.Language") {
  check_type_rows({
      {"-int(1)", "int"},
      {"-@int", "long"},
      {"-long(1)", "long"},
      {"-real(1)", "real"},
      {"-1h", "timespan"},
      {"-dynamic(1)", "dynamic"},
      {"-datetime(2020-01-01)", "datetime", "ERROR"},  // no negative datetimes
      {"-'a'", "ERROR"},
      {"-true", "ERROR"},
      {"int(1) between (int(1) .. int(2))", "bool"},
      {"long(1) between (real(1) .. int(2))", "bool"},
      {"real(1) between (int(1) .. long(2))", "bool"},
      {"1h between (1h .. 2h)", "bool"},
      {"datetime(2020-01-01) between (datetime(2020-01-01) .. datetime(2020-01-02))", "bool"},
      {"datetime(2020-01-01) between (datetime(2020-01-01) .. 1d)", "bool"},
      {"datetime(2020-01-01) between (1d .. 1d)", "ERROR"},
      {"1 between (dynamic(1) .. dynamic(2))", "bool"},
      {"1 between (dynamic(1) .. 2)", "ERROR"},
      {"dynamic(1) between (1 .. 2)", "bool"},
      {"'a' between ('a' .. 'b')", "ERROR"},
      {"1h between (1 .. 2)", "ERROR"},
      {"int(1) !between (int(1) .. int(2))", "bool"},
      {"datetime(2020-01-01) !between (datetime(2020-01-01) .. 1d)", "bool"},
      {"abs(int(1))", "long"},
      {"abs(long(1))", "long"},
      {"abs(real(1))", "real"},
      {"abs(1h)", "timespan"},
      {"abs(dynamic(1))", "ERROR"},
      {"abs('a')", "ERROR"},
      {"round(int(1))", "int"},
      {"round(long(1))", "long"},
      {"round(real(1))", "real"},
      {"round(real(1), 2)", "real"},
      {"round(int(1), 2)", "int"},
      {"round(1.5, int(2))", "real"},
      {"round(1h)", "ERROR"},
      {"round(1.5, 1.5)", "ERROR"},
      {"ceiling(int(1))", "int"},
      {"ceiling(long(1))", "long"},
      {"ceiling(real(1))", "real"},
      {"ceiling(1h)", "ERROR"},
      {"sqrt(int(4))", "real"},
      {"sqrt(1h)", "ERROR"},
      {"sqrt('4')", "ERROR"},
      {"pow(2, 3)", "real"},
      {"pow(int(2), real(3))", "real"},
      {"exp(1)", "real"},
      {"exp2(1)", "real"},
      {"exp10(int(1))", "real"},
      {"log(1)", "real"},
      {"log2(1.5)", "real"},
      {"log10(1)", "real"},
      {"sin(1)", "real"},
      {"cos(1)", "real"},
      {"tan(1)", "real"},
      {"asin(1)", "real"},
      {"acos(1)", "real"},
      {"atan(1)", "real"},
      {"atan2(1, 2)", "real"},
      {"cot(1)", "real"},
      {"degrees(1)", "real"},
      {"radians(1)", "real"},
      {"gamma(1)", "real"},
      {"loggamma(1)", "real"},
      {"sign(int(1))", "real"},
      {"sign(1h)", "ERROR"},
      {"isnan(1)", "bool"},
      {"isnan(int(1))", "bool"},
      {"isnan(dynamic(1))", "ERROR"},
      {"isinf(1.0)", "bool"},
      {"isfinite(1)", "bool"},
      {"rand()", "real"},
      {"rand(10)", "real"},
      {"rand(int(10))", "real"},
      {"rand(1.5)", "ERROR"},
      {"new_guid()", "guid"},
      {"pi()", "real"},
      {"binary_and(int(1), int(2))", "long"},
      {"binary_and(1, 2.0)", "ERROR"},
      {"binary_or(1, 2)", "long"},
      {"binary_xor(1, int(2))", "long"},
      {"binary_not(int(1))", "long"},
      {"binary_shift_left(int(1), int(2))", "long"},
      {"binary_shift_right(1, 2)", "long"},
  });
}

TEST_CASE("math: round's precision must be a constant (round-function.md)") {
  const ScalarFunction* f = FunctionRegistry::instance().scalar("round");
  const Value x = R(1.5);
  const ArgInfo args[] = {{Type::Real, &x}, {Type::Long, nullptr}};
  CHECK_THROWS_AS(resolve_call(*f, args), Error);
}

TEST_CASE("math: numbers, numerical-operators.md examples") {
  // Type rules table.
  CHECK(same(call("/", {R(1.0), L(2)}), R(0.5)));
  CHECK(same(call("/", {L(1), R(2.0)}), R(0.5)));
  CHECK(same(call("/", {L(1), L(2)}), L(0)));
  CHECK(same(call("/", {I(1), I(2)}), L(0)));  // int op int is long
  // Modulo: 14 % 12, -14 % 12, 14 % -12, -14 % -12 are 2, 10, 2, 10.
  CHECK(same(call("%", {L(14), L(12)}), L(2)));
  CHECK(same(call("%", {L(-14), L(12)}), L(10)));
  CHECK(same(call("%", {L(14), L(-12)}), L(2)));
  CHECK(same(call("%", {L(-14), L(-12)}), L(10)));
  // The operator table's examples.
  CHECK(same(call("+", {R(3.14), R(3.14)}), R(6.28)));
  CHECK(same(call("*", {L(2), L(2)}), L(4)));
  CHECK(same(call("/", {L(4), L(2)}), L(2)));
  CHECK(same(call("<", {L(1), L(10)}), B(true)));
  CHECK(same(call(">", {R(0.23), R(0.22)}), B(true)));
  CHECK(same(call("<=", {L(4), L(5)}), B(true)));
  CHECK(same(call(">=", {L(5), L(4)}), B(true)));
  CHECK(same(call("<", {TS("10s"), TS("1h")}), B(true)));
  CHECK(same(call(">", {TS("10m"), TS("1s")}), B(true)));
}

TEST_CASE("math: long arithmetic wraps, division truncates, zero divisors give null") {
  struct Row {
    const char* op;
    Value a, b, expected;
  };
  const std::int64_t kMin = INT64_MIN, kMax = INT64_MAX;
  const Row rows[] = {
      {"+", L(kMax), L(1), L(kMin)},  // .NET unchecked: wraps
      {"-", L(kMin), L(1), L(kMax)},
      {"*", L(kMax), L(2), L(-2)},
      {"*", L(kMin), L(-1), L(kMin)},
      {"/", L(7), L(-2), L(-3)},  // truncates toward zero
      {"/", L(-7), L(2), L(-3)},
      {"/", L(1), L(0), N(Type::Long)},
      {"/", L(kMin), L(-1), N(Type::Long)},  // .NET throws even unchecked
      {"%", L(1), L(0), N(Type::Long)},
      {"%", L(kMin), L(-1), L(0)},
      {"%", L(kMin), L(kMin), L(0)},
      {"%", L(-1), L(kMin), L(kMax)},  // in [0, 2^63)
      {"%", L(kMin), L(3), L(1)},      // -9223372036854775808 = -3074457345618258603*3 + 1
      {"+", I(INT32_MAX), I(1), L(2147483648LL)},  // int + int is long: no int overflow
      {"-", I(INT32_MIN), I(1), L(-2147483649LL)},
      {"+", L(1), N(Type::Long), N(Type::Long)},
      {"+", N(Type::Int), I(1), N(Type::Long)},
      {"*", N(Type::Real), R(2), N(Type::Real)},
  };
  for (const Row& r : rows) {
    INFO(describe(r.a) << " " << r.op << " " << describe(r.b));
    CHECK(same(call(r.op, {r.a, r.b}), r.expected));
  }
}

TEST_CASE("math: real arithmetic follows IEEE 754 (real.md)") {
  CHECK(same(call("/", {R(1.0), R(0.0)}), R(kInf)));
  CHECK(same(call("/", {R(-1.0), R(0.0)}), R(-kInf)));
  CHECK(same(call("/", {R(0.0), R(0.0)}), R(kNaN)));
  CHECK(same(call("/", {L(1), R(0.0)}), R(kInf)));
  CHECK(same(call("+", {R(kInf), R(-kInf)}), R(kNaN)));
  CHECK(same(call("*", {R(kNaN), L(0)}), R(kNaN)));
  CHECK(same(call("-", {R(kInf), L(INT64_MIN)}), R(kInf)));
  // Modulo is non-negative for reals too.
  CHECK(same(call("%", {R(-7.5), R(2)}), R(0.5)));
  CHECK(same(call("%", {R(7.5), R(-2)}), R(1.5)));
  CHECK(same(call("%", {R(1), R(0)}), R(kNaN)));
  CHECK(same(call("%", {R(kNaN), R(2)}), R(kNaN)));
}

TEST_CASE("math: unary minus") {
  CHECK(same(call("-unary", {I(5)}), I(-5)));                 // a constant int stays int
  CHECK(same(call("-unary", {L(INT64_MIN)}), L(INT64_MIN)));  // wraps
  CHECK(same(call("-unary", {R(0.0)}), R(-0.0)));
  CHECK(std::signbit(call("-unary", {R(0.0)}).as_real()));
  CHECK(same(call("-unary", {R(kInf)}), R(-kInf)));
  CHECK(same(call("-unary", {TS("1h")}), TS("-01:00:00")));
  CHECK(same(call("-unary", {Ticks(INT64_MIN)}), N(Type::TimeSpan)));
  CHECK(same(call("-unary", {N(Type::Long)}), N(Type::Long)));
  CHECK(same(call("-unary", {D("3")}), DL(-3)));
  CHECK(same(call("-unary", {D("2.5")}), D("-2.5")));
  CHECK(same(call("-unary", {D("\"x\"")}), N(Type::Dynamic)));
  // A column of type int (not a constant) negates to long, -(int.MinValue) included.
  const ScalarFunction* f = FunctionRegistry::instance().scalar("-unary");
  const ArgInfo column[] = {{Type::Int, nullptr}};
  const ResolvedCall rc = resolve_call(*f, column);
  REQUIRE(rc.result == Type::Long);
  const Value v = I(INT32_MIN);
  const Value* args[] = {&v};
  CHECK(same(evaluate_call(rc, Args(args, 1)), L(2147483648LL)));
}

TEST_CASE("math: datetime and timespan arithmetic, datetime-timespan-arithmetic.md") {
  // Cousteau's age: datetime(1997-06-25) - datetime(1910-06-11).
  CHECK(same(call("-", {DT("1997-06-25"), DT("1910-06-11")}), TS("31791.00:00:00")));
  CHECK(same(call("+", {TS("1d"), TS("2d")}), TS("3d")));
  CHECK(same(call("+", {DT("1910-06-11"), TS("1d")}), DT("1910-06-12")));
  CHECK(same(call("+", {TS("1d"), DT("1910-06-11")}), DT("1910-06-12")));
  CHECK(same(call("/", {TS("1d"), TS("5h")}), R(4.8)));
  CHECK(same(call("/", {TS("1h"), TS("1s")}), R(3600)));
  CHECK(same(call("*", {R(1.5), TS("1h")}), TS("01:30:00")));
  // fromUnixTime: datetime(1970-01-01) + 1546897531 * 1sec = 2019-01-07 21:45:31.
  CHECK(same(call("+", {DT("1970-01-01"), call("*", {L(1546897531), TS("1s")})}),
             DT("2019-01-07T21:45:31Z")));
  // toUnixTime: (datetime(2019-01-07 21:45:31) - datetime(1970-01-01)) / 1s = 1546897531.
  CHECK(same(call("/", {call("-", {DT("2019-01-07 21:45:31"), DT("1970-01-01")}), TS("1s")}),
             R(1546897531)));
  // timespan.md: 1d / 1s, time(1d) / time(1s), 24 * 60 * time(00:01:00) / time(1s), 86400 * 1s.
  CHECK(same(call("/", {TS("1d"), TS("1s")}), R(86400)));
  CHECK(same(call("/", {call("*", {call("*", {L(24), L(60)}), TS("00:01:00")}), TS("1s")}),
             R(86400)));
  CHECK(same(call("*", {L(86400), TS("1s")}), TS("1.00:00:00")));
}

TEST_CASE("math: datetime and timespan arithmetic at the edges") {
  struct Row {
    const char* op;
    Value a, b, expected;
  };
  const Row rows[] = {
      {"-", DT("0001-01-01"), TS("1tick"), N(Type::DateTime)},  // before the first tick
      {"+", tick_dt(kMaxTicks), TS("1tick"), N(Type::DateTime)},
      {"+", DT("9999-12-31"), TS("23:59:59.9999999"), tick_dt(kMaxTicks)},
      {"-", tick_dt(kMaxTicks), DT("0001-01-01"), Ticks(kMaxTicks)},
      {"-", DT("0001-01-01"), tick_dt(kMaxTicks), Ticks(-kMaxTicks)},
      {"+", DT("2020-01-01"), TS("-1d"), DT("2019-12-31")},
      {"-", DT("2020-01-01"), TS("-1d"), DT("2020-01-02")},
      {"+", tick_dt(0), Ticks(INT64_MAX), N(Type::DateTime)},
      {"+", Ticks(INT64_MAX), Ticks(1), N(Type::TimeSpan)},  // .NET throws: null
      {"-", Ticks(INT64_MIN), Ticks(1), N(Type::TimeSpan)},
      {"*", Ticks(INT64_MAX), L(2), N(Type::TimeSpan)},
      {"*", TS("-1h"), L(-2), TS("02:00:00")},
      {"*", TS("1h"), R(kNaN), N(Type::TimeSpan)},
      {"*", TS("1h"), R(kInf), N(Type::TimeSpan)},
      {"*", Ticks(3), R(0.5), Ticks(2)},  // 1.5 ticks: ties to even
      {"*", Ticks(5), R(0.5), Ticks(2)},
      {"/", TS("1h"), L(0), N(Type::TimeSpan)},
      {"/", TS("1h"), R(0.0), N(Type::TimeSpan)},
      {"/", TS("1h"), L(-2), TS("-00:30:00")},
      {"/", TS("-7s"), L(2), TS("-00:00:03.5")},
      {"/", Ticks(-7), L(2), Ticks(-3)},  // ticks divide as longs: truncated
      {"/", TS("1h"), TS("0s"), R(kInf)},
      {"/", TS("0s"), TS("0s"), R(kNaN)},
      {"/", TS("-1h"), TS("30m"), R(-2)},
      {"%", TS("-1h"), TS("25m"), TS("00:15:00")},  // non-negative, as for numbers
      {"%", TS("1h"), TS("0s"), N(Type::TimeSpan)},
      {"%", TS("1h"), L(7), Ticks(36'000'000'000LL % 7)},
      {"%", DT("2020-01-01T10:30:00Z"), TS("1d"), TS("10:30:00")},
      {"%", TS("1h"), R(2.5), Ticks(0)},
      {"+", N(Type::DateTime), TS("1h"), N(Type::DateTime)},
      {"-", DT("2020-01-01"), N(Type::DateTime), N(Type::TimeSpan)},
  };
  for (const Row& r : rows) {
    INFO(describe(r.a) << " " << r.op << " " << describe(r.b));
    CHECK(same(call(r.op, {r.a, r.b}), r.expected));
  }
}

TEST_CASE("math: arithmetic with dynamic operands") {
  CHECK(same(call("+", {D("1"), L(2)}), L(3)));
  CHECK(same(call("+", {D("1.5"), I(2)}), L(3)));  // dynamic + int is long: 1.5 reads as 1
  CHECK(same(call("+", {D("1.5"), R(2)}), R(3.5)));
  CHECK(same(call("*", {L(2), D("\"21\"")}), L(42)));  // numeric text converts
  CHECK(same(call("+", {D("\"x\""), L(2)}), N(Type::Long)));
  CHECK(same(call("+", {D("[1]"), L(2)}), N(Type::Long)));
  CHECK(same(call("+", {D("1"), D("2")}), DL(3)));
  CHECK(same(call("/", {D("1"), D("2")}), DL(0)));
  CHECK(same(call("/", {D("1.0"), D("2")}), D("0.5")));
  CHECK(same(call("/", {D("1"), D("0")}), N(Type::Dynamic)));
  CHECK(same(call("+", {D("null"), D("2")}), N(Type::Dynamic)));
  CHECK(same(call("+", {DT("2020-01-01"), D("\"1.00:00:00\"")}), DT("2020-01-02")));
  CHECK(same(call("-", {DT("2020-01-02"), D("\"2020-01-01\"")}), TS("1d")));
  CHECK(same(call("-", {D("\"2020-01-02\""), DT("2020-01-01")}), TS("1d")));
  CHECK(same(call("+", {D("\"x\""), TS("1h")}), N(Type::TimeSpan)));
  // A string is not a dynamic: no arithmetic on it.
  CHECK_THROWS_AS(call("+", {S("1"), L(2)}), Error);
  CHECK_THROWS_AS(call("+", {S("1"), S("2")}), Error);
  CHECK_THROWS_AS(call("<", {S("1"), D("2")}), Error);
}

TEST_CASE("math: ordering comparisons over every numeric pair") {
  struct Row {
    const char* op;
    Value a, b, expected;
  };
  const Value T = B(true), F = B(false), NB = N(Type::Bool);
  const Row rows[] = {
      {"<", I(1), L(2), T},
      {"<", L(2), R(2.5), T},
      {"<", R(2.5), I(3), T},
      {"<", L(INT64_MAX - 1), L(INT64_MAX), T},  // compared as longs, not doubles
      {">", L(INT64_MIN), R(-kInf), T},
      {"<", L(INT64_MAX), R(kInf), T},
      {"<", R(kNaN), L(1), F},  // NaN is unordered
      {">=", R(kNaN), R(kNaN), F},
      {"<=", R(kNaN), R(kInf), F},
      {"<=", R(-0.0), R(0.0), T},
      {">", R(-0.0), R(0.0), F},
      {"<", N(Type::Long), L(1), NB},  // null-values.md: sticky null
      {">", L(1), N(Type::Real), NB},
      {"<", B(false), B(true), T},  // bools compare as 0 and 1
      {"<", B(true), L(2), T},
      {">=", R(1.0), B(true), T},
      {"<", DT("0001-01-01"), tick_dt(kMaxTicks), T},
      {">", DT("2020-01-01"), N(Type::DateTime), NB},
      {"<", TS("-1d"), TS("0s"), T},
      {"<", Ticks(INT64_MIN), Ticks(INT64_MAX), T},
      {"<", D("1"), L(2), T},
      {"<", D("\"1\""), L(2), T},
      {"<", D("\"x\""), L(2), NB},  // not a number: null
      {"<", D("[1]"), L(2), NB},
      {">", L(3), D("2.5"), T},
      {"<", D("1"), D("2.5"), T},
      {"<", D("\"2020-01-01\""), D("\"2020-01-02\""), NB},  // strings in dynamics: no order
      {"<", D("null"), L(2), NB},
  };
  for (const Row& r : rows) {
    INFO(describe(r.a) << " " << r.op << " " << describe(r.b));
    CHECK(same(call(r.op, {r.a, r.b}), r.expected));
  }
}

TEST_CASE("math: between and !between, between-operator.md") {
  // range x from 1 to 100 | where x between (50 .. 55): 50..55 inclusive.
  int kept = 0;
  for (std::int64_t x = 1; x <= 100; ++x)
    if (call("between", {L(x), L(50), L(55)}).as_bool()) ++kept;
  CHECK(kept == 6);
  CHECK(call("between", {L(50), L(50), L(55)}).as_bool());
  CHECK(call("between", {L(55), L(50), L(55)}).as_bool());
  // not-between-operator.md: range 1..10 !between (5 .. 9) keeps 1, 2, 3, 4, 10.
  std::vector<std::int64_t> outside;
  for (std::int64_t x = 1; x <= 10; ++x)
    if (call("!between", {L(x), L(5), L(9)}).as_bool()) outside.push_back(x);
  CHECK(outside == std::vector<std::int64_t>{1, 2, 3, 4, 10});
  // A datetime with a timespan upper bound: datetime(2007-07-27) .. 3d.
  CHECK(call("between", {DT("2007-07-30"), DT("2007-07-27"), TS("3d")}).as_bool());
  CHECK_FALSE(
      call("between", {DT("2007-07-30T00:00:00.0000001Z"), DT("2007-07-27"), TS("3d")}).as_bool());
  CHECK(call("!between", {DT("2007-07-26T23:59:59Z"), DT("2007-07-27"), TS("3d")}).as_bool());
  CHECK(call("between",
             {DT("2007-12-01T05:00:00Z"), DT("2007-12-01T01:30:00"), DT("2007-12-01T08:00:00")})
            .as_bool());
  // Mixed numbers, reals, timespans, nulls, NaN, dynamics.
  CHECK(call("between", {R(2.5), I(2), L(3)}).as_bool());
  CHECK(call("between", {TS("-1h"), TS("-2h"), TS("0s")}).as_bool());
  CHECK(same(call("between", {N(Type::Long), L(1), L(2)}), N(Type::Bool)));
  CHECK(same(call("!between", {L(1), N(Type::Long), L(2)}), N(Type::Bool)));
  CHECK_FALSE(call("between", {R(kNaN), R(-kInf), R(kInf)}).as_bool());
  CHECK(call("!between", {R(kNaN), R(-kInf), R(kInf)}).as_bool());
  CHECK(call("between", {D("5"), L(1), L(10)}).as_bool());
  CHECK(same(call("between", {D("\"x\""), L(1), L(10)}), N(Type::Bool)));
  CHECK(call("between", {L(5), D("1"), D("10")}).as_bool());
  // An empty range, and a span that runs past the last datetime.
  CHECK_FALSE(call("between", {L(5), L(6), L(4)}).as_bool());
  CHECK(call("between", {tick_dt(kMaxTicks), DT("9999-01-01"), Ticks(INT64_MAX)}).as_bool());
  CHECK(call("between", {DT("2000-01-01"), DT("2000-01-01"), TS("-1d")}).as_bool() == false);
}

TEST_CASE("math: abs, round, ceiling, sign (their doc pages)") {
  CHECK(same(call("abs", {L(-5)}), L(5)));  // abs-function.md
  CHECK(same(call("abs", {I(-5)}), L(5)));
  CHECK(same(call("abs", {L(INT64_MIN)}), N(Type::Long)));
  CHECK(same(call("abs", {R(-kInf)}), R(kInf)));
  CHECK(same(call("abs", {TS("-1h")}), TS("1h")));
  // round-function.md.
  CHECK(same(call("round", {R(2.98765), L(3)}), R(2.988)));
  CHECK(same(call("round", {R(2.15), L(1)}), R(2.2)));
  CHECK(same(call("round", {R(2.15)}), R(2)));
  CHECK(same(call("round", {R(-50.55), L(-2)}), R(-100)));
  CHECK(same(call("round", {R(21.5), L(-1)}), R(20)));
  // Halves away from zero; integers keep their type.
  CHECK(same(call("round", {R(2.5)}), R(3)));
  CHECK(same(call("round", {R(-2.5)}), R(-3)));
  CHECK(same(call("round", {I(15), L(-1)}), I(20)));
  CHECK(same(call("round", {L(-15), L(-1)}), L(-20)));
  CHECK(same(call("round", {L(14), L(-1)}), L(10)));
  CHECK(same(call("round", {L(1234), L(2)}), L(1234)));
  CHECK(same(call("round", {I(INT32_MAX), L(-1)}), N(Type::Int)));  // past int's range
  CHECK(same(call("round", {L(INT64_MAX), L(-1)}), N(Type::Long)));
  CHECK(same(call("round", {L(INT64_MIN), L(-30)}), L(0)));
  CHECK(same(call("round", {R(kNaN), L(2)}), R(kNaN)));
  CHECK(same(call("round", {R(1e300), L(10)}), R(1e300)));
  CHECK(same(call("round", {R(0.1), L(30)}), R(0.1)));
  CHECK(same(call("round", {R(123.0), L(-400)}), R(0)));
  // ceiling-function.md: ceiling(-1.1), ceiling(0), ceiling(0.9) are -1, 0, 1.
  CHECK(same(call("ceiling", {R(-1.1)}), R(-1)));
  CHECK(same(call("ceiling", {L(0)}), L(0)));
  CHECK(same(call("ceiling", {R(0.9)}), R(1)));
  CHECK(same(call("ceiling", {I(-7)}), I(-7)));
  // sign-function.md: sign(-42), sign(0), sign(11.2) are -1, 0, 1.
  CHECK(same(call("sign", {L(-42)}), R(-1)));
  CHECK(same(call("sign", {L(0)}), R(0)));
  CHECK(same(call("sign", {R(11.2)}), R(1)));
  CHECK(same(call("sign", {R(kNaN)}), N(Type::Real)));
  CHECK(same(call("sign", {R(-kInf)}), R(-1)));
}

TEST_CASE("math: powers, logarithms, trigonometry (their doc pages)") {
  CHECK(same(call("pow", {L(2), L(3)}), R(8)));  // pow-function.md
  CHECK(call("exp", {L(2)}).as_real() == Approx(7.389056).epsilon(1e-6));
  CHECK(same(call("exp2", {L(3)}), R(8)));
  CHECK(same(call("exp10", {L(2)}), R(100)));
  CHECK(same(call("log", {L(5)}), R(1.6094379124341003)));
  CHECK(same(call("log2", {L(5)}), R(2.3219280948873622)));
  CHECK(same(call("log10", {L(5)}), R(0.69897000433601886)));
  CHECK(same(call("log", {L(-1)}), N(Type::Real)));  // negative: null
  CHECK(same(call("log10", {R(-0.5)}), N(Type::Real)));
  CHECK(same(call("log", {L(0)}), R(-kInf)));
  CHECK(same(call("sqrt", {L(-4)}), N(Type::Real)));  // sqrt-function.md
  CHECK(same(call("sqrt", {L(16)}), R(4)));
  CHECK(same(call("sqrt", {R(kInf)}), R(kInf)));
  CHECK(same(call("cot", {L(1)}), R(0.64209261593433065)));  // cot-function.md
  CHECK(same(call("gamma", {L(5)}), R(24)));                 // gamma-function.md
  CHECK(same(call("loggamma", {L(5)}), R(3.1780538303479458)));
  CHECK(same(call("loggamma", {L(-1)}), R(kInf)));
  CHECK(same(call("degrees", {call("/", {call("pi", {}), L(4)})}), R(45)));  // degrees-function
  CHECK(same(call("degrees", {call("*", {call("pi", {}), R(1.5)})}), R(270)));
  CHECK(same(call("degrees", {L(0)}), R(0)));
  CHECK(call("radians", {L(180)}).as_real() == Approx(M_PI));
  // atan2-function.md: atan2(1,1), atan2(0,-1), atan2(-1,0).
  CHECK(call("atan2", {L(1), L(1)}).as_real() == Approx(0.785398163397448));
  CHECK(call("atan2", {L(0), L(-1)}).as_real() == Approx(3.14159265358979));
  CHECK(call("atan2", {L(-1), L(0)}).as_real() == Approx(-1.5707963267949));
  CHECK(same(call("acos", {R(1.5)}), N(Type::Real)));  // acos-function.md: outside [-1, 1]
  CHECK(same(call("asin", {R(-1.01)}), N(Type::Real)));
  CHECK(same(call("acos", {L(1)}), R(0)));
  CHECK(same(call("sin", {L(0)}), R(0)));
  CHECK(same(call("cos", {L(0)}), R(1)));
  CHECK(same(call("tan", {L(0)}), R(0)));
  CHECK(same(call("atan", {R(kInf)}), R(M_PI / 2)));
  CHECK(same(call("pi", {}), R(M_PI)));
}

TEST_CASE("math: isnan, isinf, isfinite (their doc pages)") {
  // isnan-function.md: x in -1..1, div = 1.0*x/(-1*x): -1, NaN, -1.
  for (std::int64_t x = -1; x <= 1; ++x) {
    const Value div = call("/", {call("*", {R(1.0), L(x)}), call("*", {L(-1), L(x)})});
    CHECK(call("isnan", {div}).as_bool() == (x == 0));
  }
  // isinf-function.md and isfinite-function.md: 1.0*x/0.0 is -inf, NaN, +inf.
  const bool inf[] = {true, false, true};
  for (std::int64_t x = -1; x <= 1; ++x) {
    const Value div = call("/", {call("*", {R(1.0), L(x)}), R(0.0)});
    CHECK(call("isinf", {div}).as_bool() == inf[x + 1]);
    CHECK_FALSE(call("isfinite", {div}).as_bool());
  }
  CHECK(call("isfinite", {L(1)}).as_bool());
  CHECK(same(call("isnan", {N(Type::Real)}), N(Type::Bool)));
}

TEST_CASE("math: rand is volatile and in range (rand-function.md)") {
  const ScalarFunction* f = FunctionRegistry::instance().scalar("rand");
  const ArgInfo none[] = {{Type::Long, nullptr}};
  CHECK(resolve_call(*f, std::span<const ArgInfo>(none, 0)).overload->is_volatile);
  for (int i = 0; i < 200; ++i) {
    const double u = call("rand", {}).as_real();
    CHECK((u >= 0 && u < 1));
    const double k = call("rand", {L(10)}).as_real();
    CHECK((k >= 0 && k <= 9 && k == std::floor(k)));
  }
  CHECK(same(call("rand", {L(0)}), N(Type::Real)));
  CHECK(same(call("rand", {L(1)}), R(0)));
}

TEST_CASE("math: new_guid is volatile and gives a fresh version 4 guid (new-guid-function.md)") {
  const ScalarFunction* f = FunctionRegistry::instance().scalar("new_guid");
  REQUIRE(f);
  CHECK(resolve_call(*f, std::span<const ArgInfo>()).overload->is_volatile);
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const Value g = call("new_guid", {});
    REQUIRE(g.type() == Type::Guid);
    const std::string t = g.text();
    // xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx, lower-case hex as Kusto writes guids.
    REQUIRE(t.size() == 36);
    CHECK(t[8] == '-');
    CHECK(t[14] == '4');
    CHECK(std::string("89ab").find(t[19]) != std::string::npos);
    CHECK(parse_guid(t).has_value());
    seen.insert(t);
  }
  CHECK(seen.size() == 200);
}

TEST_CASE("math: bitwise functions (their doc pages)") {
  CHECK(same(call("binary_and", {L(0b1100), L(0b1010)}), L(0b1000)));
  CHECK(same(call("binary_or", {L(0b1100), L(0b1010)}), L(0b1110)));
  CHECK(same(call("binary_xor", {L(0b1100), L(0b1010)}), L(0b0110)));
  CHECK(same(call("binary_not", {L(100)}), L(-101)));  // binary-not-function.md
  CHECK(same(call("binary_not", {I(0)}), L(-1)));
  CHECK(same(call("binary_shift_left", {L(1), L(2)}), L(4)));   // binary-shift-left-function.md
  CHECK(same(call("binary_shift_right", {L(1), L(2)}), L(0)));  // binary-shift-right-function.md
  CHECK(same(call("binary_shift_left", {L(1), L(65)}), L(2)));  // shift % 64
  CHECK(same(call("binary_shift_left", {L(1), L(63)}), L(INT64_MIN)));
  CHECK(same(call("binary_shift_left", {L(1), L(-1)}), N(Type::Long)));
  CHECK(same(call("binary_shift_right", {L(-8), L(1)}), L(-4)));
  CHECK(same(call("binary_shift_right", {L(8), L(-1)}), N(Type::Long)));
  CHECK(same(call("binary_and", {N(Type::Long), L(1)}), N(Type::Long)));
}

TEST_CASE("math: every scalar function gives its declared type on edge values") {
  // Values of every type at their edges; every function of the four families is called with
  // every combination of argument types it accepts, over several value tuples. Whatever the
  // input, the result has the type the binder was told (or is null of it), and nothing crashes
  // (the sanitizer build runs this too).
  const std::vector<std::vector<Value>> samples = {
      {B(true), B(false), N(Type::Bool)},
      {I(0), I(-1), I(INT32_MIN), I(INT32_MAX), N(Type::Int)},
      {L(0), L(7), L(-7), L(INT64_MIN), L(INT64_MAX), N(Type::Long)},
      {R(0), R(-0.0), R(2.5), R(kNaN), R(kInf), R(-kInf), R(1e308), N(Type::Real)},
      {DT("0001-01-01"), tick_dt(kMaxTicks), DT("2020-02-29T12:34:56.789Z"), N(Type::DateTime)},
      {Ticks(0), TS("-1d"), Ticks(1), Ticks(INT64_MIN), Ticks(INT64_MAX), N(Type::TimeSpan)},
      {G("0123456789abcdef0123456789abcdef"), N(Type::Guid)},
      {S(""), S("a"), S(" 12 "), S("2020-01-01"), S("01:00:00"), S("\xff\xfe")},
      {D(""), D("1"), D("-2.5"), D("\"x\""), D("\"5\""), D("[1,2]"), D("{\"a\":1}"), D("true")},
  };
  const char* names[] = {
      // math
      "+", "-", "*", "/", "%", "-unary", "<", "<=", ">", ">=", "between", "!between", "abs",
      "round", "ceiling", "sqrt", "pow", "exp", "exp2", "exp10", "log", "log2", "log10", "sin",
      "cos", "tan", "asin", "acos", "atan", "atan2", "cot", "degrees", "radians", "gamma",
      "loggamma", "sign", "isnan", "isinf", "isfinite", "pi", "rand", "binary_and", "binary_or",
      "binary_xor", "binary_not", "binary_shift_left", "binary_shift_right",
      // logic
      "==", "!=", "in", "!in", "not", "iff", "case", "coalesce", "min_of", "max_of", "isnull",
      "isnotnull", "isempty", "isnotempty",
      // conversion
      "tostring", "toint", "tolong", "toreal", "tobool", "todatetime", "totimespan", "toguid",
      "tohex", "gettype",
      // datetime
      "bin", "bin_at", "startofday", "startofweek", "startofmonth", "startofyear", "endofday",
      "endofweek", "endofmonth", "endofyear", "dayofweek", "dayofmonth", "dayofyear", "hourofday",
      "getmonth", "monthofyear", "getyear", "week_of_year", "weekofyear",
      "unixtime_seconds_todatetime", "unixtime_milliseconds_todatetime",
      "unixtime_microseconds_todatetime", "unixtime_nanoseconds_todatetime", "make_datetime",
      "make_timespan"};
  std::size_t calls = 0;
  for (const char* name : names) {
    const ScalarFunction* f = FunctionRegistry::instance().scalar(name);
    REQUIRE(f != nullptr);
    std::size_t max_arity = 0;
    for (const Overload& o : f->overloads)
      max_arity = std::max(max_arity, o.variadic ? std::size_t{4} : o.params.size());
    for (std::size_t arity = 0; arity <= max_arity; ++arity) {
      std::size_t combos = 1;
      for (std::size_t i = 0; i < arity; ++i) combos *= samples.size();
      for (std::size_t combo = 0; combo < combos; ++combo) {
        std::vector<std::size_t> types(arity);
        for (std::size_t i = 0, c = combo; i < arity; ++i, c /= samples.size())
          types[i] = c % samples.size();
        for (std::size_t k = 0; k < 8; ++k) {
          std::vector<Value> args;
          for (std::size_t i = 0; i < arity; ++i) {
            const auto& pool = samples[types[i]];
            args.push_back(pool[(k + i * 3) % pool.size()]);
          }
          std::vector<ArgInfo> infos;
          for (const auto& a : args) infos.push_back({a.type(), &a});
          ResolvedCall rc;
          try {
            rc = resolve_call(*f, infos);
          } catch (const Error&) {
            break;  // this combination of types is refused: no need to try other values
          }
          std::vector<Value> converted;
          for (std::size_t i = 0; i < arity; ++i)
            converted.push_back(convert_argument(args[i], rc.param_types[i]));
          std::vector<const Value*> ptrs;
          for (const auto& v : converted) ptrs.push_back(&v);
          const Value out = evaluate_call(rc, Args(ptrs.data(), ptrs.size()));
          ++calls;
          INFO(name << " with " << [&] {
            std::string s;
            for (const auto& a : args) s += describe(a) + " ";
            return s;
          }());
          CHECK(out.type() == rc.result);
        }
      }
    }
  }
  CHECK(calls > 10000);
}
