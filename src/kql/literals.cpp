#include "literals.h"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>

#include "char_class.h"

namespace huntq::kql {
namespace {

constexpr std::int64_t kTicksPerSecond = 10'000'000;

struct TimespanUnit {
  std::string_view name;
  std::int64_t num;  // ticks per unit = num / den
  std::int64_t den;
};

// scalar-data-types/timespan.md and Kusto.Language's TokenParser suffix list.
constexpr std::array<TimespanUnit, 34> kUnits = {{
    {"d", 864'000'000'000, 1},
    {"day", 864'000'000'000, 1},
    {"days", 864'000'000'000, 1},
    {"h", 36'000'000'000, 1},
    {"hr", 36'000'000'000, 1},
    {"hrs", 36'000'000'000, 1},
    {"hour", 36'000'000'000, 1},
    {"hours", 36'000'000'000, 1},
    {"m", 600'000'000, 1},
    {"min", 600'000'000, 1},
    {"minute", 600'000'000, 1},
    {"minutes", 600'000'000, 1},
    {"s", kTicksPerSecond, 1},
    {"sec", kTicksPerSecond, 1},
    {"second", kTicksPerSecond, 1},
    {"seconds", kTicksPerSecond, 1},
    {"ms", 10'000, 1},
    {"milli", 10'000, 1},
    {"millis", 10'000, 1},
    {"millisec", 10'000, 1},
    {"millisecond", 10'000, 1},
    {"milliseconds", 10'000, 1},
    {"micro", 10, 1},
    {"micros", 10, 1},
    {"microsec", 10, 1},
    {"microsecond", 10, 1},
    {"microseconds", 10, 1},
    {"nano", 1, 100},
    {"nanos", 1, 100},
    {"nanosec", 1, 100},
    {"nanosecond", 1, 100},
    {"nanoseconds", 1, 100},
    {"tick", 1, 1},
    {"ticks", 1, 1},
}};

const TimespanUnit* find_unit(std::string_view name) {
  for (const TimespanUnit& u : kUnits) {
    if (u.name == name) return &u;
  }
  return nullptr;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// digits[.digits] times a unit, truncated toward zero.
DecodeStatus scale_number(std::string_view number, const TimespanUnit& unit, bool negative,
                          std::int64_t& ticks) {
  const std::size_t dot = number.find('.');
  std::string_view int_part = number.substr(0, dot);
  std::string_view frac_part =
      dot == std::string_view::npos ? std::string_view{} : number.substr(dot + 1);
  if (!all_digits(int_part) || (dot != std::string_view::npos && !all_digits(frac_part))) {
    return DecodeStatus::Invalid;
  }
  while (int_part.size() > 1 && int_part.front() == '0') int_part.remove_prefix(1);
  if (int_part.size() > 19) return DecodeStatus::Overflow;
  std::uint64_t whole = 0;
  std::from_chars(int_part.data(), int_part.data() + int_part.size(), whole);
  using u128 = unsigned __int128;
  const u128 max = static_cast<u128>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  u128 total = static_cast<u128>(whole) * static_cast<u128>(unit.num) / unit.den;
  if (total > max) return DecodeStatus::Overflow;
  // Digits past the 18th cannot move the result by a tick.
  if (frac_part.size() > 18) frac_part = frac_part.substr(0, 18);
  if (!frac_part.empty()) {
    std::uint64_t frac = 0;
    std::from_chars(frac_part.data(), frac_part.data() + frac_part.size(), frac);
    u128 scale = static_cast<u128>(unit.den);
    for (std::size_t i = 0; i < frac_part.size(); ++i) scale *= 10;
    total += static_cast<u128>(frac) * static_cast<u128>(unit.num) / scale;
    if (total > max) return DecodeStatus::Overflow;
  }
  if (negative) {
    ticks = total > static_cast<u128>(std::numeric_limits<std::int64_t>::max())
                ? std::numeric_limits<std::int64_t>::min()
                : -static_cast<std::int64_t>(total);
  } else {
    ticks = static_cast<std::int64_t>(total);
  }
  return DecodeStatus::Ok;
}

// [-][d.]hh:mm[:ss[.fffffff]] or [-]d:hh:mm:ss[.fffffff] (.NET TimeSpan "c" and "g" formats).
DecodeStatus decode_clock(std::string_view s, std::int64_t& ticks) {
  bool negative = false;
  if (!s.empty() && s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  // Split into up to four ':'-separated fields; the first may carry "d." and the last ".f".
  std::array<std::string_view, 4> field{};
  std::size_t n = 0;
  while (true) {
    if (n == field.size()) return DecodeStatus::Invalid;
    const std::size_t colon = s.find(':');
    field[n++] = s.substr(0, colon);
    if (colon == std::string_view::npos) break;
    s.remove_prefix(colon + 1);
  }
  if (n < 2) return DecodeStatus::Invalid;
  std::string_view days_text;
  std::size_t first = 0;  // index of the hours field
  if (n == 4) {
    days_text = field[0];
    first = 1;
  } else if (const std::size_t dot = field[0].find('.'); dot != std::string_view::npos) {
    days_text = field[0].substr(0, dot);
    field[0] = field[0].substr(dot + 1);
  }
  std::string_view seconds_frac;
  const std::size_t last = n - 1;
  if (last - first == 2) {  // has seconds
    if (const std::size_t dot = field[last].find('.'); dot != std::string_view::npos) {
      seconds_frac = field[last].substr(dot + 1);
      field[last] = field[last].substr(0, dot);
      if (!all_digits(seconds_frac) || seconds_frac.size() > 7) return DecodeStatus::Invalid;
    }
  } else if (last - first != 1) {
    return DecodeStatus::Invalid;
  }
  auto number = [](std::string_view t, std::uint64_t limit, std::uint64_t& v) {
    if (!all_digits(t) || t.size() > 10) return false;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v <= limit;
  };
  std::uint64_t days = 0, hours = 0, minutes = 0, seconds = 0;
  if (!days_text.empty() && !number(days_text, 10'675'199, days)) return DecodeStatus::Invalid;
  if (!number(field[first], 23, hours) || !number(field[first + 1], 59, minutes)) {
    return DecodeStatus::Invalid;
  }
  if (last - first == 2 && !number(field[last], 59, seconds)) return DecodeStatus::Invalid;
  std::uint64_t frac = 0;
  if (!seconds_frac.empty()) {
    std::from_chars(seconds_frac.data(), seconds_frac.data() + seconds_frac.size(), frac);
    for (std::size_t i = seconds_frac.size(); i < 7; ++i) frac *= 10;
  }
  const unsigned __int128 total =
      (static_cast<unsigned __int128>(days) * 86400 + hours * 3600 + minutes * 60 + seconds) *
          kTicksPerSecond +
      frac;
  if (total > static_cast<unsigned __int128>(std::numeric_limits<std::int64_t>::max())) {
    return DecodeStatus::Overflow;
  }
  ticks = negative ? -static_cast<std::int64_t>(total) : static_cast<std::int64_t>(total);
  return DecodeStatus::Ok;
}

// Rough power of ten of a validated decimal number ("123.4e5" -> 7): enough to tell an
// overflow from an underflow.
long decimal_exponent(std::string_view text) {
  long exp10 = 0;
  const std::size_t e = text.find_first_of("eE");
  const std::string_view mantissa = text.substr(0, e);
  if (e != std::string_view::npos) {
    std::string_view ev = text.substr(e + 1);
    const bool neg = !ev.empty() && ev.front() == '-';
    if (!ev.empty() && (ev.front() == '-' || ev.front() == '+')) ev.remove_prefix(1);
    if (ev.size() > 9) return neg ? -1'000'000'000L : 1'000'000'000L;
    long x = 0;
    std::from_chars(ev.data(), ev.data() + ev.size(), x);
    exp10 = neg ? -x : x;
  }
  // Position of the first significant digit relative to the decimal point.
  const std::size_t dot = mantissa.find('.');
  const std::size_t int_len = dot == std::string_view::npos ? mantissa.size() : dot;
  for (std::size_t i = 0; i < mantissa.size(); ++i) {
    const char c = mantissa[i];
    if (c >= '1' && c <= '9') {
      const long pos =
          i < int_len ? static_cast<long>(int_len - i) - 1 : -static_cast<long>(i - int_len);
      return exp10 + pos;
    }
  }
  return -1'000'000'000L;  // zero
}

}  // namespace

std::string_view trim_kql_whitespace(std::string_view text) {
  std::size_t b = 0;
  while (b < text.size()) {
    const std::size_t n = whitespace_length(text, b);
    if (n == 0) break;
    b += n;
  }
  text.remove_prefix(b);
  // Trailing: step back over ASCII spaces and the multi-byte spaces Kusto knows.
  for (;;) {
    bool trimmed = false;
    for (std::size_t len = 1; len <= 3 && len <= text.size(); ++len) {
      if (whitespace_length(text, text.size() - len) == len) {
        text.remove_suffix(len);
        trimmed = true;
        break;
      }
    }
    if (!trimmed) return text;
  }
}

DecodeStatus decode_long(std::string_view text, bool negative, std::int64_t& out) {
  std::uint64_t magnitude = 0;
  std::from_chars_result r;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    r = std::from_chars(text.data() + 2, text.data() + text.size(), magnitude, 16);
  } else {
    r = std::from_chars(text.data(), text.data() + text.size(), magnitude, 10);
  }
  if (r.ec == std::errc::result_out_of_range) return DecodeStatus::Overflow;
  if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return DecodeStatus::Invalid;
  constexpr std::uint64_t kMax =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (magnitude > kMax + (negative ? 1 : 0)) return DecodeStatus::Overflow;
  if (negative) {
    out = magnitude == kMax + 1 ? std::numeric_limits<std::int64_t>::min()
                                : -static_cast<std::int64_t>(magnitude);
  } else {
    out = static_cast<std::int64_t>(magnitude);
  }
  return DecodeStatus::Ok;
}

DecodeStatus decode_signed_integer(std::string_view text, std::int64_t& out) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || !is_digit(text.front())) return DecodeStatus::Invalid;
  return decode_long(text, negative, out);
}

DecodeStatus decode_real(std::string_view text, double& out) {
  auto lower_equals = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      char c = a[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != b[i]) return false;
    }
    return true;
  };
  if (lower_equals(text, "nan")) {
    out = std::numeric_limits<double>::quiet_NaN();
    return DecodeStatus::Ok;
  }
  if (lower_equals(text, "inf") || lower_equals(text, "+inf")) {
    out = std::numeric_limits<double>::infinity();
    return DecodeStatus::Ok;
  }
  if (lower_equals(text, "-inf")) {
    out = -std::numeric_limits<double>::infinity();
    return DecodeStatus::Ok;
  }
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  // digits [. digits] [e[+-]digits], or . digits: nothing else (from_chars alone would take
  // "inf", hex floats and more).
  std::size_t i = 0;
  std::size_t mantissa_digits = 0;
  while (i < text.size() && is_digit(text[i])) ++i, ++mantissa_digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i, ++mantissa_digits;
  }
  if (mantissa_digits == 0) return DecodeStatus::Invalid;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const std::size_t exp_start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == exp_start) return DecodeStatus::Invalid;
  }
  if (i != text.size()) return DecodeStatus::Invalid;
  double v = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec == std::errc::result_out_of_range) {
    // Out of range: an underflow reads as zero, an overflow is an error.
    if (decimal_exponent(text) > 0) return DecodeStatus::Overflow;
    v = 0;
  } else if (r.ec != std::errc() || r.ptr != text.data() + text.size()) {
    return DecodeStatus::Invalid;
  }
  out = negative ? -v : v;
  return DecodeStatus::Ok;
}

DecodeStatus decode_timespan_token(std::string_view text, bool negative, std::int64_t& ticks) {
  std::size_t split = 0;
  while (split < text.size() && (is_digit(text[split]) || text[split] == '.')) ++split;
  const TimespanUnit* unit = find_unit(text.substr(split));
  if (unit == nullptr) return DecodeStatus::Invalid;
  return scale_number(text.substr(0, split), *unit, negative, ticks);
}

DecodeStatus decode_timespan_text(std::string_view text, std::int64_t& ticks) {
  text = trim_kql_whitespace(text);
  if (text.find(':') != std::string_view::npos) return decode_clock(text, ticks);
  bool negative = false;
  std::string_view rest = text;
  if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) {
    negative = rest.front() == '-';
    rest.remove_prefix(1);
  }
  std::size_t split = 0;
  while (split < rest.size() && !is_letter(rest[split])) ++split;
  const std::string_view number = trim_kql_whitespace(rest.substr(0, split));
  const std::string_view unit_name = rest.substr(split);
  if (unit_name.empty()) {
    // A bare integer is a number of days (timespan(2) is 2 days).
    if (!all_digits(number)) return DecodeStatus::Invalid;
    return scale_number(number, kUnits[0], negative, ticks);
  }
  const TimespanUnit* unit = find_unit(unit_name);
  if (unit == nullptr || number.empty()) return DecodeStatus::Invalid;
  return scale_number(number, *unit, negative, ticks);
}

}  // namespace huntq::kql
