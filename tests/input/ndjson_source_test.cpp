#include <catch2/catch.hpp>
#include <string>
#include <tuple>

#include "huntq/error.h"
#include "huntq/input/record_source.h"
#include "huntq/value/datetime.h"
#include "input_test_support.h"

using namespace huntq;
using namespace huntq::input;
using namespace huntq::input::testing;

namespace {

const Projection kDe =
    projection_of(device_events(), {"Timestamp", "ActionType", "MD5", "AdditionalFields",
                                    "FileSize", "RemotePort", "IsProcessRemoteSession"});

}  // namespace

TEST_CASE("ndjson: BOM, CRLF, blank lines, missing keys and nulls", "[input][ndjson]") {
  TempDir dir;
  const std::string path = dir.write(
      "de.json",
      "\xEF\xBB\xBF{\"Timestamp\":\"2023-10-18T14:37:28.2012261Z\",\"ActionType\":"
      "\"AntivirusDetection\",\"MD5\":\"aa\",\"FileSize\":12,\"RemotePort\":443,"
      "\"IsProcessRemoteSession\":true,\"AdditionalFields\":\"{\\\"ThreatName\\\":\\\"X\\\"}\"}\r\n"
      "\r\n"
      "   \n"
      "{\"Timestamp\":null,\"ActionType\":null,\"FileSize\":null}\r\n"
      "{\"ActionType\":\"B\"}\n");
  const InputInfo info = sniff_input(path, nullptr);
  CHECK(info.shape == Shape::Ndjson);
  CHECK(info.table == &device_events());
  CHECK(info.splittable);
  CHECK_FALSE(info.gzip);
  const ReadResult r = read_all(info, kDe);
  REQUIRE(r.rows.size() == 3);
  const auto ok = r.ok();
  REQUIRE(ok.size() == 3);
  CHECK(ok[0]->line == 1);
  CHECK(ok[0]->offset == 3);  // after the BOM
  CHECK(ok[0]->cells[0].ticks() == ticks_from_civil(2023, 10, 18, 14, 37, 28, 2012261));
  CHECK(text(ok[0], 1) == "AntivirusDetection");
  CHECK(text(ok[0], 2) == "aa");
  CHECK(text(ok[0], 3) == "{\"ThreatName\":\"X\"}");
  CHECK(ok[0]->cells[4].as_int64() == 12);
  CHECK(ok[0]->cells[5].type() == Type::Int);
  CHECK(ok[0]->cells[5].as_int64() == 443);
  CHECK(ok[0]->cells[6].as_bool());
  // Line 4: nulls. Strings are "", others null (T-2).
  CHECK(ok[1]->line == 4);
  CHECK(ok[1]->cells[0].is_null());
  CHECK(ok[1]->cells[0].type() == Type::DateTime);
  CHECK(text(ok[1], 1).empty());
  CHECK_FALSE(ok[1]->cells[1].is_null());
  CHECK(ok[1]->cells[4].is_null());
  // Line 5: missing keys.
  CHECK(ok[2]->line == 5);
  CHECK(text(ok[2], 1) == "B");
  CHECK(text(ok[2], 2).empty());
  CHECK(ok[2]->cells[4].is_null());
  CHECK(ok[2]->cells[6].is_null());
  CHECK(r.stats.records == 3);
  CHECK(r.stats.malformed == 0);
  CHECK(r.stats.bad_datetimes == 0);
}

TEST_CASE("ndjson: escapes, objects, numbers and bools into string columns", "[input][ndjson]") {
  TempDir dir;
  const std::string path =
      dir.write("de.json",
                "{\"\\u0041ctionType\":\"\\u0041ntivirusDetection\",\"MD5\":12345,"
                "\"AdditionalFields\":{ \"ThreatName\" : \"EICAR\", \"n\": [1, 2] },"
                "\"FileSize\":\"77\",\"IsProcessRemoteSession\":\"False\"}\n"
                "{\"ActionType\":true,\"MD5\":-1.5e3,\"AdditionalFields\":[],\"FileSize\":3.0,"
                "\"RemotePort\":99999999999,\"IsProcessRemoteSession\":1}\n"
                "{\"ActionType\":\"first\",\"actiontype\":\"second\",\"MD5\":\"caf\\u00e9\"}\n");
  const InputInfo info = sniff_input(path, &device_events());
  const ReadResult r = read_all(info, kDe);
  const auto ok = r.ok();
  REQUIRE(ok.size() == 3);
  CHECK(text(ok[0], 1) == "AntivirusDetection");
  CHECK(text(ok[0], 2) == "12345");
  CHECK(text(ok[0], 3) == "{\"ThreatName\":\"EICAR\",\"n\":[1,2]}");
  CHECK(ok[0]->cells[4].as_int64() == 77);  // numeric string into a long
  CHECK(ok[0]->cells[6].type() == Type::Bool);
  CHECK_FALSE(ok[0]->cells[6].is_null());
  CHECK_FALSE(ok[0]->cells[6].as_bool());
  CHECK(text(ok[1], 1) == "true");
  CHECK(text(ok[1], 2) == "-1.5e3");
  CHECK(text(ok[1], 3) == "[]");
  CHECK(ok[1]->cells[4].as_int64() == 3);
  CHECK(ok[1]->cells[5].is_null());  // out of int range
  CHECK(ok[1]->cells[6].as_bool());
  // Duplicate keys: the first occurrence wins.
  CHECK(text(ok[2], 1) == "first");
  CHECK(text(ok[2], 2) == "caf\xC3\xA9");
}

TEST_CASE("ndjson: timestamps with 0 and 7 digits, offsets, bad ones counted", "[input][ndjson]") {
  TempDir dir;
  const std::string path =
      dir.write("de.json",
                "{\"ActionType\":\"A\",\"Timestamp\":\"2021-08-02T13:32:07Z\"}\n"
                "{\"ActionType\":\"A\",\"Timestamp\":\"2021-08-02T13:32:07.1234567Z\"}\n"
                "{\"ActionType\":\"A\",\"Timestamp\":\"2021-08-02T15:32:07+02:00\"}\n"
                "{\"ActionType\":\"A\",\"Timestamp\":\"yesterday\"}\n"
                "{\"ActionType\":\"A\",\"Timestamp\":1627911127}\n");
  const InputInfo info = sniff_input(path, &device_events());
  const ReadResult r = read_all(info, kDe);
  const auto ok = r.ok();
  REQUIRE(ok.size() == 5);
  CHECK(ok[0]->cells[0].ticks() == ticks_from_civil(2021, 8, 2, 13, 32, 7));
  CHECK(ok[1]->cells[0].ticks() == ticks_from_civil(2021, 8, 2, 13, 32, 7, 1234567));
  CHECK(ok[2]->cells[0].ticks() == ticks_from_civil(2021, 8, 2, 13, 32, 7));
  CHECK(ok[3]->cells[0].is_null());
  CHECK(ok[4]->cells[0].is_null());
  CHECK(r.stats.bad_datetimes == 2);
  REQUIRE(r.stats.first_bad_datetimes.size() == 2);
  CHECK(r.stats.first_bad_datetimes[0].find(":4: Timestamp 'yesterday'") != std::string::npos);
  CHECK(r.stats.first_bad_datetimes[1].find(":5: Timestamp is a number") != std::string::npos);
}

TEST_CASE("ndjson: invalid lines are malformed with their line numbers", "[input][ndjson]") {
  TempDir dir;
  const std::string path = dir.write("de.json",
                                     "{\"ActionType\":\"A\"}\n"
                                     "\n"
                                     "{\"ActionType\":\"B\",}\n"
                                     "[1,2]\n"
                                     "{\"ActionType\":\"C\"} {\"x\":1}\n"
                                     "{\"ActionType\":\"\xff\xfe\"}\n"
                                     "{\"ActionType\":\"D\"}\n"
                                     "{\"ActionType\":\"E");
  const InputInfo info = sniff_input(path, &device_events());
  const ReadResult r = read_all(info, kDe);
  REQUIRE(r.rows.size() == 7);
  CHECK(r.rows[0].decoded.status == Decoded::Status::Ok);
  CHECK(r.rows[1].line == 3);
  CHECK(r.rows[1].decoded.status == Decoded::Status::Malformed);
  CHECK(r.rows[1].decoded.why.rfind("invalid JSON", 0) == 0);
  CHECK(r.rows[2].line == 4);
  CHECK(r.rows[2].decoded.why == "expected a JSON object, found an array");
  CHECK(r.rows[3].line == 5);
  CHECK(r.rows[3].decoded.status == Decoded::Status::Malformed);
  CHECK(r.rows[3].decoded.why.find("trailing content") != std::string::npos);
  CHECK(r.rows[4].line == 6);
  CHECK(r.rows[4].decoded.status == Decoded::Status::Malformed);  // invalid UTF-8
  CHECK(r.rows[5].decoded.status == Decoded::Status::Ok);
  CHECK(text(&r.rows[5], 1) == "D");
  CHECK(r.rows[6].line == 8);
  CHECK(r.rows[6].decoded.status == Decoded::Status::Malformed);
  CHECK(r.rows[6].decoded.why.rfind("truncated record at end of file?", 0) == 0);
  CHECK(r.stats.records == 7);
  CHECK(r.stats.malformed == 5);
  REQUIRE(r.stats.first_reasons.size() == 5);
  CHECK(r.stats.first_reasons[0].rfind(path + ":3", 0) == 0);
  CHECK(r.stats.first_reasons[1] == path + ":4:1: expected a JSON object, found an array");
}

TEST_CASE("ndjson: decoding twice counts a malformed record once", "[input][ndjson]") {
  TempDir dir;
  const std::string path = dir.write("de.json", "{\"ActionType\":\"A\"}\n{bad}\n");
  const InputInfo info = sniff_input(path, &device_events());
  auto source = open_source(info);
  std::vector<Value> cells;
  int seen = 0;
  while (source->next()) {
    ++seen;
    source->decode(kDe, cells);
    source->decode(kDe, cells);
  }
  CHECK(seen == 2);
  CHECK(source->stats().records == 2);
  CHECK(source->stats().malformed == 1);
}

TEST_CASE("ndjson: a Type column tells each row's table", "[input][ndjson]") {
  TempDir dir;
  const std::string path =
      dir.write("mixed.json",
                "{\"Type\":\"DeviceEvents\",\"ActionType\":\"A\",\"MD5\":\"1\"}\n"
                "{\"Type\":\"DeviceFileEvents\",\"ActionType\":\"FileCreated\",\"MD5\":\"2\"}\n"
                "{\"Type\":\"SecurityEvent\",\"ActionType\":\"x\"}\n");
  const InputInfo info = sniff_input(path, nullptr);
  // Not pinned to the first row's table: each row by its own Type.
  CHECK(info.table == nullptr);
  CHECK(info.routing == Routing::Label);
  CHECK(info.tables == std::vector<const TableDef*>{&device_events(), &device_file_events()});
  const ReadResult r = read_all(info, kDe);
  REQUIRE(r.rows.size() == 3);
  CHECK(r.rows[0].decoded.status == Decoded::Status::Ok);
  CHECK(r.rows[1].decoded.status == Decoded::Status::OtherTable);
  CHECK(r.rows[1].decoded.table == &device_file_events());
  CHECK(r.rows[2].decoded.status == Decoded::Status::OtherTable);
  CHECK(r.rows[2].decoded.table == nullptr);
  CHECK(r.stats.other_table == 1);  // only the table huntq does not read
  REQUIRE(r.stats.tables.size() == 3);
  CHECK(r.stats.tables[1].table == "DeviceFileEvents");
  CHECK(r.stats.tables[1].records == 1);
  CHECK(r.stats.tables[2].table == "SecurityEvent");
  CHECK_FALSE(r.stats.tables[2].known);
  // The DeviceFileEvents row is there for a DeviceFileEvents scan.
  const ReadResult f = read_all(info, projection_of(device_file_events(), {"MD5"}));
  REQUIRE(f.ok().size() == 1);
  CHECK(text(f.ok()[0], 0) == "2");
}

TEST_CASE("ndjson: records longer than the buffer, and past the limit", "[input][ndjson]") {
  TempDir dir;
  const std::string big(300, 'x');
  const std::string path =
      dir.write("de.json", "{\"ActionType\":\"A\"}\n{\"ActionType\":\"" + std::string(90, 'y') +
                               "\"}\n{\"ActionType\":\"" + big + "\"}\n{\"ActionType\":\"B\"}\n");
  InputOptions options;
  options.buffer_bytes = 64;
  options.max_record_bytes = 200;
  const InputInfo info = sniff_input(path, &device_events(), options);
  const ReadResult r = read_all(info, kDe);
  REQUIRE(r.rows.size() == 3);
  CHECK(text(&r.rows[0], 1) == "A");
  CHECK(text(&r.rows[1], 1) == std::string(90, 'y'));  // longer than the 64-byte buffer
  CHECK(text(&r.rows[2], 1) == "B");
  CHECK(r.rows[2].line == 4);
  CHECK(r.stats.records == 4);
  CHECK(r.stats.malformed == 1);
  REQUIRE(r.stats.first_reasons.size() == 1);
  CHECK(r.stats.first_reasons[0] == path + ":3: record longer than 200 bytes");
}

TEST_CASE("ndjson: every byte-range split reads each record exactly once", "[input][ndjson]") {
  TempDir dir;
  const std::string content =
      "\xEF\xBB\xBF{\"ActionType\":\"r1\"}\r\n"
      "\n"
      "{\"ActionType\":\"r2\"}\n"
      "{\"ActionType\":\"r3\"}\r\n"
      "{bad}\n"
      "{\"ActionType\":\"r5\"}";
  const std::string path = dir.write("de.json", content);
  // A small buffer keeps the ~13,000 opens cheap (sanitizer builds too) and makes records
  // straddle refills.
  InputOptions small;
  small.buffer_bytes = 32;
  const InputInfo info = sniff_input(path, &device_events(), small);
  const Projection p = projection_of(device_events(), {"ActionType"});
  // (value, line, offset): the BOM is 3 bytes, each record 19, then \r\n or \n.
  using Seen = std::tuple<std::string, std::uint64_t, std::uint64_t>;
  const std::vector<Seen> expected{
      {"r1", 1, 3}, {"r2", 3, 25}, {"r3", 4, 45}, {"", 5, 66}, {"r5", 6, 72}};
  for (std::uint64_t a = 0; a <= content.size(); ++a) {
    for (std::uint64_t b = a; b <= content.size(); ++b) {
      // Three ranges: [0,a) [a,b) [b,end).
      std::vector<Seen> got;
      std::uint64_t records = 0, malformed = 0;
      const std::uint64_t cuts[4] = {0, a, b, UINT64_MAX};
      for (int k = 0; k < 3; ++k) {
        const ReadResult r = read_all(info, p, cuts[k], cuts[k + 1]);
        for (const auto& row : r.rows)
          got.emplace_back(row.cells.empty() ? "" : row.cells[0].text(), row.line, row.offset);
        records += r.stats.records;
        malformed += r.stats.malformed;
      }
      std::string shown;
      for (const auto& [t, l, o] : got)
        shown += t + "@" + std::to_string(l) + "/" + std::to_string(o) + " ";
      INFO("split at " << a << " and " << b << ": " << shown);
      REQUIRE(got == expected);
      REQUIRE(records == 5);
      REQUIRE(malformed == 1);
    }
  }
}

TEST_CASE("ndjson: a line of text is not called null, a real scalar is named", "[input][ndjson]") {
  // simdjson's type() reads the first byte only: "not json" looks like null, "tx" like true.
  TempDir dir;
  const std::string path = dir.write("de.json",
                                     "{\"ActionType\":\"A\"}\n"
                                     "not json\n"
                                     "tx\n"
                                     "null\n"
                                     "false\n"
                                     "12\n");
  const InputInfo info = sniff_input(path, &device_events());
  const ReadResult r = read_all(info, kDe);
  REQUIRE(r.rows.size() == 6);
  CHECK(r.rows[1].decoded.why == "expected a JSON object, found text that is not JSON");
  CHECK(r.rows[2].decoded.why == "expected a JSON object, found text that is not JSON");
  CHECK(r.rows[3].decoded.why == "expected a JSON object, found null");
  CHECK(r.rows[4].decoded.why == "expected a JSON object, found a boolean");
  CHECK(r.rows[5].decoded.why == "expected a JSON object, found a number");
  CHECK(r.stats.malformed == 5);
}
