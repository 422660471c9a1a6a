// A row in flight between operators.
#pragma once

#include <cstdint>
#include <vector>

#include "huntq/value/value.h"

namespace huntq::engine {

struct Row {
  std::vector<Value> cells;
  /// Where the row came from: one order key per scanned record it joins (file index << 40 |
  /// byte offset), left side first. Sort breaks ties with it, so output order never depends on
  /// threads or hash order.
  std::vector<std::uint64_t> lineage;
};

constexpr std::uint64_t make_lineage(std::uint64_t file_index, std::uint64_t offset) {
  return file_index << 40 | (offset & ((std::uint64_t{1} << 40) - 1));
}

}  // namespace huntq::engine
