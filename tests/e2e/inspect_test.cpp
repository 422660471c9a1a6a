// `huntq inspect` on the samples: what an analyst sees first, worked out from samples/README.md.
#include <catch2/catch.hpp>

#include "run_binary.h"

using huntq::testing::run_huntq;
using huntq::testing::TempDir;

TEST_CASE("inspect: shape, table, rows and time range of each sample, non-exports skipped") {
  const auto r = run_huntq({"inspect", "samples"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("samples/DeviceEvents.ndjson\n  shape    JSON lines") != std::string::npos);
  CHECK(r.out.find("table    DeviceEvents: 14 rows") != std::string::npos);
  CHECK(r.out.find("table    DeviceFileEvents: 15 rows") != std::string::npos);
  // d12 has no Timestamp; the oldest is d10/d11 (07:30), the newest d13 (2024-03-12T13:00).
  CHECK(r.out.find("time     2024-03-08T07:30:00Z .. 2024-03-12T13:00:00Z") != std::string::npos);
  CHECK(r.out.find("columns  64 (Timestamp, DeviceId, DeviceName, ActionType") !=
        std::string::npos);
  // README.md, exclusions.yaml and make_samples.py are not exports: skipped with a warning.
  CHECK(r.err.find("warning: skipping samples/README.md:1: unknown shape") != std::string::npos);
  CHECK(r.err.find("skipping samples/exclusions.yaml") != std::string::npos);
}

TEST_CASE("inspect: a file named directly must read, or the run fails naming it") {
  const auto r = run_huntq({"inspect", "samples/README.md"});
  CHECK(r.status == 2);
  CHECK(r.err.find("samples/README.md:1: unknown shape") != std::string::npos);
  TempDir dir;
  const auto xlsx = dir.write("export.csv", std::string("PK\x03\x04junk", 8));
  const auto x = run_huntq({"inspect", xlsx});
  CHECK(x.status == 2);
  CHECK(x.err.find("Excel workbook (.xlsx); export the results as CSV") != std::string::npos);
}

TEST_CASE("run: a folder of exports reads like its files") {
  const auto r = run_huntq({"run", "--format", "csv", "samples"});
  CHECK(r.status == 0);
  CHECK(r.err.find("matched  19 rows") != std::string::npos);
}

TEST_CASE("inspect: sizes in human units, top ActionType values per table") {
  const auto r = run_huntq({"inspect", "samples/DeviceEvents.ndjson"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  // 28967 bytes / 1024 = 28.29 KiB.
  CHECK(r.out.find("28.3 KiB (28967 bytes)") != std::string::npos);
  // samples/README.md: 12 AntivirusDetection rows, one ProcessCreated, one lower-case variant.
  CHECK(r.out.find("ActionType: AntivirusDetection 12, ProcessCreated 1, antivirusdetection 1") !=
        std::string::npos);
}

TEST_CASE("inspect: columns of every record, per-table counts of a streaming file") {
  TempDir dir;
  const auto path = dir.write(
      "PT1H.json",
      "{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"ActionType\":\"A\"}}\n"
      "{\"category\":\"AdvancedHunting-DeviceFileEvents\",\"properties\":{\"MD5\":\"m\","
      "\"ActionType\":\"FileCreated\"}}\n"
      "{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"ActionType\":\"B\","
      "\"RegistryKey\":\"k\"}}\n"
      "{\"category\":\"AdvancedHunting-Unknown\",\"properties\":{}}\n");
  const auto r = run_huntq({"inspect", path});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("table    DeviceEvents: 2 rows") != std::string::npos);
  CHECK(r.out.find("table    DeviceFileEvents: 1 rows") != std::string::npos);
  CHECK(r.out.find("table    AdvancedHunting-Unknown: 1 rows (not a table huntq reads)") !=
        std::string::npos);
  // Before: only the first record's columns (ActionType).
  CHECK(r.out.find("columns  3 (ActionType, MD5, RegistryKey)") != std::string::npos);
}

TEST_CASE("inspect: --table names an ambiguous file's table; --format json") {
  TempDir dir;
  const auto path = dir.write("vague.json", "{\"MD5\":\"m\",\"FileName\":\"f.exe\"}\n");
  const auto vague = run_huntq({"inspect", path});
  CHECK(vague.status == 2);
  CHECK(vague.err.find("cannot tell the table") != std::string::npos);
  const auto r = run_huntq({"inspect", "--format", "json", "--table", "DeviceFileEvents=" + path});
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind("[\n{\"path\":", 0) == 0);
  CHECK(r.out.find("\"tables\":[{\"table\":\"DeviceFileEvents\",\"rows\":1,\"known\":true,"
                   "\"first\":null,\"last\":null,\"action_types\":[],"
                   "\"distinct_action_types\":0}]") != std::string::npos);
  CHECK(r.out.find("\"columns\":[\"MD5\",\"FileName\"]") != std::string::npos);
  CHECK(r.out.find("\"size\":31,") != std::string::npos);
  CHECK(r.out.substr(r.out.size() - 4) == "}\n]\n");
  const auto bad = run_huntq({"inspect", "--format", "yaml", path});
  CHECK(bad.status == 2);
}
