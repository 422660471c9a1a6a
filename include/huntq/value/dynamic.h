// Kusto's dynamic values as a JSON tree, and the functions over them (kql-semantics.md D-1..D-6).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/value/json_quote.h"
#include "huntq/value/value.h"

namespace huntq {

struct DynamicBuilder;

/// What a dynamic node holds. Scalars keep their Kusto type (parse_json('1') is an int, D-6), so
/// gettype, tostring and comparisons see what Kusto sees.
enum class DynamicKind : std::uint8_t {
  Null,
  Bool,
  Int,
  Long,
  Real,
  DateTime,
  TimeSpan,
  Guid,
  String,
  Array,
  Object,
};

/// One node of a dynamic value. Nodes are immutable and shared (DynamicPtr), so an element taken
/// out of an array, or a bag packed from columns, costs no copy.
class Dynamic {
 public:
  using Array = std::vector<DynamicPtr>;
  struct Member {
    std::string key;
    DynamicPtr value;
  };
  /// Members in the order they were written; duplicate keys are kept, lookups take the first.
  using Object = std::vector<Member>;

  static DynamicPtr null();
  static DynamicPtr boolean(bool b);
  static DynamicPtr integer(std::int64_t v, DynamicKind kind = DynamicKind::Long);
  static DynamicPtr real(double v);
  static DynamicPtr string(std::string s);
  static DynamicPtr guid(std::string canonical);
  static DynamicPtr array(Array items);
  static DynamicPtr object(Object members);
  /// The tree of a value: a dynamic gives its own tree, a typed scalar a scalar node of its type
  /// (datetime, timespan and guid nodes keep their type), a null a Null node.
  static DynamicPtr from_value(const Value& v);

  DynamicKind kind() const noexcept { return kind_; }
  bool is_null() const noexcept { return kind_ == DynamicKind::Null; }
  bool is_array() const noexcept { return kind_ == DynamicKind::Array; }
  bool is_object() const noexcept { return kind_ == DynamicKind::Object; }
  bool as_bool() const noexcept { return i_ != 0; }
  /// Int, Long, DateTime and TimeSpan nodes.
  std::int64_t as_int64() const noexcept { return i_; }
  double as_real() const noexcept { return d_; }
  /// String and Guid nodes.
  const std::string& text() const noexcept { return s_; }
  const Array& items() const noexcept { return items_; }
  const Object& members() const noexcept { return members_; }
  /// The first member with this key (case-sensitive), or nullptr.
  const DynamicPtr* find(std::string_view key) const noexcept;
  /// Approximate heap bytes of the whole tree, for memory budgets.
  std::size_t bytes() const noexcept { return bytes_; }
  /// The scalar held, typed (an Int node gives an int Value...); arrays and objects give
  /// themselves as a dynamic; Null gives dynamic null.
  Value to_value(const DynamicPtr& self) const;

  /// Kusto's gettype() name: string, long, int, real, bool, datetime, timespan, guid, array,
  /// dictionary, null.
  std::string_view gettype() const noexcept;

  explicit Dynamic(DynamicKind kind) : kind_(kind) {}

 private:
  friend struct DynamicBuilder;
  DynamicKind kind_;
  std::int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
  Array items_;
  Object members_;
  std::size_t bytes_ = sizeof(Dynamic);
};

/// Parses JSON text into a tree; nullptr when the text is not one valid JSON value (surrounding
/// whitespace allowed). Integers that fit 32 bits are Int nodes, other integers Long, numbers past
/// int64 or with a fraction or exponent Real.
DynamicPtr parse_json_text(std::string_view text);

/// Compact JSON (no spaces), keys in their order: how Kusto shows arrays and bags and what
/// tostring() gives for them. Datetimes print as "…7 digits…Z" strings, timespans as strings,
/// reals in their shortest round-trip form (NaN and infinities as the strings "NaN", "Infinity",
/// "-Infinity").
void append_json(std::string& out, const Dynamic& d);
std::string to_json(const Dynamic& d);

/// parse_json(x) (D-1): a dynamic is returned as is; "" gives dynamic null; valid JSON is parsed;
/// anything else is a dynamic string holding the text; another type becomes a dynamic of it.
Value parse_json(const Value& v);

/// d.key / d["key"] (D-2, D-3): null when d is null, not an object, or has no such key.
Value dynamic_member(const Value& d, std::string_view key);
/// d[i] (D-2): 0-based, negative counts from the end; null when out of range or not an array.
Value dynamic_index(const Value& d, std::int64_t index);

/// tostring(v) (D-4): null gives ""; a dynamic string is unquoted; numbers and bools their text
/// (bools lowercase); arrays and bags compact JSON; datetimes with 7 fraction digits; timespans
/// as [-][d.]hh:mm:ss[.fffffff].
std::string to_string(const Value& v);

/// Shortest text that reads back as the same double; NaN, Infinity, -Infinity.
std::string format_real(double v);

}  // namespace huntq
