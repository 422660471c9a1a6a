#include "summarize_sink.h"

#include "huntq/value/compare.h"

namespace huntq::engine {

namespace {
constexpr std::uint64_t kChargeChunk = 1 << 20;
}

std::size_t GroupTable::KeyHash::operator()(const Row* r) const noexcept {
  std::size_t h = 0;
  for (const auto& v : *r) h = h * 1000003 ^ hash_value(v);
  return h;
}

bool GroupTable::KeyEqual::operator()(const Row* a, const Row* b) const noexcept {
  for (std::size_t i = 0; i < a->size(); ++i)
    if (!same_value((*a)[i], (*b)[i])) return false;
  return true;
}

std::size_t GroupTable::find_or_add(Row&& keys, MemoryBudget& budget, std::uint64_t& pending) {
  auto it = index_.find(&keys);
  if (it != index_.end()) return it->second;
  const std::size_t g = keys_.size();
  pending += row_bytes(keys) + 64;
  keys_.push_back(std::make_unique<Row>(std::move(keys)));
  std::vector<std::unique_ptr<AggregateState>> states;
  for (const auto& a : node_.aggregates) states.push_back(a.overload->make(a.call));
  states_.push_back(std::move(states));
  index_.emplace(keys_.back().get(), g);
  if (pending >= kChargeChunk) {
    budget.charge(pending, "summarize");
    charged += pending;
    pending = 0;
  }
  return g;
}

void GroupTable::add_row(const Row& row, std::size_t group) {
  constexpr std::size_t kInline = 8;
  for (std::size_t a = 0; a < node_.aggregates.size(); ++a) {
    const AggregateItem& item = node_.aggregates[a];
    if (item.predicate && !eval_true(*item.predicate, row)) continue;
    const std::size_t n = item.args.size();
    if (n <= kInline) {
      Value tmps[kInline];
      const Value* ptrs[kInline];
      for (std::size_t i = 0; i < n; ++i) ptrs[i] = &eval_ref(*item.args[i], row, tmps[i]);
      states_[group][a]->add(Args(ptrs, n));
    } else {
      std::vector<Value> tmps(n);
      std::vector<const Value*> ptrs(n);
      for (std::size_t i = 0; i < n; ++i) ptrs[i] = &eval_ref(*item.args[i], row, tmps[i]);
      states_[group][a]->add(Args(ptrs.data(), n));
    }
  }
}

void GroupTable::merge(GroupTable& later, MemoryBudget& budget, std::uint64_t& pending) {
  for (std::size_t g = 0; g < later.keys_.size(); ++g) {
    auto it = index_.find(later.keys_[g].get());
    if (it == index_.end()) {
      // A new group moves over whole.
      const std::size_t id = keys_.size();
      keys_.push_back(std::move(later.keys_[g]));
      states_.push_back(std::move(later.states_[g]));
      index_.emplace(keys_.back().get(), id);
      continue;
    }
    for (std::size_t a = 0; a < node_.aggregates.size(); ++a)
      states_[it->second][a]->merge(*later.states_[g][a]);
  }
  charged += later.charged;
  later.charged = 0;
  (void)budget;
  (void)pending;
}

std::vector<Row> GroupTable::finish(bool global_default) {
  // with no `by` and no rows, one row of the aggregates' defaults.
  if (global_default && keys_.empty() && node_.keys.empty()) {
    std::uint64_t pending = 0;
    MemoryBudget unlimited(UINT64_MAX);
    find_or_add(Row{}, unlimited, pending);
  }
  std::vector<Row> out;
  out.reserve(keys_.size());
  for (std::size_t g = 0; g < keys_.size(); ++g) {
    Row row = std::move(*keys_[g]);
    for (std::size_t a = 0; a < node_.aggregates.size(); ++a) {
      std::vector<Value> cells(node_.aggregates[a].call.outputs.size());
      states_[g][a]->finish(cells);
      for (auto& c : cells) row.push_back(std::move(c));
    }
    out.push_back(std::move(row));
  }
  return out;
}

void SummarizeSink::open(std::size_t slots) {
  partial_.clear();
  for (std::size_t i = 0; i < slots; ++i) partial_.push_back(std::make_unique<GroupTable>(node_));
  done_.assign(slots, 0);
  global_ = std::make_unique<GroupTable>(node_);
  merged_ = 0;
}

void SummarizeSink::push(std::size_t slot, Row& row) {
  thread_local std::uint64_t pending = 0;
  Row keys;
  keys.reserve(node_.keys.size());
  for (const auto& k : node_.keys) keys.push_back(eval(*k, row));
  GroupTable& t = *partial_[slot];
  const std::size_t g = t.find_or_add(std::move(keys), budget_, pending);
  t.add_row(row, g);
}

void SummarizeSink::slot_done(std::size_t slot) {
  std::lock_guard lock(mutex_);
  done_[slot] = 1;
  std::uint64_t pending = 0;
  while (merged_ < done_.size() && done_[merged_]) {
    global_->merge(*partial_[merged_], budget_, pending);
    partial_[merged_].reset();
    ++merged_;
  }
}

std::vector<Row> SummarizeSink::finish() {
  auto rows = global_->finish(true);
  budget_.release(global_->charged);
  global_->charged = 0;
  return rows;
}

SummarizeSink::~SummarizeSink() {
  for (const auto& p : partial_)
    if (p) budget_.release(p->charged);
  if (global_) budget_.release(global_->charged);
}

}  // namespace huntq::engine
