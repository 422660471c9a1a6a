#include "huntq/input/inspect.h"

#include <catch2/catch.hpp>
#include <string>

#include "huntq/value/datetime.h"
#include "input_test_support.h"

using namespace huntq;
using namespace huntq::input;
using namespace huntq::input::testing;

TEST_CASE("inspect: tables, counts, malformed reasons and time span", "[input][inspect]") {
  TempDir dir;
  const std::string path = dir.write(
      "mixed.json",
      "{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"Timestamp\":"
      "\"2024-05-01T10:00:00Z\",\"ActionType\":\"A\"}}\n"
      "{\"category\":\"AdvancedHunting-DeviceFileEvents\",\"properties\":{\"Timestamp\":"
      "\"2024-04-01T09:00:00.5Z\"}}\n"
      "{\"category\":\"AdvancedHunting-DeviceFileEvents\",\"properties\":{\"Timestamp\":"
      "\"2024-06-01T00:00:00Z\"}}\n"
      "{\"category\":\"AdvancedHunting-DeviceNetworkEvents\",\"properties\":{\"Timestamp\":"
      "\"2030-01-01T00:00:00Z\"}}\n"
      "{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"Timestamp\":\"not a "
      "time\"}}\n"
      "{broken\n");
  const InspectReport r = inspect_input(sniff_input(path, nullptr));
  CHECK(r.shape == Shape::StreamingRecords);
  CHECK_FALSE(r.gzip);
  REQUIRE(r.tables.size() == 3);
  CHECK(r.tables[0].table == "DeviceEvents");
  CHECK(r.tables[0].rows == 2);
  CHECK(r.tables[1].table == "DeviceFileEvents");
  CHECK(r.tables[1].rows == 2);
  CHECK(r.tables[2].table == "AdvancedHunting-DeviceNetworkEvents");
  CHECK(r.tables[2].rows == 1);
  CHECK_FALSE(r.tables[2].known);
  CHECK(r.stats.records == 6);
  CHECK(r.stats.malformed == 1);
  CHECK(r.stats.other_table == 1);
  CHECK(r.stats.bad_datetimes == 1);
  REQUIRE(r.stats.first_reasons.size() == 1);
  CHECK(r.stats.first_reasons[0].rfind(path + ":6", 0) == 0);
  REQUIRE(r.min_timestamp.has_value());
  CHECK(*r.min_timestamp == ticks_from_civil(2024, 4, 1, 9, 0, 0, 5000000));
  CHECK(*r.max_timestamp == ticks_from_civil(2024, 6, 1));
  CHECK(r.columns == std::vector<std::string>{"Timestamp", "ActionType"});
}
