// Sinks that keep rows per slot and combine the slots in order: collecting (a join's build side,
// materialize), sort, top, take, and the query's result stream.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "huntq/engine/plan.h"
#include "memory_budget.h"
#include "operator.h"

namespace huntq::engine {

/// Rows per slot, charged to the budget as they come.
class SlotRows {
 public:
  SlotRows(MemoryBudget& budget, std::string op) : budget_(budget), op_(std::move(op)) {}
  ~SlotRows() { budget_.release(charged_); }
  void open(std::size_t slots) { slots_.assign(slots, {}); }
  void add(std::size_t slot, Row& row);
  std::vector<Row>& slot(std::size_t s) { return slots_[s]; }
  std::size_t size() const { return slots_.size(); }
  /// Every slot's rows, in slot order.
  std::vector<Row> take_all();

 private:
  MemoryBudget& budget_;
  std::string op_;
  std::vector<std::vector<Row>> slots_;
  std::atomic<std::uint64_t> charged_{0};
};

class CollectSink : public Sink {
 public:
  CollectSink(MemoryBudget& budget, std::string op) : rows_(budget, std::move(op)) {}
  void open(std::size_t slots) override { rows_.open(slots); }
  void push(std::size_t slot, Row& row) override { rows_.add(slot, row); }
  std::vector<Row> take_all() { return rows_.take_all(); }

 private:
  SlotRows rows_;
};

/// Orders rows as `sort by` does (S-1..S-4): keys left to right, nulls and NaN together at the
/// end the key asks for, ties in input order (a stable sort of slot-ordered rows).
struct RowOrder {
  std::vector<SortKey> keys;
  bool operator()(const Row& a, const Row& b) const;
};

class SortSink : public Sink {
 public:
  SortSink(const PlanNode& n, MemoryBudget& budget) : order_{n.sort_keys}, rows_(budget, "sort") {}
  void open(std::size_t slots) override { rows_.open(slots); }
  void push(std::size_t slot, Row& row) override { rows_.add(slot, row); }
  std::vector<Row> finish();

 private:
  RowOrder order_;
  SlotRows rows_;
};

/// top N: each slot keeps its best N (stably), then the slots' survivors are merged in order.
class TopSink : public Sink {
 public:
  TopSink(const PlanNode& n, MemoryBudget& budget)
      : order_{n.sort_keys}, limit_(static_cast<std::size_t>(n.limit)), rows_(budget, "top") {}
  void open(std::size_t slots) override { rows_.open(slots); }
  void push(std::size_t slot, Row& row) override;
  std::vector<Row> finish();

 private:
  void trim(std::vector<Row>& rows) const;
  RowOrder order_;
  std::size_t limit_;
  SlotRows rows_;
};

/// take N: the first N rows in input order. A slot stops once it has N rows, and every slot after
/// a finished prefix holding N rows stops at once, so `take 10` reads little of a large file.
class TakeSink : public Sink {
 public:
  TakeSink(const PlanNode& n, MemoryBudget& budget)
      : limit_(static_cast<std::size_t>(n.limit)), rows_(budget, "take") {}
  void open(std::size_t slots) override;
  void push(std::size_t slot, Row& row) override;
  void slot_done(std::size_t slot) override;
  bool stopped(std::size_t slot) const override;
  std::vector<Row> finish();

 private:
  std::size_t limit_;
  SlotRows rows_;
  std::mutex mutex_;
  std::vector<char> done_;
  std::size_t prefix_ = 0;                     // slots [0, prefix_) are done
  std::size_t prefix_rows_ = 0;                // rows they hold
  std::atomic<std::size_t> cutoff_{SIZE_MAX};  // slots after this one are not needed
};

/// The query's result: rows of the lowest unfinished slot go straight out, later slots wait in
/// memory until the slots before them finish.
class ResultStreamSink : public Sink {
 public:
  ResultStreamSink(ResultSink& out, MemoryBudget& budget) : out_(out), budget_(budget) {}
  void open(std::size_t slots) override;
  void push(std::size_t slot, Row& row) override;
  void slot_done(std::size_t slot) override;

 private:
  void flush_ready();
  ResultSink& out_;
  MemoryBudget& budget_;
  std::mutex mutex_;
  std::vector<std::vector<Row>> waiting_;
  std::vector<char> done_;
  std::size_t next_ = 0;
  std::uint64_t charged_ = 0;
};

}  // namespace huntq::engine
