// Equality, in, not, iff, case, coalesce, min_of/max_of, the null and empty tests, and the
// three-valued truth tables (docs/semantics/logic.md). Expected values are worked out by hand
// from Microsoft's docs and kql-semantics.md (cited per case).
#include <cmath>
#include <limits>

#include "engine/functions/scalar_test_support.h"
#include "huntq/engine/truth.h"

using namespace huntq;
using namespace huntq::engine;
using namespace huntq::engine::test;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const Value T = Value::boolean(true), F = Value::boolean(false), NB = Value::null_of(Type::Bool);

const Type kTypes[] = {Type::Bool,     Type::Int,  Type::Long,   Type::Real,   Type::DateTime,
                       Type::TimeSpan, Type::Guid, Type::String, Type::Dynamic};

bool equality_accepted(std::string_view op, Type a, Type b) {
  const ArgInfo args[] = {{a, nullptr}, {b, nullptr}};
  try {
    return resolve_call(*FunctionRegistry::instance().scalar(op), args).result == Type::Bool;
  } catch (const Error&) {
    return false;
  }
}

Value list(std::vector<Value> items) {
  Dynamic::Array a;
  for (const auto& v : items) a.push_back(Dynamic::from_value(v));
  return Value::dynamic(Dynamic::array(std::move(a)));
}

// `x in (list)` through a call site whose list is a constant (hash sets built in prepare())
// and through one whose list is not (compared element by element, per row).
Value in_call(std::string_view op, const Value& x, const Value& l, bool constant) {
  const ScalarFunction* f = FunctionRegistry::instance().scalar(op);
  const ArgInfo args[] = {{x.type(), &x}, {Type::Dynamic, constant ? &l : nullptr}};
  const ResolvedCall rc = resolve_call(*f, args);
  const Value* values[] = {&x, &l};
  return evaluate_call(rc, Args(values, 2));
}

// Kleene OR over `x == e` for every element: what null-values.md says `in` is. An array in
// the list stands for its elements (E-6).
Value or_of_equals(const Value& x, const std::vector<Value>& items) {
  std::vector<Value> elements;
  for (const auto& e : items) {
    // The list holds dynamic nodes; == sees them as the scalars they keep (or dynamic null).
    const Value node = Value::dynamic(Dynamic::from_value(e));
    if (!node.is_null() && node.tree()->is_array()) {
      for (const DynamicPtr& item : node.tree()->items()) elements.push_back(item->to_value(item));
    } else {
      elements.push_back(node.is_null() ? node : node.tree()->to_value(node.tree()));
    }
  }
  Value acc = F;
  for (const Value& e : elements) {
    if (!equality_accepted("==", x.type(), e.type())) continue;  // never equal
    acc = kql_truth_or(acc, call("==", {x, e}));
  }
  return acc;
}

}  // namespace

TEST_CASE("logic: logic function result types match Kusto.Language") {
  check_type_rows({
      {"1 in (1, 2)", "bool"},
      {"1 in (1, 'a')", "bool"},
      {"'a' in ('a', 1)", "bool"},
      {"dynamic(1) in (1, 2)", "bool"},
      {"1h in (1h, 2h)", "bool"},
      {"1 !in (1, 2)", "bool"},
      {"not(true)", "bool"},
      // Kusto.Language wants a bool; huntq also takes a dynamic holding one (logic.md).
      {"not(dynamic(true))", "ERROR", "bool"},
      {"not(1)", "ERROR"},
      {"not('a')", "ERROR"},
      {"iff(true, 1, 2.0)", "real"},
      {"iff(true, int(1), long(2))", "long"},
      {"iff(true, int(1), int(2))", "int"},
      {"iff(true, 'a', 'b')", "string"},
      // Branches without a common type: Kusto.Language says dynamic, huntq refuses (logic.md).
      {"iff(true, 1, 'a')", "dynamic", "ERROR"},
      {"iff(true, dynamic(1), 2)", "long"},
      {"iff(true, dynamic(1), 'a')", "string"},
      {"iff(true, dynamic(1), dynamic(2))", "dynamic"},
      {"iff(true, 1h, datetime(2020-01-01))", "dynamic", "ERROR"},
      {"iff(true, datetime(2020-01-01), dynamic(1))", "datetime"},
      {"iff(true, guid(00000000-0000-0000-0000-000000000001), "
       "guid(00000000-0000-0000-0000-000000000001))",
       "guid"},
      {"iff(true, true, false)", "bool"},
      {"iff(dynamic(true), 1, 2)", "ERROR"},
      {"iff(1, 1, 2)", "ERROR"},
      {"iif(true, int(1), real(2))", "real"},
      {"case(true, 1, false, 2.0, 3)", "real"},
      {"case(true, int(1), long(3))", "long"},
      {"case(true, int(1), int(3))", "int"},
      {"case(true, 1, 'a')", "dynamic", "ERROR"},
      {"case(true, 1)", "ERROR"},
      {"case(true, 1, false, 2)", "ERROR"},
      {"case(true, dynamic(1), 2)", "long"},
      {"case(1, 1, 2)", "ERROR"},
      {"case(true, 'a', false, 'b', 'c')", "string"},
      {"coalesce(1, 2)", "long"},
      {"coalesce(int(1), int(2))", "int"},
      {"coalesce(int(1), long(2))", "long"},
      {"coalesce(int(1), 2.0)", "real"},
      {"coalesce('a', 'b')", "string"},
      {"coalesce(1, 'a')", "ERROR"},
      {"coalesce(dynamic(1), 2)", "ERROR"},
      {"coalesce(dynamic(1), dynamic(2))", "dynamic"},
      {"coalesce(1)", "ERROR"},
      {"coalesce(datetime(2020-01-01), datetime(2020-01-01), datetime(2020-01-01))", "datetime"},
      {"coalesce(1h, 2h)", "timespan"},
      {"coalesce(true, false)", "bool"},
      {"min_of(1, 2)", "long"},
      {"min_of(int(1), int(2))", "int"},
      {"min_of(int(1), long(2))", "long"},
      {"min_of(1, 2.0)", "real"},
      {"min_of('a', 'b')", "string"},
      {"min_of(1h, 2h)", "timespan"},
      {"min_of(datetime(2020-01-01), datetime(2021-01-01))", "datetime"},
      {"min_of(1, 'a')", "ERROR"},
      {"min_of(1)", "ERROR"},
      {"min_of(dynamic(1), 2)", "ERROR"},
      {"min_of(true, false)", "bool"},
      {"max_of(int(1), real(2), long(3))", "real"},
      {"max_of(guid(00000000-0000-0000-0000-000000000001), "
       "guid(00000000-0000-0000-0000-000000000001))",
       "ERROR"},
      {"isnull(1)", "bool"},
      {"isnull('')", "bool"},
      {"isnull(dynamic(1))", "bool"},
      {"isnotnull(1)", "bool"},
      {"notnull(1)", "bool"},
      {"isempty(1)", "bool"},
      {"isempty('')", "bool"},
      {"isnotempty(dynamic(1))", "bool"},
      {"notempty('a')", "bool"},
  });
}

TEST_CASE("logic: == and != accept the type pairs the Kusto engine compares") {
  // Kusto.Language types `a == b` as bool for every pair; huntq refuses pairs of different
  // types other than numbers/bools together and dynamic with anything (logic.md).
  for (Type a : kTypes) {
    for (Type b : kTypes) {
      const bool numeric = (is_numeric(a) || a == Type::Bool) && (is_numeric(b) || b == Type::Bool);
      const bool expected = a == b || a == Type::Dynamic || b == Type::Dynamic || numeric;
      INFO(type_name(a) << " == " << type_name(b));
      CHECK(equality_accepted("==", a, b) == expected);
      CHECK(equality_accepted("!=", a, b) == expected);
    }
  }
  CHECK_THROWS_AS(call("==", {L(1), S("1")}), Error);
  CHECK_THROWS_AS(call("!=", {DT("2020-01-01"), S("2020-01-01")}), Error);
}

TEST_CASE("logic: == and != on values and nulls (null-values.md, E-4, E-8)") {
  struct Row {
    Value a, b, eq;
  };
  const Row rows[] = {
      // E-4: strings are compared case-sensitively, byte for byte.
      {S("aBc"), S("aBc"), T},
      {S("abc"), S("ABC"), F},
      {S(""), S(""), T},
      {S("e\xCC\x81"), S("\xC3\xA9"), F},  // no Unicode normalisation
      // Numbers by value across int, long and real (a real against a long as doubles).
      {I(1), L(1), T},
      {I(1), R(1.0), T},
      {L(-3), R(-3.5), F},
      {L(9007199254740993), R(9007199254740992.0), T},  // 2^53 + 1 as a double is 2^53
      {L(INT64_MIN), L(INT64_MIN), T},
      {R(kNaN), R(kNaN), F},  // NaN equals nothing
      {R(-0.0), R(0.0), T},
      {B(true), L(1), T},  // bools as 0 and 1
      {B(false), R(0.0), T},
      {B(true), L(2), F},
      {B(true), B(true), T},
      {DT("2020-01-01"), DT("2020-01-01T00:00:00.0000001Z"), F},
      {TS("1d"), TS("24h"), T},
      {G("0123456789abcdef0123456789ABCDEF"), G("01234567-89ab-cdef-0123-456789abcdef"), T},
      // E-8: null == null is null; null == a value is false.
      {N(Type::Long), N(Type::Long), NB},
      {N(Type::Long), L(5), F},
      {L(5), N(Type::Int), F},
      {N(Type::Real), N(Type::Int), NB},
      {N(Type::DateTime), DT("2020-01-01"), F},
      {N(Type::Bool), B(false), F},
      // A dynamic against a scalar: the dynamic is converted to the scalar's type.
      {D("\"abc\""), S("abc"), T},
      {D("\"abc\""), S("ABC"), F},
      {D("1"), L(1), T},
      {D("1.0"), I(1), T},
      {D("1"), S("1"), T},    // tostring(dynamic(1)) == "1"
      {D("\"1\""), L(1), T},  // numeric text reads as a number
      {D("\"x\""), L(1), F},  // not a number: unequal, not null
      {D("[1,2]"), S("[1,2]"), T},
      {D("true"), B(true), T},
      {D("\"true\""), B(true), T},
      {D("1"), B(true), T},
      {D("\"2020-01-01\""), DT("2020-01-01"), T},
      {D("\"1.00:00:00\""), TS("1d"), T},
      {D("\"0123456789ABCDEF0123456789abcdef\""), G("0123456789abcdef0123456789abcdef"), T},
      {D(""), S(""), T},  // a dynamic null is "" as a string
      {D(""), S("x"), F},
      {D(""), L(1), F},
      {D(""), N(Type::Long), NB},
      {D("5"), N(Type::Long), F},
      // Two dynamics: trees, numbers across kinds, bags in any key order.
      {D(""), D(""), NB},
      {D("null"), D("1"), F},
      {D("1"), D("1.0"), T},
      {D("\"1\""), D("1"), F},
      {D("[1,\"a\",null]"), D("[1.0,\"a\",null]"), T},
      {D("[1,2]"), D("[2,1]"), F},
      {D("{\"a\":1,\"b\":[2]}"), D("{\"b\":[2],\"a\":1}"), T},
      {D("{\"a\":1}"), D("{\"a\":1,\"b\":2}"), F},
      {D("{\"a\":1}"), D("{\"A\":1}"), F},
  };
  for (const Row& r : rows) {
    INFO(describe(r.a) << " == " << describe(r.b));
    CHECK(same(call("==", {r.a, r.b}), r.eq));
    CHECK(same(call("==", {r.b, r.a}), r.eq));  // symmetric
    const Value ne = r.eq.is_null() ? NB : B(!r.eq.as_bool());
    CHECK(same(call("!=", {r.a, r.b}), ne));
  }
}

TEST_CASE("logic: the null-values.md example table") {
  // datatable(val:int)[5, int(null)] | extend val > 3, val > 3 or isnull(val),
  // val == int(null), val != int(null) gives (true, true, false, true) and
  // (null, true, null, null).
  const Value vals[] = {I(5), N(Type::Int)};
  const Value expected[2][4] = {{T, T, F, T}, {NB, T, NB, NB}};
  for (int i = 0; i < 2; ++i) {
    const Value& v = vals[i];
    const Value bigger = call(">", {v, L(3)});
    CHECK(same(bigger, expected[i][0]));
    CHECK(same(kql_truth_or(bigger, call("isnull", {v})), expected[i][1]));
    CHECK(same(call("==", {v, N(Type::Int)}), expected[i][2]));
    CHECK(same(call("!=", {v, N(Type::Int)}), expected[i][3]));
  }
  // datatable(ival:int, sval:string)[5, "a", int(null), "b"] | where ival != 5: only the null row.
  CHECK_FALSE(call("!=", {I(5), L(5)}).as_bool());
  CHECK(call("!=", {N(Type::Int), L(5)}).as_bool());
}

TEST_CASE("logic: in and !in (E-4, E-6, null-values.md)") {
  const Value words = list({S("123"), S("345"), S("abc")});
  CHECK(same(call("in", {S("abc"), words}), T));
  CHECK(same(call("!in", {S("bca"), words}), T));
  CHECK(same(call("in", {S("ABC"), words}), F));  // case-sensitive
  // A dynamic array in the list is expanded: x in (dynamic(['a','b'])).
  Dynamic::Array nested{Dynamic::from_value(D("[\"a\",\"b\"]")), Dynamic::string("c")};
  const Value with_array = Value::dynamic(Dynamic::array(nested));
  CHECK(same(call("in", {S("b"), with_array}), T));
  CHECK(same(call("in", {S("c"), with_array}), T));
  // Numbers across types; nulls (emulator measurement: `n in (5)` and `n !in (5)` on a null n
  // give false and true; a null in the list makes a null x null).
  CHECK(same(call("in", {I(5), list({L(5)})}), T));
  CHECK(same(call("in", {R(5.0), list({I(5)})}), T));
  CHECK(same(call("in", {L(5), list({R(5.5), S("5")})}), F));
  CHECK(same(call("in", {N(Type::Int), list({L(5)})}), F));
  CHECK(same(call("!in", {N(Type::Int), list({L(5)})}), T));
  CHECK(same(call("in", {N(Type::Int), list({L(5), N(Type::Long)})}), NB));
  CHECK(same(call("!in", {N(Type::Int), list({L(5), N(Type::Long)})}), NB));
  CHECK(same(call("in", {L(5), list({N(Type::Long), L(5)})}), T));
  CHECK(same(call("in", {L(6), list({N(Type::Long), L(5)})}), F));
  CHECK(same(call("in", {S(""), list({N(Type::Dynamic)})}), T));  // "" == dynamic(null)
  CHECK(same(call("in", {L(1), list({})}), F));
  CHECK(same(call("!in", {L(1), list({})}), T));
  // A dynamic x is converted to each element's type, as for ==.
  CHECK(same(call("in", {D("\"b\""), list({S("a"), S("b")})}), T));
  CHECK(same(call("in", {D("2"), list({L(1), L(2)})}), T));
  CHECK(same(call("in", {D("\"2\""), list({L(1), L(2)})}), T));
  CHECK(same(call("in", {D("{\"k\":[1]}"), list({D("{\"k\":[1.0]}")})}), T));
  CHECK(same(call("in", {D("[1]"), list({D("[1]")})}), F));  // the listed array is expanded
  CHECK(same(call("in", {D(""), list({S("")})}), T));
  // A scalar list of one value is a one-element list.
  CHECK(same(call("in", {L(3), L(3)}), T));
}

TEST_CASE("logic: in gives the OR of == for every value and list, constant or not") {
  const std::vector<Value> values = {
      S("a"),
      S(""),
      S("1"),
      S("[1]"),
      L(1),
      I(2),
      R(1.0),
      R(2.5),
      R(kNaN),
      B(true),
      B(false),
      DT("2020-01-01"),
      TS("1h"),
      G("0123456789abcdef0123456789abcdef"),
      N(Type::Long),
      N(Type::String),
      N(Type::Real),
      D("1"),
      D("\"a\""),
      D("\"1\""),
      D("true"),
      D("[1]"),
      D("{\"k\":1}"),
      D(""),
      D("\"2020-01-01\""),
      D("\"01:00:00\""),
      D("\"0123456789ABCDEF0123456789ABCDEF\""),
  };
  const std::vector<std::vector<Value>> lists = {
      {},
      {S("a"), S("b")},
      {L(1), R(2.5)},
      {S("1"), L(2)},
      {N(Type::Long)},
      {S(""), N(Type::Long)},
      {B(true)},
      {B(false), S("true")},
      {DT("2020-01-01"), TS("1h")},
      {G("0123456789abcdef0123456789abcdef")},
      {D("[1]"), D("{\"k\":1}")},
      {R(kNaN), R(1.0)},
      {I(2), N(Type::Dynamic), S("x")},
  };
  for (const auto& items : lists) {
    const Value l = list(items);
    for (const Value& x : values) {
      INFO(describe(x) << " in " << describe(l));
      const Value expected = or_of_equals(x, items);
      CHECK(same(in_call("in", x, l, true), expected));
      CHECK(same(in_call("in", x, l, false), expected));
      const Value negated = kql_truth_not(expected);
      CHECK(same(in_call("!in", x, l, true), negated));
      CHECK(same(in_call("!in", x, l, false), negated));
    }
  }
}

TEST_CASE("logic: not() on bools, nulls and dynamics (not-function.md, null-values.md)") {
  CHECK(same(call("not", {T}), F));
  CHECK(same(call("not", {F}), T));
  CHECK(same(call("not", {NB}), NB));
  CHECK(same(call("not", {D("true")}), F));
  CHECK(same(call("not", {D("false")}), T));
  CHECK(same(call("not", {D("1")}), NB));  // a dynamic that holds no bool
  CHECK(same(call("not", {D("\"true\"")}), NB));
  CHECK(same(call("not", {D("[true]")}), NB));
  CHECK(same(call("not", {D("")}), NB));
  // not(EventType == "Tornado"), not(a or b), not(a and b).
  const Value tornado = call("==", {S("Hail"), S("Tornado")});
  CHECK(same(call("not", {tornado}), T));
  CHECK(same(call("not", {kql_truth_or(T, F)}), F));
  CHECK(same(call("not", {kql_truth_and(T, F)}), T));
  CHECK_THROWS_AS(call("not", {S("true")}), Error);
  CHECK_THROWS_AS(call("not", {L(1)}), Error);
}

TEST_CASE("logic: the three-valued truth tables of and, or, not (null-values.md)") {
  // Operands: true, false, null, dynamic(true), dynamic(false), dynamic(null), dynamic(1).
  const Value ops[] = {T, F, NB, D("true"), D("false"), D(""), D("1")};
  // What each operand counts as: 1 true, 0 false, -1 unknown.
  const int truth[] = {1, 0, -1, 1, 0, -1, -1};
  for (std::size_t i = 0; i < std::size(ops); ++i) {
    for (std::size_t j = 0; j < std::size(ops); ++j) {
      const int a = truth[i], b = truth[j];
      const Value want_and = a == 0 || b == 0 ? F : (a < 0 || b < 0) ? NB : T;
      const Value want_or = a == 1 || b == 1 ? T : (a < 0 || b < 0) ? NB : F;
      INFO(describe(ops[i]) << " and/or " << describe(ops[j]));
      CHECK(same(kql_truth_and(ops[i], ops[j]), want_and));
      CHECK(same(kql_truth_or(ops[i], ops[j]), want_or));
    }
    const int a = truth[i];
    CHECK(same(kql_truth_not(ops[i]), a < 0 ? NB : B(a == 0)));
  }
  CHECK_FALSE(kql_truth(S("true")).has_value());
  CHECK_FALSE(kql_truth(L(1)).has_value());
  CHECK(*kql_truth(D("true")));
}

TEST_CASE("logic: iff and iif, iff-function.md") {
  // extend Rain = iff(EventType in ("Heavy Rain", "Flash Flood", "Flood"), "Rain event", ...).
  const Value rain = list({S("Heavy Rain"), S("Flash Flood"), S("Flood")});
  auto classify = [&](const char* type) {
    return call("iff", {call("in", {S(type), rain}), S("Rain event"), S("Not rain event")});
  };
  CHECK(same(classify("Waterspout"), S("Not rain event")));
  CHECK(same(classify("Heavy Rain"), S("Rain event")));
  CHECK(same(classify("Thunderstorm Wind"), S("Not rain event")));
  // Severity: iff(damage > 1000000 or injuries > 10 or deaths > 0, "High",
  //              iff(damage < 50000 and injuries == 0 and deaths == 0, "Low", "Moderate")).
  auto severity = [](std::int64_t damage, std::int64_t injuries, std::int64_t deaths) {
    const Value high = kql_truth_or(
        kql_truth_or(call(">", {L(damage), L(1000000)}), call(">", {L(injuries), L(10)})),
        call(">", {L(deaths), L(0)}));
    const Value low = kql_truth_and(
        kql_truth_and(call("<", {L(damage), L(50000)}), call("==", {L(injuries), L(0)})),
        call("==", {L(deaths), L(0)}));
    return call("iff", {high, S("High"), call("iff", {low, S("Low"), S("Moderate")})});
  };
  CHECK(same(severity(2000000, 0, 0), S("High")));
  CHECK(same(severity(100, 0, 0), S("Low")));
  CHECK(same(severity(100000, 1, 0), S("Moderate")));
  // logical-operators.md: iff(bool(null) and true, true, false) is false (null takes else).
  CHECK(same(call("iff", {kql_truth_and(NB, T), T, F}), F));
  CHECK(same(call("iff", {NB, L(1), L(2)}), L(2)));
  // Branches convert to the common type.
  CHECK(same(call("iff", {T, I(1), L(2)}), L(1)));
  CHECK(same(call("iff", {F, R(1), I(2)}), R(2)));
  CHECK(same(call("iif", {T, I(1), I(2)}), I(1)));
  CHECK(same(call("iff", {T, D("1"), L(2)}), L(1)));
  CHECK(same(call("iff", {T, D("\"x\""), L(2)}), N(Type::Long)));
  CHECK(same(call("iff", {T, D("1"), S("a")}), S("1")));
  CHECK(same(call("iff", {T, D("[1]"), D("2")}), D("[1]")));
  CHECK(same(call("iff", {T, N(Type::Int), R(2)}), N(Type::Real)));
  CHECK(same(call("iff", {F, S("a"), S("")}), S("")));
  CHECK_THROWS_AS(call("iff", {T, L(1), S("a")}), Error);
  CHECK_THROWS_AS(call("iff", {L(1), L(1), L(2)}), Error);
}

TEST_CASE("logic: case, case-function.md") {
  // range Size from 1 to 15 step 2 | extend bucket = case(Size <= 3, "Small",
  //                                                      Size <= 10, "Medium", "Large").
  const char* expected[] = {"Small",  "Small", "Medium", "Medium",
                            "Medium", "Large", "Large",  "Large"};
  for (std::int64_t size = 1, i = 0; size <= 15; size += 2, ++i) {
    const Value bucket = call("case", {call("<=", {L(size), L(3)}), S("Small"),
                                       call("<=", {L(size), L(10)}), S("Medium"), S("Large")});
    CHECK(same(bucket, S(expected[i])));
  }
  CHECK(same(call("case", {NB, L(1), T, L(2), L(3)}), L(2)));  // null is not true
  CHECK(same(call("case", {F, I(1), F, R(2), L(3)}), R(3)));
  CHECK(same(call("case", {T, D("1"), L(3)}), L(1)));
  CHECK_THROWS_AS(call("case", {T, L(1)}), Error);
  CHECK_THROWS_AS(call("case", {T, L(1), F, L(2)}), Error);
  CHECK_THROWS_AS(call("case", {L(1), L(1), L(2)}), Error);
  CHECK_THROWS_AS(call("case", {T, L(1), S("a")}), Error);
}

TEST_CASE("logic: coalesce, coalesce-function.md") {
  // coalesce(tolong("not a number"), tolong("42"), 33) is 42.
  CHECK(same(
      call("coalesce", {call("tolong", {S("not a number")}), call("tolong", {S("42")}), L(33)}),
      L(42)));
  CHECK(same(call("coalesce", {S(""), S(""), S("x"), S("y")}), S("x")));  // first non-empty
  CHECK(same(call("coalesce", {S(""), S("")}), S("")));
  CHECK(same(call("coalesce", {N(Type::Int), I(2)}), I(2)));
  CHECK(same(call("coalesce", {N(Type::Int), L(2)}), L(2)));
  CHECK(same(call("coalesce", {I(1), R(2)}), R(1)));
  CHECK(same(call("coalesce", {N(Type::Long), N(Type::Long)}), N(Type::Long)));
  CHECK(same(call("coalesce", {R(kNaN), R(1)}), R(kNaN)));  // NaN is not null
  CHECK(same(call("coalesce", {D(""), D("[]")}), D("[]")));
  CHECK(same(call("coalesce", {N(Type::DateTime), DT("2020-01-01")}), DT("2020-01-01")));
  std::vector<Value> many(64, N(Type::Long));
  many.back() = L(7);
  CHECK(same(call("coalesce", many), L(7)));
  many.push_back(L(8));
  CHECK_THROWS_AS(call("coalesce", many), Error);  // at most 64
  CHECK_THROWS_AS(call("coalesce", {L(1)}), Error);
  CHECK_THROWS_AS(call("coalesce", {L(1), S("a")}), Error);
  CHECK_THROWS_AS(call("coalesce", {D("1"), L(1)}), Error);
}

TEST_CASE("logic: min_of and max_of, their doc pages") {
  CHECK(same(call("min_of", {L(10), L(1), L(-3), L(17)}), L(-3)));
  CHECK(same(call("max_of", {L(10), L(1), L(-3), L(17)}), L(17)));
  // datatable(A:int, B:int): non-null values win over nulls.
  const Value a_min[] = {I(5), I(10), N(Type::Int), I(1), N(Type::Int)};
  const Value b_min[] = {I(2), I(1), I(3), N(Type::Int), N(Type::Int)};
  const Value min_expected[] = {I(2), I(1), I(3), I(1), N(Type::Int)};
  for (int i = 0; i < 5; ++i) CHECK(same(call("min_of", {a_min[i], b_min[i]}), min_expected[i]));
  const Value a_max[] = {I(1), I(8), N(Type::Int), I(1), N(Type::Int)};
  const Value b_max[] = {I(6), I(1), I(2), N(Type::Int), N(Type::Int)};
  const Value max_expected[] = {I(6), I(8), I(2), I(1), N(Type::Int)};
  for (int i = 0; i < 5; ++i) CHECK(same(call("max_of", {a_max[i], b_max[i]}), max_expected[i]));
  // The later of two datetimes.
  CHECK(same(call("max_of", {DT("2024-12-15 07:15:22"), DT("2024-12-15 07:15:24")}),
             DT("2024-12-15 07:15:24")));
  CHECK(same(call("max_of", {DT("2024-12-15 10:45:00"), DT("2024-12-14 10:45:00")}),
             DT("2024-12-15 10:45:00")));
  // Mixed numbers widen; strings ordinal; bools; timespans; NaN only when nothing else is there.
  CHECK(same(call("min_of", {I(1), R(0.5), L(2)}), R(0.5)));
  CHECK(same(call("max_of", {I(1), L(2)}), L(2)));
  CHECK(same(call("min_of", {S("b"), S("B"), S("a")}), S("B")));
  CHECK(same(call("max_of", {B(false), B(true)}), B(true)));
  CHECK(same(call("min_of", {TS("-1h"), TS("1h")}), TS("-1h")));
  CHECK(same(call("min_of", {R(kNaN), R(3), R(1)}), R(1)));
  CHECK(same(call("max_of", {R(3), R(kNaN)}), R(3)));
  CHECK(same(call("max_of", {R(kNaN), N(Type::Real)}), R(kNaN)));
  CHECK(same(call("max_of", {L(INT64_MIN), L(INT64_MAX)}), L(INT64_MAX)));
  CHECK_THROWS_AS(call("min_of", {L(1)}), Error);
  CHECK_THROWS_AS(call("min_of", {L(1), S("a")}), Error);
  CHECK_THROWS_AS(call("max_of", {D("1"), D("2")}), Error);
}

TEST_CASE("logic: isnull, isnotnull, isempty, isnotempty (E-1, E-2, E-3)") {
  struct Row {
    Value v;
    bool null, empty;
  };
  const Row rows[] = {
      {S(""), false, true},        {S("x"), false, false},
      {S(" "), false, false},      {D(""), true, true},  // parse_json("")
      {D("[]"), false, false},     {D("{}"), false, false},
      {D("\"\""), false, true},  // a dynamic holding "" (E-2, our reading)
      {D("0"), false, false},      {N(Type::Int), true, true},
      {I(0), false, false},        {N(Type::DateTime), true, true},
      {N(Type::Guid), true, true}, {R(kNaN), false, false},
      {B(false), false, false},
  };
  for (const Row& r : rows) {
    INFO(describe(r.v));
    CHECK(same(call("isnull", {r.v}), B(r.null)));
    CHECK(same(call("isnotnull", {r.v}), B(!r.null)));
    CHECK(same(call("notnull", {r.v}), B(!r.null)));
    CHECK(same(call("isempty", {r.v}), B(r.empty)));
    CHECK(same(call("isnotempty", {r.v}), B(!r.empty)));
    CHECK(same(call("notempty", {r.v}), B(!r.empty)));
  }
}
