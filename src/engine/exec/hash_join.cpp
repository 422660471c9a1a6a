#include "hash_join.h"

#include <cmath>
#include <cstring>

namespace huntq::engine {

bool probe_misses_are_silent(JoinKind k, bool build_left) {
  if (build_left)
    return k == JoinKind::Inner || k == JoinKind::InnerUnique || k == JoinKind::LeftOuter ||
           k == JoinKind::LeftSemi || k == JoinKind::LeftAnti || k == JoinKind::RightSemi;
  return k == JoinKind::Inner || k == JoinKind::RightOuter || k == JoinKind::RightSemi ||
         k == JoinKind::RightAnti || k == JoinKind::LeftSemi;
}

JoinTable::JoinTable(const PlanNode& join, bool build_left, MemoryBudget& budget)
    : join_(join), build_left_(build_left), budget_(budget) {}

JoinTable::~JoinTable() {
  budget_.release(charged_);
}

bool JoinTable::encode(const Row& row, const std::vector<std::size_t>& slots, std::string& out) {
  out.clear();
  for (std::size_t s : slots) {
    const Value& v = row[s];
    if (v.is_null()) return false;
    if (v.type() == Type::String && slots.size() == 1) {
      out = v.text();
      return true;
    }
    // Keys compare by type and value (J-10): int and long are one type here.
    const Type t = v.type() == Type::Int ? Type::Long : v.type();
    out += static_cast<char>(t);
    switch (t) {
      case Type::String:
      case Type::Guid: {
        const auto n = static_cast<std::uint32_t>(v.text().size());
        out.append(reinterpret_cast<const char*>(&n), sizeof n);
        out += v.text();
        break;
      }
      case Type::Real: {
        double d = v.as_real();
        if (std::isnan(d)) return false;  // NaN equals nothing
        if (d == 0) d = 0;                // -0.0 == 0.0
        out.append(reinterpret_cast<const char*>(&d), sizeof d);
        break;
      }
      default: {
        const std::int64_t x = v.as_int64();
        out.append(reinterpret_cast<const char*>(&x), sizeof x);
        break;
      }
    }
  }
  return true;
}

void JoinTable::build(std::vector<Row> rows) {
  rows_ = std::move(rows);
  matched_.reset(new std::atomic<std::uint8_t>[rows_.size()]);
  for (std::size_t i = 0; i < rows_.size(); ++i) matched_[i] = 0;
  const auto& keys = build_left_ ? join_.left_keys : join_.right_keys;
  const auto& schema = join_.children[build_left_ ? 0 : 1]->schema;
  single_string_ = keys.size() == 1 && schema[keys[0]].type == Type::String;
  std::string key;
  std::uint64_t bytes = 0;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    bytes += row_bytes(rows_[i]) + 48;
    if (!encode(rows_[i], keys, key)) continue;
    auto& bucket = index_[key];
    // J-3: innerunique keeps the first left row per key, in input order.
    if (join_.join_kind == JoinKind::InnerUnique && !bucket.empty()) continue;
    bucket.push_back(static_cast<std::uint32_t>(i));
    if (single_string_) string_keys_.insert(key);
  }
  budget_.charge(bytes, "join");
  charged_ += bytes;
}

const std::vector<std::uint32_t>* JoinTable::find(const std::string& key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &it->second;
}

ProbeOp::ProbeOp(JoinTable& table)
    : table_(table), kind_(table.join().join_kind), build_left_(table.build_left()) {
  const PlanNode& j = table.join();
  probe_keys_ = build_left_ ? j.right_keys : j.left_keys;
  for (const auto& c : j.children[0]->schema) left_types_.push_back(c.type);
  for (const auto& c : j.children[1]->schema) right_types_.push_back(c.type);
}

namespace {

Row nulls(const std::vector<Type>& types) {
  Row r;
  r.reserve(types.size());
  for (Type t : types) r.push_back(Value::null_of(t));
  return r;
}

}  // namespace

Row ProbeOp::combine(const Row* left, const Row* right) const {
  Row out;
  out.reserve(left_types_.size() + right_types_.size());
  if (left) {
    out.insert(out.end(), left->begin(), left->end());
  } else {
    Row n = nulls(left_types_);
    for (auto& v : n) out.push_back(std::move(v));
  }
  if (right) {
    out.insert(out.end(), right->begin(), right->end());
  } else {
    Row n = nulls(right_types_);
    for (auto& v : n) out.push_back(std::move(v));
  }
  return out;
}

void ProbeOp::push(std::size_t slot, Row& row) {
  thread_local std::string key;
  const std::vector<std::uint32_t>* matches =
      JoinTable::encode(row, probe_keys_, key) ? table_.find(key) : nullptr;
  const bool any = matches && !matches->empty();
  using JK = JoinKind;
  if (build_left_) {
    // The probe row is a right row.
    switch (kind_) {
      case JK::RightSemi:
        if (any) next_->push(slot, row);
        return;
      case JK::RightAnti:
        if (!any) next_->push(slot, row);
        return;
      case JK::LeftSemi:
      case JK::LeftAnti:
        if (any)
          for (auto i : *matches) table_.mark(i);
        return;
      default:
        break;
    }
    if (any) {
      for (auto i : *matches) {
        if (kind_ == JK::LeftOuter || kind_ == JK::FullOuter) table_.mark(i);
        Row out = combine(&table_.row(i), &row);
        next_->push(slot, out);
      }
    } else if (kind_ == JK::RightOuter || kind_ == JK::FullOuter) {
      Row out = combine(nullptr, &row);
      next_->push(slot, out);
    }
    return;
  }
  // The probe row is a left row.
  switch (kind_) {
    case JK::LeftSemi:
      if (any) next_->push(slot, row);
      return;
    case JK::LeftAnti:
      if (!any) next_->push(slot, row);
      return;
    case JK::RightSemi:
    case JK::RightAnti:
      if (any)
        for (auto i : *matches) table_.mark(i);
      return;
    default:
      break;
  }
  if (any) {
    for (auto i : *matches) {
      if (kind_ == JK::RightOuter || kind_ == JK::FullOuter) table_.mark(i);
      Row out = combine(&row, &table_.row(i));
      next_->push(slot, out);
    }
  } else if (kind_ == JK::LeftOuter || kind_ == JK::FullOuter) {
    Row out = combine(&row, nullptr);
    next_->push(slot, out);
  }
}

std::vector<Row> build_side_rows(const JoinTable& table) {
  using JK = JoinKind;
  const JK k = table.join().join_kind;
  const bool left = table.build_left();
  std::vector<Type> other;
  for (const auto& c : table.join().children[left ? 1 : 0]->schema) other.push_back(c.type);
  // Which build rows come out after the probe, and whether the other side is null-filled.
  bool want_matched = false, want_unmatched = false, pad = false;
  if (left) {
    want_unmatched = k == JK::LeftOuter || k == JK::FullOuter || k == JK::LeftAnti;
    want_matched = k == JK::LeftSemi;
    pad = k == JK::LeftOuter || k == JK::FullOuter;
  } else {
    want_unmatched = k == JK::RightOuter || k == JK::FullOuter || k == JK::RightAnti;
    want_matched = k == JK::RightSemi;
    pad = k == JK::RightOuter || k == JK::FullOuter;
  }
  std::vector<Row> out;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const bool m = table.matched(i);
    if (!((m && want_matched) || (!m && want_unmatched))) continue;
    if (!pad) {
      out.push_back(table.row(i));
      continue;
    }
    Row r;
    Row n = nulls(other);
    if (left) {
      r = table.row(i);
      for (auto& v : n) r.push_back(std::move(v));
    } else {
      r = std::move(n);
      for (const auto& v : table.row(i)) r.push_back(v);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace huntq::engine
