// conversion functions.
#include "huntq/engine/functions.h"

namespace huntq::engine {

void register_conversion_functions(FunctionRegistry& r) {
  (void)r;
}

}  // namespace huntq::engine
