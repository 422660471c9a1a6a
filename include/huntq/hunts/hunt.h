// Hunts are data: Sentinel / Defender hunting-query YAML files, built in or given by path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "huntq/kql/source_text.h"

namespace huntq::hunts {

struct Hunt {
  std::string id;                    ///< what `--hunt` takes for a built-in (its file name stem)
  std::string name;                  ///< `name:`
  std::string query_id;              ///< the YAML's `id:` (Sentinel's hunting query id), if any
  std::string description;           ///< `description:`
  std::vector<std::string> tactics;  ///< `tactics:`
  std::vector<std::string> tables;   ///< `requiredDataConnectors[].dataTypes`
  kql::SourceText query;             ///< `query:`, located in its file
};

/// Reads a hunting YAML (Sentinel's hunting queries, Defender's `query:` files). Throws
/// huntq::Error naming file:line when it is not YAML, has no `query:`, or is too large.
Hunt parse_hunt(std::string_view yaml, const std::string& file_name);
Hunt load_hunt_file(const std::string& path);

/// The built-in hunts (src/hunts/builtin/*.yaml, compiled in), by id.
const std::vector<Hunt>& builtin_hunts();
/// The built-in hunt with this id; throws huntq::Error listing the ids.
const Hunt& builtin_hunt(std::string_view id);

/// The flagship hunt `huntq run` runs when no query is given.
inline constexpr std::string_view kDefaultHunt = "av-detections-with-source";

}  // namespace huntq::hunts
