#include "huntq/value/datetime.h"

#include <catch2/catch.hpp>

using namespace huntq;

TEST_CASE("datetime: T-DT-1 tick arithmetic matches the documented example") {
  // tick 31241376000000000 = 0100-01-01T00:00:00Z (datetime.md)
  CHECK(ticks_from_civil(100, 1, 1) == 31241376000000000LL);
  CHECK(parse_datetime("0100-01-01T00:00:00Z") == 31241376000000000LL);
  CHECK(parse_datetime("0001-01-01T00:00:00Z") == 0);
}

TEST_CASE("datetime: fraction digits 0 to 7 are kept to the tick, more are truncated") {
  const auto base = *parse_datetime("2024-01-15T10:23:45Z");
  CHECK(parse_datetime("2024-01-15T10:23:45.1234567Z") == base + 1234567);
  CHECK(parse_datetime("2024-01-15T10:23:45.5Z") == base + 5000000);
  CHECK(parse_datetime("2024-01-15T10:23:45.250Z") == base + 2500000);
  CHECK(parse_datetime("2024-01-15T10:23:45.123456789Z") == base + 1234567);
}

TEST_CASE("datetime: offsets convert to UTC, and no zone means UTC (T-DT-2)") {
  CHECK(parse_datetime("2022-12-02T13:45:56+02:00") == parse_datetime("2022-12-02T11:45:56Z"));
  CHECK(parse_datetime("2022-12-02T13:45:56-0130") == parse_datetime("2022-12-02T15:15:56Z"));
  CHECK(parse_datetime("2022-12-02 11:45:56") == parse_datetime("2022-12-02T11:45:56Z"));
  CHECK(parse_datetime("2022-12-02T11:45") == parse_datetime("2022-12-02T11:45:00Z"));
  CHECK(parse_datetime("2022-12-02") == parse_datetime("2022-12-02T00:00:00Z"));
}

TEST_CASE("datetime: invalid text is null, never a guess (T-DT-3)") {
  CHECK_FALSE(parse_datetime(""));
  CHECK_FALSE(parse_datetime("13/03/2024, 3:40:13.988 pm"));
  CHECK_FALSE(parse_datetime("2024-02-30T00:00:00Z"));
  CHECK_FALSE(parse_datetime("2023-02-29T00:00:00Z"));
  CHECK(parse_datetime("2024-02-29T00:00:00Z"));
  CHECK_FALSE(parse_datetime("2024-01-15T24:00:00Z"));
  CHECK_FALSE(parse_datetime("2024-01-15T10:00:00Zjunk"));
  CHECK_FALSE(parse_datetime("2024-01-15T10:00:00."));
  CHECK_FALSE(parse_datetime("0001-01-01T00:00:00+01:00"));  // before tick 0
}

TEST_CASE("datetime: printing trims fraction zeros by default, ticks7 keeps 7 digits") {
  const auto t = *parse_datetime("2024-01-15T10:00:00Z");
  CHECK(format_datetime(t) == "2024-01-15T10:00:00Z");
  CHECK(format_datetime(t + 5000000) == "2024-01-15T10:00:00.5Z");
  CHECK(format_datetime(t + 1) == "2024-01-15T10:00:00.0000001Z");
  CHECK(format_datetime(t, DateTimeStyle::Ticks7) == "2024-01-15T10:00:00.0000000Z");
  CHECK(format_datetime(0) == "0001-01-01T00:00:00Z");
  CHECK(format_datetime(*parse_datetime("9999-12-31T23:59:59.9999999Z")) ==
        "9999-12-31T23:59:59.9999999Z");
}
