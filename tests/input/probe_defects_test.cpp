// Regressions for the input defects found by probing (issue 9): each case failed before.
#include <fcntl.h>
#include <isa-l/igzip_lib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <thread>

#include "huntq/error.h"
#include "huntq/input/byte_stream.h"
#include "huntq/input/cell_converter.h"
#include "huntq/input/record_source.h"
#include "huntq/input/spool.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"
#include "input_test_support.h"

using namespace huntq;
using namespace huntq::input;
using namespace huntq::input::testing;

namespace {

const Projection kDe = projection_of(device_events(), {"ActionType", "MD5", "AdditionalFields"});
const Projection kDfe = projection_of(device_file_events(), {"ActionType", "MD5"});

std::string gzip(const std::string& data) {
  std::string out(data.size() + 1024, '\0');
  isal_zstream z;
  isal_deflate_init(&z);
  z.gzip_flag = IGZIP_GZIP;
  z.end_of_stream = 1;
  z.flush = NO_FLUSH;
  z.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<std::uint32_t>(data.size());
  z.next_out = reinterpret_cast<std::uint8_t*>(out.data());
  z.avail_out = static_cast<std::uint32_t>(out.size());
  isal_deflate(&z);
  out.resize(z.total_out);
  return out;
}

std::string utf16(std::string_view ascii, bool big_endian) {
  std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (char c : ascii) {
    if (big_endian) out += '\0';
    out += c;
    if (!big_endian) out += '\0';
  }
  return out;
}

}  // namespace

TEST_CASE("defect 1: rows of two tables named by Type are each read by their table's scan",
          "[input][defects]") {
  TempDir dir;
  const std::string path =
      dir.write("sentinel.json",
                "{\"Type\":\"DeviceEvents\",\"ActionType\":\"AntivirusDetection\",\"MD5\":\"m1\"}\n"
                "{\"Type\":\"DeviceFileEvents\",\"ActionType\":\"FileCreated\",\"MD5\":\"m1\"}\n"
                "{\"Type\":\"DeviceFileEvents\",\"ActionType\":\"FileModified\",\"MD5\":\"m2\"}\n");
  const InputInfo info = sniff_input(path, nullptr);
  // Before: pinned to DeviceEvents (the first row's table); the DeviceFileEvents rows vanished.
  CHECK(info.table == nullptr);
  const ReadResult de = read_all(info, kDe);
  REQUIRE(de.ok().size() == 1);
  CHECK(text(de.ok()[0], 0) == "AntivirusDetection");
  const ReadResult dfe = read_all(info, kDfe);
  REQUIRE(dfe.ok().size() == 2);
  CHECK(text(dfe.ok()[1], 0) == "FileModified");
  CHECK(de.rows[1].decoded.status == Decoded::Status::OtherTable);
  CHECK(de.rows[1].decoded.table == &device_file_events());
}

TEST_CASE("defect 1: a union export without Type routes each row by its columns",
          "[input][defects]") {
  TempDir dir;
  // union DeviceFileEvents, DeviceRegistryEvents: each row has the other table's columns empty.
  const std::string path = dir.write(
      "union.json",
      "{\"Timestamp\":\"2024-01-01T00:00:00Z\",\"ActionType\":\"FileCreated\",\"MD5\":\"m\","
      "\"FileOriginReferrerUrl\":\"https://r/\",\"PreviousFileName\":\"\",\"RegistryValueType\":"
      "\"\",\"PreviousRegistryKey\":\"\",\"PreviousRegistryValueName\":\"\"}\n"
      "{\"Timestamp\":\"2024-01-01T00:00:01Z\",\"ActionType\":\"RegistryValueSet\",\"MD5\":\"\","
      "\"FileOriginReferrerUrl\":\"\",\"PreviousFileName\":\"\",\"RegistryValueType\":\"Dword\","
      "\"PreviousRegistryKey\":\"HKLM\\\\x\",\"PreviousRegistryValueName\":\"\"}\n");
  const InputInfo info = sniff_input(path, nullptr);
  CHECK(info.table == nullptr);
  CHECK(info.routing == Routing::Columns);
  const ReadResult dfe = read_all(info, kDfe);
  REQUIRE(dfe.ok().size() == 1);
  CHECK(text(dfe.ok()[0], 0) == "FileCreated");
  const TableDef* dre = find_table("DeviceRegistryEvents");
  const ReadResult r = read_all(info, projection_of(*dre, {"ActionType", "RegistryValueType"}));
  REQUIRE(r.ok().size() == 1);
  CHECK(text(r.ok()[0], 1) == "Dword");
  REQUIRE(r.stats.tables.size() == 2);
  CHECK(r.stats.tables[0].table == "DeviceFileEvents");
  CHECK(r.stats.tables[1].table == "DeviceRegistryEvents");
}

TEST_CASE("defect 2: of a union's X_string and X_dynamic the non-null one is read",
          "[input][defects]") {
  TempDir dir;
  const std::string path = dir.write(
      "u.json",
      "{\"ActionType\":\"AntivirusDetection\",\"ProcessRemoteSessionIP\":\"\","
      "\"AdditionalFields_string\":null,\"AdditionalFields_dynamic\":{\"ThreatName\":\"T\"}}\n"
      "{\"ActionType\":\"B\",\"ProcessRemoteSessionIP\":\"\",\"AdditionalFields_string\":"
      "\"{\\\"ThreatName\\\":\\\"S\\\"}\",\"AdditionalFields_dynamic\":null}\n");
  const ReadResult r = read_all(sniff_input(path, nullptr), kDe);
  REQUIRE(r.ok().size() == 2);
  CHECK(text(r.ok()[0], 2) == "{\"ThreatName\":\"T\"}");  // was "": the null came first
  CHECK(text(r.ok()[1], 2) == "{\"ThreatName\":\"S\"}");
  // The same in a CSV export: the empty one is no value.
  const std::string csv = dir.write(
      "u.csv",
      "ActionType,ProcessRemoteSessionIP,AdditionalFields_string,AdditionalFields_dynamic\n"
      "A,,,\"{\"\"ThreatName\"\":\"\"T\"\"}\"\n");
  const ReadResult c = read_all(sniff_input(csv, nullptr), kDe);
  REQUIRE(c.ok().size() == 1);
  CHECK(text(c.ok()[0], 2) == "{\"ThreatName\":\"T\"}");
}

TEST_CASE("defect 3: CSV text after a closing quote is malformed", "[input][defects]") {
  TempDir dir;
  const std::string path = dir.write("q.csv",
                                     "ActionType,ProcessRemoteSessionIP\n"
                                     "\"Antivirus\"Detection,x\n"
                                     "ok,y\n");
  const ReadResult r = read_all(sniff_input(path, nullptr), kDe);
  REQUIRE(r.ok().size() == 1);
  CHECK(text(r.ok()[0], 0) == "ok");
  CHECK(r.stats.malformed == 1);
  REQUIRE(r.stats.first_reasons.size() == 1);
  CHECK(r.stats.first_reasons[0].rfind(path + ":2:12: text after the closing quote", 0) == 0);
}

TEST_CASE("defect 3: a stray quote costs one CSV record, not the rest of the file",
          "[input][defects]") {
  TempDir dir;
  std::string csv = "ActionType,ProcessRemoteSessionIP,AdditionalFields\n";
  for (int i = 0; i < 12; ++i) {
    if (i == 3) {
      csv += "bro\"ken,x,y\n";  // a quote inside an unquoted field
    } else {
      csv += "A" + std::to_string(i) + ",ip,\"{\"\"k\"\":\"\"v,w\"\"}\"\n";
    }
  }
  const std::string path = dir.write("s.csv", csv);
  const ReadResult r = read_all(sniff_input(path, nullptr), kDe);
  // Before: 3 rows read, the other 9 swallowed into one malformed record.
  CHECK(r.ok().size() == 11);
  CHECK(r.stats.records == 12);
  CHECK(r.stats.malformed == 1);
  REQUIRE(r.stats.first_reasons.size() == 1);
  CHECK(r.stats.first_reasons[0].rfind(path + ":5:4: a '\"' inside a field", 0) == 0);
  CHECK(text(r.ok()[10], 2) == "{\"k\":\"v,w\"}");
}

TEST_CASE("defect 3: quotes split at every 64-byte block boundary", "[input][defects]") {
  TempDir dir;
  // A doubled quote, a closing quote and a stray quote at each offset around a block edge.
  for (std::size_t pad = 50; pad < 80; ++pad) {
    const std::string filler(pad, 'f');
    const std::string csv = "ActionType,ProcessRemoteSessionIP\n" + filler + ",\"a\"\"b\"\n" +
                            filler + ",\"c\"x\n" + filler + ",d\"e\n" + filler + ",ok\n";
    const std::string path = dir.write("b.csv", csv);
    const ReadResult r =
        read_all(sniff_input(path, nullptr),
                 projection_of(device_events(), {"ActionType", "ProcessRemoteSessionIP"}));
    INFO("pad " << pad);
    REQUIRE(r.ok().size() == 2);
    CHECK(text(r.ok()[0], 1) == "a\"b");
    CHECK(text(r.ok()[1], 1) == "ok");
    CHECK(r.stats.malformed == 2);
  }
}

TEST_CASE("defect 5: every gzip member is read; data after the last one is an error",
          "[input][defects]") {
  TempDir dir;
  const std::string a = "{\"ActionType\":\"A\",\"ProcessRemoteSessionIP\":\"\"}\n";
  const std::string b = "{\"ActionType\":\"B\",\"ProcessRemoteSessionIP\":\"\"}\n";
  const std::string two = dir.write("two.json.gz", gzip(a) + gzip(b));
  for (GzipBackend backend : {GzipBackend::Zlib, GzipBackend::IsaL}) {
    auto in = open_gzip_stream(open_file_stream(two, two), two, backend);
    std::string all(256, '\0');
    std::size_t n = 0, got = 0;
    while ((got = in->read(all.data() + n, all.size() - n)) > 0) n += got;
    CHECK(all.substr(0, n) == a + b);
  }
  CHECK(read_all(sniff_input(two, nullptr), kDe).ok().size() == 2);
  // Zero padding after the last member is fine.
  const std::string padded = dir.write("pad.json.gz", gzip(a) + std::string(512, '\0'));
  CHECK(read_all(sniff_input(padded, nullptr), kDe).ok().size() == 1);
  // Anything else is not silently dropped.
  const std::string member = gzip(a);
  const std::string junk = dir.write("junk.json.gz", member + "trailing garbage");
  CHECK_THROWS_WITH(read_all(sniff_input(junk, &device_events()), kDe),
                    junk + ": data after the end of the gzip stream, at byte " +
                        std::to_string(member.size()) +
                        " of the compressed file: not another gzip member (a damaged file, or "
                        "another file appended to it)");
}

TEST_CASE("defect 6: --time-format validates the date and the instant", "[input][defects]") {
  const std::string f = "%d/%m/%Y %H:%M:%S";
  CHECK(parse_datetime_with_format("28/02/2023 10:00:00", f, 0) ==
        ticks_from_civil(2023, 2, 28, 10));
  CHECK(parse_datetime_with_format("29/02/2024 10:00:00", f, 0) ==
        ticks_from_civil(2024, 2, 29, 10));
  CHECK_FALSE(parse_datetime_with_format("29/02/2023 10:00:00", f, 0));  // not a leap year
  CHECK_FALSE(parse_datetime_with_format("31/02/2024 10:00:00", f, 0));
  CHECK_FALSE(parse_datetime_with_format("31/04/2024 10:00:00", f, 0));
  CHECK_FALSE(parse_datetime_with_format("30/06/2024 10:00:60", f, 0));  // no leap second
  // An offset that pushes the instant out of 0001..9999 gives no datetime.
  CHECK_FALSE(parse_datetime_with_format("01/01/0001 00:00:00", f, 60));
  CHECK_FALSE(parse_datetime_with_format("31/12/9999 23:59:59", f, -60));
  CHECK_FALSE(parse_datetime_with_format("01/01/2024 00:00:00", f, 2147483647));
  InputOptions o;
  o.time_zone_offset_minutes = 2147483647;
  CHECK_THROWS_WITH(check_input_options(o), Catch::StartsWith("--time-zone-offset takes"));
  o.time_zone_offset_minutes = -24 * 60;
  CHECK_NOTHROW(check_input_options(o));
}

TEST_CASE("defect 8: a long, deep or invalid first line is a malformed record",
          "[input][defects]") {
  TempDir dir;
  const std::string good = "{\"ActionType\":\"A\",\"ProcessRemoteSessionIP\":\"\"}\n";
  const std::string long_line = "{\"ActionType\":\"L\",\"ProcessRemoteSessionIP\":\"\",\"Md5\":\"" +
                                std::string(100 * 1024, 'x') + "\"}\n";
  const std::string deep = "{\"ActionType\":\"D\",\"AdditionalFields\":" + std::string(3000, '[') +
                           std::string(3000, ']') + "}\n";
  const std::string bad_utf8 = "{\"ActionType\":\"U\xC3\x28\"}\n";
  // Over 64 KiB and valid: read.
  const ReadResult l = read_all(sniff_input(dir.write("l.json", long_line + good), nullptr), kDe);
  REQUIRE(l.ok().size() == 2);
  CHECK(text(l.ok()[0], 0) == "L");
  for (const std::string* which : {&deep, &bad_utf8}) {
    const std::string& broken = *which;
    for (bool first : {true, false}) {
      const std::string path =
          dir.write("b.json", first ? broken + good + good : good + broken + good);
      const InputInfo info = sniff_input(path, nullptr);  // before: "unknown shape" when first
      CHECK(info.shape == Shape::Ndjson);
      const ReadResult r = read_all(info, kDe);
      INFO((first ? "first " : "second ") << broken.substr(0, 40));
      // Deep is valid JSON (the cell keeps its text); invalid UTF-8 is a malformed record.
      const bool valid = which == &deep;
      CHECK(r.ok().size() == (valid ? 3u : 2u));
      CHECK(r.stats.malformed == (valid ? 0u : 1u));
    }
  }
}

TEST_CASE("defect 9: FIFOs and pipes are read; UTF-16 is decoded or named", "[input][defects]") {
  TempDir dir;
  const std::string row = "{\"ActionType\":\"A\",\"ProcessRemoteSessionIP\":\"\"}\n";
  const std::string fifo = dir.path() + "/fifo.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] {
    const int fd = ::open(fifo.c_str(), O_WRONLY);
    if (fd >= 0) {
      for (int i = 0; i < 3; ++i) (void)!::write(fd, row.data(), row.size());
      ::close(fd);
    }
  });
  InputInfo info;
  try {
    info = sniff_input(fifo, nullptr);  // before: "file is empty"
  } catch (...) {
    const int unblock = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);  // free the writer
    writer.join();
    if (unblock >= 0) ::close(unblock);
    throw;
  }
  writer.join();
  CHECK(info.size == 3 * row.size());
  CHECK(read_all(info, kDe).ok().size() == 3);

  for (bool big_endian : {false, true}) {
    const std::string path = dir.write("u16.json", utf16(row + row, big_endian));
    const InputInfo u = sniff_input(path, nullptr);
    CHECK(u.encoding == (big_endian ? Encoding::Utf16BE : Encoding::Utf16LE));
    const ReadResult r = read_all(u, kDe);
    REQUIRE(r.ok().size() == 2);
    CHECK(text(r.ok()[1], 0) == "A");
  }
  std::string no_bom = utf16(row, false).substr(2);
  const std::string nb = dir.write("nobom.json", no_bom);
  CHECK_THROWS_WITH(sniff_input(nb, nullptr), Catch::Contains("UTF-16"));
}

TEST_CASE("defect 10: an array of streaming records and a pretty-printed one are read",
          "[input][defects]") {
  TempDir dir;
  const std::string array = dir.write(
      "arr.json",
      "[{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"ActionType\":\"A\"}},\n"
      " {\"category\":\"AdvancedHunting-DeviceFileEvents\",\"properties\":{\"MD5\":\"f\"}}]\n");
  const InputInfo a = sniff_input(array, nullptr);
  CHECK(a.shape == Shape::StreamingArray);
  CHECK(read_all(a, kDe).ok().size() == 1);
  CHECK(read_all(a, kDfe).ok().size() == 1);
  const std::string pretty = dir.write("one.json",
                                       "{\n"
                                       "  \"time\": \"2026-07-18T13:01:51Z\",\n"
                                       "  \"category\": \"AdvancedHunting-DeviceEvents\",\n"
                                       "  \"properties\": {\n"
                                       "    \"ActionType\": \"AntivirusDetection\",\n"
                                       "    \"MD5\": \"m1\"\n"
                                       "  }\n"
                                       "}\n");
  const InputInfo p = sniff_input(pretty, nullptr);
  CHECK(p.shape == Shape::StreamingObjects);
  const ReadResult r = read_all(p, kDe);
  REQUIRE(r.ok().size() == 1);
  CHECK(text(r.ok()[0], 1) == "m1");
  CHECK(r.rows[0].line == 1);
  // Rows as jq prints them: pretty objects one after another.
  const std::string jq = dir.write(
      "jq.json",
      "{\n  \"ActionType\": \"A\",\n  \"IsProcessRemoteSession\": false\n}\n{\n  \"ActionType\": "
      "\"B\",\n  \"IsProcessRemoteSession\": true\n}\n");
  const InputInfo j = sniff_input(jq, nullptr);
  CHECK(j.shape == Shape::JsonObjects);
  CHECK(j.table == &device_events());
  const ReadResult jr = read_all(j, kDe);
  REQUIRE(jr.ok().size() == 2);
  CHECK(jr.rows[1].line == 5);
}

TEST_CASE("defect 12: a stream is spooled up to a bound, then a clear error", "[input][defects]") {
  const int zero = ::open("/dev/zero", O_RDONLY);
  REQUIRE(zero >= 0);
  InputOptions o;
  o.max_spool_bytes = 3 << 20;
  CHECK_THROWS_WITH(spool_stream(zero, "zero-test", "<stdin>", o),
                    Catch::StartsWith("<stdin>: more than 3.0 MiB to copy") &&
                        Catch::Contains("stops before that fills the disk"));
  ::close(zero);
  // /dev/zero named as an input: a device, spooled with the same bound.
  CHECK_THROWS_WITH(sniff_input("/dev/zero", nullptr, o),
                    Catch::StartsWith("/dev/zero: more than 3.0 MiB to copy"));
}

TEST_CASE("defect 15: a Log Analytics columns list past the record limit is an error",
          "[input][defects]") {
  TempDir dir;
  std::string columns;
  for (int i = 0; i < 40; ++i)
    columns += std::string(i ? "," : "") + "{\"name\":\"Col" + std::to_string(i) +
               "\",\"type\":\"string\"}";
  const std::string path = dir.write("la.json", "{\"tables\":[{\"name\":\"t\",\"columns\":[" +
                                                    columns + "],\"rows\":[[\"a\"]]}]}");
  InputOptions small;
  small.buffer_bytes = 16;
  small.max_record_bytes = 64;
  // Before: memcpy(nullptr, 0) in read_columns (UBSan), then no columns.
  CHECK_THROWS_WITH(sniff_input(path, &device_events(), small),
                    Catch::Contains("\"columns\" of table 1 are longer than 64 bytes"));
}

TEST_CASE("messages quote user text cut short", "[input][defects]") {
  TempDir dir;
  const std::string key(200000, 'k');
  const std::string path = dir.write("api.json", "{\"Results\":[],\"" + key + "\" 1}");
  try {
    read_all(sniff_input(path, &device_events()), kDe);
    FAIL("no error");
  } catch (const Error& e) {
    const std::string what = e.what();
    CHECK(what.find("kkk...\" (") != std::string::npos);
    CHECK(what.size() < 400);
  }
}
