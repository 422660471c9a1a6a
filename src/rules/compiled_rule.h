// What a rule's `exclude:` compiles to: its selections and the condition over them.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "condition.h"
#include "field_test.h"
#include "huntq/rules/exclusion_rules.h"

namespace huntq::rules {

/// All of its field tests must hold.
using FieldTests = std::vector<FieldTest>;

/// A selection is a map of field tests, or (as in Sigma) a list of such maps: any of them.
struct Selection {
  std::vector<FieldTests> alternatives;

  bool matches(std::span<const std::string_view> row) const {
    for (const FieldTests& tests : alternatives) {
      bool all = true;
      for (const FieldTest& t : tests) {
        // A row shorter than the columns has empty cells at the end.
        const std::string_view cell = t.column() < row.size() ? row[t.column()] : "";
        if (!t.matches(cell)) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
    return false;
  }
};

}  // namespace huntq::rules

struct huntq::rules::Rule::Compiled {
  std::vector<Selection> selections;
  Condition condition;

  bool matches(std::span<const std::string_view> row) const {
    return condition.evaluate([&](std::size_t i) { return selections[i].matches(row); });
  }
};
