// The JSONPath subset Kusto supports (jsonpath.md): `$`, `.name`, `['name']`, `["name"]`,
// `[n]`. Wildcards, recursion, unions, slices and `@` are not supported. Used by extract_json
// and the bag_* functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/value/dynamic.h"

namespace huntq::engine {

struct JsonPathStep {
  bool is_index = false;
  std::string key;         ///< the property name when !is_index
  std::int64_t index = 0;  ///< the 0-based element when is_index
};

using JsonPath = std::vector<JsonPathStep>;

/// Parses a JSONPath; nullopt when it is not one (or uses an unsupported form).
std::optional<JsonPath> parse_json_path(std::string_view text);

/// What a bag_* key argument names: a JSONPath when it starts with `$` and parses as one,
/// otherwise the root key of that name.
JsonPath key_or_json_path(std::string_view key);

/// The node a path leads to from `root`, or nullptr when a step finds no such key or element.
const DynamicPtr* follow_json_path(const DynamicPtr& root, std::span<const JsonPathStep> path);

/// Prepared state of a call whose path argument is a constant: the parsed path.
struct PreparedPath {
  JsonPath path;
};

}  // namespace huntq::engine
