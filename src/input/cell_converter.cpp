#include "huntq/input/cell_converter.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "fmt/format.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/guid.h"
#include "huntq/value/schema.h"
#include "huntq/value/timespan.h"

namespace huntq::input {
namespace {

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads between min_digits and max_digits digits.
bool read_number(std::string_view& s, int min_digits, int max_digits, int& out) {
  int n = 0, v = 0;
  while (n < max_digits && !s.empty() && is_digit(s.front())) {
    v = v * 10 + (s.front() - '0');
    s.remove_prefix(1);
    ++n;
  }
  out = v;
  return n >= min_digits;
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Portal CSV exports write local times like "13/03/2024, 3:40:13.988 pm": tell those apart
// from plain garbage so the message can say what to do.
bool looks_locale_formatted(std::string_view s) {
  if (s.find('/') != std::string_view::npos || s.find(',') != std::string_view::npos) return true;
  if (s.size() >= 2) {
    const std::string_view tail = s.substr(s.size() - 2);
    return iequals(tail, "AM") || iequals(tail, "PM");
  }
  return false;
}

}  // namespace

std::optional<std::int64_t> parse_datetime_with_format(std::string_view text,
                                                       std::string_view format,
                                                       int offset_minutes) {
  int year = -1, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  std::uint32_t frac7 = 0;
  int pm = -1;  // -1: no %p; 0 am; 1 pm
  std::string_view s = trim_blanks(text);
  for (std::size_t i = 0; i < format.size(); ++i) {
    const char f = format[i];
    if (f == ' ') {
      if (s.empty() || s.front() != ' ') return std::nullopt;
      while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
      continue;
    }
    if (f != '%' || i + 1 == format.size()) {
      if (s.empty() || s.front() != f) return std::nullopt;
      s.remove_prefix(1);
      continue;
    }
    const char spec = format[++i];
    bool ok = true;
    switch (spec) {
      case 'd':
        ok = read_number(s, 1, 2, day);
        break;
      case 'm':
        ok = read_number(s, 1, 2, month);
        break;
      case 'Y':
        ok = read_number(s, 4, 4, year);
        break;
      case 'y':
        ok = read_number(s, 2, 2, year);
        year += 2000;
        break;
      case 'H':
      case 'I':
        ok = read_number(s, 1, 2, hour);
        break;
      case 'M':
        ok = read_number(s, 1, 2, minute);
        break;
      case 'S':
        ok = read_number(s, 1, 2, second);
        break;
      case 'f': {
        int digits = 0;
        frac7 = 0;
        while (!s.empty() && is_digit(s.front())) {
          if (digits < 7) frac7 = frac7 * 10 + static_cast<std::uint32_t>(s.front() - '0');
          ++digits;
          s.remove_prefix(1);
        }
        for (int d = digits; d < 7; ++d) frac7 *= 10;
        ok = digits > 0;
        break;
      }
      case 'p': {
        if (s.size() < 2) return std::nullopt;
        const std::string_view ap = s.substr(0, 2);
        if (iequals(ap, "AM")) {
          pm = 0;
        } else if (iequals(ap, "PM")) {
          pm = 1;
        } else {
          return std::nullopt;
        }
        s.remove_prefix(2);
        break;
      }
      case '%':
        ok = !s.empty() && s.front() == '%';
        if (ok) s.remove_prefix(1);
        break;
      default:
        return std::nullopt;
    }
    if (!ok) return std::nullopt;
  }
  if (!s.empty() || year < 1 || year > 9999) return std::nullopt;
  if (pm >= 0) {
    if (hour < 1 || hour > 12) return std::nullopt;
    hour = hour % 12 + (pm ? 12 : 0);
  }
  // As the ISO path (T-DT-2): a real date, no leap second.
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    return std::nullopt;
  }
  // An offset past a day is no zone (check_input_options refuses it; this guards the sum).
  if (offset_minutes < -kMaxZoneOffsetMinutes || offset_minutes > kMaxZoneOffsetMinutes) {
    return std::nullopt;
  }
  const std::int64_t local = ticks_from_civil(
      year, static_cast<unsigned>(month), static_cast<unsigned>(day), static_cast<unsigned>(hour),
      static_cast<unsigned>(minute), static_cast<unsigned>(second), frac7);
  const std::int64_t utc = local - std::int64_t{offset_minutes} * 60 * 10'000'000;
  // The offset can push the instant out of Kusto's range (0001-01-01 .. 9999-12-31).
  if (utc < 0 || utc >= ticks_from_civil(10000, 1, 1)) return std::nullopt;
  return utc;
}

std::optional<std::int64_t> parse_integer_text(std::string_view text) {
  text = trim_blanks(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

std::optional<double> parse_real_text(std::string_view text) {
  text = trim_blanks(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool_text(std::string_view text) {
  text = trim_blanks(text);
  if (iequals(text, "true") || text == "1") return true;
  if (iequals(text, "false") || text == "0") return false;
  return std::nullopt;
}

void CellConverter::datetime_from_text(Value& cell, std::string_view text, std::string_view column,
                                       CellIssues& issues) const {
  if (auto t = parse_datetime(text)) {
    cell = Value::datetime(*t);
    return;
  }
  if (!options_.time_format.empty()) {
    if (auto t = parse_datetime_with_format(text, options_.time_format,
                                            options_.time_zone_offset_minutes)) {
      cell = Value::datetime(*t);
      return;
    }
  }
  cell = Value::null_of(Type::DateTime);
  if (trim_blanks(text).empty()) return;  // empty is simply missing (T-2)
  if (issues.bad_datetimes++ == 0) {
    if (!options_.time_format.empty()) {
      issues.first_bad_datetime =
          fmt::format("{} '{}' matches neither ISO 8601 nor --time-format '{}'", column,
                      text.substr(0, 64), std::string_view(options_.time_format).substr(0, 64));
    } else if (looks_locale_formatted(text)) {
      issues.first_bad_datetime = fmt::format(
          "{} '{}' is a locale-formatted local time; re-export with UTC ISO 8601 or pass "
          "--time-format/--time-zone",
          column, text.substr(0, 64));
    } else {
      issues.first_bad_datetime =
          fmt::format("{} '{}' is not an ISO 8601 datetime", column, text.substr(0, 64));
    }
  }
}

void CellConverter::from_text(Value& cell, Type t, std::string_view text, std::string_view column,
                              CellIssues& issues) const {
  switch (t) {
    case Type::String:
      assign_string(cell, text);
      return;
    case Type::DateTime:
      datetime_from_text(cell, text, column, issues);
      return;
    case Type::Long:
    case Type::Int: {
      auto v = parse_integer_text(text);
      if (v && t == Type::Int &&
          (*v < std::numeric_limits<std::int32_t>::min() ||
           *v > std::numeric_limits<std::int32_t>::max())) {
        v.reset();
      }
      cell = v ? Value::int64(*v, t) : Value::null_of(t);
      return;
    }
    case Type::Real: {
      const auto v = parse_real_text(text);
      cell = v ? Value::real(*v) : Value::null_of(t);
      return;
    }
    case Type::Bool: {
      const auto v = parse_bool_text(text);
      cell = v ? Value::boolean(*v) : Value::null_of(t);
      return;
    }
    case Type::Dynamic:
      cell = text.empty() ? Value::null_of(Type::Dynamic)
                          : parse_json(Value::string(std::string(text)));
      return;
    case Type::TimeSpan: {
      const auto v = parse_timespan(text);
      cell = v ? Value::timespan(*v) : Value::null_of(t);
      return;
    }
    case Type::Guid: {
      auto g = parse_guid(text);
      cell = g ? Value::guid_text(std::move(*g)) : Value::null_of(t);
      return;
    }
  }
}

}  // namespace huntq::input
