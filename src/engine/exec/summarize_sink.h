// summarize: hash aggregation per slot, merged into one table in slot order, so group order (first
// appearance) and order-sensitive aggregates are the same at every thread count.
#pragma once

#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "huntq/engine/plan.h"
#include "memory_budget.h"
#include "operator.h"

namespace huntq::engine {

/// One table of groups: keys and per-aggregate states, in first-appearance order.
class GroupTable {
 public:
  explicit GroupTable(const PlanNode& n) : node_(n) {}
  /// The group of these keys, created (and charged) if new.
  std::size_t find_or_add(Row&& keys, MemoryBudget& budget, std::uint64_t& pending);
  void add_row(const Row& row, std::size_t group);
  /// Merges `later` (rows after this table's) into this one.
  void merge(GroupTable& later, MemoryBudget& budget, std::uint64_t& pending);
  std::size_t size() const { return keys_.size(); }
  std::vector<Row> finish(bool global_default);

 private:
  struct KeyHash {
    std::size_t operator()(const Row* r) const noexcept;
  };
  struct KeyEqual {
    bool operator()(const Row* a, const Row* b) const noexcept;
  };
  const PlanNode& node_;
  std::vector<std::unique_ptr<Row>> keys_;
  std::vector<std::vector<std::unique_ptr<AggregateState>>> states_;
  std::unordered_map<const Row*, std::size_t, KeyHash, KeyEqual> index_;

 public:
  std::uint64_t charged = 0;  ///< bytes charged to the budget for this table's groups
};

class SummarizeSink : public Sink {
 public:
  SummarizeSink(const PlanNode& n, MemoryBudget& budget) : node_(n), budget_(budget) {}
  ~SummarizeSink() override;
  void open(std::size_t slots) override;
  void push(std::size_t slot, Row& row) override;
  void slot_done(std::size_t slot) override;
  std::vector<Row> finish();

 private:
  const PlanNode& node_;
  MemoryBudget& budget_;
  std::vector<std::unique_ptr<GroupTable>> partial_;
  std::vector<char> done_;
  std::unique_ptr<GroupTable> global_;
  std::size_t merged_ = 0;
  std::mutex mutex_;
};

}  // namespace huntq::engine
