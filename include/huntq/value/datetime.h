// Kusto datetime: int64 ticks of 100 ns since 0001-01-01T00:00:00Z (kql-semantics.md T-DT-1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace huntq {

/// Parses the ISO 8601 forms of T-DT-2: `YYYY-MM-DD[(T| )hh:mm[:ss[.f{1,}]]][Z|±hh:mm|±hhmm]`.
/// A value without a zone is UTC. Fraction digits past the 7th are truncated. Returns nullopt
/// for anything else (todatetime gives null on failure, T-DT-3).
std::optional<std::int64_t> parse_datetime(std::string_view text);

/// How datetimes are printed.
enum class DateTimeStyle {
  Trimmed,  ///< 2024-01-15T10:00:00Z, 2024-01-15T10:00:00.5Z: trailing fraction zeros dropped
  Ticks7,   ///< always 7 fraction digits: 2024-01-15T10:00:00.0000000Z (Kusto's tostring)
};

/// ISO 8601 UTC text for ticks.
std::string format_datetime(std::int64_t ticks, DateTimeStyle style = DateTimeStyle::Trimmed);

/// Ticks for a civil UTC date and time (no validation beyond range).
std::int64_t ticks_from_civil(int year, unsigned month, unsigned day, unsigned hour = 0,
                              unsigned minute = 0, unsigned second = 0, std::uint32_t frac7 = 0);

}  // namespace huntq
