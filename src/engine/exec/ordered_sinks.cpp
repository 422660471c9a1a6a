#include "ordered_sinks.h"

#include <algorithm>

#include "huntq/value/compare.h"

namespace huntq::engine {

namespace {
constexpr std::uint64_t kChargeChunk = 1 << 20;  // charge the shared budget a MiB at a time
}

void SlotRows::add(std::size_t slot, Row& row) {
  thread_local std::uint64_t pending = 0;
  pending += row_bytes(row);
  if (pending >= kChargeChunk) {
    budget_.charge(pending, op_);
    charged_ += pending;
    pending = 0;
  }
  slots_[slot].push_back(std::move(row));
}

std::vector<Row> SlotRows::take_all() {
  std::size_t n = 0;
  for (const auto& s : slots_) n += s.size();
  std::vector<Row> out;
  out.reserve(n);
  for (auto& s : slots_) {
    for (auto& r : s) out.push_back(std::move(r));
    std::vector<Row>().swap(s);
  }
  return out;
}

bool RowOrder::operator()(const Row& a, const Row& b) const {
  for (const auto& k : keys) {
    const Value& x = a[k.column];
    const Value& y = b[k.column];
    // S-2/S-3: nulls and NaN sort together, null outermost, at the end `nulls_first` names.
    auto rank = [&](const Value& v) {
      if (v.is_null()) return k.nulls_first ? 0 : 2;
      if (sorts_as_null(v)) return 1;
      return k.nulls_first ? 2 : 0;
    };
    const int rx = rank(x), ry = rank(y);
    if (rx != ry) return rx < ry;
    if (sorts_as_null(x)) continue;
    const int c = compare_values(x, y);
    if (c != 0) return k.descending ? c > 0 : c < 0;
  }
  return false;
}

std::vector<Row> SortSink::finish() {
  std::vector<Row> rows = rows_.take_all();
  std::stable_sort(rows.begin(), rows.end(), order_);
  return rows;
}

void TopSink::trim(std::vector<Row>& rows) const {
  std::stable_sort(rows.begin(), rows.end(), order_);
  if (rows.size() > limit_) rows.resize(limit_);
}

void TopSink::push(std::size_t slot, Row& row) {
  if (limit_ == 0) return;
  auto& rows = rows_.slot(slot);
  rows_.add(slot, row);
  if (rows.size() >= 2 * limit_ + 1024) trim(rows);
}

std::vector<Row> TopSink::finish() {
  for (std::size_t s = 0; s < rows_.size(); ++s) trim(rows_.slot(s));
  std::vector<Row> rows = rows_.take_all();
  trim(rows);
  return rows;
}

void TakeSink::open(std::size_t slots) {
  rows_.open(slots);
  done_.assign(slots, 0);
}

void TakeSink::push(std::size_t slot, Row& row) {
  if (rows_.slot(slot).size() >= limit_ || slot > cutoff_.load(std::memory_order_relaxed)) return;
  rows_.add(slot, row);
}

bool TakeSink::stopped(std::size_t slot) const {
  return rows_.size() > slot && (const_cast<TakeSink*>(this)->rows_.slot(slot).size() >= limit_ ||
                                 slot > cutoff_.load(std::memory_order_relaxed));
}

void TakeSink::slot_done(std::size_t slot) {
  std::lock_guard lock(mutex_);
  done_[slot] = 1;
  while (prefix_ < done_.size() && done_[prefix_]) {
    prefix_rows_ += rows_.slot(prefix_).size();
    ++prefix_;
    if (prefix_rows_ >= limit_) {
      cutoff_ = prefix_ - 1;
      break;
    }
  }
}

std::vector<Row> TakeSink::finish() {
  std::vector<Row> rows = rows_.take_all();
  if (rows.size() > limit_) rows.resize(limit_);
  return rows;
}

void ResultStreamSink::open(std::size_t slots) {
  waiting_.assign(slots, {});
  done_.assign(slots, 0);
  next_ = 0;
}

void ResultStreamSink::push(std::size_t slot, Row& row) {
  std::lock_guard lock(mutex_);
  if (slot == next_) {
    out_.row(row);
    return;
  }
  const std::uint64_t b = row_bytes(row);
  budget_.charge(b, "result");
  charged_ += b;
  waiting_[slot].push_back(std::move(row));
}

void ResultStreamSink::flush_ready() {
  while (next_ < done_.size() && done_[next_]) {
    ++next_;
    if (next_ < waiting_.size()) {
      for (auto& r : waiting_[next_]) out_.row(r);
      std::vector<Row>().swap(waiting_[next_]);
    }
  }
}

void ResultStreamSink::slot_done(std::size_t slot) {
  std::lock_guard lock(mutex_);
  done_[slot] = 1;
  flush_ready();
}

}  // namespace huntq::engine
