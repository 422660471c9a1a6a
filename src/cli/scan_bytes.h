// How many input bytes a query's scans read: the progress meter's total.
#pragma once

#include <cstdint>
#include <vector>

#include "huntq/engine/plan.h"
#include "huntq/input/record_source.h"

namespace huntq::cli {

/// The size on disk (compressed, for gzip) of every input each distinct table scan of `root`
/// reads, subqueries included: a file two scans read counts twice, as it is read twice. An
/// estimate: a `take` may stop a scan early.
std::uint64_t bytes_to_scan(const engine::PlanPtr& root,
                            const std::vector<input::InputInfo>& inputs);

}  // namespace huntq::cli
