// Reads one YAML document of an exclusion file into a compiled Rule, checking everything.
#pragma once

#include <yaml-cpp/yaml.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/rules/exclusion_rules.h"

namespace huntq::rules {

/// The rule in `doc`. Throws huntq::Error naming `file`:line:column and the problem. Appends to
/// `warnings` (expired rule, unused selection).
Rule parse_rule_document(const YAML::Node& doc, const std::string& file,
                         std::span<const std::string> columns, std::string_view today,
                         std::vector<std::string>& warnings);

/// 1-based location of a YAML node; `fallback` when yaml-cpp has no mark for it.
SourceLocation location_of(const YAML::Node& node, const std::string& file,
                           const SourceLocation& fallback = {});

}  // namespace huntq::rules
