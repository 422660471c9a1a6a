// Aggregates, from the examples of Microsoft's doc pages (named per test) and hand-worked cases.
// call_aggregate() also splits every input at every row and checks that merging the two states
// gives the same result, so each case here tests merge() as well.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "huntq/engine/functions.h"
#include "huntq/error.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/timespan.h"

using namespace huntq;
using namespace huntq::engine;

namespace {

using Rows = std::vector<std::vector<Value>>;

Value agg1(std::string_view name, const Rows& rows, std::vector<Type> types) {
  const auto out = call_aggregate(name, rows, types);
  REQUIRE(out.size() == 1);
  return out[0];
}
Value S(std::string s) {
  return Value::string(std::move(s));
}
Value L(std::int64_t v) {
  return Value::int64(v);
}
Value I(std::int32_t v) {
  return Value::int32(v);
}
Value B(bool b) {
  return Value::boolean(b);
}
Value R(double d) {
  return Value::real(d);
}
Value J(std::string_view json) {
  return Value::dynamic_json(json);
}
Value dt(int y, unsigned m, unsigned d) {
  return Value::datetime(ticks_from_civil(y, m, d));
}
Value hours(std::int64_t h) {
  return Value::timespan(h * kTicksPerHour);
}
const Value kNullInt = Value::null_of(Type::Int);
const Value kNullLong = Value::null_of(Type::Long);
const Value kNullReal = Value::null_of(Type::Real);
std::string json(const Value& v) {
  REQUIRE(v.type() == Type::Dynamic);
  return v.is_null() ? "null" : to_json(*v.tree());
}
// One-column rows.
Rows col(std::vector<Value> values) {
  Rows rows;
  for (auto& v : values) rows.push_back({std::move(v)});
  return rows;
}
// range x from 1 to n step 1, as long values.
Rows range(std::int64_t n) {
  Rows rows;
  for (std::int64_t x = 1; x <= n; ++x) rows.push_back({L(x)});
  return rows;
}
// The countif/sumif doc table: name, day_of_birth; the predicate strlen(name) > 4.
const std::vector<std::pair<std::string, std::int64_t>> kBirthdays = {
    {"John", 9}, {"Paul", 18}, {"George", 25}, {"Ringo", 7}};

// The output types the binder gets for these argument types.
std::vector<Type> output_types(std::string_view name, std::vector<Type> args) {
  const AggregateFunction* f = FunctionRegistry::instance().aggregate(name);
  REQUIRE(f);
  std::vector<ArgInfo> infos;
  static const Value kConst = Value::int64(10);
  for (Type t : args) infos.push_back({t, &kConst});
  const AggregateOverload* o = nullptr;
  return resolve_aggregate(*f, infos, o).outputs;
}

// A state to feed by hand, for memory checks.
std::unique_ptr<AggregateState> state_of(std::string_view name, std::vector<Type> args,
                                         std::vector<const Value*> constants = {}) {
  const AggregateFunction* f = FunctionRegistry::instance().aggregate(name);
  REQUIRE(f);
  std::vector<ArgInfo> infos;
  for (std::size_t i = 0; i < args.size(); ++i)
    infos.push_back({args[i], i < constants.size() ? constants[i] : nullptr});
  const AggregateOverload* o = nullptr;
  const AggregateCall call = resolve_aggregate(*f, infos, o);
  return o->make(call);
}
void feed(AggregateState& s, std::vector<Value> args) {
  std::vector<const Value*> ptrs;
  for (const auto& v : args) ptrs.push_back(&v);
  s.add(Args(ptrs.data(), ptrs.size()));
}

}  // namespace

// ------------------------------------------------------------------------------------------
// Types and defaults

TEST_CASE("aggregates: result types equal Kusto.Language's") {
  using T = Type;
  CHECK(output_types("count", {}) == std::vector{T::Long});
  CHECK(output_types("countif", {T::Bool}) == std::vector{T::Long});
  CHECK(output_types("dcount", {T::String}) == std::vector{T::Long});
  CHECK(output_types("dcount", {T::String, T::Real}) == std::vector{T::Long});
  CHECK(output_types("dcountif", {T::String, T::Bool}) == std::vector{T::Long});
  CHECK(output_types("count_distinct", {T::Dynamic}) == std::vector{T::Long});
  CHECK(output_types("sum", {T::Long}) == std::vector{T::Long});
  CHECK(output_types("sum", {T::Int}) == std::vector{T::Long});
  CHECK(output_types("sum", {T::Real}) == std::vector{T::Real});
  CHECK(output_types("sum", {T::TimeSpan}) == std::vector{T::TimeSpan});
  CHECK(output_types("sum", {T::DateTime}) == std::vector{T::DateTime});
  CHECK(output_types("sumif", {T::Int, T::Bool}) == std::vector{T::Long});
  CHECK(output_types("avg", {T::Int}) == std::vector{T::Real});
  CHECK(output_types("avg", {T::Long}) == std::vector{T::Real});
  CHECK(output_types("avg", {T::TimeSpan}) == std::vector{T::TimeSpan});
  CHECK(output_types("avg", {T::DateTime}) == std::vector{T::DateTime});
  CHECK(output_types("avgif", {T::Long, T::Bool}) == std::vector{T::Real});
  CHECK(output_types("min", {T::Int}) == std::vector{T::Int});
  CHECK(output_types("max", {T::DateTime}) == std::vector{T::DateTime});
  CHECK(output_types("min", {T::String}) == std::vector{T::String});
  CHECK(output_types("max", {T::Bool}) == std::vector{T::Bool});
  CHECK(output_types("minif", {T::Long, T::Bool}) == std::vector{T::Long});
  CHECK(output_types("maxif", {T::String, T::Bool}) == std::vector{T::String});
  for (const char* f : {"make_set", "makeset", "make_list", "makelist", "make_list_with_nulls"})
    CHECK(output_types(f, {T::String}) == std::vector{T::Dynamic});
  CHECK(output_types("make_set", {T::Int, T::Long}) == std::vector{T::Dynamic});
  CHECK(output_types("make_set_if", {T::String, T::Bool, T::Long}) == std::vector{T::Dynamic});
  CHECK(output_types("make_list_if", {T::String, T::Bool}) == std::vector{T::Dynamic});
  for (const char* f : {"make_bag", "make_dictionary"})
    CHECK(output_types(f, {T::Dynamic}) == std::vector{T::Dynamic});
  CHECK(output_types("make_bag_if", {T::Dynamic, T::Bool, T::Int}) == std::vector{T::Dynamic});
  for (const char* f : {"stdev", "stdevp", "variance", "variancep"}) {
    CHECK(output_types(f, {T::Long}) == std::vector{T::Real});
    CHECK(output_types(f, {T::TimeSpan}) == std::vector{T::Real});
  }
  for (const char* f : {"stdevif", "varianceif", "variancepif"})
    CHECK(output_types(f, {T::Int, T::Bool}) == std::vector{T::Real});
  CHECK(output_types("percentile", {T::Long, T::Long}) == std::vector{T::Long});
  CHECK(output_types("percentile", {T::Int, T::Long}) == std::vector{T::Long});
  CHECK(output_types("percentile", {T::Real, T::Real}) == std::vector{T::Real});
  CHECK(output_types("percentile", {T::DateTime, T::Long}) == std::vector{T::DateTime});
  CHECK(output_types("percentile", {T::TimeSpan, T::Long}) == std::vector{T::TimeSpan});
  CHECK(output_types("percentiles_array", {T::Long, T::Long, T::Long}) == std::vector{T::Dynamic});
  CHECK(output_types("arg_max", {T::Long, T::String, T::Int}) ==
        std::vector{T::Long, T::String, T::Int});
  CHECK(output_types("arg_min", {T::DateTime, T::String}) == std::vector{T::DateTime, T::String});
  CHECK(output_types("arg_max", {T::Long}) == std::vector{T::Long});
  CHECK(output_types("argmax", {T::Bool, T::Dynamic}) == std::vector{T::Bool, T::Dynamic});
  CHECK(output_types("take_any", {T::String, T::Int}) == std::vector{T::String, T::Int});
  CHECK(output_types("any", {T::Dynamic}) == std::vector{T::Dynamic});
  CHECK(output_types("take_anyif", {T::Long, T::Bool}) == std::vector{T::Long});
  CHECK(output_types("anyif", {T::String, T::Bool}) == std::vector{T::String});
  CHECK(output_types("binary_all_and", {T::Int}) == std::vector{T::Int});
  CHECK(output_types("binary_all_or", {T::Long}) == std::vector{T::Long});
}

TEST_CASE("aggregates: result name prefixes and flags equal Kusto.Language's") {
  // DeviceEvents | summarize count(), dcount(DeviceName), make_set(FileName), sum(FileSize+1)...
  // through /work/ref/kusto-ls/ref.js: count_, dcount_DeviceName, set_FileName, sum_.
  const std::pair<const char*, const char*> prefixes[] = {
      {"count", "count_"},
      {"countif", "countif_"},
      {"dcount", "dcount_"},
      {"dcountif", "dcountif_"},
      {"count_distinct", "count_distinct_"},
      {"count_distinctif", "count_distinctif_"},
      {"sum", "sum_"},
      {"sumif", "sumif_"},
      {"avg", "avg_"},
      {"avgif", "avgif_"},
      {"min", "min_"},
      {"max", "max_"},
      {"minif", "minif_"},
      {"maxif", "maxif_"},
      {"make_set", "set_"},
      {"makeset", "set_"},
      {"make_set_if", "set_"},
      {"make_list", "list_"},
      {"makelist", "list_"},
      {"make_list_if", "list_"},
      {"make_list_with_nulls", "list_"},
      {"make_bag", "bag_"},
      {"make_bag_if", "bag_"},
      {"make_dictionary", "dictionary_"},
      {"stdev", "stdev_"},
      {"stdevif", "stdevif_"},
      {"stdevp", "stdevp_"},
      {"variance", "variance_"},
      {"varianceif", "varianceif_"},
      {"variancep", "variancep_"},
      {"variancepif", "variancepif_"},
      {"percentile", "percentile_"},
      {"percentiles", "percentile_"},
      {"percentiles_array", "percentiles_"},
      {"arg_max", "max_"},
      {"arg_min", "min_"},
      {"argmax", "max_"},
      {"argmin", "min_"},
      {"take_any", "any_"},
      {"any", "any_"},
      {"take_anyif", ""},
      {"anyif", "anyif_"},
      {"binary_all_and", ""},
  };
  for (const auto& [name, prefix] : prefixes) {
    INFO(name);
    const AggregateFunction* f = FunctionRegistry::instance().aggregate(name);
    REQUIRE(f);
    CHECK(f->name == name);  // legacy spellings are entries of their own: their names differ
    CHECK(f->name_prefix == prefix);
  }
  for (const char* name : {"arg_max", "arg_min", "argmax", "argmin", "take_any", "any"})
    CHECK(FunctionRegistry::instance().aggregate(name)->outputs_are_arguments);
  for (const char* name : {"take_anyif", "max", "make_set"})
    CHECK_FALSE(FunctionRegistry::instance().aggregate(name)->outputs_are_arguments);
  for (const char* name : {"countif", "sumif", "avgif", "minif", "maxif", "stdevif", "varianceif",
                           "variancepif", "take_anyif", "anyif", "count_distinctif"})
    CHECK(FunctionRegistry::instance().aggregate(name)->predicate_last);
  // These read their predicate (argument 2) themselves: an optional argument follows it.
  for (const char* name : {"dcountif", "make_set_if", "make_list_if", "make_bag_if"})
    CHECK_FALSE(FunctionRegistry::instance().aggregate(name)->predicate_last);
}

TEST_CASE("aggregates: arguments Kusto.Language refuses are refused") {
  using T = Type;
  // count(x) is accepted although Kusto.Language wants a bool there: summarize-operator.md runs
  // count(y) over reals (2 rows, nulls included); two arguments are still refused.
  CHECK(output_types("count", {T::String}) == std::vector{T::Long});
  CHECK_THROWS_AS(output_types("count", {T::String, T::Long}), Error);
  CHECK_THROWS_AS(output_types("countif", {T::Long}), Error);  // predicate must be bool
  CHECK_THROWS_AS(output_types("sum", {T::Bool}), Error);
  CHECK_THROWS_AS(output_types("sum", {T::String}), Error);
  CHECK_THROWS_AS(output_types("avg", {T::Bool}), Error);
  CHECK_THROWS_AS(output_types("stdev", {T::Bool}), Error);
  CHECK_THROWS_AS(output_types("min", {T::Dynamic}), Error);
  CHECK_THROWS_AS(output_types("max", {T::Guid}), Error);
  CHECK_THROWS_AS(output_types("min", {T::Long, T::Long}), Error);
  CHECK_THROWS_AS(output_types("arg_max", {T::Dynamic, T::String}), Error);
  CHECK_THROWS_AS(output_types("arg_min", {T::Guid, T::String}), Error);
  CHECK_THROWS_AS(output_types("make_set", {T::String, T::Real}), Error);  // maxSize: integer
  CHECK_THROWS_AS(output_types("make_list_with_nulls", {T::String, T::Long}), Error);
  CHECK_THROWS_AS(output_types("sumif", {T::Long, T::Long}), Error);
}

TEST_CASE("aggregates: defaults on empty input (summarize-operator.md)") {
  // datatable(x:long)[] | summarize ... : count, countif, dcount, dcountif, sum, sumif, variance,
  // stdev are 0; make_* are []; avg is NaN (0 / 0); all others null.
  const Rows none;
  const std::vector<Type> x{Type::Long};
  const std::vector<Type> x_pred{Type::Long, Type::Bool};
  CHECK(agg1("count", none, {}).as_int64() == 0);
  CHECK(agg1("countif", none, {Type::Bool}).as_int64() == 0);
  CHECK(agg1("dcount", none, x).as_int64() == 0);
  CHECK(agg1("dcountif", none, x_pred).as_int64() == 0);
  CHECK(agg1("count_distinct", none, x).as_int64() == 0);
  CHECK(agg1("sum", none, x).as_int64() == 0);
  CHECK_FALSE(agg1("sum", none, x).is_null());
  CHECK(agg1("sumif", none, x_pred).as_int64() == 0);
  CHECK(agg1("sum", none, {Type::Real}).as_real() == 0);
  CHECK(agg1("sum", none, {Type::TimeSpan}).ticks() == 0);
  CHECK(std::isnan(agg1("avg", none, x).as_real()));
  CHECK(agg1("variance", none, x).as_real() == 0);
  CHECK(agg1("varianceif", none, x_pred).as_real() == 0);
  CHECK(agg1("stdev", none, x).as_real() == 0);
  CHECK(agg1("stdevif", none, x_pred).as_real() == 0);
  CHECK(agg1("variancep", none, x).is_null());
  CHECK(agg1("stdevp", none, x).is_null());
  for (const char* f : {"make_set", "make_list", "make_list_with_nulls", "makeset", "makelist"})
    CHECK(json(agg1(f, none, x)) == "[]");
  CHECK(json(agg1("make_set_if", none, x_pred)) == "[]");
  CHECK(json(agg1("make_list_if", none, x_pred)) == "[]");
  CHECK(json(agg1("make_bag", none, {Type::Dynamic})) == "[]");
  CHECK(json(agg1("make_bag_if", none, {Type::Dynamic, Type::Bool})) == "[]");
  CHECK(agg1("max", none, x).is_null());
  CHECK(agg1("min", none, x).is_null());
  CHECK(agg1("min", none, {Type::String}).text() == "");
  CHECK(agg1("avg", none, {Type::TimeSpan}).is_null());
  CHECK(agg1("take_any", none, x).is_null());
  CHECK(agg1("take_anyif", none, x_pred).is_null());
  CHECK(agg1("binary_all_xor", none, x).is_null());
  const auto arg = call_aggregate("arg_max", none, std::vector<Type>{Type::Long, Type::String});
  CHECK(arg[0].is_null());
  CHECK(arg[1].text() == "");
}

// ------------------------------------------------------------------------------------------
// count, countif, dcount, dcountif, count_distinct

TEST_CASE("aggregates: count counts rows, nulls included (A-3, summarize-operator.md)") {
  // range x from 1 to 2 | extend y = iff(x == 1, real(null), real(5)) | summarize count(y)
  // counts both rows; count() takes no argument in Kusto, so rows are counted as they come.
  const Value n = agg1("count", Rows(2), {});
  CHECK(n.type() == Type::Long);
  CHECK(n.as_int64() == 2);
  CHECK(agg1("count", Rows(1000), {}).as_int64() == 1000);
}

TEST_CASE("aggregates: countif string length example (countif-aggregation-function.md)") {
  Rows rows;
  for (const auto& [name, day] : kBirthdays) rows.push_back({B(name.size() > 4)});
  CHECK(agg1("countif", rows, {Type::Bool}).as_int64() == 2);
  CHECK(agg1("countif", col({B(true), Value::null_of(Type::Bool), B(false)}), {Type::Bool})
            .as_int64() == 1);
}

TEST_CASE("aggregates: dcount is exact, ignores nulls, accepts accuracy (A-4)") {
  CHECK(agg1("dcount", col({S("a"), S("b"), S("a"), S(""), S("c"), S("")}), {Type::String})
            .as_int64() == 4);  // "" is a value: strings are never null
  CHECK(agg1("dcount", col({L(1), kNullLong, L(1), L(2), kNullLong}), {Type::Long}).as_int64() ==
        2);
  CHECK(agg1("dcount", col({kNullLong, kNullLong}), {Type::Long}).as_int64() == 0);
  CHECK(agg1("dcount", {{S("a"), I(2)}, {S("b"), I(2)}, {S("a"), I(2)}}, {Type::String, Type::Int})
            .as_int64() == 2);
  // Reals: -0.0 is 0.0, NaN is one value.
  CHECK(agg1("dcount", col({R(0.0), R(-0.0), R(std::nan("")), R(std::nan("")), R(1)}), {Type::Real})
            .as_int64() == 3);
  CHECK(agg1("dcount", col({dt(2020, 1, 1), dt(2020, 1, 1), dt(2021, 1, 1)}), {Type::DateTime})
            .as_int64() == 2);
  CHECK(agg1("dcount", col({B(true), B(false), B(true)}), {Type::Bool}).as_int64() == 2);
  // Dynamic: trees compare structurally, numbers by value (an int node is the long 1).
  CHECK(agg1("dcount",
             col({J("1"), Value::dynamic(Dynamic::integer(1)), J("[1,2]"), J("[1,2]"),
                  J(R"({"a":1})"), J(R"("1")"), Value::null_of(Type::Dynamic)}),
             {Type::Dynamic})
            .as_int64() == 4);
  // Exact past HyperLogLog's low-cardinality range (fed by hand: splitting 5000 rows at every
  // point would take minutes under ASan).
  auto state = state_of("count_distinct", {Type::Long});
  for (int i = 0; i < 5000; ++i) feed(*state, {L(i % 3000)});
  std::vector<Value> out(1);
  state->finish(out);
  CHECK(out[0].as_int64() == 3000);
}

TEST_CASE("aggregates: dcountif and count_distinctif skip rows whose predicate is not true") {
  const Rows rows = {{S("a"), B(true)},
                     {S("b"), B(false)},
                     {S("c"), Value::null_of(Type::Bool)},
                     {S("a"), B(true)},
                     {S("d"), B(true)}};
  CHECK(agg1("dcountif", rows, {Type::String, Type::Bool}).as_int64() == 2);
  CHECK(agg1("count_distinctif", rows, {Type::String, Type::Bool}).as_int64() == 2);
  // dcountif(expr, predicate, accuracy): the predicate is not the last argument.
  Rows with_accuracy;
  for (const auto& r : rows) with_accuracy.push_back({r[0], r[1], I(4)});
  CHECK(agg1("dcountif", with_accuracy, {Type::String, Type::Bool, Type::Int}).as_int64() == 2);
}

// ------------------------------------------------------------------------------------------
// sum, sumif, avg, avgif

TEST_CASE("aggregates: sum and avg skip nulls (summarize-operator.md)") {
  // range x from 1 to 4 | extend y = iff(x == 1, real(null), real(5)) | summarize sum(y), avg(y)
  const Rows y = col({kNullReal, R(5), R(5), R(5)});
  CHECK(agg1("sum", y, {Type::Real}).as_real() == 15);
  CHECK(agg1("avg", y, {Type::Real}).as_real() == 5);
}

TEST_CASE("aggregates: sumif birth dates example (sumif-aggregation-function.md)") {
  Rows rows;
  for (const auto& [name, day] : kBirthdays) rows.push_back({L(day), B(name.size() > 4)});
  const Value s = agg1("sumif", rows, {Type::Long, Type::Bool});
  CHECK(s.type() == Type::Long);
  CHECK(s.as_int64() == 32);
}

TEST_CASE("aggregates: sum of ints and longs is a long that wraps on overflow") {
  const Value s = agg1("sum", col({I(2147483647), I(2147483647), kNullInt}), {Type::Int});
  CHECK(s.type() == Type::Long);
  CHECK(s.as_int64() == 4294967294);
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  CHECK(agg1("sum", col({L(kMax), L(1)}), {Type::Long}).as_int64() == kMin);
  // Wrapping is modular, so an overflow undone later gives the true sum at every split.
  CHECK(agg1("sum", col({L(kMax), L(kMax), L(-kMax), L(-kMax), L(5)}), {Type::Long}).as_int64() ==
        5);
  // avg keeps the exact total: no overflow.
  CHECK(agg1("avg", col({L(kMax), L(kMax)}), {Type::Long}).as_real() == static_cast<double>(kMax));
  CHECK(agg1("avg", col({L(1), L(2)}), {Type::Long}).as_real() == 1.5);
  CHECK(agg1("avg", col({I(1), I(2), I(4), kNullInt}), {Type::Int}).as_real() == 7.0 / 3.0);
}

TEST_CASE("aggregates: sum of reals is exactly rounded at any split") {
  // Orders of addition that lose the 1 in plain doubles.
  CHECK(agg1("sum", col({R(1e16), R(1), R(-1e16)}), {Type::Real}).as_real() == 1);
  CHECK(agg1("sum", col({R(1e100), R(1), R(-1e100), R(1e-100)}), {Type::Real}).as_real() == 1);
  // Python's fsum example: 1e16 + 1 is a tie that 1e-16 breaks upwards.
  CHECK(agg1("sum", col({R(1e-16), R(1), R(1e16)}), {Type::Real}).as_real() == 1e16 + 2);
  // The exact sum of the three doubles rounded once is 0.6 (adding in order gives
  // 0.6000000000000001).
  CHECK(agg1("sum", col({R(0.1), R(0.2), R(0.3)}), {Type::Real}).as_real() == 0.6);
  // Magnitudes past 2^512 and intermediate overflow.
  CHECK(agg1("sum", col({R(1e308), R(1e308), R(-1e308)}), {Type::Real}).as_real() == 1e308);
  CHECK(agg1("sum", col({R(0x1p600), R(1), R(-0x1p600)}), {Type::Real}).as_real() == 1);
  constexpr double kMax = std::numeric_limits<double>::max();
  CHECK(agg1("sum", col({R(kMax), R(kMax)}), {Type::Real}).as_real() ==
        std::numeric_limits<double>::infinity());
  CHECK(agg1("sum", col({R(-kMax), R(-kMax), R(1)}), {Type::Real}).as_real() ==
        -std::numeric_limits<double>::infinity());
  CHECK(agg1("avg", col({R(kMax), R(kMax)}), {Type::Real}).as_real() == kMax);
  // Infinities and NaN.
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(agg1("sum", col({R(inf), R(1)}), {Type::Real}).as_real() == inf);
  CHECK(std::isnan(agg1("sum", col({R(inf), R(-inf)}), {Type::Real}).as_real()));
  CHECK(std::isnan(agg1("sum", col({R(1), R(std::nan(""))}), {Type::Real}).as_real()));
  // Subnormals add exactly.
  const double tiny = std::numeric_limits<double>::denorm_min();
  CHECK(agg1("sum", col({R(tiny), R(1), R(tiny), R(-1)}), {Type::Real}).as_real() == 2 * tiny);
}

TEST_CASE("aggregates: sum and avg of timespans and datetimes") {
  const Value s =
      agg1("sum", col({hours(1), hours(2), Value::null_of(Type::TimeSpan)}), {Type::TimeSpan});
  CHECK(s.type() == Type::TimeSpan);
  CHECK(s.ticks() == 3 * kTicksPerHour);
  const Value a = agg1("avg", col({hours(1), hours(2)}), {Type::TimeSpan});
  CHECK(a.ticks() == 3 * kTicksPerHour / 2);
  CHECK(agg1("avg", col({Value::timespan(-3), Value::timespan(0)}), {Type::TimeSpan}).ticks() ==
        -1);  // -1.5 ticks truncated toward zero
  const Value mid = agg1("avg", col({dt(2020, 1, 1), dt(2020, 1, 3)}), {Type::DateTime});
  CHECK(mid.type() == Type::DateTime);
  CHECK(mid.ticks() == ticks_from_civil(2020, 1, 2));
  // Out of range totals are null rather than wrapped.
  CHECK(agg1("sum", col({dt(9000, 1, 1), dt(9000, 1, 1)}), {Type::DateTime}).is_null());
  const auto big = Value::timespan(std::numeric_limits<std::int64_t>::max());
  CHECK(agg1("sum", col({big, big}), {Type::TimeSpan}).is_null());
}

TEST_CASE("aggregates: avgif (avgif-aggregation-function.md)") {
  // avgif(DamageCrops, DamageCrops > 0) on a hand-made group.
  const Rows rows = {{L(0), B(false)}, {L(10), B(true)}, {L(0), B(false)}, {L(20), B(true)}};
  CHECK(agg1("avgif", rows, {Type::Long, Type::Bool}).as_real() == 15);
  CHECK(agg1("avg", col({L(0), L(10), L(0), L(20)}), {Type::Long}).as_real() == 7.5);
}

// ------------------------------------------------------------------------------------------
// min, max, minif, maxif

TEST_CASE("aggregates: min and max over every orderable type") {
  CHECK(agg1("min", col({I(3), kNullInt, I(-2), I(7)}), {Type::Int}).as_int64() == -2);
  CHECK(agg1("min", col({I(3), kNullInt, I(-2), I(7)}), {Type::Int}).type() == Type::Int);
  CHECK(agg1("max", col({L(3), kNullLong, L(7), L(7)}), {Type::Long}).as_int64() == 7);
  CHECK(agg1("max", col({R(1.5), R(std::nan("")), R(-3), kNullReal}), {Type::Real}).as_real() ==
        1.5);  // NaN sorts with nulls and is skipped
  // min(StartTime) / max(StartTime) (min-/max-aggregation-function.md) on a few dates.
  const Rows times = col({dt(2007, 6, 1), dt(2007, 1, 1), dt(2007, 12, 31)});
  CHECK(agg1("min", times, {Type::DateTime}).ticks() == ticks_from_civil(2007, 1, 1));
  CHECK(agg1("max", times, {Type::DateTime}).ticks() == ticks_from_civil(2007, 12, 31));
  CHECK(agg1("max", col({hours(2), hours(-5)}), {Type::TimeSpan}).ticks() == 2 * kTicksPerHour);
  // Strings compare ordinally (S-5): "B" < "a"; "" is a value (strings are never null).
  CHECK(agg1("min", col({S("a"), S("B"), S("b")}), {Type::String}).text() == "B");
  CHECK(agg1("max", col({S("a"), S("B"), S("b")}), {Type::String}).text() == "b");
  CHECK(agg1("min", col({S("a"), S("")}), {Type::String}).text() == "");
  CHECK(agg1("max", col({S("\xc3\xa9"), S("z")}), {Type::String}).text() == "\xc3\xa9");
  CHECK(agg1("max", col({B(false), B(true)}), {Type::Bool}).as_bool());
  CHECK_FALSE(agg1("min", col({B(true), B(false)}), {Type::Bool}).as_bool());
  CHECK(agg1("max", col({kNullLong, kNullLong}), {Type::Long}).is_null());
}

TEST_CASE("aggregates: minif and maxif (minif-/maxif-aggregation-function.md)") {
  // minif(Damage, Deaths > 0 and Damage > 0), maxif(Damage, Deaths == 0) on a hand-made group.
  const Rows rows = {{L(8000), B(true)},
                     {L(0), B(false)},
                     {L(25000000), B(false)},
                     {L(5000), B(true)},
                     {L(40000), Value::null_of(Type::Bool)}};
  CHECK(agg1("minif", rows, {Type::Long, Type::Bool}).as_int64() == 5000);
  CHECK(agg1("maxif", rows, {Type::Long, Type::Bool}).as_int64() == 8000);
  CHECK(agg1("maxif", {{L(1), B(false)}}, {Type::Long, Type::Bool}).is_null());
}

// ------------------------------------------------------------------------------------------
// arg_max, arg_min

TEST_CASE("aggregates: arg_max null handling example (arg-max-aggregation-function.md)") {
  // summarize arg_max(Version, *) by Fruit: the outputs are Version, Color.
  const std::vector<Type> types{Type::Int, Type::String};
  auto arg_max = [&](const Rows& rows) { return call_aggregate("arg_max", rows, types); };
  const auto apple = arg_max({{I(1), S("Red")}, {kNullInt, S("Green")}});
  CHECK(apple[0].as_int64() == 1);
  CHECK(apple[1].text() == "Red");
  const auto banana = arg_max({{kNullInt, S("Yellow")}, {kNullInt, S("Green")}});
  CHECK(banana[0].is_null());
  CHECK(banana[1].text() == "Yellow");
  const auto pear = arg_max({{I(1), S("Brown")}, {I(2), S("Green")}});
  CHECK(pear[0].as_int64() == 2);
  CHECK(pear[1].text() == "Green");
}

TEST_CASE("aggregates: arg_min null handling example (arg-min-aggregation-function.md)") {
  const std::vector<Type> types{Type::Int, Type::String};
  auto arg_min = [&](const Rows& rows) { return call_aggregate("arg_min", rows, types); };
  CHECK(arg_min({{I(1), S("Red")}, {kNullInt, S("Green")}})[1].text() == "Red");
  const auto banana = arg_min({{kNullInt, S("Yellow")}, {kNullInt, S("Green")}});
  CHECK(banana[0].is_null());
  CHECK(banana[1].text() == "Yellow");
  const auto pear = arg_min({{I(1), S("Brown")}, {I(2), S("Green")}});
  CHECK(pear[0].as_int64() == 1);
  CHECK(pear[1].text() == "Brown");
}

TEST_CASE("aggregates: arg_max ties keep the first row, nulls lose to any value") {
  const std::vector<Type> types{Type::Long, Type::String, Type::Long};
  const auto tie = call_aggregate(
      "arg_max", {{L(5), S("a"), L(1)}, {L(7), S("b"), L(2)}, {L(7), S("c"), L(3)}}, types);
  CHECK(tie[1].text() == "b");
  CHECK(tie[2].as_int64() == 2);
  const auto tie_min = call_aggregate(
      "arg_min", {{L(5), S("a"), L(1)}, {L(2), S("b"), L(2)}, {L(2), S("c"), L(3)}}, types);
  CHECK(tie_min[1].text() == "b");
  const auto late = call_aggregate(
      "arg_max", {{kNullLong, S("x"), L(1)}, {kNullLong, S("y"), L(2)}, {L(-9), S("z"), L(3)}},
      types);
  CHECK(late[0].as_int64() == -9);
  CHECK(late[1].text() == "z");
  // The maximised value may be a string, datetime or bool; legacy argmax behaves alike.
  const auto by_name = call_aggregate("argmax", {{S("b"), L(1)}, {S("c"), L(2)}, {S("a"), L(3)}},
                                      std::vector<Type>{Type::String, Type::Long});
  CHECK(by_name[1].as_int64() == 2);
  const auto latest = call_aggregate(
      "arg_max", {{dt(2007, 1, 27), S("GUAM")}, {dt(2007, 2, 3), S("MASSACHUSETTS")}},
      std::vector<Type>{Type::DateTime, Type::String});
  CHECK(latest[1].text() == "MASSACHUSETTS");
  const auto only =
      call_aggregate("arg_max", col({R(1), R(std::nan("")), R(3)}), std::vector<Type>{Type::Real});
  CHECK(only[0].as_real() == 3);
}

// ------------------------------------------------------------------------------------------
// take_any, take_anyif

TEST_CASE("aggregates: take_any is the first row, preferring a non-empty single value") {
  CHECK(agg1("take_any", col({S(""), S("a"), S("b")}), {Type::String}).text() == "a");
  CHECK(agg1("take_any", col({kNullLong, L(5), L(6)}), {Type::Long}).as_int64() == 5);
  CHECK(agg1("take_any", col({S(""), S("")}), {Type::String}).text() == "");
  CHECK(agg1("any", col({S("x"), S("y")}), {Type::String}).text() == "x");
  // Several expressions come from one row: the first.
  const auto row = call_aggregate("take_any", {{S(""), L(1)}, {S("b"), L(2)}},
                                  std::vector<Type>{Type::String, Type::Long});
  CHECK(row[0].text() == "");
  CHECK(row[1].as_int64() == 1);
}

TEST_CASE("aggregates: take_anyif (take-anyif-aggregation-function.md)") {
  const Rows rows = {
      {S("Hail"), B(false)}, {S(""), B(true)}, {S("Strong Wind"), B(true)}, {S("Flood"), B(true)}};
  CHECK(agg1("take_anyif", rows, {Type::String, Type::Bool}).text() == "Strong Wind");
  CHECK(agg1("anyif", rows, {Type::String, Type::Bool}).text() == "Strong Wind");
  CHECK(agg1("take_anyif", {{S("a"), B(false)}}, {Type::String, Type::Bool}).text() == "");
}

// ------------------------------------------------------------------------------------------
// make_set, make_list, make_bag

TEST_CASE(
    "aggregates: make_set from a scalar and an array column (make-set-aggregation-function.md)") {
  CHECK(json(agg1("make_set", col({I(1), I(5), I(7), I(5)}), {Type::Int})) == "[1,5,7]");
  // The doc's dynamic(['A1', ...]) literals, as JSON.
  const Rows arrays_json = col({J(R"(["A1", "A2", "A3"])"), J(R"(["A2", "C1"])"),
                                J(R"(["C2", "A3"])"), J(R"(["C2", "A1"])")});
  CHECK(json(agg1("make_set", arrays_json, {Type::Dynamic})) == R"(["A1","A2","A3","C1","C2"])");
}

TEST_CASE("aggregates: make_set_if and make_list_if examples") {
  Rows rows;
  for (const auto& [name, day] : kBirthdays) rows.push_back({S(name), B(name.size() > 4)});
  CHECK(json(agg1("make_set_if", rows, {Type::String, Type::Bool})) == R"(["George","Ringo"])");
  CHECK(json(agg1("make_list_if", rows, {Type::String, Type::Bool})) == R"(["George","Ringo"])");
  // With maxSize after the predicate.
  Rows sized;
  for (const auto& r : rows) sized.push_back({r[0], B(true), I(2)});
  CHECK(json(agg1("make_set_if", sized, {Type::String, Type::Bool, Type::Int})) ==
        R"(["John","Paul"])");
  CHECK(json(agg1("make_list_if", sized, {Type::String, Type::Bool, Type::Int})) ==
        R"(["John","Paul"])");
}

TEST_CASE("aggregates: make_set skips nulls, keeps first-appearance order, stops at maxSize") {
  CHECK(json(agg1("make_set", col({kNullReal, R(5), R(5)}), {Type::Real})) == "[5]");
  CHECK(json(agg1("make_set", col({S("b"), S(""), S("a"), S("b")}), {Type::String})) ==
        R"(["b","","a"])");
  CHECK(json(agg1("make_set",
                  col({J("[1,null,2]"), J("2"), J(R"({"k":1})"), J("[[3]]"),
                       Value::null_of(Type::Dynamic)}),
                  {Type::Dynamic})) == R"([1,2,{"k":1},[3]])");
  CHECK(json(agg1("make_set", {{L(3), I(2)}, {L(1), I(2)}, {L(3), I(2)}, {L(2), I(2)}},
                  {Type::Long, Type::Int})) == "[3,1]");
  // Elements of one array stop at the limit too.
  CHECK(json(agg1("make_set", {{J("[1,2,3]"), I(2)}, {J("[4]"), I(2)}},
                  {Type::Dynamic, Type::Int})) == "[1,2]");
  Rows many;
  for (int i = 0; i < 300; ++i) many.push_back({L(i)});
  CHECK(agg1("makeset", many, {Type::Long}).tree()->items().size() == 128);
  CHECK(agg1("make_set", many, {Type::Long}).tree()->items().size() == 300);
  CHECK(agg1("makelist", many, {Type::Long}).tree()->items().size() == 128);
  CHECK_THROWS_AS(agg1("make_set", {{L(1), I(0)}}, {Type::Long, Type::Int}), Error);
}

TEST_CASE("aggregates: make_list one column and by group (make-list-aggregation-function.md)") {
  const std::vector<std::pair<std::string, int>> shapes = {
      {"triangle", 3}, {"square", 4},  {"rectangle", 4}, {"pentagon", 5}, {"hexagon", 6},
      {"heptagon", 7}, {"octagon", 8}, {"nonagon", 9},   {"decagon", 10}};
  Rows all, odd, even, odd_bags, even_bags;
  for (const auto& [name, sides] : shapes) {
    all.push_back({S(name)});
    (sides % 2 == 0 ? even : odd).push_back({S(name)});
    const Value bag =
        call_function("bag_pack", std::vector<Value>{S("name"), S(name), S("sideCount"), I(sides)});
    (sides % 2 == 0 ? even_bags : odd_bags).push_back({bag});
  }
  CHECK(
      json(agg1("make_list", all, {Type::String})) ==
      R"(["triangle","square","rectangle","pentagon","hexagon","heptagon","octagon","nonagon","decagon"])");
  CHECK(json(agg1("make_list", odd, {Type::String})) ==
        R"(["triangle","pentagon","heptagon","nonagon"])");
  CHECK(json(agg1("make_list", even, {Type::String})) ==
        R"(["square","rectangle","hexagon","octagon","decagon"])");
  CHECK(json(agg1("make_list", odd_bags, {Type::Dynamic})) ==
        R"([{"name":"triangle","sideCount":3},{"name":"pentagon","sideCount":5},)"
        R"({"name":"heptagon","sideCount":7},{"name":"nonagon","sideCount":9}])");
  CHECK(json(agg1("make_list", even_bags, {Type::Dynamic})) ==
        R"([{"name":"square","sideCount":4},{"name":"rectangle","sideCount":4},)"
        R"({"name":"hexagon","sideCount":6},{"name":"octagon","sideCount":8},)"
        R"({"name":"decagon","sideCount":10}])");
}

TEST_CASE("aggregates: make_list keeps input order, skips nulls, does not flatten arrays") {
  CHECK(json(agg1("make_list", col({L(3), kNullLong, L(1), L(3)}), {Type::Long})) == "[3,1,3]");
  CHECK(json(agg1("make_list", col({J("[1,2]"), J("[3]"), Value::null_of(Type::Dynamic)}),
                  {Type::Dynamic})) == "[[1,2],[3]]");
  const Value times = agg1("make_list", col({dt(2020, 1, 1)}), {Type::DateTime});
  CHECK(times.tree()->items()[0]->gettype() == "datetime");
  CHECK(json(agg1("make_list", {{L(1), L(2)}, {L(2), L(2)}, {L(3), L(2)}},
                  {Type::Long, Type::Long})) == "[1,2]");
}

TEST_CASE(
    "aggregates: make_list_with_nulls example (make-list-with-nulls-aggregation-function.md)") {
  const Value list =
      agg1("make_list_with_nulls", col({kNullInt, I(4), I(4), I(5), I(6), I(7), I(8), I(9), I(10)}),
           {Type::Int});
  CHECK(json(list) == "[null,4,4,5,6,7,8,9,10]");
}

TEST_CASE("aggregates: make_bag examples (make-bag-aggregation-function.md, make-bag-if)") {
  auto pack = [](const char* k, const char* v) {
    return call_function("bag_pack", std::vector<Value>{S(k), S(v)});
  };
  const Rows bags =
      col({pack("prop01", "val_a"), pack("prop02", "val_b"), pack("prop03", "val_c")});
  CHECK(json(agg1("make_bag", bags, {Type::Dynamic})) ==
        R"({"prop01":"val_a","prop02":"val_b","prop03":"val_c"})");
  CHECK(json(agg1("make_dictionary", bags, {Type::Dynamic})) ==
        R"({"prop01":"val_a","prop02":"val_b","prop03":"val_c"})");
  const Rows with_predicate = {{pack("prop01", "val_a"), B(true)},
                               {pack("prop02", "val_b"), B(false)},
                               {pack("prop03", "val_c"), B(true)}};
  CHECK(json(agg1("make_bag_if", with_predicate, {Type::Dynamic, Type::Bool})) ==
        R"({"prop01":"val_a","prop03":"val_c"})");
}

TEST_CASE("aggregates: make_bag merges bags, first value of a key wins, skips non-bags") {
  const Rows rows = col({J(R"({"a":1,"b":2})"), J("[1]"), J(R"("s")"), J(R"({"b":3,"c":4})"),
                         Value::null_of(Type::Dynamic), J(R"({"a":5,"d":{"x":1}})")});
  CHECK(json(agg1("make_bag", rows, {Type::Dynamic})) == R"({"a":1,"b":2,"c":4,"d":{"x":1}})");
  Rows sized;
  for (const auto& r : rows) sized.push_back({r[0], I(3)});
  CHECK(json(agg1("make_bag", sized, {Type::Dynamic, Type::Int})) == R"({"a":1,"b":2,"c":4})");
  CHECK(json(agg1("make_bag", col({J(R"({})")}), {Type::Dynamic})) == "{}");
  CHECK(json(agg1("make_bag", col({J("[1]")}), {Type::Dynamic})) == "[]");
}

// ------------------------------------------------------------------------------------------
// stdev, variance

TEST_CASE("aggregates: stdev, stdevp, variance, variancep of 1 to 5 (doc examples)") {
  // stdev-aggregation-function.md 1.58113883008419; stdevp 1.4142135623731; variance 2.5;
  // variancep 2.
  const Rows x = range(5);
  CHECK(agg1("stdev", x, {Type::Long}).as_real() == std::sqrt(2.5));
  CHECK(agg1("stdev", x, {Type::Long}).as_real() == Approx(1.58113883008419));
  CHECK(agg1("stdevp", x, {Type::Long}).as_real() == std::sqrt(2.0));
  CHECK(agg1("stdevp", x, {Type::Long}).as_real() == Approx(1.4142135623731));
  CHECK(agg1("variance", x, {Type::Long}).as_real() == 2.5);
  CHECK(agg1("variancep", x, {Type::Long}).as_real() == 2);
}

TEST_CASE("aggregates: stdevif, varianceif, variancepif of the even numbers 1 to 100") {
  Rows rows;
  for (std::int64_t x = 1; x <= 100; ++x) rows.push_back({L(x), B(x % 2 == 0)});
  // stdevif-aggregation-function.md 29.1547594742265 = sqrt(850); varianceif 850.
  CHECK(agg1("stdevif", rows, {Type::Long, Type::Bool}).as_real() == std::sqrt(850.0));
  CHECK(agg1("stdevif", rows, {Type::Long, Type::Bool}).as_real() == Approx(29.1547594742265));
  CHECK(agg1("varianceif", rows, {Type::Long, Type::Bool}).as_real() == 850);
  // variancepif-aggregation-function.md prints 850, varianceif's value; the population variance
  // of 2, 4, ..., 100 is 4 * (50² - 1) / 12 = 833.
  CHECK(agg1("variancepif", rows, {Type::Long, Type::Bool}).as_real() == 833);
}

TEST_CASE("aggregates: variance is exact for offsets, equal values and any split") {
  CHECK(agg1("variance", col({R(1e9 + 1), R(1e9 + 2), R(1e9 + 3)}), {Type::Real}).as_real() == 1);
  CHECK(agg1("variance", col({R(0.1), R(0.1), R(0.1)}), {Type::Real}).as_real() == 0);
  CHECK(agg1("stdev", col({R(5)}), {Type::Real}).as_real() == 0);
  CHECK(agg1("stdevp", col({R(5)}), {Type::Real}).as_real() == 0);
  CHECK(agg1("variance", col({kNullReal, R(2), kNullReal, R(4)}), {Type::Real}).as_real() == 2);
  // Values of very different magnitudes: the same bits at every split (call_aggregate checks).
  const Value v =
      agg1("variance", col({R(1e-3), R(1e12), R(-7.25), R(3e8), R(1e-3)}), {Type::Real});
  CHECK(v.as_real() == Approx(1.9997001800072502e+23).epsilon(1e-15));
  // Outside the exact path's range: huge and tiny magnitudes.
  CHECK(agg1("variance", col({R(1e200), R(1e200)}), {Type::Real}).as_real() == 0);
  CHECK(agg1("variancep", col({R(-1e200), R(1e200)}), {Type::Real}).as_real() ==
        std::numeric_limits<double>::infinity());  // 1e400 overflows
  CHECK(agg1("variancep", col({R(-1e150), R(1e150)}), {Type::Real}).as_real() == Approx(1e300));
  CHECK(agg1("variancep", col({R(-1e-150), R(1e-150)}), {Type::Real}).as_real() == Approx(1e-300));
  CHECK(std::isnan(
      agg1("variance", col({R(1), R(std::numeric_limits<double>::infinity())}), {Type::Real})
          .as_real()));
  // Timespans count in ticks.
  CHECK(agg1("variancep", col({Value::timespan(1), Value::timespan(3)}), {Type::TimeSpan})
            .as_real() == 1);
}

// ------------------------------------------------------------------------------------------
// percentile

TEST_CASE(
    "aggregates: percentile is the exact nearest rank (percentiles-aggregation-function.md)") {
  const Rows x = range(10);
  auto pct = [&](const Rows& rows, double p, Type t = Type::Long) {
    Rows with_p;
    for (const auto& r : rows) with_p.push_back({r[0], R(p)});
    return agg1("percentile", with_p, {t, Type::Real});
  };
  CHECK(pct(x, 50).as_int64() == 5);
  CHECK(pct(x, 50).type() == Type::Long);
  CHECK(pct(x, 0).as_int64() == 1);
  CHECK(pct(x, 100).as_int64() == 10);
  CHECK(pct(x, 10).as_int64() == 1);
  CHECK(pct(x, 10.5).as_int64() == 2);
  CHECK(pct(range(20), 95).as_int64() == 19);  // 0.95 * 20 is 19 exactly: rank 19
  CHECK(pct(col({R(3.5), R(-1), kNullReal, R(std::nan(""))}), 50, Type::Real).as_real() == -1);
  CHECK(pct(col({dt(2020, 1, 3), dt(2020, 1, 1)}), 100, Type::DateTime).ticks() ==
        ticks_from_civil(2020, 1, 3));
  CHECK(pct(col({kNullLong}), 50).is_null());
  CHECK_THROWS_AS(pct(x, 101), Error);
  Rows arr;
  for (const auto& r : x) arr.push_back({r[0], I(50), I(90)});
  CHECK(json(agg1("percentiles_array", arr, {Type::Long, Type::Int, Type::Int})) == "[5,9]");
  Rows dyn;
  for (const auto& r : x) dyn.push_back({r[0], J("[25, 75]")});
  CHECK(json(agg1("percentiles_array", dyn, {Type::Long, Type::Dynamic})) == "[3,8]");
}

TEST_CASE("aggregates: binary_all_and, binary_all_or, binary_all_xor") {
  const Rows x = col({L(0b1100), kNullLong, L(0b1010)});
  CHECK(agg1("binary_all_and", x, {Type::Long}).as_int64() == 0b1000);
  CHECK(agg1("binary_all_or", x, {Type::Long}).as_int64() == 0b1110);
  CHECK(agg1("binary_all_xor", x, {Type::Long}).as_int64() == 0b0110);
  const Value ints = agg1("binary_all_and", col({I(-1), I(-2), kNullInt}), {Type::Int});
  CHECK(ints.type() == Type::Int);
  CHECK(ints.as_int64() == -2);
  CHECK_THROWS_AS(agg1("binary_all_or", col({R(1)}), {Type::Real}), Error);
}

// ------------------------------------------------------------------------------------------
// Memory

TEST_CASE("aggregates: make_* states stop growing at maxSize, others report what they hold") {
  const std::string big(1000, 'x');
  for (const char* name : {"makeset", "makelist"}) {
    auto s = state_of(name, {Type::String});
    for (int i = 0; i < 128; ++i) feed(*s, {S(big + std::to_string(i))});
    const std::size_t full = s->bytes();
    CHECK(full >= 128 * 1000);
    for (int i = 128; i < 5000; ++i) feed(*s, {S(big + std::to_string(i))});
    CHECK(s->bytes() == full);
  }
  const Value limit = I(10);
  auto bag = state_of("make_bag", {Type::Dynamic, Type::Int}, {nullptr, &limit});
  for (int i = 0; i < 10; ++i) feed(*bag, {J("{\"k" + std::to_string(i) + "\":1}"), limit});
  const std::size_t bag_full = bag->bytes();
  for (int i = 10; i < 1000; ++i) feed(*bag, {J("{\"k" + std::to_string(i) + "\":1}"), limit});
  CHECK(bag->bytes() == bag_full);
  auto distinct = state_of("dcount", {Type::String});
  for (int i = 0; i < 1000; ++i) feed(*distinct, {S(big + std::to_string(i))});
  CHECK(distinct->bytes() >= 1000 * 1000);
  auto pct = state_of("percentile", {Type::Long, Type::Long}, {nullptr, &limit});
  for (int i = 0; i < 1000; ++i) feed(*pct, {L(i), limit});
  CHECK(pct->bytes() >= 1000 * 8);
  auto sum = state_of("sum", {Type::Real});
  for (int i = 0; i < 100000; ++i) feed(*sum, {R(std::ldexp(1.0 + i, (i * 37) % 2000 - 1000))});
  CHECK(sum->bytes() < 4096);  // the partials stay few whatever the magnitudes
}
