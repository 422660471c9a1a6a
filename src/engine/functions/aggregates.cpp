// Aggregate functions (docs/semantics/aggregates.md). Each kind lives in its own file:
// aggregates_counting.cpp, aggregates_numeric.cpp, aggregates_rows.cpp, aggregates_collect.cpp.
#include "aggregates_internal.h"

namespace huntq::engine {

void register_aggregate_functions(FunctionRegistry& r) {
  register_counting_aggregates(r);
  register_numeric_aggregates(r);
  register_row_aggregates(r);
  register_collect_aggregates(r);
}

}  // namespace huntq::engine
