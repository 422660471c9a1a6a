#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "huntq/input/record_source.h"
#include "huntq/value/datetime.h"
#include "input_test_support.h"

using namespace huntq;
using namespace huntq::input;
using namespace huntq::input::testing;

TEST_CASE("csv: quoting, CRLF, BOM, empty fields and wrong field counts", "[input][csv]") {
  TempDir dir;
  const std::string path = dir.write(
      "de.csv",
      "\xEF\xBB\xBFTimestamp "
      "[UTC],ActionType,MD5,AdditionalFields,FileSize,ProcessRemoteSessionIP\r\n"
      "2023-10-18T14:37:28.2012261Z,AntivirusDetection,aa,\"{\"\"ThreatName\"\":\"\"A,B\"\"}\",12,"
      "\r\n"
      "\r\n"
      ",\"multi\nline\",,,,\r\n"
      "2023-10-18T14:37:28Z,short,row\r\n"
      "2023-10-18T15:00:00Z,last,bb,[],x,\"k\"\"1\"\"\"");
  const InputInfo info = sniff_input(path, nullptr);
  CHECK(info.shape == Shape::Csv);
  CHECK(info.table == &device_events());
  CHECK_FALSE(info.splittable);
  REQUIRE(info.columns.size() == 6);
  CHECK(info.columns[0] == "Timestamp [UTC]");
  const Projection p = projection_of(
      device_events(),
      {"Timestamp", "ActionType", "MD5", "AdditionalFields", "FileSize", "ProcessRemoteSessionIP"});
  ReadResult r = read_all(info, p);
  // The short row is handed out (the pre-filter looks at raw bytes first) and found malformed
  // when decoded.
  REQUIRE(r.rows.size() == 4);
  CHECK(r.rows[2].decoded.status == Decoded::Status::Malformed);
  CHECK(r.rows[2].decoded.why == "expected 6 fields, found 3");
  r.rows.erase(r.rows.begin() + 2);
  const ReadRow* a = &r.rows[0];
  CHECK(a->line == 2);
  CHECK(a->cells[0].ticks() == ticks_from_civil(2023, 10, 18, 14, 37, 28, 2012261));
  CHECK(text(a, 1) == "AntivirusDetection");
  CHECK(text(a, 3) == "{\"ThreatName\":\"A,B\"}");
  CHECK(a->cells[4].as_int64() == 12);
  CHECK(text(a, 5).empty());
  const ReadRow* b = &r.rows[1];
  CHECK(b->line == 4);
  CHECK(b->cells[0].is_null());
  CHECK(text(b, 1) == "multi\nline");
  CHECK(b->cells[4].is_null());
  const ReadRow* c = &r.rows[2];
  CHECK(c->line == 7);
  CHECK(text(c, 1) == "last");
  CHECK(c->cells[4].is_null());  // "x" is no long
  CHECK(text(c, 5) == "k\"1\"");
  CHECK(r.stats.records == 4);
  CHECK(r.stats.malformed == 1);
  REQUIRE(r.stats.first_reasons.size() == 1);
  CHECK(r.stats.first_reasons[0] == path + ":6: expected 6 fields, found 3");
}

TEST_CASE("csv: an unterminated quote at the end is malformed", "[input][csv]") {
  TempDir dir;
  const std::string path =
      dir.write("t.csv", "ActionType,ProcessRemoteSessionIP\nA,k\nB,\"never closed\n,more\n");
  const InputInfo info = sniff_input(path, nullptr);
  const ReadResult r =
      read_all(info, projection_of(device_events(), {"ActionType", "ProcessRemoteSessionIP"}));
  // The broken line is given up; the next line is a record again.
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[1].line == 4);
  CHECK(text(&r.rows[1], 1) == "more");
  CHECK(r.stats.records == 3);
  CHECK(r.stats.malformed == 1);
  REQUIRE(r.stats.first_reasons.size() == 1);
  CHECK(r.stats.first_reasons[0] ==
        path + ":3: unterminated quoted field (a stray '\"', or a truncated file)");
}

TEST_CASE("csv: locale-formatted portal times are counted, or parsed when told how",
          "[input][csv]") {
  TempDir dir;
  const std::string path = dir.write("la.csv",
                                     "\"TimeGenerated [UTC]\",Type,ActionType,Timestamp [UTC]\n"
                                     "x,DeviceEvents,A,\"13/03/2024, 3:40:13.988 pm\"\n"
                                     "x,DeviceEvents,B,\"2/25/2025, 9:19:25.391 AM\"\n"
                                     "x,DeviceFileEvents,C,2024-01-01\n");
  const Projection p = projection_of(device_events(), {"Timestamp", "ActionType"});
  {
    const InputInfo info = sniff_input(path, nullptr);
    CHECK(info.table == nullptr);  // each row's Type column
    CHECK(info.routing == Routing::Label);
    const ReadResult r = read_all(info, p);
    REQUIRE(r.rows.size() == 3);
    CHECK(r.rows[0].cells[0].is_null());
    CHECK(r.rows[1].cells[0].is_null());
    CHECK(r.rows[2].decoded.status == Decoded::Status::OtherTable);
    CHECK(r.stats.bad_datetimes == 2);
    REQUIRE(r.stats.first_bad_datetimes.size() == 2);
    CHECK(r.stats.first_bad_datetimes[0] ==
          path +
              ":2: Timestamp '13/03/2024, 3:40:13.988 pm' is a locale-formatted local time; "
              "re-export with UTC ISO 8601 or pass --time-format/--time-zone");
  }
  {
    InputOptions options;
    options.time_format = "%d/%m/%Y, %I:%M:%S.%f %p";
    options.time_zone_offset_minutes = 9 * 60;  // UTC+09:00 (the WDAC example: 06:40:13.988Z)
    const InputInfo info = sniff_input(path, nullptr, options);
    const ReadResult r = read_all(info, p);
    CHECK(r.rows[0].cells[0].ticks() == ticks_from_civil(2024, 3, 13, 6, 40, 13, 9880000));
    CHECK(r.rows[1].cells[0].is_null());  // month 25 does not fit %d/%m
    CHECK(r.stats.bad_datetimes == 1);
  }
  {
    InputOptions options;
    options.time_format = "%m/%d/%Y, %I:%M:%S.%f %p";
    const InputInfo info = sniff_input(path, nullptr, options);
    const ReadResult r = read_all(info, p);
    CHECK(r.rows[1].cells[0].ticks() == ticks_from_civil(2025, 2, 25, 9, 19, 25, 3910000));
  }
}

TEST_CASE("realdata: the dafneb Defender portal CSV export", "[input][realdata]") {
#ifdef HUNTQ_SHARED_DIR
  const std::string path = std::string(HUNTQ_SHARED_DIR) +
                           "/realdata/defender-portal-csv-dafneb/advanced_hunting_test.csv";
#else
  const std::string path;
#endif
  if (path.empty() || !std::filesystem::exists(path)) {
    WARN("realdata test skipped: defender-portal-csv-dafneb not found");
    return;
  }
  const InputInfo info = sniff_input(path, nullptr);
  CHECK(info.shape == Shape::Csv);
  // A union export of three tables with no Type column (SOURCES.md): each row by its columns.
  CHECK(info.table == nullptr);
  CHECK(info.routing == Routing::Columns);
  const TableDef* dpe = find_table("DeviceProcessEvents");
  const TableDef* dne = find_table("DeviceNetworkEvents");
  CHECK(info.tables == std::vector<const TableDef*>{dpe, &device_events(), dne});
  CHECK(info.columns.size() == 72);
  const Projection p = projection_of(
      device_events(), {"Timestamp", "ActionType", "FileName", "MD5", "ReportId",
                        "AdditionalFields", "InitiatingProcessCommandLine", "FolderPath"});
  const ReadResult r = read_all(info, p);
  CHECK(r.stats.records == 26);
  CHECK(r.stats.malformed == 0);
  // Rows 5-7, 10-13 and 26 are network events (Connection*, *ConnectionInspected, ...: only
  // DeviceNetworkEvents writes those), row 17 ProcessCreated; the rest are DeviceEvents.
  REQUIRE(r.ok().size() == 17);
  REQUIRE(r.stats.tables.size() == 3);
  CHECK(r.stats.tables[0].table == "DeviceEvents");
  CHECK(r.stats.tables[0].records == 17);
  CHECK(r.stats.tables[1].table == "DeviceNetworkEvents");
  CHECK(r.stats.tables[1].records == 8);
  CHECK(r.stats.tables[2].table == "DeviceProcessEvents");
  CHECK(r.stats.tables[2].records == 1);
  const ReadRow* first = r.ok()[0];
  CHECK(first->cells[0].ticks() == ticks_from_civil(2023, 10, 18, 14, 37, 28, 2012261));
  CHECK(text(first, 1) == "AntivirusScanCompleted");
  CHECK(first->cells[4].as_int64() == 13642);
  CHECK(text(first, 5) ==
        "{\"Domain\":\"NT AUTHORITY\",\"ScanId\":\"{DE4E9D4E-4ED8-492F-B662-0BE4FAC69741}\","
        "\"ScanParametersIndex\":\"1\",\"ScanTypeIndex\":\"Quick\",\"User\":\"NETWORK SERVICE\"}");
  CHECK(text(first, 6) == "\"MsMpEng.exe\"");
  const ReadRow* lnk = r.ok()[13];
  CHECK(text(lnk, 1) == "ShellLinkCreateFileEvent");
  CHECK(text(lnk, 2) == "(C) Windows.lnk");
  CHECK(text(lnk, 3) == "102d5ac9fada6e67b3c85237fa0999f8");
  CHECK(lnk->cells[4].as_int64() == 14402);
}

TEST_CASE("csv: a header alone tells the table, records longer than the limit", "[input][csv]") {
  TempDir dir;
  const std::string header_only = dir.write("h.csv", "MD5,FileOriginReferrerUrl\r\n");
  const InputInfo info = sniff_input(header_only, nullptr);
  CHECK(info.table == &device_file_events());
  CHECK(read_all(info, projection_of(device_file_events(), {"MD5"})).rows.empty());

  const std::string path = dir.write("long.csv", "ActionType,ProcessRemoteSessionIP\nA,1\nB,\"" +
                                                     std::string(150, 'q') + "\n,\"\"x\"\nC,3\n");
  InputOptions options;
  options.buffer_bytes = 64;
  options.max_record_bytes = 100;
  const ReadResult r =
      read_all(sniff_input(path, nullptr, options), projection_of(device_events(), {"ActionType"}));
  REQUIRE(r.rows.size() == 2);
  CHECK(text(&r.rows[0], 0) == "A");
  CHECK(text(&r.rows[1], 0) == "C");
  CHECK(r.rows[1].line == 5);
  // The long record is given up at the end of its first line; its second line does not parse
  // as a record either (text after the quotes of an empty field), so it counts too.
  CHECK(r.stats.malformed == 2);
  REQUIRE(r.stats.first_reasons.size() == 2);
  CHECK(r.stats.first_reasons[0] == path + ":3: record longer than 100 bytes");
  CHECK(r.stats.first_reasons[1].rfind(path + ":4:4: text after the closing quote", 0) == 0);
}
