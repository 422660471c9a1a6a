#include "huntq/value/timespan.h"

#include <cmath>
#include <cstdio>

namespace huntq {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads an unsigned integer of at least one digit; false on overflow.
bool read_uint(std::string_view s, std::size_t& pos, std::int64_t& out) {
  const std::size_t start = pos;
  std::int64_t v = 0;
  while (pos < s.size() && is_digit(s[pos])) {
    if (v > (INT64_MAX - 9) / 10) return false;
    v = v * 10 + (s[pos++] - '0');
  }
  out = v;
  return pos > start;
}

struct Unit {
  std::string_view name;
  std::int64_t ticks;
};

// scalar-data-types/timespan.md: the units a timespan literal may carry.
constexpr Unit kUnits[] = {
    {"d", kTicksPerDay},
    {"day", kTicksPerDay},
    {"days", kTicksPerDay},
    {"h", kTicksPerHour},
    {"hr", kTicksPerHour},
    {"hrs", kTicksPerHour},
    {"hour", kTicksPerHour},
    {"hours", kTicksPerHour},
    {"m", kTicksPerMinute},
    {"min", kTicksPerMinute},
    {"minute", kTicksPerMinute},
    {"minutes", kTicksPerMinute},
    {"s", kTicksPerSecond},
    {"sec", kTicksPerSecond},
    {"second", kTicksPerSecond},
    {"seconds", kTicksPerSecond},
    {"ms", kTicksPerMillisecond},
    {"milli", kTicksPerMillisecond},
    {"millis", kTicksPerMillisecond},
    {"millisec", kTicksPerMillisecond},
    {"millisecond", kTicksPerMillisecond},
    {"milliseconds", kTicksPerMillisecond},
    {"micro", 10},
    {"micros", 10},
    {"microsec", 10},
    {"microsecond", 10},
    {"microseconds", 10},
    {"tick", 1},
    {"ticks", 1},
};

// `[-][d.]hh:mm[:ss[.f…]]`
std::optional<std::int64_t> parse_clock(std::string_view s) {
  std::size_t pos = 0;
  const bool minus = pos < s.size() && s[pos] == '-';
  if (minus) ++pos;
  std::int64_t first = 0, days = 0, hours = 0, minutes = 0, seconds = 0;
  if (!read_uint(s, pos, first)) return std::nullopt;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    days = first;
    if (!read_uint(s, pos, hours)) return std::nullopt;
  } else {
    hours = first;
  }
  if (pos >= s.size() || s[pos] != ':') return std::nullopt;
  ++pos;
  if (!read_uint(s, pos, minutes)) return std::nullopt;
  std::int64_t frac = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!read_uint(s, pos, seconds)) return std::nullopt;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      int n = 0;
      while (pos < s.size() && is_digit(s[pos])) {
        if (n < 7) frac = frac * 10 + (s[pos] - '0');
        ++n, ++pos;
      }
      if (n == 0) return std::nullopt;
      for (int i = n; i < 7; ++i) frac *= 10;
    }
  }
  if (pos != s.size() || hours > 23 || minutes > 59 || seconds > 59) return std::nullopt;
  if (days > INT64_MAX / kTicksPerDay) return std::nullopt;
  // Unsigned: the ends of the range (.NET's TimeSpan.MaxValue 10675199.02:48:05.4775807 and
  // MinValue, one tick further) read back, anything past them is refused.
  const std::uint64_t t =
      static_cast<std::uint64_t>(days * kTicksPerDay) +
      static_cast<std::uint64_t>(hours * kTicksPerHour + minutes * kTicksPerMinute +
                                 seconds * kTicksPerSecond + frac);
  const std::uint64_t limit = static_cast<std::uint64_t>(INT64_MAX) + (minus ? 1 : 0);
  if (t > limit) return std::nullopt;
  if (minus) return t == limit ? INT64_MIN : -static_cast<std::int64_t>(t);
  return static_cast<std::int64_t>(t);
}

// A number with a unit: `2d`, `1.5h`, `100ms`.
std::optional<std::int64_t> parse_with_unit(std::string_view s) {
  std::size_t pos = 0;
  const bool minus = pos < s.size() && s[pos] == '-';
  if (minus) ++pos;
  const std::size_t start = pos;
  while (pos < s.size() && (is_digit(s[pos]) || s[pos] == '.')) ++pos;
  if (pos == start) return std::nullopt;
  const std::string number(s.substr(start, pos - start));
  const std::string_view unit = s.substr(pos);
  for (const Unit& u : kUnits) {
    if (u.name != unit) continue;
    char* end = nullptr;
    const double v = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size()) return std::nullopt;
    const double t = std::round(v * static_cast<double>(u.ticks));
    if (!(t < 9.2e18)) return std::nullopt;
    return minus ? -static_cast<std::int64_t>(t) : static_cast<std::int64_t>(t);
  }
  return std::nullopt;
}

}  // namespace

std::string format_timespan(std::int64_t ticks) {
  std::string out;
  std::uint64_t t;
  if (ticks < 0) {
    out += '-';
    t = static_cast<std::uint64_t>(-(ticks + 1)) + 1;  // no overflow at INT64_MIN
  } else {
    t = static_cast<std::uint64_t>(ticks);
  }
  const std::uint64_t frac = t % 10'000'000, secs = t / 10'000'000;
  const std::uint64_t days = secs / 86400;
  char buf[64];
  int n = days ? std::snprintf(buf, sizeof buf, "%llu.", static_cast<unsigned long long>(days)) : 0;
  n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "%02llu:%02llu:%02llu",
                     static_cast<unsigned long long>(secs / 3600 % 24),
                     static_cast<unsigned long long>(secs / 60 % 60),
                     static_cast<unsigned long long>(secs % 60));
  if (frac)
    n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%07llu",
                       static_cast<unsigned long long>(frac));
  out.append(buf, static_cast<std::size_t>(n));
  return out;
}

std::optional<std::int64_t> parse_timespan(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.find(':') != std::string_view::npos) return parse_clock(text);
  return parse_with_unit(text);
}

}  // namespace huntq
