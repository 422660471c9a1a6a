// One `Field|modifier: values` entry of a selection, compiled once and tested on every row.
#pragma once

#include <re2/re2.h>

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace huntq::rules {

/// A value the test cannot use; `index` says which one. The message has no location: the loader,
/// which knows the YAML node, adds it.
class ValueError : public std::invalid_argument {
 public:
  ValueError(std::size_t index, const std::string& what)
      : std::invalid_argument(what), index_(index) {}
  std::size_t index() const noexcept { return index_; }

 private:
  std::size_t index_;
};

enum class MatchKind { kEquals, kContains, kStartsWith, kEndsWith, kRegex, kDomain };

class FieldTest {
 public:
  /// `values` as written in the rule. Throws ValueError for an invalid regex or domain.
  FieldTest(std::size_t column, MatchKind kind, bool cased, const std::vector<std::string>& values);

  std::size_t column() const noexcept { return column_; }
  MatchKind kind() const noexcept { return kind_; }
  bool cased() const noexcept { return cased_; }
  /// True when the cell matches any of the values.
  bool matches(std::string_view cell) const;

  /// Equals and the substring modifiers: the values without wildcards, escapes resolved, as
  /// written (not case-folded).
  const std::vector<std::string>& literals() const noexcept { return literals_; }
  /// Wildcard values (as complete RE2 patterns: flags, anchors) and `re` values (with the case
  /// flag). Each is searched for in the cell, unanchored; the cell matches when any is found.
  const std::vector<std::string>& patterns() const noexcept { return patterns_; }
  /// `domain`: the domains, lowercased, without a trailing dot, sorted.
  const std::vector<std::string>& domains() const noexcept { return values_; }

 private:
  bool matches_text(std::string_view text) const;
  bool matches_domain(std::string_view cell) const;
  void add_pattern(std::size_t index, std::string pattern);

  std::size_t column_;
  MatchKind kind_;
  bool cased_;
  std::vector<std::string> literals_;
  std::vector<std::string> values_;  ///< literals case-folded unless cased_, sorted for kEquals
  std::vector<std::string> patterns_;
  std::vector<std::unique_ptr<RE2>> regexes_;  ///< compiled patterns_
};

}  // namespace huntq::rules
