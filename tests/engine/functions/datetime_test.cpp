// Datetime and timespan functions and the datetime text parser (docs/semantics/datetime.md).
// Expected values are worked out by hand from Microsoft's docs (cited per case).
#include <cmath>
#include <limits>

#include "engine/functions/scalar_test_support.h"

using namespace huntq;
using namespace huntq::engine;
using namespace huntq::engine::test;

namespace {

const std::int64_t kMaxTicks = ticks_from_civil(10000, 1, 1) - 1;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

Value last_tick() {
  return Value::datetime(kMaxTicks);
}

const Value kNullDt = Value::null_of(Type::DateTime);

}  // namespace

TEST_CASE("datetime: datetime function result types match Kusto.Language") {
  check_type_rows({
      {"floor(int(1), int(1))", "long"},
      {"floor(real(1), int(1))", "real"},
      {"floor(int(1), long(1))", "long"},
      {"floor(datetime(2020-01-01), 1d)", "datetime"},
      {"bin(int(1), int(1))", "long"},
      {"bin(long(1), real(1))", "real"},
      {"bin(int(7), 2)", "long"},
      {"bin(1h, 1h)", "timespan"},
      {"bin(datetime(2020-01-01), 1h)", "datetime"},
      {"bin(1h, 1)", "ERROR"},
      {"bin(datetime(2020-01-01), 1)", "ERROR"},
      {"bin(1, 1h)", "ERROR"},
      {"bin(dynamic(1), 1)", "ERROR"},
      {"bin('a', 1)", "ERROR"},
      {"bin_at(int(1), int(1), int(1))", "long"},
      {"bin_at(1, 1, 1.0)", "real"},
      {"bin_at(1h, 1h, 1h)", "timespan"},
      {"bin_at(datetime(2020-01-01), 1h, datetime(2020-01-01))", "datetime"},
      {"bin_at(datetime(2020-01-01), 1h, 1h)", "ERROR"},
      {"startofday(datetime(2017-01-01))", "datetime"},
      {"startofday(datetime(2017-01-01), int(1))", "datetime"},
      {"startofday(datetime(2017-01-01), 1)", "datetime"},
      {"startofday(datetime(2017-01-01), 1.5)", "ERROR"},
      {"startofweek(datetime(2017-01-01), 1)", "datetime"},
      {"startofmonth(datetime(2017-01-01))", "datetime"},
      {"startofyear(datetime(2017-01-01), 1)", "datetime"},
      {"endofday(datetime(2017-01-01), 1)", "datetime"},
      {"endofweek(datetime(2017-01-01))", "datetime"},
      {"endofmonth(datetime(2017-01-01), int(1))", "datetime"},
      {"endofyear(datetime(2017-01-01))", "datetime"},
      {"startofday('2017-01-01')", "ERROR"},
      {"datetime_add('year', 1, datetime(2017-01-01))", "datetime"},
      {"datetime_add('Week', int(1), datetime(2017-01-01))", "datetime"},
      {"datetime_add('year', 1.5, datetime(2017-01-01))", "ERROR"},
      {"datetime_add('yearz', 1, datetime(2017-01-01))", "ERROR"},
      {"datetime_diff('Year', datetime(2017-01-01), datetime(2017-01-01))", "long"},
      {"datetime_diff('yearz', datetime(2017-01-01), datetime(2017-01-01))", "ERROR"},
      {"datetime_part('dayOfYear', datetime(2017-01-01))", "int"},
      {"datetime_part('week_of_year', datetime(2017-01-01))", "int"},
      {"datetime_part('weekofyear', datetime(2017-01-01))", "ERROR"},
      {"datetime_part('week', datetime(2017-01-01))", "ERROR"},
      {"datepart('day', datetime(2017-01-01))", "int"},
      {"dayofweek(datetime(2017-01-01))", "timespan"},
      {"dayofmonth(datetime(2017-01-01))", "int"},
      {"dayofyear(datetime(2017-01-01))", "int"},
      {"hourofday(datetime(2017-01-01))", "int"},
      {"getmonth(datetime(2017-01-01))", "int"},
      {"monthofyear(datetime(2017-01-01))", "int"},
      {"getyear(datetime(2017-01-01))", "int"},
      {"weekofyear(datetime(2017-01-01))", "int"},
      {"week_of_year(datetime(2017-01-01))", "int"},
      {"getyear('2017')", "ERROR"},
      {"format_datetime(datetime(2017-01-01), 'yyyy-MM-dd')", "string"},
      {"format_datetime(datetime(2017-01-01), '')", "ERROR"},
      {"format_timespan(1h, 'hh:mm')", "string"},
      {"format_timespan(datetime(2017-01-01), 'hh:mm')", "ERROR"},
      {"unixtime_seconds_todatetime(1.5)", "datetime"},
      {"unixtime_seconds_todatetime(int(1))", "datetime"},
      {"unixtime_milliseconds_todatetime(1)", "datetime"},
      {"unixtime_microseconds_todatetime(1)", "datetime"},
      {"unixtime_nanoseconds_todatetime(1)", "datetime"},
      {"unixtime_seconds_todatetime(dynamic(1))", "ERROR"},
      {"unixtime_seconds_todatetime('1')", "ERROR"},
      {"make_datetime(2017, 10, 1)", "datetime"},
      {"make_datetime(2017, 10, 1, 12)", "datetime"},
      {"make_datetime(2017, 10, 1, 12, 11)", "datetime"},
      {"make_datetime(2017.5, 10, 1, 12, 11, 0.1234567)", "datetime"},
      {"make_datetime(int(2017), 10, 1, 12, 11, 1)", "datetime"},
      {"make_datetime(2017, 10)", "ERROR"},
      {"make_timespan(1, 12)", "timespan"},
      {"make_timespan(1, 12, 30)", "timespan"},
      {"make_timespan(1, 12, 30, 55)", "timespan"},
      // Kusto.Language wants whole seconds; make-timespan-function.md's own example has 55.123.
      {"make_timespan(1, 12, 30, 55.123)", "ERROR", "timespan"},
      {"make_timespan(1.5, 12)", "ERROR"},
  });
}

TEST_CASE("datetime: now() and ago() are the binder's, not the registry's") {
  CHECK(FunctionRegistry::instance().scalar("now") == nullptr);
  CHECK(FunctionRegistry::instance().scalar("ago") == nullptr);
}

TEST_CASE("datetime: bin and floor, bin-function.md") {
  CHECK(same(call("bin", {R(4.5), L(1)}), R(4)));
  CHECK(same(call("bin", {TS("16d"), TS("7d")}), TS("14.00:00:00")));
  CHECK(same(call("bin", {DT("1970-05-11 13:45:07"), TS("1d")}), DT("1970-05-11")));
  CHECK(same(call("floor", {R(4.5), L(1)}), R(4)));  // floor is bin
  // The padding example's bins: StartTime values binned by 1d.
  CHECK(same(call("bin", {DT("2007-04-08T17:15:00Z"), TS("1d")}), DT("2007-04-08")));
}

TEST_CASE("datetime: bin at the edges") {
  struct Row {
    Value v, size, expected;
  };
  const Row rows[] = {
      {R(-4.5), L(1), R(-5)},  // rounds down
      {L(-5), L(2), L(-6)},
      {L(5), L(2), L(4)},
      {I(7), I(2), L(6)},
      {L(7), R(2.5), R(5)},
      {L(INT64_MIN), L(3), N(Type::Long)},  // the bin below INT64_MIN does not exist
      {L(INT64_MAX), L(2), L(INT64_MAX - 1)},
      {L(5), L(0), N(Type::Long)},  // zero and negative sizes: null
      {L(5), L(-1), N(Type::Long)},
      {R(5), R(-0.5), N(Type::Real)},
      {R(5), R(kNaN), N(Type::Real)},
      {R(kNaN), R(1), R(kNaN)},
      {N(Type::Long), L(1), N(Type::Long)},
      {L(1), N(Type::Long), N(Type::Long)},
      {TS("-1h"), TS("1d"), TS("-1d")},
      {TS("1h"), TS("0s"), N(Type::TimeSpan)},
      {DT("0001-01-01T05:00:00Z"), TS("7d"), DT("0001-01-01")},  // bins count from tick 0
      {DT("2024-01-10"), TS("7d"), DT("2024-01-08")},            // so 7d bins start on Monday
      {last_tick(), TS("1d"), DT("9999-12-31")},
      {last_tick(), TS("3650000d"), DT("9994-05-13")},
      {DT("2020-01-01"), N(Type::TimeSpan), kNullDt},
  };
  for (const Row& r : rows) {
    INFO("bin(" << describe(r.v) << ", " << describe(r.size) << ")");
    CHECK(same(call("bin", {r.v, r.size}), r.expected));
  }
}

TEST_CASE("datetime: bin_at, bin-at-function.md") {
  CHECK(same(call("bin_at", {R(6.5), R(2.5), L(7)}), R(4.5)));
  CHECK(same(call("bin_at", {TS("1h"), TS("1d"), TS("12h")}), TS("-12:00:00")));
  CHECK(same(call("bin_at", {DT("2017-05-15 10:20:00.0"), TS("1d"), DT("1970-01-01 12:00:00.0")}),
             DT("2017-05-14T12:00:00Z")));
  CHECK(same(call("bin_at", {DT("2017-05-17 10:20:00.0"), TS("7d"), DT("2017-06-04 00:00:00.0")}),
             DT("2017-05-14")));
  // The datatable example: bins aligned to 2018-02-24 15:14.
  const Value fixed = DT("2018-02-24 15:14:00.0000000");
  CHECK(same(call("bin_at", {DT("2018-02-24T15:14"), TS("1d"), fixed}), DT("2018-02-24T15:14")));
  CHECK(same(call("bin_at", {DT("2018-02-24T15:24"), TS("1d"), fixed}), DT("2018-02-24T15:14")));
  CHECK(same(call("bin_at", {DT("2018-02-23T16:14"), TS("1d"), fixed}), DT("2018-02-23T15:14")));
  CHECK(same(call("bin_at", {DT("2018-02-23T17:29"), TS("1d"), fixed}), DT("2018-02-23T15:14")));
  CHECK(same(call("bin_at", {DT("2018-02-26T15:14"), TS("1d"), fixed}), DT("2018-02-26T15:14")));
  // Integers, and a fixed point that pushes the bin before the first tick.
  CHECK(same(call("bin_at", {L(10), L(4), L(1)}), L(9)));
  CHECK(same(call("bin_at", {L(-10), L(4), L(1)}), L(-11)));
  CHECK(same(call("bin_at", {L(1), L(0), L(1)}), N(Type::Long)));
  CHECK(same(call("bin_at", {DT("0001-01-01T01:00:00Z"), TS("1d"), DT("2000-01-01T12:00:00Z")}),
             kNullDt));
}

TEST_CASE("datetime: startof and endof, their doc pages") {
  const Value d = DT("2017-01-01 10:10:17");
  // range offset from -1 to 1.
  const char* day[] = {"2016-12-31", "2017-01-01", "2017-01-02"};
  const char* week[] = {"2016-12-25", "2017-01-01", "2017-01-08"};
  const char* month[] = {"2016-12-01", "2017-01-01", "2017-02-01"};
  const char* year[] = {"2016-01-01", "2017-01-01", "2018-01-01"};
  const char* day_end[] = {"2016-12-31T23:59:59.9999999Z", "2017-01-01T23:59:59.9999999Z",
                           "2017-01-02T23:59:59.9999999Z"};
  const char* week_end[] = {"2016-12-31T23:59:59.9999999Z", "2017-01-07T23:59:59.9999999Z",
                            "2017-01-14T23:59:59.9999999Z"};
  const char* month_end[] = {"2016-12-31T23:59:59.9999999Z", "2017-01-31T23:59:59.9999999Z",
                             "2017-02-28T23:59:59.9999999Z"};
  const char* year_end[] = {"2016-12-31T23:59:59.9999999Z", "2017-12-31T23:59:59.9999999Z",
                            "2018-12-31T23:59:59.9999999Z"};
  for (int offset = -1; offset <= 1; ++offset) {
    const std::size_t i = static_cast<std::size_t>(offset + 1);
    INFO("offset " << offset);
    CHECK(same(call("startofday", {d, L(offset)}), DT(day[i])));
    CHECK(same(call("startofweek", {d, L(offset)}), DT(week[i])));
    CHECK(same(call("startofmonth", {d, L(offset)}), DT(month[i])));
    CHECK(same(call("startofyear", {d, L(offset)}), DT(year[i])));
    CHECK(same(call("endofday", {d, L(offset)}), DT(day_end[i])));
    CHECK(same(call("endofweek", {d, L(offset)}), DT(week_end[i])));
    CHECK(same(call("endofmonth", {d, L(offset)}), DT(month_end[i])));
    CHECK(same(call("endofyear", {d, L(offset)}), DT(year_end[i])));
  }
  CHECK(same(call("startofday", {d}), DT("2017-01-01")));
  CHECK(same(call("startofday", {d, I(1)}), DT("2017-01-02")));
  // startofweek-function.md: a week starting on Monday,
  // datetime_add('day', 1, startofweek(datetime_add('day', -1, d))).
  // endofweek-function.md: a week ending on Sunday,
  // datetime_add('day', 8, endofweek(datetime_add('day', -8, d))).
  const char* dates[] = {"2025-06-14", "2025-06-15", "2025-06-16", "2025-06-17"};
  const char* monday[] = {"2025-06-09", "2025-06-09", "2025-06-16", "2025-06-16"};
  const char* sunday_end[] = {"2025-06-15T23:59:59.9999999Z", "2025-06-15T23:59:59.9999999Z",
                              "2025-06-22T23:59:59.9999999Z", "2025-06-22T23:59:59.9999999Z"};
  for (std::size_t i = 0; i < 4; ++i) {
    const Value day_before = call("datetime_add", {S("day"), L(-1), DT(dates[i])});
    const Value start = call("startofweek", {day_before});
    CHECK(same(call("datetime_add", {S("day"), L(1), start}), DT(monday[i])));
    const Value eight_before = call("datetime_add", {S("day"), L(-8), DT(dates[i])});
    const Value end = call("endofweek", {eight_before});
    CHECK(same(call("datetime_add", {S("day"), L(8), end}), DT(sunday_end[i])));
  }
}

TEST_CASE("datetime: startof and endof at the edges of the datetime range") {
  CHECK(same(call("startofweek", {DT("0001-01-01")}), kNullDt));  // that Sunday is year 0
  CHECK(same(call("startofweek", {DT("0001-01-07")}), DT("0001-01-07")));
  CHECK(same(call("startofday", {DT("0001-01-01T12:00:00Z"), L(-1)}), kNullDt));
  CHECK(same(call("endofyear", {DT("9999-06-01")}), last_tick()));
  CHECK(same(call("endofmonth", {DT("9999-12-15")}), last_tick()));
  CHECK(same(call("endofday", {last_tick()}), last_tick()));
  CHECK(same(call("endofweek", {DT("9999-12-31")}), kNullDt));  // that Saturday is in 10000
  CHECK(same(call("startofmonth", {DT("9999-12-15"), L(1)}), kNullDt));
  CHECK(same(call("startofyear", {DT("2020-01-01"), L(INT64_MAX)}), kNullDt));
  CHECK(same(call("startofmonth", {DT("2020-01-01"), L(INT64_MIN)}), kNullDt));
  CHECK(same(call("endofday", {DT("2020-01-01"), L(INT64_MAX)}), kNullDt));
  CHECK(same(call("startofmonth", {DT("2020-03-31"), L(-1)}), DT("2020-02-01")));
  CHECK(same(call("endofmonth", {DT("2020-01-31"), L(1)}), DT("2020-02-29T23:59:59.9999999Z")));
  CHECK(same(call("startofday", {N(Type::DateTime)}), kNullDt));
  CHECK(same(call("startofday", {DT("2020-01-01"), N(Type::Long)}), kNullDt));
}

TEST_CASE("datetime: datetime_add, datetime-add-function.md") {
  const Value d = DT("2017-01-01");
  CHECK(same(call("datetime_add", {S("year"), L(1), d}), DT("2018-01-01")));
  CHECK(same(call("datetime_add", {S("quarter"), L(1), d}), DT("2017-04-01")));
  CHECK(same(call("datetime_add", {S("month"), L(1), d}), DT("2017-02-01")));
  CHECK(same(call("datetime_add", {S("week"), L(1), d}), DT("2017-01-08")));
  CHECK(same(call("datetime_add", {S("day"), L(1), d}), DT("2017-01-02")));
  CHECK(same(call("datetime_add", {S("hour"), L(1), d}), DT("2017-01-01T01:00:00Z")));
  CHECK(same(call("datetime_add", {S("minute"), L(1), d}), DT("2017-01-01T00:01:00Z")));
  CHECK(same(call("datetime_add", {S("second"), L(1), d}), DT("2017-01-01T00:00:01Z")));
  CHECK(same(call("datetime_add", {S("year"), L(-5), d}), DT("2012-01-01")));
  CHECK(same(call("datetime_add", {S("quarter"), L(12), d}), DT("2020-01-01")));
  CHECK(same(call("datetime_add", {S("month"), L(-15), d}), DT("2015-10-01")));
  CHECK(same(call("datetime_add", {S("week"), L(100), d}), DT("2018-12-02")));
  // Period names ignore case; small units; month ends clamp as .NET's AddMonths.
  CHECK(same(call("datetime_add", {S("MilliSecond"), I(5), d}), DT("2017-01-01T00:00:00.005Z")));
  CHECK(same(call("datetime_add", {S("microsecond"), L(5), d}), DT("2017-01-01T00:00:00.000005Z")));
  CHECK(
      same(call("datetime_add", {S("nanosecond"), L(250), d}), DT("2017-01-01T00:00:00.0000002Z")));
  CHECK(same(call("datetime_add", {S("nanosecond"), L(-250), d}),
             DT("2016-12-31T23:59:59.9999998Z")));
  CHECK(same(call("datetime_add", {S("month"), L(1), DT("2017-01-31T10:00:00Z")}),
             DT("2017-02-28T10:00:00Z")));
  CHECK(same(call("datetime_add", {S("year"), L(1), DT("2016-02-29")}), DT("2017-02-28")));
  CHECK(same(call("datetime_add", {S("year"), L(1), DT("9999-01-01")}), kNullDt));
  CHECK(same(call("datetime_add", {S("day"), L(-1), DT("0001-01-01")}), kNullDt));
  CHECK(same(call("datetime_add", {S("day"), L(INT64_MAX), d}), kNullDt));
  CHECK(same(call("datetime_add", {S("month"), L(INT64_MIN), d}), kNullDt));
  CHECK(same(call("datetime_add", {S("year"), N(Type::Long), d}), kNullDt));
  CHECK_THROWS_AS(call("datetime_add", {S("yearz"), L(1), d}), Error);
  CHECK_THROWS_AS(call("datetime_add", {S("week_of_year"), L(1), d}), Error);
}

TEST_CASE("datetime: datetime_diff, datetime-diff-function.md") {
  auto diff = [](const char* period, const char* a, const char* b) {
    return call("datetime_diff", {S(period), DT(a), DT(b)});
  };
  CHECK(same(diff("year", "2017-01-01", "2000-12-31"), L(17)));
  CHECK(same(diff("quarter", "2017-07-01", "2017-03-30"), L(2)));
  CHECK(same(diff("month", "2017-01-01", "2015-12-30"), L(13)));
  CHECK(same(diff("week", "2017-10-29 00:00", "2017-09-30 23:59"), L(5)));
  CHECK(same(diff("day", "2017-10-29 00:00", "2017-09-30 23:59"), L(29)));
  CHECK(same(diff("hour", "2017-10-31 01:00", "2017-10-30 23:59"), L(2)));
  CHECK(same(diff("minute", "2017-10-30 23:05:01", "2017-10-30 23:00:59"), L(5)));
  CHECK(same(diff("second", "2017-10-30 23:00:10.100", "2017-10-30 23:00:00.900"), L(10)));
  CHECK(same(diff("millisecond", "2017-10-30 23:00:00.200100", "2017-10-30 23:00:00.100900"),
             L(100)));
  CHECK(same(diff("microsecond", "2017-10-30 23:00:00.1009001", "2017-10-30 23:00:00.1008009"),
             L(100)));
  CHECK(same(diff("nanosecond", "2017-10-30 23:00:00.0000000", "2017-10-30 23:00:00.0000007"),
             L(-700)));
  // Weeks change on Sunday; reversed arguments give negatives.
  CHECK(same(diff("week", "2017-10-29", "2017-10-28"), L(1)));  // Sunday - Saturday
  CHECK(same(diff("week", "2017-10-28", "2017-10-22"), L(0)));  // Saturday - Sunday, same week
  CHECK(same(diff("year", "2000-12-31", "2017-01-01"), L(-17)));
  CHECK(same(diff("day", "9999-12-31", "0001-01-01"), L(3652058)));
  // Nanoseconds past ±292 years wrap as .NET's unchecked long multiplication.
  const Value wide = call("datetime_diff", {S("nanosecond"), last_tick(), DT("0001-01-01")});
  CHECK(same(wide, L(static_cast<std::int64_t>(static_cast<std::uint64_t>(kMaxTicks) * 100u))));
  CHECK(
      same(call("datetime_diff", {S("day"), N(Type::DateTime), DT("2020-01-01")}), N(Type::Long)));
  CHECK_THROWS_AS(call("datetime_diff", {S("fortnight"), DT("2020-01-01"), DT("2020-01-01")}),
                  Error);
}

TEST_CASE("datetime: datetime_part and the calendar part functions, their doc pages") {
  const Value dt = DT("2017-10-30 01:02:03.7654321");
  auto part = [&](const char* p) { return call("datetime_part", {S(p), dt}); };
  CHECK(same(part("year"), I(2017)));
  CHECK(same(part("quarter"), I(4)));
  CHECK(same(part("month"), I(10)));
  CHECK(same(part("week_of_year"), I(44)));
  CHECK(same(part("day"), I(30)));
  CHECK(same(part("dayOfYear"), I(303)));
  CHECK(same(part("hour"), I(1)));
  CHECK(same(part("minute"), I(2)));
  CHECK(same(part("second"), I(3)));
  CHECK(same(part("millisecond"), I(765)));
  CHECK(same(part("microsecond"), I(765432)));
  CHECK(same(part("nanosecond"), I(765432100)));
  CHECK(same(call("datepart", {S("Day"), dt}), I(30)));
  CHECK_THROWS_AS(call("datetime_part", {S("weekofyear"), dt}), Error);
  // Both ends of the range.
  const Value last = last_tick();
  auto last_part = [&](const char* p) { return call("datetime_part", {S(p), last}); };
  CHECK(same(last_part("year"), I(9999)));
  CHECK(same(last_part("quarter"), I(4)));
  CHECK(same(last_part("week_of_year"), I(52)));  // 9999-12-31 is a Friday
  CHECK(same(last_part("dayofyear"), I(365)));
  CHECK(same(last_part("nanosecond"), I(999999900)));
  CHECK(same(last_part("millisecond"), I(999)));
  CHECK(same(call("datetime_part", {S("week_of_year"), DT("0001-01-01")}), I(1)));  // a Monday
  // day-of-week-function.md, day-of-month, day-of-year, hour-of-day, getyear, monthofyear.
  CHECK(same(call("dayofweek", {DT("1947-11-30 10:00:05")}), TS("00:00:00")));
  CHECK(same(call("dayofweek", {DT("1970-05-11")}), TS("1.00:00:00")));
  const Value dow = call("dayofweek", {DT("1970-05-12")});
  CHECK(same(dow, TS("2.00:00:00")));
  CHECK(same(call("toint", {call("/", {dow, TS("1d")})}), I(2)));
  CHECK(same(call("dayofweek", {DT("0001-01-01")}), TS("1d")));  // Monday
  CHECK(same(call("dayofmonth", {DT("2015-12-14")}), I(14)));
  CHECK(same(call("dayofyear", {DT("2015-12-14")}), I(348)));
  CHECK(same(call("hourofday", {DT("2015-12-14 18:54")}), I(18)));
  CHECK(same(call("getyear", {DT("2015-10-12")}), I(2015)));
  CHECK(same(call("monthofyear", {DT("2015-12-14")}), I(12)));
  CHECK(same(call("getmonth", {DT("2015-12-14")}), I(12)));
  CHECK(same(call("getyear", {N(Type::DateTime)}), N(Type::Int)));
}

TEST_CASE("datetime: week_of_year is ISO 8601, weekofyear the obsolete variant") {
  // week-of-year-function.md.
  CHECK(same(call("week_of_year", {DT("2020-12-31")}), I(53)));
  CHECK(same(call("week_of_year", {DT("2020-06-15")}), I(25)));
  CHECK(same(call("week_of_year", {DT("1970-01-01")}), I(1)));
  CHECK(same(call("week_of_year", {DT("2000-01-01")}), I(52)));
  CHECK(same(call("week_of_year", {DT("2015-01-01")}), I(1)));  // a Thursday
  CHECK(same(call("week_of_year", {DT("2018-12-31")}), I(1)));  // Monday of 2019's week 1
  // weekofyear(): weeks from Sunday, week 1 holds the first Wednesday; early January of a
  // week that began in December keeps December's number (.NET GetWeekOfYear, FirstFourDayWeek).
  CHECK(same(call("weekofyear", {DT("2017-01-01")}), I(1)));   // a Sunday
  CHECK(same(call("weekofyear", {DT("2000-01-01")}), I(52)));  // Saturday of 1999's last week
  CHECK(same(call("weekofyear", {DT("2015-01-01")}), I(53)));  // Thursday: 3 days of 2015 only
  CHECK(same(call("weekofyear", {DT("2015-01-04")}), I(1)));   // the next Sunday
  CHECK(same(call("weekofyear", {DT("2020-12-31")}), I(53)));
  CHECK(same(call("weekofyear", {DT("0001-01-01")}), I(1)));
}

TEST_CASE("datetime: format_datetime, format-datetime-function.md") {
  const Value dt = DT("2017-01-29 09:00:05");
  auto fmt = [](const Value& d, const char* f) { return call("format_datetime", {d, S(f)}); };
  CHECK(same(fmt(dt, "yy-MM-dd [HH:mm:ss]"), S("17-01-29 [09:00:05]")));
  CHECK(same(fmt(dt, "yyyy-M-dd [H:mm:ss]"), S("2017-1-29 [9:00:05]")));
  CHECK(same(fmt(dt, "yy-MM-dd [hh:mm:ss tt]"), S("17-01-29 [09:00:05 AM]")));
  // The specifier table's examples.
  CHECK(same(fmt(DT("2009-06-01T13:45:30"), "d"), S("1")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30"), "d"), S("15")));
  CHECK(same(fmt(DT("2009-06-01T13:45:30"), "dd"), S("01")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.6170000"), "f"), S("6")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.05"), "f"), S("0")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.6170000"), "ff"), S("61")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.0050000"), "ff"), S("00")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.617"), "fff"), S("617")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.0005"), "fff"), S("000")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.6175000"), "ffff"), S("6175")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.6175400"), "fffff"), S("61754")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.6175420"), "ffffff"), S("617542")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.0000005"), "ffffff"), S("000000")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.6175425"), "fffffff"), S("6175425")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.0001150"), "fffffff"), S("0001150")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.6170000"), "F"), S("6")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.0500000"), "F"), S("")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.6170000"), "FF"), S("61")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.0050000"), "FF"), S("")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.6170000"), "FFF"), S("617")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.5275000"), "FFFF"), S("5275")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.6175400"), "FFFFF"), S("61754")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.6175420"), "FFFFFF"), S("617542")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.6175425"), "FFFFFFF"), S("6175425")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30.0001150"), "FFFFFFF"), S("000115")));
  CHECK(same(fmt(DT("2009-06-15T01:45:30"), "h"), S("1")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30"), "h"), S("1")));
  CHECK(same(fmt(DT("2009-06-15T01:45:30"), "hh"), S("01")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30"), "hh"), S("01")));
  CHECK(same(fmt(DT("2009-06-15T01:45:30"), "H"), S("1")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30"), "HH"), S("13")));
  CHECK(same(fmt(DT("2009-06-15T01:09:30"), "m"), S("9")));
  CHECK(same(fmt(DT("2009-06-15T01:09:30"), "mm"), S("09")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30"), "M"), S("6")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30"), "MM"), S("06")));
  CHECK(same(fmt(DT("2009-06-15T13:45:09"), "s"), S("9")));
  CHECK(same(fmt(DT("2009-06-15T13:45:09"), "ss"), S("09")));
  CHECK(same(fmt(DT("0001-01-01T00:00:00"), "y"), S("1")));
  CHECK(same(fmt(DT("0900-01-01T00:00:00"), "y"), S("0")));
  CHECK(same(fmt(DT("1900-01-01T00:00:00"), "y"), S("0")));
  CHECK(same(fmt(DT("2009-06-15T13:45:30"), "y"), S("9")));
  CHECK(same(fmt(DT("2019-06-15T13:45:30"), "y"), S("19")));
  CHECK(same(fmt(DT("0001-01-01T00:00:00"), "yy"), S("01")));
  CHECK(same(fmt(DT("0900-01-01T00:00:00"), "yy"), S("00")));
  CHECK(same(fmt(DT("0001-01-01T00:00:00"), "yyyy"), S("0001")));
  CHECK(same(fmt(DT("0900-01-01T00:00:00"), "yyyy"), S("0900")));
  CHECK(same(fmt(DT("2009-06-15T13:45:09"), "tt"), S("PM")));
  // What the docs leave to .NET: names, quoted literals, the '.' before an empty F, zones.
  CHECK(same(fmt(DT("2017-01-01"), "ddd, dd MMM yyyy"), S("Sun, 01 Jan 2017")));
  CHECK(same(fmt(DT("2017-01-01"), "dddd d MMMM"), S("Sunday 1 January")));
  CHECK(same(fmt(DT("2017-01-01T09:00:00Z"), "yyyy-MM-ddTHH:mm:ssK"), S("2017-01-01T09:00:00Z")));
  CHECK(same(fmt(DT("2017-01-01T09:00:00Z"), "yyyy'T'HH \"h\" zzz"), S("2017T09 h +00:00")));
  CHECK(same(fmt(DT("2017-01-01T09:00:05Z"), "ss.FFF"), S("05")));
  CHECK(same(fmt(DT("2017-01-01T09:00:05.25Z"), "ss.FFF"), S("05.25")));
  CHECK(same(fmt(DT("2017-01-01T00:30:00Z"), "h:mm t"), S("12:30 A")));
  CHECK(same(fmt(DT("2017-01-01T12:30:00Z"), "hh tt"), S("12 PM")));
  CHECK(same(fmt(last_tick(), "yyyy-MM-dd HH:mm:ss.fffffff"), S("9999-12-31 23:59:59.9999999")));
  CHECK(same(fmt(DT("0009-03-04"), "yyy"), S("009")));
  const std::string long_year(40, 'y');
  CHECK(same(fmt(DT("2017-01-01"), long_year.c_str()), S(std::string(36, '0') + "2017")));
  CHECK(same(call("format_datetime", {N(Type::DateTime), S("yyyy")}), S("")));
  CHECK_THROWS_AS(fmt(dt, ""), Error);
  CHECK_THROWS_AS(fmt(dt, "ffffffff"), Error);
  CHECK_THROWS_AS(fmt(dt, "yyyy 'unterminated"), Error);
}

TEST_CASE("datetime: format_timespan, format-timespan-function.md") {
  const Value t = TS("29.09:00:05.12345");
  auto fmt = [](const Value& v, const char* f) { return call("format_timespan", {v, S(f)}); };
  CHECK(same(fmt(t, "dd.hh:mm:ss:FF"), S("29.09:00:05:12")));
  CHECK(same(fmt(t, "ddd.h:mm:ss [fffffff]"), S("029.9:00:05 [1234500]")));
  // The specifier table's examples.
  const Value u = TS("15.13:45:30");
  CHECK(same(fmt(u, "d"), S("15")));
  CHECK(same(fmt(u, "dd"), S("15")));
  CHECK(same(fmt(u, "ddd"), S("015")));
  CHECK(same(fmt(TS("15.13:45:30.6170000"), "f"), S("6")));
  CHECK(same(fmt(TS("15.13:45:30.05"), "f"), S("0")));
  CHECK(same(fmt(TS("15.13:45:30.6170000"), "ff"), S("61")));
  CHECK(same(fmt(TS("15.13:45:30.0050000"), "ff"), S("00")));
  CHECK(same(fmt(TS("15.13:45:30.6175000"), "ffff"), S("6175")));
  CHECK(same(fmt(TS("15.13:45:30.0000500"), "ffff"), S("0000")));
  CHECK(same(fmt(TS("15.13:45:30.6175425"), "fffffff"), S("6175425")));
  CHECK(same(fmt(TS("15.13:45:30.0500000"), "F"), S("")));
  CHECK(same(fmt(TS("15.13:45:30.0001150"), "FFFFFFF"), S("000115")));
  CHECK(same(fmt(TS("15.01:45:30"), "H"), S("1")));
  CHECK(same(fmt(TS("15.13:45:30"), "HH"), S("13")));
  CHECK(same(fmt(TS("15.01:45:30"), "HH"), S("01")));
  CHECK(same(fmt(TS("15.01:09:30"), "m"), S("9")));
  CHECK(same(fmt(TS("15.01:09:30"), "mm"), S("09")));
  CHECK(same(fmt(TS("15.13:45:09"), "s"), S("9")));
  CHECK(same(fmt(TS("15.13:45:09"), "ss"), S("09")));
  // The sign is not printed (as .NET's custom formats); huge and zero spans.
  CHECK(same(fmt(TS("-1.02:03:04"), "d.hh:mm:ss"), S("1.02:03:04")));
  CHECK(same(fmt(Ticks(INT64_MIN), "dddddddd"), S("10675199")));
  CHECK(same(fmt(TS("0s"), "dd:hh:mm:ss.FFF"), S("00:00:00:00")));
  CHECK_THROWS_AS(fmt(t, "ddddddddd"), Error);
}

TEST_CASE("datetime: unixtime conversions, their doc pages") {
  CHECK(same(call("unixtime_seconds_todatetime", {L(1546300800)}), DT("2019-01-01")));
  CHECK(same(call("unixtime_milliseconds_todatetime", {L(1546300800000)}), DT("2019-01-01")));
  CHECK(same(call("unixtime_microseconds_todatetime", {L(1546300800000000)}), DT("2019-01-01")));
  CHECK(same(call("unixtime_nanoseconds_todatetime", {L(1546300800000000000)}), DT("2019-01-01")));
  // Reals to the nearest tick, whole numbers exactly, the range's ends, and what is out of it.
  CHECK(same(call("unixtime_seconds_todatetime", {R(1.5)}), DT("1970-01-01T00:00:01.5Z")));
  CHECK(same(call("unixtime_seconds_todatetime", {R(-0.1)}), DT("1969-12-31T23:59:59.9Z")));
  CHECK(same(call("unixtime_milliseconds_todatetime", {R(0.00004)}), DT("1970-01-01")));
  CHECK(same(call("unixtime_nanoseconds_todatetime", {L(-150)}),
             DT("1969-12-31T23:59:59.9999999Z")));  // whole ticks, truncated toward zero
  CHECK(same(call("unixtime_seconds_todatetime", {L(-62135596800)}), DT("0001-01-01")));
  CHECK(same(call("unixtime_seconds_todatetime", {L(-62135596801)}), kNullDt));
  CHECK(same(call("unixtime_seconds_todatetime", {L(253402300799)}), DT("9999-12-31T23:59:59Z")));
  CHECK(same(call("unixtime_seconds_todatetime", {L(253402300800)}), kNullDt));
  CHECK(same(call("unixtime_seconds_todatetime", {L(INT64_MAX)}), kNullDt));
  CHECK(same(call("unixtime_seconds_todatetime", {R(kNaN)}), kNullDt));
  CHECK(same(call("unixtime_seconds_todatetime", {R(1e300)}), kNullDt));
  CHECK(same(call("unixtime_seconds_todatetime", {N(Type::Long)}), kNullDt));
}

TEST_CASE("datetime: make_datetime and make_timespan, their doc pages") {
  CHECK(same(call("make_datetime", {L(2017), L(10), L(1)}), DT("2017-10-01")));
  CHECK(
      same(call("make_datetime", {L(2017), L(10), L(1), L(12), L(10)}), DT("2017-10-01 12:10:00")));
  CHECK(same(call("make_datetime", {L(2017), L(10), L(1), L(12), L(11), R(0.1234567)}),
             DT("2017-10-01 12:11:00.1234567")));
  CHECK(same(call("make_timespan", {L(1), L(12), L(30), R(55.123)}), TS("1.12:30:55.1230000")));
  // Out-of-range or fractional parts give null.
  CHECK(same(call("make_datetime", {L(2017), L(2), L(29)}), kNullDt));
  CHECK(same(call("make_datetime", {L(2016), L(2), L(29)}), DT("2016-02-29")));
  CHECK(same(call("make_datetime", {L(0), L(1), L(1)}), kNullDt));
  CHECK(same(call("make_datetime", {L(10000), L(1), L(1)}), kNullDt));
  CHECK(same(call("make_datetime", {R(2017.5), L(1), L(1)}), kNullDt));
  CHECK(same(call("make_datetime", {L(2017), L(13), L(1)}), kNullDt));
  CHECK(same(call("make_datetime", {L(2017), L(1), L(1), L(24)}), kNullDt));
  CHECK(same(call("make_datetime", {L(2017), L(1), L(1), L(0), L(60)}), kNullDt));
  CHECK(same(call("make_datetime", {L(2017), L(1), L(1), L(0), L(0), R(60)}), kNullDt));
  CHECK(same(call("make_datetime", {L(2017), L(1), L(1), L(0), L(0), R(-0.1)}), kNullDt));
  CHECK(same(call("make_datetime", {L(2017), L(1), L(1), L(0), L(0), R(kNaN)}), kNullDt));
  CHECK(same(call("make_datetime", {L(9999), L(12), L(31), L(23), L(59), R(59.9999999)}),
             last_tick()));
  CHECK(same(call("make_datetime", {L(2017), N(Type::Long), L(1)}), kNullDt));
  CHECK(same(call("make_timespan", {L(1), L(12)}), TS("01:12:00")));
  CHECK(same(call("make_timespan", {L(1), L(12), L(30)}), TS("01:12:30")));
  CHECK(same(call("make_timespan", {L(-1), L(0), L(0), L(0)}), TS("-1.00:00:00")));
  CHECK(same(call("make_timespan", {L(24), L(0)}), N(Type::TimeSpan)));
  CHECK(same(call("make_timespan", {L(1), L(60)}), N(Type::TimeSpan)));
  CHECK(same(call("make_timespan", {L(1), L(1), R(60)}), N(Type::TimeSpan)));
  CHECK(same(call("make_timespan", {L(INT64_MAX), L(0), L(0), L(0)}), N(Type::TimeSpan)));
}

TEST_CASE("datetime: todatetime reads ISO 8601, RFC 822, RFC 850 and sortable text (datetime.md)") {
  struct Row {
    const char* text;
    const char* iso;  // nullptr: null
  };
  const Row rows[] = {
      // ISO 8601 table.
      {"2014-05-25T08:20:03.123456Z", "2014-05-25T08:20:03.123456Z"},
      {"2014-05-25T08:20:03.123456", "2014-05-25T08:20:03.123456Z"},
      {"2014-05-25T08:20", "2014-05-25T08:20:00Z"},
      {"2014-11-08 15:55:55.123456Z", "2014-11-08T15:55:55.123456Z"},
      {"2014-11-08 15:55:55", "2014-11-08T15:55:55Z"},
      {"2014-11-08 15:55", "2014-11-08T15:55:00Z"},
      {"2014-11-08", "2014-11-08T00:00:00Z"},
      // RFC 822 table (two-digit years: 1950..2049).
      {"Sat, 8 Nov 14 15:05:02 GMT", "2014-11-08T15:05:02Z"},
      {"Sat, 8 Nov 14 15:05:02", "2014-11-08T15:05:02Z"},
      {"Sat, 8 Nov 14 15:05", "2014-11-08T15:05:00Z"},
      {"Sat, 8 Nov 14 15:05 GMT", "2014-11-08T15:05:00Z"},
      {"8 Nov 14 15:05:02 GMT", "2014-11-08T15:05:02Z"},
      {"8 Nov 14 15:05:02", "2014-11-08T15:05:02Z"},
      {"8 Nov 14 15:05", "2014-11-08T15:05:00Z"},
      {"8 Nov 14 15:05 GMT", "2014-11-08T15:05:00Z"},
      // RFC 850 table.
      {"Saturday, 08-Nov-14 15:05:02 GMT", "2014-11-08T15:05:02Z"},
      {"Saturday, 08-Nov-14 15:05:02", "2014-11-08T15:05:02Z"},
      {"Saturday, 08-Nov-14 15:05 GMT", "2014-11-08T15:05:00Z"},
      {"Saturday, 08-Nov-14 15:05", "2014-11-08T15:05:00Z"},
      {"08-Nov-14 15:05:02 GMT", "2014-11-08T15:05:02Z"},
      {"08-Nov-14 15:05:02", "2014-11-08T15:05:02Z"},
      {"08-Nov-14 15:05 GMT", "2014-11-08T15:05:00Z"},
      {"08-Nov-14 15:05", "2014-11-08T15:05:00Z"},
      // Sortable table (%n and %e: month and day without leading zeros).
      {"2014-11-08 15:05:25", "2014-11-08T15:05:25Z"},
      {"2014-11-08 15:05:25 GMT", "2014-11-08T15:05:25Z"},
      {"2014-11-08 15:05", "2014-11-08T15:05:00Z"},
      {"2014-11-08 15:05 GMT", "2014-11-08T15:05:00Z"},
      {"2014-11-08T15:05:25", "2014-11-08T15:05:25Z"},
      {"2014-11-08T15:05:25 GMT", "2014-11-08T15:05:25Z"},
      {"2014-11-08T15:05", "2014-11-08T15:05:00Z"},
      {"2014-11-08T15:05 GMT", "2014-11-08T15:05:00Z"},
      {"2014-1-8 5:05", "2014-01-08T05:05:00Z"},
      // kql-semantics.md T-DT-2 (emulator measurements).
      {"2022-12-02", "2022-12-02T00:00:00Z"},
      {"2022-12-02 13:45:56", "2022-12-02T13:45:56Z"},
      {"2022-12-02T13:45:56Z", "2022-12-02T13:45:56Z"},
      {"2022/12/02", "2022-12-02T00:00:00Z"},
      {"12-02-2022", "2022-12-02T00:00:00Z"},
      {"12/02/2022", "2022-12-02T00:00:00Z"},
      {"12.02.2022", "2022-12-02T00:00:00Z"},
      {"2 Dec 2022", "2022-12-02T00:00:00Z"},
      {"Dec 2, 2022", "2022-12-02T00:00:00Z"},
      {"Fri, 02 Dec 2022 13:45:56 GMT", "2022-12-02T13:45:56Z"},
      {"20221202", "2022-12-02T00:00:00Z"},
      {"12-02-2022 13:45:56", "2022-12-02T13:45:56Z"},
      {"2/3/2022", "2022-02-03T00:00:00Z"},
      {"2022-12-02T13:45:56+02:00", "2022-12-02T11:45:56Z"},
      {"2022-12-02T13:45:56-05:00", "2022-12-02T18:45:56Z"},
      {"not a date", nullptr},
      {"", nullptr},
      {"13-01-2022", nullptr},
      {"x12-02-2022", nullptr},
      // Our own: AM/PM, offsets after a space, names in any case, and what is refused.
      {"12/02/2022 1:45:56 PM", "2022-12-02T13:45:56Z"},
      {"12/02/2022 12:00:00 AM", "2022-12-02T00:00:00Z"},
      {"12/02/2022 13:00:00 PM", nullptr},
      {"2022-12-02 13:45:56.1234567 +0200", "2022-12-02T11:45:56.1234567Z"},
      {"DECEMBER 2, 2022", "2022-12-02T00:00:00Z"},
      {"  Dec 2, 2022  ", "2022-12-02T00:00:00Z"},
      {"8 Nov 50 15:05", "1950-11-08T15:05:00Z"},
      {"8 Nov 49 15:05", "2049-11-08T15:05:00Z"},
      {"Funday, 8 Nov 14 15:05", nullptr},
      {"8 Nox 14 15:05", nullptr},
      {"2022-02-30", nullptr},
      {"2022/13/01", nullptr},
      {"0000-01-01", nullptr},
      {"9999-12-31 23:59:59 -01:00", nullptr},  // past the last datetime
      {"0001-01-01 00:00:00 +01:00", nullptr},
      {"2022-12-02 25:00", nullptr},
      {"2022-12-02 10:60", nullptr},
      {"2022-12-02 10:00 EST", nullptr},
      {"2022-12-02 10:00 +2400", nullptr},
      {"2022-12-02\x01", nullptr},
      {"12345678901234567890", nullptr},
  };
  for (const Row& r : rows) {
    INFO("todatetime(\"" << r.text << "\")");
    const Value got = call("todatetime", {S(r.text)});
    CHECK(same(got, r.iso ? DT(r.iso) : kNullDt));
  }
  // Long and hostile text is refused quickly, whatever it holds.
  CHECK(same(call("todatetime", {S(std::string(100000, '1'))}), kNullDt));
  CHECK(same(call("todatetime", {S(std::string(5000, ' ') + "2022-12-02")}), DT("2022-12-02")));
}
