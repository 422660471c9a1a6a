// Equality, hashing and ordering of dynamic nodes, as the set functions (set_union,
// set_has_element, array_index_of...), array_sort_* and make_set see them. Private to the dynamic
// and aggregate families.
#pragma once

#include <cstddef>

#include "huntq/value/dynamic.h"
#include "huntq/value/value.h"

namespace huntq::engine {

/// Structural equality where numbers (int, long and real nodes) compare by value, so 1, long(1)
/// and 1.0 are one set element (as `==` says of them); other kinds must match (a string "1" is
/// not the number 1, a datetime is not its ticks). NaN equals NaN and -0.0 equals 0.0, so the
/// relation is an equivalence. Arrays compare element-wise, bags key by key in order.
bool same_node(const Dynamic& a, const Dynamic& b) noexcept;
/// A hash consistent with same_node().
std::size_t hash_node(const Dynamic& d) noexcept;

struct NodeHash {
  std::size_t operator()(const DynamicPtr& p) const noexcept { return hash_node(*p); }
};
struct SameNode {
  bool operator()(const DynamicPtr& a, const DynamicPtr& b) const noexcept {
    return a == b || same_node(*a, *b);
  }
};

/// Whether an array element equals a scalar or dynamic value, by same_node().
bool node_equals_value(const Dynamic& node, const Value& v);

/// array_sort_asc's order (array-sort-asc-function.md): numbers, datetimes and timespans first
/// (numbers by value, then datetimes, then timespans, each by value), then strings (ordinal),
/// then guids, then everything else (bools, arrays, bags: equal to each other, so a stable sort
/// keeps their input order). Nulls and NaN are not ordered here: callers place them.
int compare_nodes_for_sort(const Dynamic& a, const Dynamic& b) noexcept;
/// Null nodes and real NaN nodes: the elements nulls_last places (S-3 groups NaN with null).
bool node_sorts_as_null(const Dynamic& d) noexcept;

}  // namespace huntq::engine
