// Kusto scalar values: the types of kql-semantics.md T-1, with Kusto's null rules.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace huntq {

/// The Kusto scalar types huntq evaluates (kql-semantics.md T-1).
enum class Type : std::uint8_t { Bool, Int, Long, Real, DateTime, TimeSpan, String, Dynamic };

std::string_view type_name(Type t);

/// One cell. Strings are never null (T-1: a missing string is ""); every other type has a null.
/// A Dynamic holds compact JSON text; a dynamic null is `is_null()`.
class Value {
 public:
  Value() : type_(Type::String) {}

  static Value null_of(Type t);
  static Value boolean(bool b);
  static Value int64(std::int64_t v, Type t = Type::Long);
  static Value real(double v);
  static Value datetime(std::int64_t ticks);
  static Value string(std::string s);
  /// A dynamic value from JSON text that is already valid and compact.
  static Value dynamic_json(std::string json);

  Type type() const noexcept { return type_; }
  bool is_null() const noexcept { return null_; }

  bool as_bool() const noexcept { return i_ != 0; }
  std::int64_t as_int64() const noexcept { return i_; }
  double as_real() const noexcept { return d_; }
  std::int64_t ticks() const noexcept { return i_; }
  /// String contents, or a dynamic's JSON text.
  const std::string& text() const noexcept { return s_; }
  std::string& mutable_text() noexcept { return s_; }

 private:
  Type type_;
  bool null_ = false;
  std::int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
};

}  // namespace huntq
