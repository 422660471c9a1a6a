// The `condition:` of an exclusion: selections combined with not/and/or, parentheses and Sigma's
// `1 of` / `all of` quantifiers. Precedence: not > and > or.
#pragma once

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace huntq::rules {

/// A malformed condition; `offset` is the 0-based character where the problem is.
class ConditionError : public std::runtime_error {
 public:
  ConditionError(std::size_t offset, const std::string& what)
      : std::runtime_error(what), offset_(offset) {}
  std::size_t offset() const noexcept { return offset_; }

 private:
  std::size_t offset_;
};

class Condition {
 public:
  /// Parses `text` against the rule's selection names. Throws ConditionError.
  static Condition parse(std::string_view text, const std::vector<std::string>& selections);
  /// The condition of a rule with one selection and no `condition:`.
  static Condition single_selection();

  /// Evaluates with `selection(i)` giving whether selection i holds for the row; short-circuits.
  template <typename SelectionFn>
  bool evaluate(SelectionFn&& selection) const {
    return eval(root_, selection);
  }

  /// The condition in KQL: `selection(i)` writes selection i; `not` is written not(...), and
  /// `and`, `or` and the quantifiers in parentheses, so precedence never depends on KQL's.
  std::string to_kql(const std::function<std::string(std::size_t)>& selection) const;

  /// Which selections the condition refers to (indexes into the parse() argument).
  const std::vector<bool>& used() const noexcept { return used_; }

 private:
  enum class Op { kSelection, kNot, kAnd, kOr, kAnyOf, kAllOf };
  struct Node {
    Op op;
    std::size_t selection = 0;          ///< kSelection
    std::vector<std::size_t> children;  ///< nodes for kNot/kAnd/kOr; selections for kAnyOf/kAllOf
  };
  class Parser;

  std::string kql(std::size_t index,
                  const std::function<std::string(std::size_t)>& selection) const;

  template <typename SelectionFn>
  bool eval(std::size_t index, SelectionFn& selection) const {
    const Node& n = nodes_[index];
    switch (n.op) {
      case Op::kSelection:
        return selection(n.selection);
      case Op::kNot:
        return !eval(n.children[0], selection);
      case Op::kAnd:
        for (std::size_t c : n.children) {
          if (!eval(c, selection)) return false;
        }
        return true;
      case Op::kOr:
        for (std::size_t c : n.children) {
          if (eval(c, selection)) return true;
        }
        return false;
      case Op::kAnyOf:
        for (std::size_t s : n.children) {
          if (selection(s)) return true;
        }
        return false;
      case Op::kAllOf:
        for (std::size_t s : n.children) {
          if (!selection(s)) return false;
        }
        return true;
    }
    return false;
  }

  std::vector<Node> nodes_;
  std::size_t root_ = 0;
  std::vector<bool> used_;
};

}  // namespace huntq::rules
