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
      "\"2024-04-01T09:00:00.5Z\",\"ActionType\":\"FileCreated\"}}\n"
      "{\"category\":\"AdvancedHunting-DeviceFileEvents\",\"properties\":{\"Timestamp\":"
      "\"2024-06-01T00:00:00Z\",\"ActionType\":\"FileCreated\",\"FileName\":\"x.exe\"}}\n"
      "{\"category\":\"AdvancedHunting-DeviceNetworkEvents\",\"properties\":{\"Timestamp\":"
      "\"2030-01-01T00:00:00Z\"}}\n"
      "{\"category\":\"AdvancedHunting-DeviceWidgetEvents\",\"properties\":{\"Timestamp\":"
      "\"2031-01-01T00:00:00Z\"}}\n"
      "{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"Timestamp\":\"not a "
      "time\",\"ActionType\":\"A\"}}\n"
      "{broken\n");
  const InspectReport r = inspect_input(sniff_input(path, nullptr));
  CHECK(r.shape == Shape::StreamingRecords);
  CHECK_FALSE(r.gzip);
  REQUIRE(r.tables.size() == 4);
  CHECK(r.tables[0].table == "DeviceEvents");
  CHECK(r.tables[0].rows == 2);
  CHECK(r.tables[1].table == "DeviceFileEvents");
  CHECK(r.tables[1].rows == 2);
  CHECK(r.tables[2].table == "DeviceNetworkEvents");  // a built-in table: read
  CHECK(r.tables[2].known);
  CHECK(r.tables[3].table == "AdvancedHunting-DeviceWidgetEvents");
  CHECK(r.tables[3].rows == 1);
  CHECK_FALSE(r.tables[3].known);
  CHECK(r.stats.records == 7);
  CHECK(r.stats.malformed == 1);
  CHECK(r.stats.other_table == 1);
  CHECK(r.stats.bad_datetimes == 1);
  REQUIRE(r.stats.first_reasons.size() == 1);
  CHECK(r.stats.first_reasons[0].rfind(path + ":7", 0) == 0);
  REQUIRE(r.min_timestamp.has_value());
  CHECK(*r.min_timestamp == ticks_from_civil(2024, 4, 1, 9, 0, 0, 5000000));
  CHECK(*r.max_timestamp == ticks_from_civil(2030, 1, 1));
  // Per table: time span and the most common ActionType values.
  CHECK(*r.tables[0].min_timestamp == ticks_from_civil(2024, 5, 1, 10));
  CHECK(*r.tables[0].max_timestamp == ticks_from_civil(2024, 5, 1, 10));
  REQUIRE(r.tables[0].top_action_types.size() == 1);
  CHECK(r.tables[0].top_action_types[0] == std::pair<std::string, std::uint64_t>{"A", 2});
  REQUIRE(r.tables[1].top_action_types.size() == 1);
  CHECK(r.tables[1].top_action_types[0].first == "FileCreated");
  CHECK(r.tables[1].top_action_types[0].second == 2);
  // Columns: every record's, not only the first one's.
  CHECK(r.columns == std::vector<std::string>{"Timestamp", "ActionType", "FileName"});
  // The reader's own count per table, as the run summary shows it.
  REQUIRE(r.stats.tables.size() == 4);
  CHECK(r.stats.tables[0].table == "DeviceEvents");
  CHECK(r.stats.tables[0].records == 2);
  CHECK(r.stats.tables[1].records == 2);
  CHECK(r.stats.tables[2].records == 1);
  CHECK(r.stats.tables[3].table == "AdvancedHunting-DeviceWidgetEvents");
  CHECK_FALSE(r.stats.tables[3].known);
}

TEST_CASE("inspect: top ActionType values, most first, ties by value", "[input][inspect]") {
  TempDir dir;
  std::string rows;
  const char* actions[] = {"B", "A", "C", "A", "B", "A", "D"};
  for (const char* a : actions) {
    rows += std::string("{\"ActionType\":\"") + a + "\",\"PreviousFileName\":\"\"}\n";
  }
  const InspectReport r = inspect_input(sniff_input(dir.write("dfe.json", rows), nullptr), 2);
  REQUIRE(r.tables.size() == 1);
  CHECK(r.tables[0].table == "DeviceFileEvents");
  CHECK(r.tables[0].rows == 7);
  CHECK(r.tables[0].distinct_action_types == 4);
  REQUIRE(r.tables[0].top_action_types.size() == 2);
  CHECK(r.tables[0].top_action_types[0].first == "A");  // 3
  CHECK(r.tables[0].top_action_types[1].first == "B");  // 2
  CHECK_FALSE(r.tables[0].min_timestamp.has_value());
}
