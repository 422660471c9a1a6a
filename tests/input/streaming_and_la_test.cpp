#include <catch2/catch.hpp>
#include <string>

#include "huntq/error.h"
#include "huntq/input/record_source.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"
#include "input_test_support.h"

using namespace huntq;
using namespace huntq::input;
using namespace huntq::input::testing;

namespace {

const Projection kDe =
    projection_of(device_events(), {"Timestamp", "ActionType", "MD5", "AdditionalFields"});
const Projection kDfe = projection_of(device_file_events(), {"MD5", "FileOriginUrl"});

const char* kRecords =
    "{\"time\":\"2026-07-18T13:01:51Z\",\"category\":\"AdvancedHunting-DeviceEvents\","
    "\"properties\":{\"ActionType\":\"AntivirusDetection\",\"MD5\":\"m1\",\"Timestamp\":"
    "\"2026-07-18T12:59:31.2914446Z\",\"AdditionalFields\":{\"ThreatName\":\"T\"}}}\r\n"
    "{\"properties\":{\"MD5\":\"m2\",\"FileOriginUrl\":\"https://x\"},"
    "\"category\":\"AdvancedHunting-DeviceFileEvents\"}\r\n"
    "{\"category\":\"AdvancedHunting-DeviceWidgetEvents\",\"properties\":{\"RemoteIP\":\"1.2.3."
    "4\"}}\r\n"
    "{\"body\":{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"ActionType\":"
    "\"B\",\"AdditionalFields\":\"{\\\"a\\\":1}\"}},\"x-opt-sequence-number\":6632}\r\n"
    "{\"category\":\"AdvancedHunting-DeviceEvents\"}\r\n";

}  // namespace

TEST_CASE("streaming records: category picks the table, body envelopes unwrap",
          "[input][streaming]") {
  TempDir dir;
  const std::string path = dir.write("PT1H.json", kRecords);
  const InputInfo info = sniff_input(path, nullptr);
  CHECK(info.shape == Shape::StreamingRecords);
  CHECK(info.table == nullptr);
  CHECK(info.splittable);
  const ReadResult r = read_all(info, kDe);
  REQUIRE(r.rows.size() == 5);
  CHECK(r.rows[0].decoded.status == Decoded::Status::Ok);
  CHECK(r.rows[0].decoded.table == &device_events());
  CHECK(r.rows[0].cells[0].ticks() == ticks_from_civil(2026, 7, 18, 12, 59, 31, 2914446));
  CHECK(text(&r.rows[0], 3) == "{\"ThreatName\":\"T\"}");
  CHECK(r.rows[1].decoded.status == Decoded::Status::OtherTable);
  CHECK(r.rows[1].decoded.table == &device_file_events());
  CHECK(r.rows[2].decoded.status == Decoded::Status::OtherTable);
  CHECK(r.rows[2].decoded.table == nullptr);
  CHECK(r.rows[3].decoded.status == Decoded::Status::Ok);
  CHECK(text(&r.rows[3], 1) == "B");
  CHECK(text(&r.rows[3], 3) == "{\"a\":1}");
  CHECK(r.rows[4].decoded.status == Decoded::Status::Malformed);
  CHECK(r.rows[4].decoded.why == "streaming record has no \"properties\" object");
  CHECK(r.stats.records == 5);
  CHECK(r.stats.other_table == 1);
  CHECK(r.stats.malformed == 1);
  const ReadResult f = read_all(info, kDfe);
  REQUIRE(f.rows[1].decoded.status == Decoded::Status::Ok);
  CHECK(text(&f.rows[1], 0) == "m2");
  CHECK(text(&f.rows[1], 1) == "https://x");
}

TEST_CASE("streaming wrapped: {\"records\":[...]} objects, one or several", "[input][streaming]") {
  TempDir dir;
  const std::string path = dir.write(
      "eh.json",
      "{\"records\":[\n"
      " {\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"ActionType\":\"A\"}},\n"
      " {\"category\":\"AdvancedHunting-DeviceFileEvents\",\"properties\":{\"MD5\":\"f\"}}\n"
      "]}\n"
      "{\"records\":[{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":"
      "{\"ActionType\":\"C\"}}]}\n");
  const InputInfo info = sniff_input(path, nullptr);
  CHECK(info.shape == Shape::StreamingWrapped);
  CHECK(info.table == nullptr);
  const ReadResult r = read_all(info, kDe);
  REQUIRE(r.rows.size() == 3);
  CHECK(r.rows[0].line == 2);
  CHECK(text(&r.rows[0], 1) == "A");
  CHECK(r.rows[1].decoded.status == Decoded::Status::OtherTable);
  CHECK(r.rows[2].line == 5);
  CHECK(text(&r.rows[2], 1) == "C");

  const std::string cut =
      dir.write("cut.json", "{\"records\":[{\"category\":\"x\",\"properties\":{}},");
  auto source = open_source(sniff_input(cut, nullptr));
  REQUIRE(source->next());
  CHECK_THROWS_WITH(source->next(), Catch::Contains("truncated JSON array \"records\""));
}

TEST_CASE("log analytics: positional rows mapped through columns", "[input][la]") {
  TempDir dir;
  const std::string path = dir.write(
      "la.json",
      "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"TimeGenerated\","
      "\"type\":\"datetime\"},{\"name\":\"Timestamp\",\"type\":\"datetime\"},{\"name\":"
      "\"ActionType\",\"type\":\"string\"},{\"name\":\"AdditionalFields\",\"type\":\"dynamic\"},"
      "{\"name\":\"Type\",\"type\":\"string\"},{\"name\":\"MD5\",\"type\":\"string\"}],\n"
      "\"rows\":[\n"
      "[\"2024-01-01T00:00:01Z\",\"2024-01-01T00:00:00Z\",\"AntivirusDetection\","
      "{\"ThreatName\":\"T\"},\"DeviceEvents\",\"m\"],\n"
      "[null,null,\"B\",\"{\\\"ThreatName\\\":\\\"U\\\"}\",\"DeviceEvents\",null],\n"
      "[1,2],\n"
      "[null,null,\"C\",null,\"DeviceFileEvents\",\"x\"]\n"
      "]}],\"error\":null}");
  const InputInfo info = sniff_input(path, nullptr);
  CHECK(info.shape == Shape::LogAnalytics);
  CHECK(info.table == nullptr);  // rows name their table in Type
  CHECK(info.routing == Routing::Label);
  REQUIRE(info.columns.size() == 6);
  REQUIRE(info.declared.size() == 6);
  CHECK(info.declared[3].type == "dynamic");
  const ReadResult r = read_all(info, kDe);
  REQUIRE(r.rows.size() == 4);
  CHECK(r.rows[0].line == 3);
  CHECK(r.rows[0].cells[0].ticks() == ticks_from_civil(2024, 1, 1));
  CHECK(text(&r.rows[0], 1) == "AntivirusDetection");
  CHECK(text(&r.rows[0], 2) == "m");
  CHECK(text(&r.rows[0], 3) == "{\"ThreatName\":\"T\"}");
  CHECK(r.rows[1].cells[0].is_null());
  CHECK(text(&r.rows[1], 3) == "{\"ThreatName\":\"U\"}");
  CHECK(r.rows[2].decoded.status == Decoded::Status::Malformed);
  CHECK(r.rows[2].decoded.why == "expected 6 values (one per column), found 2");
  CHECK(r.rows[3].decoded.status == Decoded::Status::OtherTable);

  const std::string early =
      dir.write("early.json", "{\"tables\":[{\"rows\":[[1]],\"columns\":[{\"name\":\"MD5\"}]}]}");
  CHECK_THROWS_WITH(sniff_input(early, &device_events()),
                    Catch::Contains("rows before its columns"));
}

TEST_CASE("custom tables: typed from the export's declared columns, else strings",
          "[input][custom]") {
  TempDir dir;
  const std::string la = dir.write(
      "la.json",
      "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"TimeGenerated\","
      "\"type\":\"datetime\"},{\"name\":\"Count\",\"type\":\"long\"},{\"name\":\"Bag\","
      "\"type\":\"dynamic\"},{\"name\":\"Id\",\"type\":\"guid\"},{\"name\":\"Type\",\"type\":"
      "\"string\"}],\"rows\":[[\"2024-01-01T00:00:00Z\",\"7\",{\"k\":1},"
      "\"6F9619FF-8B86-D011-B42D-00C04FC964FF\",\"MyTable_CL\"]]}]}");
  // Rows whose Type names one table huntq does not know: that table, as the export types it.
  const InputInfo info = sniff_input(la, nullptr);
  REQUIRE(info.custom_table != nullptr);
  const TableDef& t = *info.custom_table;
  CHECK(t.name == "MyTable_CL");
  CHECK(t.find("TimeGenerated")->type == Type::DateTime);
  CHECK(t.find("Count")->type == Type::Long);
  CHECK(t.find("Bag")->type == Type::Dynamic);
  CHECK(t.find("Id")->type == Type::String);  // guid reads as a string
  const ReadResult r = read_all(info, projection_of(t, {"TimeGenerated", "Count", "Bag", "Id"}));
  REQUIRE(r.ok().size() == 1);
  CHECK(r.ok()[0]->cells[0].ticks() == ticks_from_civil(2024, 1, 1));
  CHECK(r.ok()[0]->cells[1].as_int64() == 7);
  CHECK(r.ok()[0]->cells[2].type() == Type::Dynamic);
  CHECK(text(r.ok()[0], 3) == "6F9619FF-8B86-D011-B42D-00C04FC964FF");
  // Named with --table, an export without types: every column a string.
  const std::string rows = dir.write("rows.json", "{\"Computer\":\"a\",\"Count\":3}\n");
  const InputInfo named = sniff_input_as(rows, "Heartbeat");
  REQUIRE(named.table != nullptr);
  CHECK(named.table->name == "Heartbeat");
  CHECK(named.table->find("Count")->type == Type::String);
  const ReadResult rr = read_all(named, projection_of(*named.table, {"Count"}));
  REQUIRE(rr.ok().size() == 1);
  CHECK(text(rr.ok()[0], 0) == "3");
}

TEST_CASE("dynamic columns take a JSON object or a string holding JSON", "[input][custom]") {
  TempDir dir;
  // CloudAppEvents.RawEventData is dynamic (Defender's type).
  const std::string path = dir.write(
      "cloud.json",
      "{\"Type\":\"CloudAppEvents\",\"ActionType\":\"A\",\"RawEventData\":{\"k\":[1,2]}}\n"
      "{\"Type\":\"CloudAppEvents\",\"ActionType\":\"B\",\"RawEventData\":\"{\\\"k\\\":[1,2]}\"}\n"
      "{\"Type\":\"CloudAppEvents\",\"ActionType\":\"C\",\"RawEventData\":\"not json\"}\n");
  const TableDef* cloud = find_table("CloudAppEvents");
  const ReadResult r =
      read_all(sniff_input(path, nullptr), projection_of(*cloud, {"ActionType", "RawEventData"}));
  REQUIRE(r.ok().size() == 3);
  CHECK(to_string(r.ok()[0]->cells[1]) == "{\"k\":[1,2]}");
  CHECK(to_string(r.ok()[1]->cells[1]) == "{\"k\":[1,2]}");
  CHECK(to_string(r.ok()[2]->cells[1]) == "not json");  // a dynamic string (D-1)
}
