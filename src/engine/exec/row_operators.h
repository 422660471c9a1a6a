// The streaming operators: where, project (extend and the project family), mv-expand, parse, and
// the exclusion rules. Each turns one row into zero or more rows and keeps no state across rows.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "huntq/engine/plan.h"
#include "operator.h"

namespace huntq::engine {

class FilterOp final : public Operator {
 public:
  explicit FilterOp(const PlanNode& n) : predicate_(n.predicate) {}
  void push(std::size_t slot, Row& row) override {
    if (eval_true(*predicate_, row)) next_->push(slot, row);
  }

 private:
  ExprPtr predicate_;
};

class ProjectOp final : public Operator {
 public:
  explicit ProjectOp(const PlanNode& n);
  void push(std::size_t slot, Row& row) override;

 private:
  std::vector<ExprPtr> exprs_;
  bool identity_prefix_ = false;  ///< exprs start with columns 0..k-1 in order (extend)
  std::size_t prefix_ = 0;
};

class MvExpandOp final : public Operator {
 public:
  explicit MvExpandOp(const PlanNode& n) : node_(n) {}
  void push(std::size_t slot, Row& row) override;

 private:
  const PlanNode& node_;
};

class ParseOp final : public Operator {
 public:
  explicit ParseOp(const PlanNode& n);
  void push(std::size_t slot, Row& row) override;

 private:
  const PlanNode& node_;
};

/// Exclusion rules: a row some rule matches is dropped (or, showing excluded rows, kept with
/// the rule's id), counting per rule; the first matching rule takes the row.
class ExcludeOp final : public Operator {
 public:
  explicit ExcludeOp(const PlanNode& n);
  void push(std::size_t slot, Row& row) override;
  std::vector<RuleReport> report() const;
  std::uint64_t seen() const { return seen_.load(); }

 private:
  const PlanNode& node_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;
  std::atomic<std::uint64_t> seen_{0};
};

}  // namespace huntq::engine

namespace huntq::engine {

/// evaluate bag_unpack() (bag-unpack-plugin.md): every row's bag column becomes one column per
/// key seen in any row (sorted, with the prefix), typed by the slot's values when they share one
/// type, else dynamic; `schema` receives the columns.
std::vector<Row> unpack_bags(const PlanNode& n, std::vector<Row> rows, Schema& schema);

}  // namespace huntq::engine
