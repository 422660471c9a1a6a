// Kusto scalar values: the types of kql-semantics.md T-1, with Kusto's null rules.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace huntq {

/// The Kusto scalar types huntq evaluates (kql-semantics.md T-1). `decimal` is not among them:
/// a query that uses it is refused by name.
enum class Type : std::uint8_t { Bool, Int, Long, Real, DateTime, TimeSpan, Guid, String, Dynamic };

/// Kusto's name of a type: bool, int, long, real, datetime, timespan, guid, string, dynamic.
std::string_view type_name(Type t);
/// The type a KQL type name or alias stands for (boolean, date, time, double, uuid, uniqueid...).
std::optional<Type> type_from_name(std::string_view name);
/// int, long and real.
constexpr bool is_numeric(Type t) {
  return t == Type::Int || t == Type::Long || t == Type::Real;
}

class Dynamic;
/// A dynamic value's tree. Immutable once built, so rows share subtrees freely across threads.
using DynamicPtr = std::shared_ptr<const Dynamic>;

/// One cell. Strings are never null (T-1: a missing string is ""); every other type has a null.
/// Int, Long, DateTime (ticks) and TimeSpan (ticks) keep an int64; Real a double; a Guid keeps its
/// canonical lowercase text; a Dynamic keeps a tree (dynamic.h) and is null when it holds JSON
/// null.
class Value {
 public:
  Value() = default;

  static Value null_of(Type t);
  static Value boolean(bool b);
  static Value int32(std::int32_t v);
  static Value int64(std::int64_t v, Type t = Type::Long);
  static Value real(double v);
  static Value datetime(std::int64_t ticks);
  static Value timespan(std::int64_t ticks);
  static Value string(std::string s);
  /// A guid from its canonical lowercase text (see parse_guid in guid.h).
  static Value guid_text(std::string canonical);
  /// A dynamic holding this tree (a Null node, or nullptr, gives dynamic null).
  static Value dynamic(DynamicPtr tree);
  /// A dynamic parsed from JSON text the readers found in a record. Text that is not valid JSON
  /// is kept as a dynamic string; "" gives dynamic null (as parse_json does, D-1).
  static Value dynamic_json(std::string_view json);

  Type type() const noexcept { return type_; }
  bool is_null() const noexcept { return null_; }

  bool as_bool() const noexcept { return i_ != 0; }
  std::int64_t as_int64() const noexcept { return i_; }
  double as_real() const noexcept { return d_; }
  std::int64_t ticks() const noexcept { return i_; }
  /// A number as a double (Int, Long or Real).
  double as_double() const noexcept { return type_ == Type::Real ? d_ : static_cast<double>(i_); }
  /// String contents, or a Guid's canonical text.
  const std::string& text() const noexcept { return s_; }
  std::string& mutable_text() noexcept { return s_; }
  /// A dynamic's tree; nullptr when null.
  const DynamicPtr& tree() const noexcept { return dyn_; }

 private:
  Type type_ = Type::String;
  bool null_ = false;
  std::int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
  DynamicPtr dyn_;
};

}  // namespace huntq
