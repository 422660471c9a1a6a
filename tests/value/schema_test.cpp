#include "huntq/value/schema.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace huntq;

TEST_CASE("schema: DeviceEvents columns in documented order and types", "[schema]") {
  const TableDef& de = device_events();
  REQUIRE(de.name == "DeviceEvents");
  REQUIRE(de.columns.size() == 64);
  CHECK(de.columns[0].name == "Timestamp");
  CHECK(de.columns[0].type == Type::DateTime);
  CHECK(de.columns[3].name == "ActionType");
  CHECK(de.columns[8].name == "MD5");
  CHECK(de.columns[9].name == "FileSize");
  CHECK(de.columns[9].type == Type::Long);
  CHECK(de.columns[24].name == "RemotePort");
  CHECK(de.columns[24].type == Type::Int);
  CHECK(de.columns[55].name == "AdditionalFields");
  CHECK(de.columns[55].type == Type::String);
  CHECK(de.columns[57].name == "IsInitiatingProcessRemoteSession");
  CHECK(de.columns[57].type == Type::Bool);
  CHECK(de.columns[63].name == "ProcessRemoteSessionIP");
  CHECK(de.find("FileOriginReferrerUrl") == nullptr);
}

TEST_CASE("schema: DeviceFileEvents columns in documented order and types", "[schema]") {
  const TableDef& dfe = device_file_events();
  REQUIRE(dfe.name == "DeviceFileEvents");
  REQUIRE(dfe.columns.size() == 57);
  CHECK(dfe.columns[10].name == "FileOriginReferrerUrl");
  CHECK(dfe.columns[14].name == "FileSize");
  CHECK(dfe.columns[38].name == "InitiatingProcessParentFileName");
  CHECK(dfe.columns[42].type == Type::Int);  // RequestSourcePort
  CHECK(dfe.columns[49].name == "IsAzureInfoProtectionApplied");
  CHECK(dfe.columns[49].type == Type::Bool);
  CHECK(dfe.columns[56].name == "InitiatingProcessRemoteSessionIP");
}

TEST_CASE("schema: find matches normalised names in any case", "[schema]") {
  const TableDef& de = device_events();
  REQUIRE(de.find("md5") != nullptr);
  CHECK(de.find("md5")->name == "MD5");
  CHECK(de.find("Timestamp [UTC]")->name == "Timestamp");
  CHECK(de.find("ReportId_long")->type == Type::Long);
  CHECK(de.find("AdditionalFields_dynamic")->name == "AdditionalFields");
  CHECK(de.find("TimeGenerated") == nullptr);
}

TEST_CASE("schema: normalise_column_name", "[schema]") {
  CHECK(normalise_column_name("Timestamp [UTC]") == "Timestamp");
  CHECK(normalise_column_name("TimeGenerated [utc]") == "TimeGenerated");
  CHECK(normalise_column_name("ReportId_long") == "ReportId");
  CHECK(normalise_column_name("AdditionalFields_string") == "AdditionalFields");
  CHECK(normalise_column_name("UserAgent_dynamic") == "UserAgent");
  CHECK(normalise_column_name("MD5") == "MD5");
  CHECK(normalise_column_name("_long") == "_long");  // nothing left: kept
}

TEST_CASE("schema: iequals is ASCII case-insensitive", "[schema]") {
  CHECK(iequals("DeviceEvents", "deviceevents"));
  CHECK_FALSE(iequals("DeviceEvents", "DeviceEvent"));
  CHECK_FALSE(iequals("a", "b"));
  CHECK(iequals("", ""));
}

TEST_CASE("schema: table_from_columns", "[schema]") {
  std::string why;
  using V = std::vector<std::string>;
  CHECK(table_from_columns(V{"Timestamp", "MD5", "FileOriginReferrerUrl"}, why) ==
        &device_file_events());
  CHECK(table_from_columns(V{"Timestamp", "PreviousFileName"}, why) == &device_file_events());
  CHECK(table_from_columns(V{"Timestamp", "RegistryKey"}, why) == &device_events());
  CHECK(table_from_columns(V{"ProcessCommandLine"}, why) == &device_events());
  CHECK(table_from_columns(V{"RemoteUrl", "TimeGenerated", "Type", "TenantId"}, why) ==
        &device_events());
  CHECK(table_from_columns(V{"LocalIP"}, why) == &device_events());
  CHECK(table_from_columns(V{"accountname"}, why) == &device_events());
  // No table-only column: ActionType + AdditionalFields without FileOriginReferrerUrl.
  CHECK(table_from_columns(V{"Timestamp", "ActionType", "AdditionalFields_string", "MD5"}, why) ==
        &device_events());
  // The joined hunt result: FileOriginReferrerUrl decides.
  CHECK(table_from_columns(V{"Timestamp", "DeviceName", "ThreatName", "FileName", "FolderPath",
                             "MD5", "FileOriginUrl", "FileOriginReferrerUrl",
                             "InitiatingProcessFileName", "InitiatingProcessParentFileName"},
                           why) == &device_file_events());
  // The dafneb portal export carries InitiatingProcessIntegrityLevel (documented for DFE only)
  // next to DeviceEvents-only columns: it is DeviceEvents.
  CHECK(table_from_columns(V{"Timestamp", "ActionType", "InitiatingProcessIntegrityLevel",
                             "InitiatingProcessTokenElevation", "RegistryKey"},
                           why) == &device_events());

  why.clear();
  CHECK(table_from_columns(V{"Timestamp", "MD5", "FileName"}, why) == nullptr);
  CHECK(why.find("Timestamp, MD5, FileName") != std::string::npos);
  CHECK(why.find("--table") != std::string::npos);
  why.clear();
  CHECK(table_from_columns(V{"RegistryKey", "PreviousFileName"}, why) == nullptr);
  CHECK(why.find("mix") != std::string::npos);
  CHECK(table_from_columns(V{}, why) == nullptr);
}

TEST_CASE("schema: table_from_label and find_table", "[schema]") {
  CHECK(table_from_label("DeviceEvents") == &device_events());
  CHECK(table_from_label("AdvancedHunting-DeviceFileEvents") == &device_file_events());
  CHECK(table_from_label("advancedhunting-deviceevents") == &device_events());
  CHECK(table_from_label("AdvancedHunting-DeviceNetworkEvents") == nullptr);
  CHECK(table_from_label("") == nullptr);
  CHECK(find_table("devicefileevents") == &device_file_events());
  CHECK(find_table("AdvancedHunting-DeviceEvents") == nullptr);
  REQUIRE(known_tables().size() == 2);
  CHECK(known_tables()[0] == &device_events());
}
