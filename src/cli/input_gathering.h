// The inputs of `huntq run` and `huntq inspect`, gathered by the input layer, with what was
// passed over said on stderr.
#pragma once

#include <string>
#include <vector>

#include "huntq/input/record_source.h"

namespace huntq::cli {

/// input::gather_inputs(), printing its warnings and every path it skipped (hidden and empty
/// files as a count) on stderr; `quiet` (run -q) keeps the warnings and drops the count line.
/// Throws huntq::Error as gather_inputs does.
std::vector<input::InputInfo> gather_cli_inputs(const std::vector<std::string>& paths,
                                                const std::vector<std::string>& table_specs,
                                                const input::InputOptions& options,
                                                bool skip_unreadable, bool quiet = false);

}  // namespace huntq::cli
