// Kusto timespan: int64 ticks of 100 ns, printed as .NET prints TimeSpan (T-DT-8).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace huntq {

inline constexpr std::int64_t kTicksPerMillisecond = 10'000;
inline constexpr std::int64_t kTicksPerSecond = 10'000'000;
inline constexpr std::int64_t kTicksPerMinute = 60 * kTicksPerSecond;
inline constexpr std::int64_t kTicksPerHour = 60 * kTicksPerMinute;
inline constexpr std::int64_t kTicksPerDay = 24 * kTicksPerHour;

/// `[-][d.]hh:mm:ss[.fffffff]`: `1.00:00:00`, `01:00:00`, `00:00:00.5000000` (all 7 fraction
/// digits when there is a fraction, as .NET's "c" format prints them).
std::string format_timespan(std::int64_t ticks);

/// Reads the text forms totimespan() takes: `[-][d.]hh:mm[:ss[.f…]]` and the KQL literal forms
/// with a unit (`2d`, `1.5h`, `30m`, `10s`, `100ms`, `10microsecond`, `1tick`). nullopt otherwise.
std::optional<std::int64_t> parse_timespan(std::string_view text);

}  // namespace huntq
