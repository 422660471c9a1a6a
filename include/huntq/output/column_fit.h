// Choosing column widths so that a table fits a terminal without wrapping.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace huntq::output {

struct ColumnFit {
  std::vector<std::size_t> widths;  ///< one per shown column
  /// Columns shown: the first `shown` ones. When fewer than all, the table ends with a one-column
  /// "…" column (after a gap) saying that more columns exist.
  std::size_t shown = 0;
};

/// Widths for columns whose widest cells (header included) are `natural`, separated by `gap`
/// spaces, in at most `total_width` columns. All natural widths when they fit; otherwise the widest
/// columns shrink first (each to a common cap, leftover columns going to the leftmost capped ones),
/// none below min(natural, min_width). If even those minimums do not fit, the rightmost columns
/// are left out (never the first one).
ColumnFit fit_columns(std::span<const std::size_t> natural, std::size_t total_width,
                      std::size_t gap, std::size_t min_width);

}  // namespace huntq::output
