// Kusto's to*() conversions as plain functions. The conversion functions use them, and so do the
// operators and iff/case/coalesce, which convert a dynamic operand to the other side's type the
// way the matching to*() function would (docs/semantics/conversion.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "huntq/value/value.h"

namespace huntq::engine::conv {

/// A number as a KQL numeric operator reads it: integral (int, long, bool) or real.
struct Number {
  bool is_real = false;
  std::int64_t i = 0;
  double d = 0;
  double as_double() const { return is_real ? d : static_cast<double>(i); }
};

/// The number a value holds: int, long, real and bool (0/1) as they are; a string (or a dynamic
/// string) read as an integer, else as a real; a dynamic number by its node. Nothing else (null,
/// datetime, timespan, guid, arrays, bags) is a number.
std::optional<Number> number_of(const Value& v);

/// Text of a .NET-style integer: optional surrounding whitespace, optional sign, decimal digits.
std::optional<std::int64_t> parse_long_text(std::string_view s);
/// Text of a real: surrounding whitespace, sign, digits, fraction, exponent, NaN and infinities.
std::optional<double> parse_real_text(std::string_view s);

std::optional<std::int64_t> to_long(const Value& v);      ///< tolong()
std::optional<std::int32_t> to_int(const Value& v);       ///< toint()
std::optional<double> to_real(const Value& v);            ///< toreal() / todouble()
std::optional<bool> to_bool(const Value& v);              ///< tobool()
std::optional<std::int64_t> to_datetime(const Value& v);  ///< todatetime(), ticks
std::optional<std::int64_t> to_timespan(const Value& v);  ///< totimespan(), ticks
std::optional<std::string> to_guid(const Value& v);       ///< toguid(), canonical text
/// toguid()'s reading of text: the first 32 hex digits, hyphens skipped, the rest ignored.
std::optional<std::string> parse_guid_prefix(std::string_view s);

/// Converts `v` to `t` as the matching to*() function does (tostring for strings, a dynamic of
/// the value for dynamic); a value that does not convert gives null of `t`.
Value convert(const Value& v, Type t);

}  // namespace huntq::engine::conv
