// `huntq inspect`: what an analyst runs first on an unfamiliar export.
#pragma once

#include <string>
#include <vector>

namespace huntq::cli {

struct InspectOptions {
  std::vector<std::string> inputs;
};

/// Prints, per file, shape, table(s), rows, time range and columns. Returns 0 when every file was
/// read; throws huntq::Error otherwise.
int inspect_command(const InspectOptions& options);

}  // namespace huntq::cli
