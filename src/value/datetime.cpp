#include "huntq/value/datetime.h"

#include <array>
#include <cstdio>

#include "huntq/value/timespan.h"

namespace huntq {
namespace {

// Days from 0001-01-01 to 1970-01-01 in the proleptic Gregorian calendar.
constexpr std::int64_t kEpochDays1970 = 719'162;

// Howard Hinnant's days_from_civil: days since 1970-01-01.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t y;
  unsigned m, d;
};

constexpr Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool is_leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly n digits at text[pos]; advances pos.
bool digits(std::string_view text, std::size_t& pos, int n, unsigned& out) {
  if (pos + static_cast<std::size_t>(n) > text.size()) return false;
  unsigned v = 0;
  for (int i = 0; i < n; ++i) {
    const char c = text[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  pos += static_cast<std::size_t>(n);
  out = v;
  return true;
}

bool eat(std::string_view text, std::size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

}  // namespace

std::int64_t ticks_from_civil(int year, unsigned month, unsigned day, unsigned hour,
                              unsigned minute, unsigned second, std::uint32_t frac7) {
  const std::int64_t days = days_from_civil(year, month, day) + kEpochDays1970;
  return days * kTicksPerDay +
         (static_cast<std::int64_t>(hour) * 3600 + minute * 60 + second) * kTicksPerSecond + frac7;
}

std::optional<std::int64_t> parse_datetime(std::string_view text) {
  // Kusto trims surrounding whitespace before parsing; so do we.
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::size_t pos = 0;
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(text, pos, 4, year) || !eat(text, pos, '-') || !digits(text, pos, 2, month) ||
      !eat(text, pos, '-') || !digits(text, pos, 2, day))
    return std::nullopt;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    return std::nullopt;
  std::uint32_t frac7 = 0;
  std::int64_t offset_minutes = 0;
  if (pos < text.size()) {
    if (!eat(text, pos, 'T') && !eat(text, pos, ' ')) return std::nullopt;
    if (!digits(text, pos, 2, hour) || !eat(text, pos, ':') || !digits(text, pos, 2, minute))
      return std::nullopt;
    if (eat(text, pos, ':')) {
      if (!digits(text, pos, 2, second)) return std::nullopt;
      if (eat(text, pos, '.')) {
        int n = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
          // Digits past the 7th (finer than a tick) are truncated.
          if (n < 7) frac7 = frac7 * 10 + static_cast<std::uint32_t>(text[pos] - '0');
          ++n;
          ++pos;
        }
        if (n == 0) return std::nullopt;
        for (int i = n; i < 7; ++i) frac7 *= 10;
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    if (eat(text, pos, 'Z') || eat(text, pos, 'z')) {
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      const bool minus = text[pos++] == '-';
      unsigned oh = 0, om = 0;
      if (!digits(text, pos, 2, oh)) return std::nullopt;
      eat(text, pos, ':');
      if (!digits(text, pos, 2, om) || oh > 23 || om > 59) return std::nullopt;
      offset_minutes = (minus ? -1 : 1) * static_cast<std::int64_t>(oh * 60 + om);
    }
    if (pos != text.size()) return std::nullopt;
  }
  const std::int64_t ticks =
      ticks_from_civil(static_cast<int>(year), month, day, hour, minute, second, frac7) -
      offset_minutes * 60 * kTicksPerSecond;
  // An offset can push a value out of Kusto's range (0001-01-01 .. 9999-12-31).
  if (ticks < 0 || ticks >= ticks_from_civil(10000, 1, 1)) return std::nullopt;
  return ticks;
}

std::string format_datetime(std::int64_t ticks, DateTimeStyle style) {
  std::int64_t days = ticks / kTicksPerDay;
  std::int64_t rem = ticks % kTicksPerDay;
  if (rem < 0) {
    rem += kTicksPerDay;
    --days;
  }
  const Civil c = civil_from_days(days - kEpochDays1970);
  const std::int64_t secs = rem / kTicksPerSecond;
  auto frac = static_cast<std::uint32_t>(rem % kTicksPerSecond);
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                        static_cast<long long>(c.y), c.m, c.d, static_cast<long long>(secs / 3600),
                        static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  std::string out(buf, static_cast<std::size_t>(n));
  if (style == DateTimeStyle::Ticks7 || frac != 0) {
    char f[8];
    std::snprintf(f, sizeof f, "%07u", frac);
    std::string_view digits7(f, 7);
    if (style == DateTimeStyle::Trimmed) {
      while (!digits7.empty() && digits7.back() == '0') digits7.remove_suffix(1);
    }
    out += '.';
    out += digits7;
  }
  out += 'Z';
  return out;
}

}  // namespace huntq
