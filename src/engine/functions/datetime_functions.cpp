// Datetime and timespan functions: bin/floor, bin_at, startof*/endof*, datetime_add/diff/part,
// the calendar parts, format_datetime, format_timespan, unixtime_*_todatetime, make_datetime,
// make_timespan, and the datetime text parser behind todatetime() (docs/semantics/datetime.md).
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "datetime_parse.h"
#include "huntq/engine/functions.h"
#include "huntq/error.h"
#include "huntq/value/datetime.h"
#include "huntq/value/timespan.h"

namespace huntq::engine {
namespace {

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on ticks (T-DT-1: 100 ns ticks from 0001-01-01, proleptic Gregorian).

constexpr std::int64_t kEpochDays1970 = 719'162;  // days from 0001-01-01 to 1970-01-01
constexpr std::int64_t kUnixEpochTicks = kEpochDays1970 * kTicksPerDay;
const std::int64_t kMaxTicks = ticks_from_civil(10000, 1, 1) - 1;  // 9999-12-31T23:59:59.9999999

bool in_range(std::int64_t ticks) {
  return ticks >= 0 && ticks <= kMaxTicks;
}

Value datetime_or_null(std::int64_t ticks) {
  return in_range(ticks) ? Value::datetime(ticks) : Value::null_of(Type::DateTime);
}

bool is_leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Howard Hinnant's civil_from_days, on days since 1970-01-01.
struct Civil {
  std::int64_t y;
  unsigned m, d;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

// The parts of an in-range datetime.
struct Parts {
  std::int64_t days;  // since 0001-01-01 (a Monday)
  std::int64_t year;
  unsigned month, day;
  std::int64_t time;  // ticks since midnight
};

Parts split(std::int64_t ticks) {
  Parts p;
  p.days = ticks / kTicksPerDay;
  p.time = ticks % kTicksPerDay;
  const Civil c = civil_from_days(p.days - kEpochDays1970);
  p.year = c.y;
  p.month = c.m;
  p.day = c.d;
  return p;
}

std::int64_t day_ticks(std::int64_t days) {
  return days * kTicksPerDay;
}

// Days since 0001-01-01 of a civil date (year may be 10000 for the end of 9999).
std::int64_t days_of(std::int64_t y, unsigned m, unsigned d) {
  return ticks_from_civil(static_cast<int>(y), m, d) / kTicksPerDay;
}

unsigned day_of_year(const Parts& p) {
  return static_cast<unsigned>(p.days - days_of(p.year, 1, 1)) + 1;
}

// 0 = Sunday .. 6 = Saturday; 0001-01-01 was a Monday.
unsigned day_of_week(std::int64_t days) {
  return static_cast<unsigned>((days + 1) % 7);
}

// Offsets beyond ±10^7 units leave the datetime range whatever the unit: null without overflow.
constexpr std::int64_t kMaxOffset = 10'000'000;

// A (year, month) moved by `months`; nullopt outside years 1..10000.
std::optional<std::pair<std::int64_t, unsigned>> add_months(std::int64_t y, unsigned m,
                                                            std::int64_t months) {
  if (months > 12 * kMaxOffset || months < -12 * kMaxOffset) return std::nullopt;
  const std::int64_t index = y * 12 + (m - 1) + months;
  const std::int64_t ny = index >= 0 ? index / 12 : -1;
  if (ny < 1 || ny > 10000) return std::nullopt;
  return std::make_pair(ny, static_cast<unsigned>(index % 12) + 1);
}

std::optional<std::int64_t> checked_mul(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
  return r;
}

std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
  return r;
}

// ---------------------------------------------------------------------------------------------
// bin / floor and bin_at (bin-function.md, bin-at-function.md): a null, zero or negative size
// gives null. Datetime bins are counted from 0001-01-01 (T-DT-6), so 7d bins start on Mondays.

std::optional<std::int64_t> bin_long(std::int64_t v, std::int64_t size, std::int64_t origin) {
  if (size <= 0) return std::nullopt;
  const __int128 delta = static_cast<__int128>(v) - origin;
  __int128 q = delta / size;
  if (delta % size != 0 && delta < 0) --q;
  const __int128 out = q * size + origin;
  if (out < INT64_MIN || out > INT64_MAX) return std::nullopt;
  return static_cast<std::int64_t>(out);
}

std::optional<double> bin_real(double v, double size, double origin) {
  if (!(size > 0)) return std::nullopt;
  return std::floor((v - origin) / size) * size + origin;
}

Value k_bin_long(Args a, const CallContext& c) {
  const auto r = bin_long(a[0].as_int64(), a[1].as_int64(), 0);
  return r ? Value::int64(*r) : Value::null_of(c.result);
}

Value k_bin_real(Args a, const CallContext& c) {
  const auto r = bin_real(a[0].as_real(), a[1].as_real(), 0);
  return r ? Value::real(*r) : Value::null_of(c.result);
}

Value k_bin_ticks(Args a, const CallContext& c) {
  const auto r = bin_long(a[0].ticks(), a[1].ticks(), 0);
  if (!r) return Value::null_of(c.result);
  return a[0].type() == Type::DateTime ? datetime_or_null(*r) : Value::timespan(*r);
}

Value k_bin_at_long(Args a, const CallContext& c) {
  const auto r = bin_long(a[0].as_int64(), a[1].as_int64(), a[2].as_int64());
  return r ? Value::int64(*r) : Value::null_of(c.result);
}

Value k_bin_at_real(Args a, const CallContext& c) {
  const auto r = bin_real(a[0].as_real(), a[1].as_real(), a[2].as_real());
  return r ? Value::real(*r) : Value::null_of(c.result);
}

Value k_bin_at_ticks(Args a, const CallContext& c) {
  const auto r = bin_long(a[0].ticks(), a[1].ticks(), a[2].ticks());
  if (!r) return Value::null_of(c.result);
  return a[0].type() == Type::DateTime ? datetime_or_null(*r) : Value::timespan(*r);
}

// ---------------------------------------------------------------------------------------------
// startof* / endof*: the first tick of the unit holding the date, moved by `offset` units; the
// end is one tick before the next unit's start. Weeks start on Sunday (startofweek-function.md).

enum class Unit : std::uint8_t { Day, Week, Month, Year };

// First day (days since 0001-01-01) of the unit `offset` units from the one holding `ticks`.
std::optional<std::int64_t> unit_start_day(Unit unit, std::int64_t ticks, std::int64_t offset) {
  if (offset > kMaxOffset || offset < -kMaxOffset) return std::nullopt;
  const Parts p = split(ticks);
  switch (unit) {
    case Unit::Day:
      return p.days + offset;
    case Unit::Week:
      return p.days - day_of_week(p.days) + 7 * offset;
    case Unit::Month: {
      const auto ym = add_months(p.year, p.month, offset);
      if (!ym) return std::nullopt;
      return days_of(ym->first, ym->second, 1);
    }
    case Unit::Year: {
      const std::int64_t y = p.year + offset;
      if (y < 1 || y > 10000) return std::nullopt;
      return days_of(y, 1, 1);
    }
  }
  return std::nullopt;
}

template <Unit kUnit, bool kEnd>
Value k_unit_edge(Args a, const CallContext&) {
  const std::int64_t offset = a.size() > 1 ? a[1].as_int64() : 0;
  if (offset > kMaxOffset || offset < -kMaxOffset) return Value::null_of(Type::DateTime);
  const auto day = unit_start_day(kUnit, a[0].ticks(), kEnd ? offset + 1 : offset);
  if (!day || *day < 0) return Value::null_of(Type::DateTime);
  const std::int64_t start = day_ticks(*day);
  return datetime_or_null(kEnd ? start - 1 : start);
}

// ---------------------------------------------------------------------------------------------
// datetime_add, datetime_diff, datetime_part: the period is a constant, read once in prepare().

enum class Period : std::uint8_t {
  Year,
  Quarter,
  Month,
  Week,
  Day,
  Hour,
  Minute,
  Second,
  Millisecond,
  Microsecond,
  Nanosecond,
  WeekOfYear,
  DayOfYear,
};

struct PeriodName {
  std::string_view name;
  Period period;
};

constexpr PeriodName kPeriods[] = {
    {"year", Period::Year},
    {"quarter", Period::Quarter},
    {"month", Period::Month},
    {"week", Period::Week},
    {"day", Period::Day},
    {"hour", Period::Hour},
    {"minute", Period::Minute},
    {"second", Period::Second},
    {"millisecond", Period::Millisecond},
    {"microsecond", Period::Microsecond},
    {"nanosecond", Period::Nanosecond},
    {"week_of_year", Period::WeekOfYear},
    {"dayofyear", Period::DayOfYear},
};

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

std::string quote_cut(std::string_view s) {
  constexpr std::size_t kMax = 40;
  return s.size() <= kMax ? fmt::format("'{}'", s) : fmt::format("'{}...'", s.substr(0, kMax));
}

// Reads the period argument (a constant string, case-insensitive); `valid` lists the periods
// the function takes, for the message.
std::shared_ptr<const void> prepare_period(std::span<const ArgInfo> args, std::string_view fn,
                                           std::initializer_list<Period> allowed,
                                           std::string_view valid) {
  const std::string& text = args[0].constant->text();
  for (const auto& p : kPeriods) {
    if (!iequals_ascii(p.name, text)) continue;
    for (Period a : allowed)
      if (a == p.period) return std::make_shared<const Period>(p.period);
  }
  throw Error(
      fmt::format("{}(): unknown period {}; expected one of {}", fn, quote_cut(text), valid));
}

constexpr std::initializer_list<Period> kAddDiffPeriods = {
    Period::Year,        Period::Quarter,     Period::Month,     Period::Week,
    Period::Day,         Period::Hour,        Period::Minute,    Period::Second,
    Period::Millisecond, Period::Microsecond, Period::Nanosecond};
constexpr std::string_view kAddDiffNames =
    "year, quarter, month, week, day, hour, minute, second, millisecond, microsecond, nanosecond";

std::shared_ptr<const void> prepare_add_diff_add(std::span<const ArgInfo> args) {
  return prepare_period(args, "datetime_add", kAddDiffPeriods, kAddDiffNames);
}

std::shared_ptr<const void> prepare_add_diff_diff(std::span<const ArgInfo> args) {
  return prepare_period(args, "datetime_diff", kAddDiffPeriods, kAddDiffNames);
}

std::shared_ptr<const void> prepare_part(std::span<const ArgInfo> args) {
  return prepare_period(
      args, "datetime_part",
      {Period::Year, Period::Quarter, Period::Month, Period::WeekOfYear, Period::Day,
       Period::DayOfYear, Period::Hour, Period::Minute, Period::Second, Period::Millisecond,
       Period::Microsecond, Period::Nanosecond},
      "year, quarter, month, week_of_year, day, dayofyear, hour, minute, second, millisecond, "
      "microsecond, nanosecond");
}

Period period_of(const CallContext& c) {
  return *static_cast<const Period*>(c.state);
}

std::int64_t fixed_unit_ticks(Period p) {
  switch (p) {
    case Period::Week:
      return 7 * kTicksPerDay;
    case Period::Day:
      return kTicksPerDay;
    case Period::Hour:
      return kTicksPerHour;
    case Period::Minute:
      return kTicksPerMinute;
    case Period::Second:
      return kTicksPerSecond;
    case Period::Millisecond:
      return kTicksPerMillisecond;
    case Period::Microsecond:
      return 10;
    default:
      return 0;
  }
}

// datetime-add-function.md; months and years keep the day, clamped to the month's last day (as
// .NET's AddMonths); nanoseconds count in whole ticks of 100 ns, truncated.
Value k_datetime_add(Args a, const CallContext& c) {
  const Period period = period_of(c);
  const std::int64_t amount = a[1].as_int64();
  const std::int64_t ticks = a[2].ticks();
  if (period == Period::Year || period == Period::Quarter || period == Period::Month) {
    const std::int64_t per = period == Period::Year ? 12 : period == Period::Quarter ? 3 : 1;
    const auto months = checked_mul(amount, per);
    if (!months) return Value::null_of(Type::DateTime);
    const Parts p = split(ticks);
    const auto ym = add_months(p.year, p.month, *months);
    if (!ym || ym->first > 9999) return Value::null_of(Type::DateTime);
    const unsigned day = std::min(p.day, days_in_month(ym->first, ym->second));
    return datetime_or_null(day_ticks(days_of(ym->first, ym->second, day)) + p.time);
  }
  const auto delta =
      period == Period::Nanosecond ? amount / 100 : checked_mul(amount, fixed_unit_ticks(period));
  if (!delta) return Value::null_of(Type::DateTime);
  const auto r = checked_add(ticks, *delta);
  return r ? datetime_or_null(*r) : Value::null_of(Type::DateTime);
}

// datetime-diff-function.md: the difference of the two dates' unit counts (calendar units for
// year, quarter and month; Sunday-based weeks; whole units of time otherwise).
Value k_datetime_diff(Args a, const CallContext& c) {
  const Period period = period_of(c);
  const std::int64_t t1 = a[1].ticks(), t2 = a[2].ticks();
  const Parts p1 = split(t1), p2 = split(t2);
  switch (period) {
    case Period::Year:
      return Value::int64(p1.year - p2.year);
    case Period::Quarter:
      return Value::int64((p1.year * 4 + (p1.month - 1) / 3) - (p2.year * 4 + (p2.month - 1) / 3));
    case Period::Month:
      return Value::int64((p1.year * 12 + p1.month) - (p2.year * 12 + p2.month));
    case Period::Week:
      return Value::int64((p1.days + 1) / 7 - (p2.days + 1) / 7);
    case Period::Nanosecond:  // wraps as .NET's unchecked long arithmetic past ±292 years
      return Value::int64(static_cast<std::int64_t>(static_cast<std::uint64_t>(t1 - t2) * 100u));
    default: {
      const std::int64_t unit = fixed_unit_ticks(period);
      return Value::int64(t1 / unit - t2 / unit);
    }
  }
}

// ISO 8601 week number (week-of-year-function.md): weeks start on Monday; week 1 holds the
// year's first Thursday.
int iso_weeks_in_year(std::int64_t y) {
  auto p = [](std::int64_t x) { return (x + x / 4 - x / 100 + x / 400) % 7; };
  return p(y) == 4 || p(y - 1) == 3 ? 53 : 52;
}

int iso_week(const Parts& p) {
  const int iso_weekday = static_cast<int>(p.days % 7) + 1;  // Monday = 1 .. Sunday = 7
  const int week = (static_cast<int>(day_of_year(p)) - iso_weekday + 10) / 7;
  if (week < 1) return iso_weeks_in_year(p.year - 1);
  if (week > iso_weeks_in_year(p.year)) return 1;
  return week;
}

// The obsolete weekofyear(): .NET's GetWeekOfYear(date, FirstFourDayWeek, Sunday), whose first
// week is the one holding the year's first Wednesday; early-January days of the previous year's
// last week keep that week's number.
int legacy_week(std::int64_t days) {
  const Parts p = split(day_ticks(days));
  const int doy = static_cast<int>(day_of_year(p)) - 1;
  const int jan1 = static_cast<int>(day_of_week(days)) - doy % 7;
  int offset = (0 - jan1 + 14) % 7;
  if (offset != 0 && offset >= 4) offset -= 7;
  const int day = doy - offset;
  if (day >= 0) return day / 7 + 1;
  return legacy_week(days - doy - 1);  // December 31 of the previous year
}

std::int32_t part_value(Period period, std::int64_t ticks) {
  const Parts p = split(ticks);
  const std::int64_t frac = ticks % kTicksPerSecond;
  switch (period) {
    case Period::Year:
      return static_cast<std::int32_t>(p.year);
    case Period::Quarter:
      return static_cast<std::int32_t>((p.month - 1) / 3 + 1);
    case Period::Month:
      return static_cast<std::int32_t>(p.month);
    case Period::WeekOfYear:
      return iso_week(p);
    case Period::Day:
      return static_cast<std::int32_t>(p.day);
    case Period::DayOfYear:
      return static_cast<std::int32_t>(day_of_year(p));
    case Period::Hour:
      return static_cast<std::int32_t>(p.time / kTicksPerHour);
    case Period::Minute:
      return static_cast<std::int32_t>(p.time / kTicksPerMinute % 60);
    case Period::Second:
      return static_cast<std::int32_t>(p.time / kTicksPerSecond % 60);
    case Period::Millisecond:
      return static_cast<std::int32_t>(frac / kTicksPerMillisecond);
    case Period::Microsecond:
      return static_cast<std::int32_t>(frac / 10);
    case Period::Nanosecond:
      return static_cast<std::int32_t>(frac * 100);
    default:
      return 0;
  }
}

Value k_datetime_part(Args a, const CallContext& c) {
  return Value::int32(part_value(period_of(c), a[1].ticks()));
}

template <Period kPart>
Value k_part(Args a, const CallContext&) {
  return Value::int32(part_value(kPart, a[0].ticks()));
}

Value k_weekofyear(Args a, const CallContext&) {
  return Value::int32(legacy_week(a[0].ticks() / kTicksPerDay));
}

// day-of-week-function.md: days since the preceding Sunday, as a timespan.
Value k_dayofweek(Args a, const CallContext&) {
  return Value::timespan(day_ticks(day_of_week(a[0].ticks() / kTicksPerDay)));
}

// ---------------------------------------------------------------------------------------------
// format_datetime / format_timespan: the format is a constant, compiled once in prepare() into
// fields and literal text (.NET custom format semantics for what the docs leave open).

enum class Field : std::uint8_t {
  Literal,
  Day,
  DayName,
  Month,
  MonthName,
  Year,
  Hour12,
  Hour24,
  Minute,
  Second,
  Fraction,         // f: always the digits
  FractionNonZero,  // F: trailing zeros dropped, nothing at all when zero
  AmPm,
  Era,
  ZoneK,
  ZoneOffset,
  Days,  // format_timespan: whole days
};

struct Token {
  Field field;
  int count = 0;
  std::string text;  // Literal
};

using Format = std::vector<Token>;

constexpr std::array<std::string_view, 12> kMonthNames{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kDayNames{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                    "Thursday", "Friday", "Saturday"};

void add_literal(Format& f, std::string_view text) {
  if (!f.empty() && f.back().field == Field::Literal) {
    f.back().text += text;
  } else {
    f.push_back({Field::Literal, 0, std::string(text)});
  }
}

// Splits a format into runs of one letter and literals; quotes ('...' or "...") and a
// backslash escape literal text, % before a single letter is dropped.
template <class OnLetter>
Format compile_format(std::string_view fmt, std::string_view fn, OnLetter on_letter) {
  Format out;
  for (std::size_t i = 0; i < fmt.size();) {
    const char c = fmt[i];
    if (c == '\'' || c == '"') {
      const std::size_t end = fmt.find(c, i + 1);
      if (end == std::string_view::npos)
        throw Error(fmt::format("{}(): unterminated quote in the format {}", fn, quote_cut(fmt)));
      add_literal(out, fmt.substr(i + 1, end - i - 1));
      i = end + 1;
      continue;
    }
    if (c == '\\') {
      if (i + 1 < fmt.size()) add_literal(out, fmt.substr(i + 1, 1));
      i += 2;
      continue;
    }
    if (c == '%') {
      ++i;
      continue;
    }
    std::size_t n = 1;
    while (i + n < fmt.size() && fmt[i + n] == c) ++n;
    if (!on_letter(out, c, static_cast<int>(n))) add_literal(out, fmt.substr(i, n));
    i += n;
  }
  return out;
}

void check_fraction(int n, std::string_view fn, std::string_view fmt) {
  if (n > 7)
    throw Error(fmt::format("{}(): at most 7 fraction digits (f or F), in the format {}", fn,
                            quote_cut(fmt)));
}

std::shared_ptr<const void> prepare_format_datetime(std::span<const ArgInfo> args) {
  const std::string& text = args[1].constant->text();
  if (text.empty()) throw Error("format_datetime(): the format must not be empty");
  auto on_letter = [&](Format& out, char c, int n) {
    switch (c) {
      case 'd':
        out.push_back({n <= 2 ? Field::Day : Field::DayName, n, {}});
        return true;
      case 'M':
        out.push_back({n <= 2 ? Field::Month : Field::MonthName, n, {}});
        return true;
      case 'y':
        out.push_back({Field::Year, n, {}});
        return true;
      case 'h':
        out.push_back({Field::Hour12, n, {}});
        return true;
      case 'H':
        out.push_back({Field::Hour24, n, {}});
        return true;
      case 'm':
        out.push_back({Field::Minute, n, {}});
        return true;
      case 's':
        out.push_back({Field::Second, n, {}});
        return true;
      case 'f':
      case 'F':
        check_fraction(n, "format_datetime", text);
        out.push_back({c == 'f' ? Field::Fraction : Field::FractionNonZero, n, {}});
        return true;
      case 't':
        out.push_back({Field::AmPm, n, {}});
        return true;
      case 'g':
        out.push_back({Field::Era, n, {}});
        return true;
      case 'K':
        out.push_back({Field::ZoneK, n, {}});
        return true;
      case 'z':
        out.push_back({Field::ZoneOffset, n, {}});
        return true;
      default:
        return false;
    }
  };
  return std::make_shared<const Format>(compile_format(text, "format_datetime", on_letter));
}

std::shared_ptr<const void> prepare_format_timespan(std::span<const ArgInfo> args) {
  const std::string& text = args[1].constant->text();
  if (text.empty()) throw Error("format_timespan(): the format must not be empty");
  auto on_letter = [&](Format& out, char c, int n) {
    switch (c) {
      case 'd':
        if (n > 8)
          throw Error(fmt::format("format_timespan(): at most 8 day digits (d), in the format {}",
                                  quote_cut(text)));
        out.push_back({Field::Days, n, {}});
        return true;
      case 'h':
      case 'H':
        out.push_back({Field::Hour24, n, {}});
        return true;
      case 'm':
        out.push_back({Field::Minute, n, {}});
        return true;
      case 's':
        out.push_back({Field::Second, n, {}});
        return true;
      case 'f':
      case 'F':
        check_fraction(n, "format_timespan", text);
        out.push_back({c == 'f' ? Field::Fraction : Field::FractionNonZero, n, {}});
        return true;
      default:
        return false;
    }
  };
  return std::make_shared<const Format>(compile_format(text, "format_timespan", on_letter));
}

// v in decimal, left-padded with zeros to `width` digits (any width: "yyyyyyyyyy" is valid).
void append_padded(std::string& out, std::uint64_t v, int width) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  const auto digits = static_cast<int>(r.ptr - buf);
  if (width > digits) out.append(static_cast<std::size_t>(width - digits), '0');
  out.append(buf, r.ptr);
}

// The first n of the 7 fraction digits; F drops trailing zeros, and when nothing is left also
// a '.' just before it (.NET's rule).
void append_fraction(std::string& out, std::int64_t frac7, int n, bool trim) {
  std::int64_t v = frac7;
  for (int i = n; i < 7; ++i) v /= 10;
  if (!trim) {
    append_padded(out, static_cast<std::uint64_t>(v), n);
    return;
  }
  int digits = n;
  while (digits > 0 && v % 10 == 0) v /= 10, --digits;
  if (digits == 0) {
    if (!out.empty() && out.back() == '.') out.pop_back();
    return;
  }
  append_padded(out, static_cast<std::uint64_t>(v), digits);
}

Value k_format_datetime(Args a, const CallContext& c) {
  const Format& format = *static_cast<const Format*>(c.state);
  const std::int64_t ticks = a[0].ticks();
  const Parts p = split(ticks);
  const std::int64_t hour = p.time / kTicksPerHour;
  std::string out;
  for (const Token& t : format) {
    const int w = std::min(t.count, 2);
    switch (t.field) {
      case Field::Literal:
        out += t.text;
        break;
      case Field::Day:
        append_padded(out, p.day, w);
        break;
      case Field::DayName: {
        const std::string_view name = kDayNames[day_of_week(p.days)];
        out += t.count == 3 ? name.substr(0, 3) : name;
        break;
      }
      case Field::Month:
        append_padded(out, p.month, w);
        break;
      case Field::MonthName: {
        const std::string_view name = kMonthNames[p.month - 1];
        out += t.count == 3 ? name.substr(0, 3) : name;
        break;
      }
      case Field::Year:
        if (t.count <= 2) {
          append_padded(out, static_cast<std::uint64_t>(p.year % 100), t.count);
        } else {
          append_padded(out, static_cast<std::uint64_t>(p.year), t.count);
        }
        break;
      case Field::Hour12:
        append_padded(out, static_cast<std::uint64_t>(hour % 12 == 0 ? 12 : hour % 12), w);
        break;
      case Field::Hour24:
        append_padded(out, static_cast<std::uint64_t>(hour), w);
        break;
      case Field::Minute:
        append_padded(out, static_cast<std::uint64_t>(p.time / kTicksPerMinute % 60), w);
        break;
      case Field::Second:
        append_padded(out, static_cast<std::uint64_t>(p.time / kTicksPerSecond % 60), w);
        break;
      case Field::Fraction:
      case Field::FractionNonZero:
        append_fraction(out, ticks % kTicksPerSecond, t.count, t.field == Field::FractionNonZero);
        break;
      case Field::AmPm:
        out += t.count == 1 ? (hour < 12 ? "A" : "P") : (hour < 12 ? "AM" : "PM");
        break;
      case Field::Era:
        out += "A.D.";
        break;
      case Field::ZoneK:
        out += 'Z';  // datetimes are UTC
        break;
      case Field::ZoneOffset:
        out += t.count == 1 ? "+0" : t.count == 2 ? "+00" : "+00:00";
        break;
      case Field::Days:
        break;
    }
  }
  return Value::string(std::move(out));
}

// format-timespan-function.md. Like .NET's custom TimeSpan formats, the sign is not printed.
Value k_format_timespan(Args a, const CallContext& c) {
  const Format& format = *static_cast<const Format*>(c.state);
  const std::int64_t ticks = a[0].ticks();
  const std::uint64_t t =
      ticks < 0 ? 0 - static_cast<std::uint64_t>(ticks) : static_cast<std::uint64_t>(ticks);
  const std::uint64_t seconds = t / kTicksPerSecond;
  std::string out;
  for (const Token& tok : format) {
    const int w = std::min(tok.count, 2);
    switch (tok.field) {
      case Field::Literal:
        out += tok.text;
        break;
      case Field::Days:
        append_padded(out, seconds / 86400, tok.count);
        break;
      case Field::Hour24:
        append_padded(out, seconds / 3600 % 24, w);
        break;
      case Field::Minute:
        append_padded(out, seconds / 60 % 60, w);
        break;
      case Field::Second:
        append_padded(out, seconds % 60, w);
        break;
      case Field::Fraction:
      case Field::FractionNonZero:
        append_fraction(out, static_cast<std::int64_t>(t % kTicksPerSecond), tok.count,
                        tok.field == Field::FractionNonZero);
        break;
      default:
        break;
    }
  }
  return Value::string(std::move(out));
}

// ---------------------------------------------------------------------------------------------
// unixtime_*_todatetime: whole numbers exactly (nanoseconds truncated to ticks), reals rounded to
// the nearest tick; outside the datetime range, NaN or infinite: null.

template <std::int64_t kTicksPerUnit, std::int64_t kUnitsPerTick>
Value k_unixtime(Args a, const CallContext&) {
  const Value& v = a[0];
  if (v.type() == Type::Real) {
    // The offset from the epoch in doubles, then the epoch added in integers: its 6.2e17
    // ticks are past a double's 2^53, so adding it in doubles would lose ticks of recent dates.
    const double t = std::nearbyint(v.as_real() * static_cast<double>(kTicksPerUnit) /
                                    static_cast<double>(kUnitsPerTick));
    if (!(t >= -static_cast<double>(kUnixEpochTicks) &&
          t <= static_cast<double>(kMaxTicks - kUnixEpochTicks)))
      return Value::null_of(Type::DateTime);
    return datetime_or_null(kUnixEpochTicks + static_cast<std::int64_t>(t));
  }
  const auto delta = checked_mul(v.as_int64() / kUnitsPerTick, kTicksPerUnit);
  if (!delta) return Value::null_of(Type::DateTime);
  const auto r = checked_add(*delta, kUnixEpochTicks);
  return r ? datetime_or_null(*r) : Value::null_of(Type::DateTime);
}

// ---------------------------------------------------------------------------------------------
// make_datetime / make_timespan: null when a part is out of its range or not whole.

std::optional<std::int64_t> whole(double d, std::int64_t lo, std::int64_t hi) {
  if (!(d >= static_cast<double>(lo) && d <= static_cast<double>(hi)) || d != std::floor(d))
    return std::nullopt;
  return static_cast<std::int64_t>(d);
}

// Seconds in [0, 60) as ticks, rounded to the nearest tick.
std::optional<std::int64_t> second_ticks(double s) {
  if (!(s >= 0 && s < 60)) return std::nullopt;
  return static_cast<std::int64_t>(std::nearbyint(s * static_cast<double>(kTicksPerSecond)));
}

Value k_make_datetime(Args a, const CallContext&) {
  const Value null = Value::null_of(Type::DateTime);
  const auto y = whole(a[0].as_real(), 1, 9999);
  const auto m = whole(a[1].as_real(), 1, 12);
  if (!y || !m) return null;
  const auto d = whole(a[2].as_real(), 1, days_in_month(*y, static_cast<unsigned>(*m)));
  const auto h = a.size() > 3 ? whole(a[3].as_real(), 0, 23) : std::optional<std::int64_t>(0);
  const auto mi = a.size() > 4 ? whole(a[4].as_real(), 0, 59) : std::optional<std::int64_t>(0);
  const auto s = a.size() > 5 ? second_ticks(a[5].as_real()) : std::optional<std::int64_t>(0);
  if (!d || !h || !mi || !s) return null;
  return datetime_or_null(
      day_ticks(days_of(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d))) +
      *h * kTicksPerHour + *mi * kTicksPerMinute + *s);
}

// make_timespan(hours, minutes[, seconds]) and make_timespan(days, hours, minutes, seconds).
Value k_make_timespan(Args a, const CallContext&) {
  const Value null = Value::null_of(Type::TimeSpan);
  const bool with_days = a.size() == 4;
  const std::size_t h = with_days ? 1 : 0;
  const std::int64_t days = with_days ? a[0].as_int64() : 0;
  const std::int64_t hours = a[h].as_int64(), minutes = a[h + 1].as_int64();
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return null;
  const auto s =
      a.size() > h + 2 ? second_ticks(a[h + 2].as_real()) : std::optional<std::int64_t>(0);
  if (!s) return null;
  const auto day_part = checked_mul(days, kTicksPerDay);
  if (!day_part) return null;
  const auto r = checked_add(*day_part, hours * kTicksPerHour + minutes * kTicksPerMinute + *s);
  return r ? Value::timespan(*r) : null;
}

// ---------------------------------------------------------------------------------------------
// Datetime text beyond ISO 8601 (scalar-data-types/datetime.md: RFC 822, RFC 850, sortable;
// kql-semantics.md T-DT-2: MM-DD-YYYY, YYYY/MM/DD, YYYYMMDD, "2 Dec 2022", "Dec 2, 2022").

struct Tok {
  enum Kind : std::uint8_t { Num, Word, Sep, Space } kind;
  std::string_view text;
  char sep = 0;
};

constexpr std::size_t kMaxDateText = 128;  // longer text is no date: bounded work

bool tokenize(std::string_view s, std::vector<Tok>& out) {
  out.clear();
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    std::size_t j = i + 1;
    if (c >= '0' && c <= '9') {
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      out.push_back({Tok::Num, s.substr(i, j - i)});
    } else if ((c | 32) >= 'a' && (c | 32) <= 'z') {
      while (j < s.size() && (s[j] | 32) >= 'a' && (s[j] | 32) <= 'z') ++j;
      out.push_back({Tok::Word, s.substr(i, j - i)});
    } else if (c == ' ' || c == '\t') {
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      out.push_back({Tok::Space, s.substr(i, j - i)});
    } else if (c == '-' || c == '/' || c == '.' || c == ',' || c == ':' || c == '+') {
      out.push_back({Tok::Sep, s.substr(i, 1), c});
    } else {
      return false;
    }
    i = j;
  }
  return true;
}

class DateReader {
 public:
  explicit DateReader(const std::vector<Tok>& toks) : t_(toks) {}

  std::optional<std::int64_t> read() {
    skip_weekday();
    if (!read_date()) return std::nullopt;
    if (!read_time()) return std::nullopt;
    if (!read_zone()) return std::nullopt;
    if (i_ != t_.size()) return std::nullopt;
    if (year_ < 1 || year_ > 9999 || month_ < 1 || month_ > 12 || day_ < 1 ||
        day_ > days_in_month(year_, static_cast<unsigned>(month_)))
      return std::nullopt;
    const std::int64_t ticks =
        ticks_from_civil(static_cast<int>(year_), static_cast<unsigned>(month_),
                         static_cast<unsigned>(day_), static_cast<unsigned>(hour_),
                         static_cast<unsigned>(minute_), static_cast<unsigned>(second_), frac7_) -
        offset_minutes_ * kTicksPerMinute;
    if (!in_range(ticks)) return std::nullopt;
    return ticks;
  }

 private:
  const Tok* peek(std::size_t k = 0) const { return i_ + k < t_.size() ? &t_[i_ + k] : nullptr; }
  bool is(Tok::Kind kind, std::size_t k = 0) const {
    const Tok* t = peek(k);
    return t && t->kind == kind;
  }
  bool is_sep(char c, std::size_t k = 0) const {
    const Tok* t = peek(k);
    return t && t->kind == Tok::Sep && t->sep == c;
  }
  void skip_space() {
    if (is(Tok::Space)) ++i_;
  }
  static std::int64_t number(const Tok& t) {
    std::int64_t v = 0;
    for (char c : t.text) v = v * 10 + (c - '0');
    return v;
  }
  // A full English name, or its first three letters, in any case.
  static bool names(std::string_view word, std::string_view name) {
    return iequals_ascii(word, name) ||
           (word.size() == 3 && iequals_ascii(word, name.substr(0, 3)));
  }
  static int month_of(std::string_view word) {
    for (std::size_t m = 0; m < kMonthNames.size(); ++m)
      if (names(word, kMonthNames[m])) return static_cast<int>(m) + 1;
    return 0;
  }
  static bool is_weekday(std::string_view word) {
    for (std::string_view d : kDayNames)
      if (names(word, d)) return true;
    return false;
  }
  bool word_is(std::string_view w) const { return is(Tok::Word) && iequals_ascii(peek()->text, w); }
  // Two-digit years fall in 1950..2049 (.NET's TwoDigitYearMax of 2049).
  static std::int64_t year_of(const Tok& t) {
    const std::int64_t y = number(t);
    if (t.text.size() == 2) return y < 50 ? 2000 + y : 1900 + y;
    return y;
  }
  static bool year_digits(const Tok& t) { return t.text.size() == 2 || t.text.size() == 4; }

  void skip_weekday() {
    if (is(Tok::Word) && is_weekday(peek()->text)) {
      ++i_;
      if (is_sep(',')) ++i_;
      skip_space();
    }
  }

  bool read_date() {
    const Tok* first = peek();
    if (!first) return false;
    if (first->kind == Tok::Word) return read_month_name_first();
    if (first->kind != Tok::Num) return false;
    if (first->text.size() == 8) {  // YYYYMMDD
      const std::int64_t v = number(*first);
      year_ = v / 10000, month_ = v / 100 % 100, day_ = v % 100;
      ++i_;
      return true;
    }
    if (first->text.size() == 4) return read_year_first();
    if (first->text.size() > 2) return false;
    // D Mon Y (RFC 822) or D-Mon-Y (RFC 850).
    if ((is(Tok::Space, 1) || is_sep('-', 1)) && is(Tok::Word, 2)) {
      const bool dashes = is_sep('-', 1);
      day_ = number(*first);
      month_ = month_of(peek(2)->text);
      i_ += 3;
      if (!month_ || !(dashes ? is_sep('-') : is(Tok::Space))) return false;
      ++i_;
      if (!is(Tok::Num) || !year_digits(*peek())) return false;
      year_ = year_of(*peek());
      ++i_;
      return true;
    }
    // M/D/Y with '/', '-' or '.' (T-DT-2: 12-02-2022 is December 2; 13-01-2022 is null).
    if (!is(Tok::Sep, 1)) return false;
    const char sep = peek(1)->sep;
    if ((sep != '/' && sep != '-' && sep != '.') || !is(Tok::Num, 2) || peek(2)->text.size() > 2 ||
        !is_sep(sep, 3) || !is(Tok::Num, 4) || !year_digits(*peek(4)))
      return false;
    month_ = number(*first);
    day_ = number(*peek(2));
    year_ = year_of(*peek(4));
    i_ += 5;
    return true;
  }

  // YYYY-M-D, YYYY/M/D, YYYY.M.D (sortable forms allow one-digit month and day).
  bool read_year_first() {
    if (!is(Tok::Sep, 1)) return false;
    const char sep = peek(1)->sep;
    if ((sep != '/' && sep != '-' && sep != '.') || !is(Tok::Num, 2) || peek(2)->text.size() > 2 ||
        !is_sep(sep, 3) || !is(Tok::Num, 4) || peek(4)->text.size() > 2)
      return false;
    year_ = number(*peek());
    month_ = number(*peek(2));
    day_ = number(*peek(4));
    i_ += 5;
    return true;
  }

  // Mon D[,] Y: "Dec 2, 2022".
  bool read_month_name_first() {
    month_ = month_of(peek()->text);
    if (!month_) return false;
    ++i_;
    if (!is(Tok::Space)) return false;
    ++i_;
    if (!is(Tok::Num) || peek()->text.size() > 2) return false;
    day_ = number(*peek());
    ++i_;
    if (is_sep(',')) ++i_;
    if (!is(Tok::Space)) return false;
    ++i_;
    if (!is(Tok::Num) || !year_digits(*peek())) return false;
    year_ = year_of(*peek());
    ++i_;
    return true;
  }

  // [ |T]h:mm[:ss[.fffffff]][ ][AM|PM]
  bool read_time() {
    const std::size_t save = i_;
    if (is(Tok::Space)) {
      ++i_;
    } else if (word_is("t")) {
      ++i_;
    } else {
      return true;  // date only
    }
    if (!is(Tok::Num) || peek()->text.size() > 2 || !is_sep(':', 1) || !is(Tok::Num, 2) ||
        peek(2)->text.size() != 2) {
      i_ = save;
      return true;  // not a time: maybe a zone follows the date
    }
    hour_ = number(*peek());
    minute_ = number(*peek(2));
    i_ += 3;
    if (is_sep(':') && is(Tok::Num, 1) && peek(1)->text.size() == 2) {
      second_ = number(*peek(1));
      i_ += 2;
      if (is_sep('.') && is(Tok::Num, 1)) {
        const std::string_view digits = peek(1)->text;
        std::uint32_t f = 0;
        for (std::size_t k = 0; k < 7; ++k)
          f = f * 10 + (k < digits.size() ? static_cast<std::uint32_t>(digits[k] - '0') : 0);
        frac7_ = f;
        i_ += 2;
      }
    }
    const std::size_t before_ampm = i_;
    skip_space();
    if (word_is("am") || word_is("pm")) {
      if (hour_ > 12) return false;
      if (hour_ == 12) hour_ = 0;
      if (word_is("pm")) hour_ += 12;
      ++i_;
      return minute_ <= 59 && second_ <= 59;
    }
    i_ = before_ampm;
    return hour_ <= 23 && minute_ <= 59 && second_ <= 59;
  }

  // [ ](GMT|UTC|Z|+hh[:mm]|-hhmm...)
  bool read_zone() {
    const std::size_t save = i_;
    skip_space();
    if (i_ == t_.size()) {
      i_ = save;
      return true;
    }
    if (word_is("gmt") || word_is("utc") || word_is("z")) {
      ++i_;
      return true;
    }
    if (is(Tok::Word)) return false;
    if (is_sep('+') || is_sep('-')) {
      const bool minus = is_sep('-');
      if (!is(Tok::Num, 1)) return false;
      const Tok digits = *peek(1);
      std::int64_t h = 0, m = 0;
      i_ += 2;
      if (digits.text.size() == 4) {  // +hhmm
        h = number(digits) / 100;
        m = number(digits) % 100;
      } else if (digits.text.size() <= 2) {  // +hh or +hh:mm
        h = number(digits);
        if (is_sep(':') && is(Tok::Num, 1) && peek(1)->text.size() == 2) {
          m = number(*peek(1));
          i_ += 2;
        }
      } else {
        return false;
      }
      if (h > 23 || m > 59) return false;
      offset_minutes_ = (minus ? -1 : 1) * (h * 60 + m);
      return true;
    }
    return false;
  }

  const std::vector<Tok>& t_;
  std::size_t i_ = 0;
  std::int64_t year_ = 0, month_ = 0, day_ = 0, hour_ = 0, minute_ = 0, second_ = 0;
  std::uint32_t frac7_ = 0;
  std::int64_t offset_minutes_ = 0;
};

// ---------------------------------------------------------------------------------------------

Overload ov(std::vector<ParamSpec> params, Type result, ScalarKernel k) {
  Overload o;
  o.params = std::move(params);
  o.fixed = result;
  o.kernel = k;
  return o;
}

const ParamSpec kLong{ArgClass::Long}, kReal{ArgClass::Real}, kNum{ArgClass::Number},
    kTs{ArgClass::TimeSpan}, kDt{ArgClass::DateTime}, kPeriod{ArgClass::StrictString, true};

Overload with_offset(ScalarKernel k) {
  Overload o = ov({kDt, kLong}, Type::DateTime, k);
  o.min_args = 1;
  return o;
}

template <Period kPart>
Overload part(Type result = Type::Int) {
  return ov({kDt}, result, k_part<kPart>);
}

}  // namespace

std::optional<std::int64_t> parse_datetime_text(std::string_view text) {
  if (auto iso = parse_datetime(text)) return iso;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty() || text.size() > kMaxDateText) return std::nullopt;
  thread_local std::vector<Tok> toks;
  if (!tokenize(text, toks)) return std::nullopt;
  return DateReader(toks).read();
}

void register_datetime_functions(FunctionRegistry& r) {
  r.add({"bin",
         {"floor"},
         {ov({kLong, kLong}, Type::Long, k_bin_long), ov({kReal, kReal}, Type::Real, k_bin_real),
          ov({kTs, kTs}, Type::TimeSpan, k_bin_ticks), ov({kDt, kTs}, Type::DateTime, k_bin_ticks)},
         ResultName::FirstArgument});
  r.add({"bin_at",
         {},
         {ov({kLong, kLong, kLong}, Type::Long, k_bin_at_long),
          ov({kReal, kReal, kReal}, Type::Real, k_bin_at_real),
          ov({kTs, kTs, kTs}, Type::TimeSpan, k_bin_at_ticks),
          ov({kDt, kTs, kDt}, Type::DateTime, k_bin_at_ticks)},
         ResultName::FirstArgument});

  r.add(
      {"startofday", {}, {with_offset(k_unit_edge<Unit::Day, false>)}, ResultName::FirstArgument});
  r.add({"startofweek", {}, {with_offset(k_unit_edge<Unit::Week, false>)}});
  r.add({"startofmonth", {}, {with_offset(k_unit_edge<Unit::Month, false>)}});
  r.add({"startofyear", {}, {with_offset(k_unit_edge<Unit::Year, false>)}});
  r.add({"endofday", {}, {with_offset(k_unit_edge<Unit::Day, true>)}});
  r.add({"endofweek", {}, {with_offset(k_unit_edge<Unit::Week, true>)}});
  r.add({"endofmonth", {}, {with_offset(k_unit_edge<Unit::Month, true>)}});
  r.add({"endofyear", {}, {with_offset(k_unit_edge<Unit::Year, true>)}});

  Overload add = ov({kPeriod, kLong, kDt}, Type::DateTime, k_datetime_add);
  add.prepare = prepare_add_diff_add;
  r.add({"datetime_add", {}, {add}});
  Overload diff = ov({kPeriod, kDt, kDt}, Type::Long, k_datetime_diff);
  diff.prepare = prepare_add_diff_diff;
  r.add({"datetime_diff", {}, {diff}});
  Overload dpart = ov({kPeriod, kDt}, Type::Int, k_datetime_part);
  dpart.prepare = prepare_part;
  r.add({"datetime_part", {"datepart"}, {dpart}});

  r.add({"dayofweek", {}, {ov({kDt}, Type::TimeSpan, k_dayofweek)}});
  r.add({"dayofmonth", {}, {part<Period::Day>()}});
  r.add({"dayofyear", {}, {part<Period::DayOfYear>()}});
  r.add({"hourofday", {}, {part<Period::Hour>()}});
  r.add({"getmonth", {}, {part<Period::Month>()}});
  r.add({"monthofyear", {}, {part<Period::Month>()}});
  r.add({"getyear", {}, {part<Period::Year>()}});
  r.add({"week_of_year", {}, {part<Period::WeekOfYear>()}});
  r.add({"weekofyear", {}, {ov({kDt}, Type::Int, k_weekofyear)}});

  Overload fdt = ov({kDt, {ArgClass::StrictString, true}}, Type::String, k_format_datetime);
  fdt.prepare = prepare_format_datetime;
  r.add({"format_datetime", {}, {fdt}, ResultName::FirstArgument});
  Overload fts = ov({kTs, {ArgClass::StrictString, true}}, Type::String, k_format_timespan);
  fts.prepare = prepare_format_timespan;
  r.add({"format_timespan", {}, {fts}, ResultName::FirstArgument});

  r.add({"unixtime_seconds_todatetime",
         {},
         {ov({kNum}, Type::DateTime, k_unixtime<kTicksPerSecond, 1>)}});
  r.add({"unixtime_milliseconds_todatetime",
         {},
         {ov({kNum}, Type::DateTime, k_unixtime<kTicksPerMillisecond, 1>)}});
  r.add({"unixtime_microseconds_todatetime", {}, {ov({kNum}, Type::DateTime, k_unixtime<10, 1>)}});
  r.add({"unixtime_nanoseconds_todatetime", {}, {ov({kNum}, Type::DateTime, k_unixtime<1, 100>)}});

  // Kusto names a lone argument's column after it (OnlyArgument); the registry says Fresh.
  Overload mdt = ov({kReal, kReal, kReal, kReal, kReal, kReal}, Type::DateTime, k_make_datetime);
  mdt.min_args = 3;
  r.add({"make_datetime", {}, {mdt}});
  Overload mts3 = ov({kLong, kLong, kReal}, Type::TimeSpan, k_make_timespan);
  mts3.min_args = 2;
  r.add({"make_timespan",
         {},
         {mts3, ov({kLong, kLong, kLong, kReal}, Type::TimeSpan, k_make_timespan)}});
}

}  // namespace huntq::engine
