// The string operators (=~, contains, has, startswith, matches regex, has_any, in~... and their
// negations), registered by register_string_functions().
#pragma once

#include "huntq/engine/functions.h"

namespace huntq::engine {

void register_string_operators(FunctionRegistry& r);

}  // namespace huntq::engine
