#include "operators.h"

#include <algorithm>

namespace huntq::engine {

ComputeOp::ComputeOp(const PlanNode& node, const Schema& input)
    : extend_(node.kind == NodeKind::Extend) {
  Schema running = input;  // extend items may use the ones before them
  for (const auto& item : node.items) {
    exprs_.emplace_back(item.expr, extend_ ? running : input);
    if (!extend_) continue;
    auto it = std::find_if(running.begin(), running.end(),
                           [&](const PlanColumn& c) { return c.name == item.name; });
    if (it != running.end()) {
      slots_.push_back(static_cast<std::size_t>(it - running.begin()));
      it->type = exprs_.back().type();
    } else {
      slots_.push_back(running.size());
      running.push_back({item.name, exprs_.back().type()});
    }
  }
  width_ = extend_ ? running.size() : node.items.size();
}

void ComputeOp::push(Row& row, std::size_t task) {
  if (extend_) {
    row.cells.resize(width_);
    for (std::size_t i = 0; i < exprs_.size(); ++i)
      row.cells[slots_[i]] = exprs_[i].eval(row.cells);
    next_->push(row, task);
    return;
  }
  Row out;
  out.cells.reserve(width_);
  for (const auto& e : exprs_) out.cells.push_back(e.eval(row.cells));
  out.lineage = std::move(row.lineage);
  next_->push(out, task);
}

ProjectAwayOp::ProjectAwayOp(const Schema& input, const Schema& output) {
  std::size_t j = 0;
  for (std::size_t i = 0; i < input.size() && j < output.size(); ++i)
    if (input[i].name == output[j].name) kept_.push_back(i), ++j;
}

void ProjectAwayOp::push(Row& row, std::size_t task) {
  std::vector<Value> cells;
  cells.reserve(kept_.size());
  for (std::size_t i : kept_) cells.push_back(std::move(row.cells[i]));
  row.cells = std::move(cells);
  next_->push(row, task);
}

std::vector<Row> CollectSink::merge() {
  std::vector<Row> out;
  for (auto& part : per_task_)
    for (auto& r : part) out.push_back(std::move(r));
  per_task_.clear();
  return out;
}

bool encode_join_key(const Row& row, const std::vector<std::size_t>& slots, std::string& out) {
  out.clear();
  for (std::size_t s : slots) {
    const Value& v = row.cells[s];
    if (v.is_null()) return false;
    if (v.type() == Type::String || v.type() == Type::Dynamic) {
      if (slots.size() == 1) {
        out = v.text();
        return true;
      }
      const auto n = v.text().size();
      out.append(reinterpret_cast<const char*>(&n), sizeof n);  // length-prefixed: unambiguous
      out += v.text();
    } else {
      const auto x = v.type() == Type::Real ? static_cast<std::int64_t>(v.as_real()) : v.as_int64();
      out.append(reinterpret_cast<const char*>(&x), sizeof x);
    }
  }
  return true;
}

void HashTable::build(std::vector<Row> rows) {
  rows_ = std::move(rows);
  single_string_ = key_slots_.size() == 1 &&
                   (rows_.empty() || rows_.front().cells[key_slots_[0]].type() == Type::String);
  std::string key;
  std::vector<Row> kept;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    if (!encode_join_key(rows_[i], key_slots_, key)) continue;
    auto& bucket = index_[key];
    // J-3: innerunique keeps the first left row per key (first in input order).
    if (kind_ == JoinKind::InnerUnique && !bucket.empty()) continue;
    bucket.push_back(i);
    if (single_string_) string_keys_.insert(key);
  }
}

const std::vector<std::size_t>* HashTable::find(const std::string& key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &it->second;
}

void HashJoinProbeOp::push(Row& row, std::size_t task) {
  thread_local std::string key;
  if (!encode_join_key(row, probe_slots_, key)) return;
  const auto* matches = table_.find(key);
  if (!matches) return;
  // J-2: kind=inner emits every matching pair; left columns first (J-6).
  for (std::size_t i : *matches) {
    const Row& left = table_.row(i);
    Row out;
    out.cells.reserve(left.cells.size() + row.cells.size());
    out.cells.insert(out.cells.end(), left.cells.begin(), left.cells.end());
    out.cells.insert(out.cells.end(), row.cells.begin(), row.cells.end());
    out.lineage = left.lineage;
    out.lineage.insert(out.lineage.end(), row.lineage.begin(), row.lineage.end());
    next_->push(out, task);
  }
}

namespace {

// <0, 0, >0 for a vs b in ascending order; nulls handled by the caller.
int compare_values(const Value& a, const Value& b) {
  switch (a.type()) {
    case Type::String:
    case Type::Dynamic:
      return a.text().compare(b.text());  // S-5: ordinal
    case Type::Real:
      return a.as_real() < b.as_real() ? -1 : a.as_real() > b.as_real() ? 1 : 0;
    default:
      return a.as_int64() < b.as_int64() ? -1 : a.as_int64() > b.as_int64() ? 1 : 0;
  }
}

}  // namespace

void sort_rows(std::vector<Row>& rows, const Schema& schema, const std::vector<SortKey>& keys) {
  std::vector<std::size_t> slots;
  for (const auto& k : keys)
    slots.push_back(static_cast<std::size_t>(
        std::find_if(schema.begin(), schema.end(),
                     [&](const PlanColumn& c) { return c.name == k.column; }) -
        schema.begin()));
  std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const Value& x = a.cells[slots[i]];
      const Value& y = b.cells[slots[i]];
      if (x.is_null() || y.is_null()) {
        if (x.is_null() && y.is_null()) continue;
        return x.is_null() != keys[i].nulls_last;  // S-2
      }
      const int c = compare_values(x, y);
      if (c != 0) return keys[i].descending ? c > 0 : c < 0;
    }
    return a.lineage < b.lineage;  // deterministic tie-break: input order
  });
}

}  // namespace huntq::engine
