// join and lookup: one hash table on the build side, rows of the probe side streaming through it,
// and a match mark per build row for the kinds that also return unmatched or matched build rows
// (DuckDB's OuterJoinMarker). Every KQL join kind in either direction.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "huntq/engine/plan.h"
#include "memory_budget.h"
#include "operator.h"

namespace huntq::engine {

/// Whether the probe side's rows that find no partner produce output; when they do not, the
/// probe scan may skip records that hold none of the build keys.
bool probe_misses_are_silent(JoinKind kind, bool build_left);

class JoinTable {
 public:
  JoinTable(const PlanNode& join, bool build_left, MemoryBudget& budget);
  ~JoinTable();
  /// Takes the build side's rows in input order.
  void build(std::vector<Row> rows);
  /// Build rows with this encoded key, in input order; nullptr if none.
  const std::vector<std::uint32_t>* find(const std::string& key) const;
  const Row& row(std::size_t i) const { return rows_[i]; }
  std::size_t size() const { return rows_.size(); }
  void mark(std::size_t i) { matched_[i].store(1, std::memory_order_relaxed); }
  bool matched(std::size_t i) const { return matched_[i].load(std::memory_order_relaxed) != 0; }
  /// The distinct build keys when the key is one string column (for the key pre-filter).
  const std::unordered_set<std::string>* string_keys() const {
    return single_string_ ? &string_keys_ : nullptr;
  }
  /// Encodes a row's key cells; false when a key is null or NaN (such keys never match, J-9).
  static bool encode(const Row& row, const std::vector<std::size_t>& slots, std::string& out);

  const PlanNode& join() const { return join_; }
  bool build_left() const { return build_left_; }

 private:
  const PlanNode& join_;
  bool build_left_;
  MemoryBudget& budget_;
  std::uint64_t charged_ = 0;
  std::vector<Row> rows_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> index_;
  std::unique_ptr<std::atomic<std::uint8_t>[]> matched_;
  std::unordered_set<std::string> string_keys_;
  bool single_string_ = false;
};

class ProbeOp final : public Operator {
 public:
  explicit ProbeOp(JoinTable& table);
  void push(std::size_t slot, Row& row) override;

 private:
  Row combine(const Row* left, const Row* right) const;
  JoinTable& table_;
  JoinKind kind_;
  bool build_left_;
  std::vector<std::size_t> probe_keys_;
  std::vector<Type> left_types_, right_types_;
};

/// After the probe: the build rows the kind returns by their mark (unmatched for outer and anti
/// kinds, matched for semi kinds), with the other side's columns null, in build order.
std::vector<Row> build_side_rows(const JoinTable& table);

}  // namespace huntq::engine
