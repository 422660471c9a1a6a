// KQL's three-valued logic (scalar-data-types/null-values.md): what `and`, `or` and not() give
// for bool, null and dynamic operands. The evaluator runs `and`/`or` (it short-circuits); these
// helpers are the truth tables it must agree with (docs/semantics/logic.md).
#pragma once

#include <optional>

#include "huntq/value/value.h"

namespace huntq::engine {

/// The truth of a condition: a bool, or a dynamic holding a bool, gives that bool; null, a
/// dynamic holding anything else (a number, a string "true", an array...) and other types give
/// nullopt (unknown).
std::optional<bool> kql_truth(const Value& v) noexcept;

/// false if either side is false; else null if either side is unknown; else true.
Value kql_truth_and(const Value& a, const Value& b);
/// true if either side is true; else null if either side is unknown; else false.
Value kql_truth_or(const Value& a, const Value& b);
/// Negation; unknown stays null.
Value kql_truth_not(const Value& a);

}  // namespace huntq::engine
