// `huntq inspect`: what an analyst runs first on an unfamiliar export.
#pragma once

#include <string>
#include <vector>

namespace huntq::cli {

struct InspectOptions {
  std::vector<std::string> inputs;
  std::vector<std::string> table_inputs;  ///< "NAME=PATH" from --table
  std::string format = "text";            ///< text | json
  bool skip_unreadable = false;
  std::string time_format;
  int time_zone_offset_minutes = 0;
};

/// Prints, per file, shape, size, tables (rows, time span, most common ActionType values),
/// records read and skipped, time range and every column. Returns 0 when every file was read;
/// throws huntq::Error otherwise.
int inspect_command(const InspectOptions& options);

}  // namespace huntq::cli
