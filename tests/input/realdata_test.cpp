// The real export samples in shared/realdata (see its SOURCES.md); expected values read by hand
// from the files.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "huntq/input/input_set.h"
#include "huntq/input/record_source.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"
#include "input_test_support.h"

using namespace huntq;
using namespace huntq::input;
using namespace huntq::input::testing;

namespace {

std::string realdata(const std::string& rel) {
#ifdef HUNTQ_SHARED_DIR
  const std::string p = std::string(HUNTQ_SHARED_DIR) + "/realdata/" + rel;
  if (std::filesystem::exists(p)) return p;
#endif
  return {};
}

}  // namespace

TEST_CASE("realdata: OTRF M365D API results as JSON lines", "[input][realdata]") {
  const std::string path = realdata("otrf-goldensaml-m365d-api/Microsoft365DefenderEvents.json");
  if (path.empty()) {
    WARN("realdata test skipped: otrf-goldensaml-m365d-api not found");
    return;
  }
  const InputInfo info = sniff_input(path, nullptr);
  CHECK(info.shape == Shape::Ndjson);
  // A union of DeviceEvents, IdentityDirectoryEvents and CloudAppEvents rows (SOURCES.md), with
  // no Type column: the columns name the three tables, and each row is told by its own.
  CHECK(info.table == nullptr);
  CHECK(info.routing == Routing::Columns);
  const TableDef* ide = find_table("IdentityDirectoryEvents");
  const TableDef* cae = find_table("CloudAppEvents");
  // (IdentityLogonEvents has as many of the identity columns as IdentityDirectoryEvents, so it is
  // a candidate too; the rows' own columns decide.)
  REQUIRE(info.tables.size() >= 3);
  CHECK(info.tables[0] == &device_events());
  CHECK(info.tables[1] == cae);
  CHECK(info.tables[2] == ide);
  const Projection p =
      projection_of(device_events(), {"Timestamp", "DeviceName", "ActionType", "ReportId",
                                      "AdditionalFields", "FileSize", "InitiatingProcessFileName"});
  const ReadResult r = read_all(info, p);
  CHECK(r.stats.records == 9);
  CHECK(r.stats.malformed == 0);
  const auto ok = r.ok();
  REQUIRE(ok.size() == 5);  // the five LdapSearch rows; the other four are other tables' rows
  CHECK(ok[0]->cells[0].ticks() == ticks_from_civil(2021, 8, 2, 13, 11, 39, 7724491));
  CHECK(text(ok[0], 1) == "adfs01.simulandlabs.com");
  CHECK(text(ok[0], 2) == "LdapSearch");
  CHECK(ok[0]->cells[3].as_int64() == 113597);  // from ReportId_long
  CHECK(text(ok[0], 4).rfind("{\"AttributeList\":[\"objectClass\"]", 0) == 0);  // _string
  CHECK(ok[0]->cells[5].is_null());                                             // "FileSize":null
  CHECK(text(ok[0], 6) == "powershell.exe");
  int ldap = 0;
  for (const auto* row : ok) ldap += text(row, 2) == "LdapSearch";
  CHECK(ldap == 5);
  // Rows 6-9 come from IdentityDirectoryEvents / CloudAppEvents.
  CHECK(r.rows[5].decoded.status == Decoded::Status::OtherTable);
  CHECK(r.rows[5].decoded.table == ide);
  CHECK(r.rows[6].decoded.table == ide);
  CHECK(r.rows[7].decoded.table == cae);
  CHECK(r.rows[8].decoded.table == cae);
  const ReadResult ir =
      read_all(info, projection_of(*ide, {"ActionType", "AdditionalFields", "ReportId"}));
  REQUIRE(ir.ok().size() == 2);
  CHECK(text(ir.ok()[0], 0) == "Directory Services replication");
  // AdditionalFields is dynamic in IdentityDirectoryEvents.
  CHECK(ir.ok()[0]->cells[1].type() == Type::Dynamic);
  CHECK(
      to_string(ir.ok()[0]->cells[1]).rfind("{\"DestinationComputerOperatingSystemVersion\":", 0) ==
      0);
  const ReadResult cr = read_all(info, projection_of(*cae, {"Timestamp", "ActionType"}));
  REQUIRE(cr.ok().size() == 2);
  CHECK(cr.ok()[0]->cells[0].ticks() == ticks_from_civil(2021, 8, 2, 13, 32, 7));
  CHECK(text(cr.ok()[0], 1) == "MailItemsAccessed");
  // Per table, as the run summary shows them.
  REQUIRE(r.stats.tables.size() == 3);
  CHECK(r.stats.tables[0].table == "DeviceEvents");
  CHECK(r.stats.tables[0].records == 5);
  CHECK(r.stats.tables[1].table == "IdentityDirectoryEvents");
  CHECK(r.stats.tables[1].records == 2);
  CHECK(r.stats.tables[2].table == "CloudAppEvents");
  CHECK(r.stats.tables[2].records == 2);
}

TEST_CASE("realdata: graph2otel streaming storage blobs", "[input][realdata]") {
  const std::string root = realdata("graph2otel-streaming-storage");
  if (root.empty()) {
    WARN("realdata test skipped: graph2otel-streaming-storage not found");
    return;
  }
  GatherRequest request;
  request.paths = {root};
  const InputSet set = gather_inputs(request);
  REQUIRE(set.inputs.size() == 2);
  CHECK(set.inputs[0].path.find("insights-logs-advancedhunting-deviceevents/") !=
        std::string::npos);
  CHECK(set.inputs[1].path.find("insights-logs-advancedhunting-devicefileevents/") !=
        std::string::npos);
  const std::vector<std::string> files{set.inputs[0].path, set.inputs[1].path};

  const InputInfo de = sniff_input(files[0], nullptr);
  CHECK(de.shape == Shape::StreamingRecords);
  CHECK(de.table == nullptr);
  CHECK(de.splittable);
  const Projection pde =
      projection_of(device_events(), {"Timestamp", "DeviceName", "ActionType", "MD5", "FileName",
                                      "AdditionalFields", "InitiatingProcessId"});
  const ReadResult rde = read_all(de, pde);
  REQUIRE(rde.ok().size() == 1);
  const auto* row = rde.ok()[0];
  CHECK(row->decoded.table == &device_events());
  CHECK(row->cells[0].ticks() == ticks_from_civil(2026, 7, 18, 14, 55, 51, 5813240));
  CHECK(text(row, 1) == "mbp14");
  CHECK(text(row, 2) == "ScriptContent");
  CHECK(text(row, 3).empty());  // MD5 and FileName keys are omitted in this record
  CHECK(text(row, 4).empty());
  CHECK(text(row, 5).rfind("{\"ScriptContent\": \"# sudo python3 open_files.py", 0) == 0);
  CHECK(row->cells[6].as_int64() == 91350);

  const InputInfo dfe = sniff_input(files[1], nullptr);
  const Projection pdfe = projection_of(
      device_file_events(), {"Timestamp", "MD5", "FileOriginUrl", "FileOriginReferrerUrl",
                             "InitiatingProcessFileName", "InitiatingProcessParentFileName",
                             "FolderPath", "IsAzureInfoProtectionApplied", "FileSize"});
  const ReadResult rdfe = read_all(dfe, pdfe);
  REQUIRE(rdfe.ok().size() == 1);
  row = rdfe.ok()[0];
  CHECK(row->cells[0].ticks() == ticks_from_civil(2026, 7, 18, 12, 59, 31, 2914446));
  CHECK(text(row, 1) == "2b98391555d04d85bd2fd7ff3c8536e7");
  CHECK(text(row, 2).empty());  // null
  CHECK(text(row, 3).empty());
  CHECK(text(row, 4) == "sdbinst.exe");
  CHECK(text(row, 5) == "svchost.exe");
  CHECK(text(row, 6) == "C:\\Windows\\apppatch\\MergeSdbFiles\\01DA54B25CE0D000.msimain.sdb");
  CHECK(row->cells[7].is_null());
  CHECK(row->cells[8].as_int64() == 3466);
  // With the DeviceEvents projection the same record is of the other table.
  const ReadResult cross = read_all(dfe, pde);
  REQUIRE(cross.rows.size() == 1);
  CHECK(cross.rows[0].decoded.status == Decoded::Status::OtherTable);
  CHECK(cross.rows[0].decoded.table == &device_file_events());
  CHECK(cross.stats.other_table == 0);
}
