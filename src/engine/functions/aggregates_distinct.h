// A set of distinct values in first-appearance order, with its memory counted: what dcount,
// count_distinct and make_set keep per group.
#pragma once

#include <cstddef>
#include <unordered_set>
#include <vector>

#include "dynamic_nodes.h"
#include "huntq/value/compare.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/value.h"

namespace huntq::engine::agg {

class DistinctValues {
 public:
  DistinctValues() = default;
  DistinctValues(const DistinctValues&) = delete;  // order_ points into scalars_
  DistinctValues& operator=(const DistinctValues&) = delete;

  /// Adds a non-null scalar (or a dynamic, as its tree); true when it was not there yet.
  /// Dynamic trees compare by same_node() (numbers by value), scalars by same_value().
  bool insert(const Value& v) {
    if (v.type() == Type::Dynamic) return insert(v.tree());
    auto [it, added] = scalars_.insert(v);
    if (!added) return false;
    order_.push_back(Entry{&*it, nullptr});
    heap_ += kEntryBytes + (v.text().capacity() > 15 ? v.text().capacity() : 0);
    return true;
  }

  bool insert(const DynamicPtr& node) {
    auto [it, added] = nodes_.insert(node);
    if (!added) return false;
    order_.push_back(Entry{nullptr, node});
    heap_ += kEntryBytes + node->bytes();  // shared trees are counted as if owned: an upper bound
    return true;
  }

  std::size_t size() const noexcept { return order_.size(); }

  /// The values as dynamic array elements, in the order they first appeared.
  Dynamic::Array to_array() const {
    Dynamic::Array out;
    out.reserve(order_.size());
    for (const auto& e : order_) out.push_back(e.scalar ? Dynamic::from_value(*e.scalar) : e.node);
    return out;
  }

  /// Adds `later`'s values (in their order) while the set has fewer than `limit`.
  void merge(const DistinctValues& later, std::size_t limit) {
    for (const auto& e : later.order_) {
      if (size() >= limit) return;
      if (e.scalar) {
        insert(*e.scalar);
      } else {
        insert(e.node);
      }
    }
  }

  std::size_t bytes() const noexcept {
    return heap_ + order_.capacity() * sizeof(Entry) +
           (scalars_.bucket_count() + nodes_.bucket_count()) * sizeof(void*);
  }

 private:
  struct Entry {
    const Value* scalar;  // points into scalars_ (node-based: stable)
    DynamicPtr node;
  };
  // A hash node: the value, the next pointer and the cached hash.
  static constexpr std::size_t kEntryBytes = sizeof(Value) + 2 * sizeof(void*);

  std::unordered_set<Value, ValueHash, SameValue> scalars_;
  std::unordered_set<DynamicPtr, NodeHash, SameNode> nodes_;
  std::vector<Entry> order_;
  std::size_t heap_ = 0;
};

}  // namespace huntq::engine::agg
