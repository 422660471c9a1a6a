#include <catch2/catch.hpp>

#include "huntq/value/guid.h"
#include "huntq/value/timespan.h"

using namespace huntq;

TEST_CASE("timespan: printed as .NET prints TimeSpan (T-DT-8)") {
  // now-function.md / extend-operator.md outputs: 365.00:00:00, 1.00:00:00, 01:00:00, 00:01:00.
  CHECK(format_timespan(365 * kTicksPerDay) == "365.00:00:00");
  CHECK(format_timespan(kTicksPerDay) == "1.00:00:00");
  CHECK(format_timespan(kTicksPerHour) == "01:00:00");
  CHECK(format_timespan(kTicksPerMinute) == "00:01:00");
  CHECK(format_timespan(0) == "00:00:00");
  CHECK(format_timespan(-kTicksPerHour) == "-01:00:00");
  CHECK(format_timespan(15'000'000) == "00:00:01.5000000");
  CHECK(format_timespan(INT64_MIN).front() == '-');  // no overflow
}

TEST_CASE("timespan: text forms totimespan reads") {
  CHECK(parse_timespan("1.02:03:04") ==
        kTicksPerDay + 2 * kTicksPerHour + 3 * kTicksPerMinute + 4 * kTicksPerSecond);
  CHECK(parse_timespan("00:00:00.5") == 5'000'000);
  CHECK(parse_timespan("-01:00") == -kTicksPerHour);
  CHECK(parse_timespan("2d") == 2 * kTicksPerDay);
  CHECK(parse_timespan("1.5h") == 90 * kTicksPerMinute);
  CHECK(parse_timespan("100ms") == 100 * kTicksPerMillisecond);
  CHECK(parse_timespan("10microsecond") == 100);
  CHECK(parse_timespan("1tick") == 1);
  CHECK_FALSE(parse_timespan("25:00:00"));
  CHECK_FALSE(parse_timespan("2 days"));
  CHECK_FALSE(parse_timespan("abc"));
  CHECK_FALSE(parse_timespan(""));
}

TEST_CASE("timespan: the ends of the range read back") {
  // .NET's TimeSpan.MaxValue and MinValue print as these (TimeSpan docs); one tick further is
  // out of range. Found by the datetime fuzz target (tests/fuzz/regressions/datetime/).
  CHECK(parse_timespan("10675199.02:48:05.4775807") == INT64_MAX);
  CHECK(parse_timespan("-10675199.02:48:05.4775808") == INT64_MIN);
  CHECK_FALSE(parse_timespan("10675199.02:48:05.4775808"));
  CHECK_FALSE(parse_timespan("-10675199.02:48:05.4775809"));
  CHECK_FALSE(parse_timespan("10675200.00:00:00"));
  CHECK_FALSE(parse_timespan("99999999999999999999.00:00:00"));
}

TEST_CASE("guid: canonical lowercase form") {
  CHECK(parse_guid("12E8B78D-55B4-46AE-B068-26D7A0080254") ==
        "12e8b78d-55b4-46ae-b068-26d7a0080254");
  CHECK(parse_guid("{12e8b78d-55b4-46ae-b068-26d7a0080254}") ==
        "12e8b78d-55b4-46ae-b068-26d7a0080254");
  CHECK(parse_guid("12e8b78d55b446aeb06826d7a0080254") == "12e8b78d-55b4-46ae-b068-26d7a0080254");
  CHECK_FALSE(parse_guid("12e8b78d-55b4-46ae-b068-26d7a008025"));
  CHECK_FALSE(parse_guid("12e8b78d-55b4-46ae-b068_26d7a0080254"));
  CHECK_FALSE(parse_guid("zze8b78d-55b4-46ae-b068-26d7a0080254"));
}
