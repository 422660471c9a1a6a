// Shared pieces of the aggregate files (aggregates_*.cpp): registration entry points per kind and
// small helpers for states. Private to src/engine/functions.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "huntq/engine/functions.h"
#include "huntq/error.h"
#include "huntq/value/value.h"

namespace huntq::engine {

void register_counting_aggregates(FunctionRegistry& r);  // count, dcount, count_distinct
void register_numeric_aggregates(FunctionRegistry& r);   // sum, avg, stdev, variance, percentile
void register_row_aggregates(FunctionRegistry& r);       // min, max, arg_max, take_any
void register_collect_aggregates(FunctionRegistry& r);   // make_set, make_list, make_bag

namespace agg {

/// A row passes a predicate only when it is true (null and false do not).
inline bool is_true(const Value& v) {
  return !v.is_null() && v.as_bool();
}

/// An optional constant integer argument (make_set's maxSize...): its value, `fallback` when the
/// call does not have it. Throws when it is below 1.
inline std::int64_t size_argument(const AggregateCall& call, std::size_t index,
                                  std::int64_t fallback, std::int64_t largest,
                                  std::string_view fn) {
  if (index >= call.args.size() || !call.args[index].constant) return fallback;
  const Value& v = *call.args[index].constant;
  if (v.is_null()) return fallback;
  const std::int64_t n = v.as_int64();
  if (n < 1) throw Error(fmt::format("{}(): maxSize must be at least 1, got {}", fn, n));
  return std::min(n, largest);  // the docs: "the default and max value is 1048576"
}

/// States see rows through add(); `merge` always receives a state made by the same overload.
template <class T>
T& same(AggregateState& s) {
  return static_cast<T&>(s);
}

/// One overload with parameter classes; constants marked by the caller.
inline AggregateOverload overload(std::vector<ParamSpec> params, ReturnRule ret, Type fixed,
                                  std::unique_ptr<AggregateState> (*make)(const AggregateCall&),
                                  std::size_t min_args = SIZE_MAX, bool variadic = false) {
  AggregateOverload o;
  o.params = std::move(params);
  o.min_args = min_args;
  o.variadic = variadic;
  o.ret = ret;
  o.fixed = fixed;
  o.make = make;
  return o;
}

inline AggregateFunction aggregate(std::string_view name, std::string_view prefix,
                                   std::vector<AggregateOverload> overloads,
                                   bool predicate_last = false) {
  AggregateFunction f;
  f.name = name;
  f.name_prefix = prefix;
  f.overloads = std::move(overloads);
  f.predicate_last = predicate_last;
  return f;
}

/// The classes Kusto's binder accepts where it wants an orderable value (min, max, arg_max...):
/// numbers, timespan, datetime, string and bool. ArgClass::Orderable takes guids and refuses
/// bools, so these aggregates list the classes one by one.
inline constexpr ArgClass kOrderable[] = {ArgClass::Number, ArgClass::DateTime, ArgClass::TimeSpan,
                                          ArgClass::StrictString, ArgClass::Bool};

}  // namespace agg
}  // namespace huntq::engine
