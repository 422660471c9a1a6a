// Physical push operators. A pipeline's scan pushes each row into a chain of these; the last one
// is a sink that keeps rows per task, so results merge in task order whatever thread ran them.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "huntq/engine/expr.h"
#include "huntq/engine/plan.h"
#include "huntq/engine/row.h"

namespace huntq::engine {

class Operator {
 public:
  virtual ~Operator() = default;
  /// Called once before a pipeline runs, with its number of tasks.
  virtual void prepare(std::size_t tasks) {
    if (next_) next_->prepare(tasks);
  }
  /// Takes a row produced by task `task`. Called concurrently for different tasks.
  virtual void push(Row& row, std::size_t task) = 0;
  void set_next(Operator* next) { next_ = next; }

 protected:
  Operator* next_ = nullptr;
};

class FilterOp final : public Operator {
 public:
  FilterOp(const ExprPtr& predicate, const Schema& input) : predicate_(predicate, input) {}
  void push(Row& row, std::size_t task) override {
    if (predicate_.eval_true(row.cells)) next_->push(row, task);
  }

 private:
  BoundExpr predicate_;
};

/// extend and project: computes the output cells from the input row.
class ComputeOp final : public Operator {
 public:
  ComputeOp(const PlanNode& node, const Schema& input);
  void push(Row& row, std::size_t task) override;

 private:
  bool extend_;
  // Extend: output slot per item (existing slots are replaced in place, P-1).
  std::vector<std::size_t> slots_;
  std::vector<BoundExpr> exprs_;
  std::size_t width_ = 0;
};

class ProjectAwayOp final : public Operator {
 public:
  ProjectAwayOp(const Schema& input, const Schema& output);
  void push(Row& row, std::size_t task) override;

 private:
  std::vector<std::size_t> kept_;
};

/// Keeps rows per task; merge() concatenates them in task order.
class CollectSink : public Operator {
 public:
  void prepare(std::size_t tasks) override { per_task_.assign(tasks, {}); }
  void push(Row& row, std::size_t task) override { per_task_[task].push_back(std::move(row)); }
  std::vector<Row> merge();

 private:
  std::vector<std::vector<Row>> per_task_;
};

/// The build side of a hash join: rows by key, in input order.
class HashTable {
 public:
  HashTable(std::vector<std::size_t> key_slots, JoinKind kind)
      : key_slots_(std::move(key_slots)), kind_(kind) {}
  void build(std::vector<Row> rows);
  /// Build rows whose key equals this probe key; nullptr if none.
  const std::vector<std::size_t>* find(const std::string& key) const;
  const Row& row(std::size_t i) const { return rows_[i]; }
  /// The distinct single string keys, for the probe-side key pre-filter; nullptr if the keys
  /// are not single strings.
  const std::unordered_set<std::string>* string_keys() const {
    return single_string_ ? &string_keys_ : nullptr;
  }
  std::size_t size() const { return rows_.size(); }

 private:
  std::vector<std::size_t> key_slots_;
  JoinKind kind_;
  std::vector<Row> rows_;
  std::unordered_map<std::string, std::vector<std::size_t>> index_;
  std::unordered_set<std::string> string_keys_;
  bool single_string_ = false;
};

/// Encodes the key cells of a row for hashing; false when a key is null (J-9: never matches).
bool encode_join_key(const Row& row, const std::vector<std::size_t>& slots, std::string& out);

class HashJoinProbeOp final : public Operator {
 public:
  HashJoinProbeOp(const HashTable& table, std::vector<std::size_t> probe_slots)
      : table_(table), probe_slots_(std::move(probe_slots)) {}
  void push(Row& row, std::size_t task) override;

 private:
  const HashTable& table_;
  std::vector<std::size_t> probe_slots_;
};

/// Orders rows by the sort keys, then by lineage (S-4: ties in input order, documented).
void sort_rows(std::vector<Row>& rows, const Schema& schema, const std::vector<SortKey>& keys);

}  // namespace huntq::engine
