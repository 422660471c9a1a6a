// Writes each rule's condition as a KQL predicate (Rule::kql) and a comment (Rule::kql_comment)
// so that Kusto, or an engine reading KQL, applies the rule as `| where not(<kql>)`.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "huntq/rules/exclusion_rules.h"

namespace huntq::rules {

class FieldTest;
struct Selection;

/// `s` as a double-quoted KQL string literal: \\, \", \n, \r, \t escaped, other control
/// characters as \uXXXX, and bytes that are not UTF-8 as \uFFFD (Kusto strings are Unicode).
std::string kql_string(std::string_view s);

/// A column name as KQL reads it: bare when it is an identifier and no keyword, else ['...'].
std::string kql_column(std::string_view name);

class KqlWriter {
 public:
  /// `types` are the columns' KQL types, aligned with `columns`; empty means all strings.
  KqlWriter(std::span<const std::string> columns, std::span<const std::string> types)
      : columns_(columns), types_(types) {}

  /// Fills rule.kql and rule.kql_comment from rule.condition and the rule's metadata.
  void describe(Rule& rule) const;

 private:
  std::string column(std::size_t index) const;
  std::string field_test(const FieldTest& test) const;
  std::string selection(const Selection& selection) const;

  std::span<const std::string> columns_;
  std::span<const std::string> types_;
};

}  // namespace huntq::rules
