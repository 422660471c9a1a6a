// logic functions.
#include "huntq/engine/functions.h"

namespace huntq::engine {

void register_logic_functions(FunctionRegistry& r) {
  (void)r;
}

}  // namespace huntq::engine
