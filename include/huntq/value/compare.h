// Equality, hashing and ordering of values, as grouping, joins, distinct and sort need them.
#pragma once

#include <cstddef>

#include "huntq/value/value.h"

namespace huntq {

/// Same type and same value, for grouping keys, distinct, dcount and make_set: nulls of a type are
/// equal to each other, NaN equals NaN, -0.0 equals 0.0, dynamics compare as trees (array order
/// and key order matter).
bool same_value(const Value& a, const Value& b) noexcept;
/// A hash consistent with same_value().
std::size_t hash_value(const Value& v) noexcept;

struct ValueHash {
  std::size_t operator()(const Value& v) const noexcept { return hash_value(v); }
};
struct SameValue {
  bool operator()(const Value& a, const Value& b) const noexcept { return same_value(a, b); }
};

/// Sort order of two non-null values of the same type (ascending): numbers by value (NaN sorts
/// with nulls, S-3, so callers treat NaN as null), strings and guids ordinally by UTF-8 bytes
/// (S-5), datetimes and timespans by ticks, bools false < true, dynamics by their JSON text.
/// Numbers of different numeric types compare by value. <0, 0, >0.
int compare_values(const Value& a, const Value& b) noexcept;

/// True for a null, and for a real NaN: the values sort puts together (S-3).
bool sorts_as_null(const Value& v) noexcept;

}  // namespace huntq
