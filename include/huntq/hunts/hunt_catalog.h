// Built-in hunts, each built as a logical plan (the same plan a KQL front end will build from
// the hunt's query text).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "huntq/engine/plan.h"

namespace huntq::hunts {

struct HuntInfo {
  std::string_view id;           ///< what `--hunt` takes
  std::string_view name;         ///< as published
  std::string_view sentinel_id;  ///< the Sentinel hunting query id
  std::string_view query;        ///< the published KQL, verbatim
  engine::PlanPtr (*build)();
};

/// "AV Detections with Source" (Sentinel 52c9e90b-84f4-4e2d-ae3d-eef85e8aa069).
engine::PlanPtr av_detections_with_source();

const std::vector<HuntInfo>& catalog();
/// The hunt with this id; throws huntq::Error listing the known ids.
const HuntInfo& find_hunt(std::string_view id);

}  // namespace huntq::hunts
