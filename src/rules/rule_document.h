// Reads one YAML document of an exclusion file into a compiled Rule, checking everything.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/rules/exclusion_rules.h"
#include "huntq/rules/yaml_tree.h"

namespace huntq::rules {

/// The rule in `doc`. Throws huntq::Error naming `file`:line:column and the problem (a field
/// with more than `max_values` values is one). Appends to `warnings` (expired rule, unused
/// selection).
Rule parse_rule_document(const YamlNode& doc, const std::string& file,
                         std::span<const std::string> columns, std::string_view today,
                         std::size_t max_values, std::vector<std::string>& warnings);

/// 1-based location of a YAML node; `fallback` when the parser gave it no place.
SourceLocation location_of(const YamlNode& node, const std::string& file,
                           const SourceLocation& fallback = {});

}  // namespace huntq::rules
