// Turning text and JSON scalars into typed cells (kql-semantics.md T-2, T-3), shared by all
// readers. The column's type comes from the schema, never from the data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "huntq/input/record_source.h"
#include "huntq/value/value.h"

namespace huntq::input {

/// What went wrong with cells of one record, for the run summary.
struct CellIssues {
  std::uint64_t bad_datetimes = 0;
  std::string first_bad_datetime;  ///< why, for the first one

  void clear() {
    bad_datetimes = 0;
    first_bad_datetime.clear();
  }
};

/// Types whose cells hold the text as it is (a guid is parsed to its canonical form).
inline bool is_string_like(Type t) {
  return t == Type::String;
}

/// Stores a string in a cell, reusing the cell's buffer when it already holds a string.
inline void assign_string(Value& cell, std::string_view s) {
  if (cell.type() != Type::String) cell = Value::string({});
  cell.mutable_text().assign(s.data(), s.size());
}

/// The largest --time-zone-offset, in minutes either side of UTC.
inline constexpr int kMaxZoneOffsetMinutes = 24 * 60;

/// Parses `text` with a strptime-like format (%d %m %Y %y %H %I %M %S %f %p; other characters
/// match themselves, a space matches any run of spaces). Day, month and hour take 1 or 2 digits.
/// The result is local time shifted to UTC by `offset_minutes`. Validated as the ISO path is: a
/// real date (no 31 February), seconds up to 59, and an instant in 0001-01-01 .. 9999-12-31.
std::optional<std::int64_t> parse_datetime_with_format(std::string_view text,
                                                       std::string_view format, int offset_minutes);

class CellConverter {
 public:
  explicit CellConverter(const InputOptions& options) : options_(options) {}

  /// A datetime cell from text: ISO 8601 first, then the --time-format if one was given.
  /// Unparseable text gives null and is counted with a reason naming `column`.
  void datetime_from_text(Value& cell, std::string_view text, std::string_view column,
                          CellIssues& issues) const;

  /// A cell of type `t` from CSV text (or a JSON string where the column is not a string).
  /// Empty text is "" for strings and null otherwise.
  void from_text(Value& cell, Type t, std::string_view text, std::string_view column,
                 CellIssues& issues) const;

 private:
  const InputOptions& options_;
};

/// Integer text (optional sign, digits, surrounding blanks); nullopt otherwise or on overflow.
std::optional<std::int64_t> parse_integer_text(std::string_view text);
std::optional<double> parse_real_text(std::string_view text);
/// true/false in any letter case, or 0/1.
std::optional<bool> parse_bool_text(std::string_view text);

}  // namespace huntq::input
