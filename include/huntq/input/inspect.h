// What `huntq inspect` reports about an input: its shape, tables, counts, time span, columns and
// the most common ActionType values per table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "huntq/input/record_source.h"

namespace huntq::input {

struct InspectReport {
  std::string display_name;
  Shape shape = Shape::Ndjson;
  bool gzip = false;
  Encoding encoding = Encoding::Utf8;
  Routing routing = Routing::File;
  std::uint64_t size = 0;

  /// Rows per table, in order of first appearance. Tables huntq does not read (a streaming
  /// category or Type naming no built-in table, rows whose columns fit several tables) are
  /// listed under their label with `known` false.
  struct TableRows {
    std::string table;
    std::uint64_t rows = 0;
    bool known = false;                                        ///< a table huntq reads
    std::optional<std::int64_t> min_timestamp, max_timestamp;  ///< ticks
    /// The most common ActionType values, most first (ties by value), with their counts.
    std::vector<std::pair<std::string, std::uint64_t>> top_action_types;
    std::uint64_t distinct_action_types = 0;  ///< counted up to a bound (see inspect_input)
  };
  std::vector<TableRows> tables;
  SourceStats stats;  ///< records, malformed (with first reasons), bad datetimes
  std::optional<std::int64_t> min_timestamp, max_timestamp;  ///< ticks, over readable rows
  std::vector<std::string> columns;  ///< declared columns, then every record's keys (union)
};

/// Reads the whole input once. Throws huntq::Error as the readers do (e.g. truncated array).
/// Distinct ActionType values are tracked up to 10 000 per table (hostile input cannot grow
/// memory without bound); columns up to 10 000.
InspectReport inspect_input(const InputInfo& info, std::size_t top_action_types = 10);

}  // namespace huntq::input
