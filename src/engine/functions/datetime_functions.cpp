// datetime functions.
#include "huntq/engine/functions.h"

namespace huntq::engine {

void register_datetime_functions(FunctionRegistry& r) {
  (void)r;
}

}  // namespace huntq::engine
