// --since / --until: a time window on every table the query reads, as `where` filters put
// directly over its scans (so the optimizer treats them like the query's own filters).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "huntq/engine/plan.h"

namespace huntq::cli {

/// Rows are kept when since <= Timestamp < until; a bound not given is open.
struct TimeWindow {
  std::optional<std::int64_t> since, until;  ///< ticks (UTC)
  bool active() const { return since || until; }
};

/// Reads `--since` and `--until`: an ISO 8601 date or datetime (UTC without a zone), or a
/// duration counted back from `now_ticks` (`7d`, `12h`, `30m`, `90s`, `1.5h`, `1.00:00:00`).
/// Empty text leaves that bound open. Throws huntq::Error for anything else, for a negative
/// duration, and for an empty window (since >= until).
TimeWindow parse_time_window(const std::string& since, const std::string& until,
                             std::int64_t now_ticks);

/// Where the window was put.
struct WindowedPlan {
  engine::PlanPtr plan;
  /// Tables some scan reads that have no datetime (or string) Timestamp column: left unfiltered.
  std::vector<std::string> unfiltered_tables;
};

/// Puts `where Timestamp >= since and Timestamp < until` over every table scan of `root`,
/// including scans inside subqueries (toscalar, `in (T)`); a shared subtree (a `let` used twice,
/// a materialize()) stays shared. A string Timestamp (untyped `--table` inputs) is compared as
/// todatetime(Timestamp), so a value that is no datetime is outside every window.
WindowedPlan apply_time_window(const engine::PlanPtr& root, const TimeWindow& window);

/// The window as the summary states it, e.g. "2024-03-05T10:00:00Z <= Timestamp <
/// 2024-03-12T10:00:00Z".
std::string describe_time_window(const TimeWindow& window);

}  // namespace huntq::cli
