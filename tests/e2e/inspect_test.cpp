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
