// What `huntq inspect` reports about an input: its shape, tables, counts and time span.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "huntq/input/record_source.h"

namespace huntq::input {

struct InspectReport {
  std::string display_name;
  Shape shape = Shape::Ndjson;
  bool gzip = false;
  std::uint64_t size = 0;
  /// Rows per table, known tables first in schema order, then others by label (e.g. a
  /// streaming category "AdvancedHunting-DeviceNetworkEvents"), in order of first appearance.
  struct TableRows {
    std::string table;
    std::uint64_t rows = 0;
    bool known = false;  ///< a table huntq reads
  };
  std::vector<TableRows> tables;
  SourceStats stats;  ///< records, malformed (with first reasons), bad datetimes
  std::optional<std::int64_t> min_timestamp, max_timestamp;  ///< ticks, over readable rows
  std::vector<std::string> columns;  ///< as found in the header / first record
};

/// Reads the whole input once. Throws huntq::Error as the readers do (e.g. truncated array).
InspectReport inspect_input(const InputInfo& info);

}  // namespace huntq::input
