#include "huntq/engine/truth.h"

#include "huntq/value/dynamic.h"

namespace huntq::engine {

std::optional<bool> kql_truth(const Value& v) noexcept {
  if (v.is_null()) return std::nullopt;
  if (v.type() == Type::Bool) return v.as_bool();
  if (v.type() == Type::Dynamic && v.tree()->kind() == DynamicKind::Bool)
    return v.tree()->as_bool();
  return std::nullopt;
}

Value kql_truth_and(const Value& a, const Value& b) {
  const auto x = kql_truth(a), y = kql_truth(b);
  if ((x && !*x) || (y && !*y)) return Value::boolean(false);
  if (!x || !y) return Value::null_of(Type::Bool);
  return Value::boolean(true);
}

Value kql_truth_or(const Value& a, const Value& b) {
  const auto x = kql_truth(a), y = kql_truth(b);
  if ((x && *x) || (y && *y)) return Value::boolean(true);
  if (!x || !y) return Value::null_of(Type::Bool);
  return Value::boolean(false);
}

Value kql_truth_not(const Value& a) {
  const auto x = kql_truth(a);
  return x ? Value::boolean(!*x) : Value::null_of(Type::Bool);
}

}  // namespace huntq::engine
