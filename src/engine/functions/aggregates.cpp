// aggregate functions.
#include "huntq/engine/functions.h"

namespace huntq::engine {

void register_aggregate_functions(FunctionRegistry& r) {
  (void)r;
}

}  // namespace huntq::engine
