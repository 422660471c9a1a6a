#include "huntq/value/schema.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace huntq;

TEST_CASE("schema: DeviceEvents columns in documented order and types", "[schema]") {
  const TableDef& de = device_events();
  REQUIRE(de.name == "DeviceEvents");
  REQUIRE(de.columns.size() == 69);  // 64 documented + 5 of Sentinel's copy
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
  REQUIRE(dfe.columns.size() == 62);
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
  CHECK(de.find("FileOriginReferrerUrl") == nullptr);
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

TEST_CASE("schema: every Defender table from the data file", "[schema]") {
  // shared/research/defender-schemas.tsv: 27 tables, 841 typed columns.
  REQUIRE(known_tables().size() == 27);
  std::size_t columns = 0;
  for (const TableDef* t : known_tables()) {
    CHECK(t->built_in);
    columns += t->columns.size();
  }
  CHECK(columns == 841);
  const TableDef* cloud = find_table("CloudAppEvents");
  REQUIRE(cloud != nullptr);
  CHECK(cloud->find("RawEventData")->type == Type::Dynamic);
  CHECK(cloud->find("ApplicationId")->type == Type::Int);
  CHECK(find_table("DeviceTvmSecureConfigurationAssessment")->find("ConfigurationImpact")->type ==
        Type::Real);
  // Sentinel's copy adds these after Defender's documented columns.
  CHECK(device_events().columns[64].name == "TenantId");
  CHECK(device_events().find("Type")->type == Type::String);
  CHECK(device_file_events().find("TimeGenerated")->type == Type::DateTime);
}

TEST_CASE("schema: tables made at run time from export types", "[schema]") {
  CHECK(type_from_export_name("String") == Type::String);
  CHECK(type_from_export_name("System.DateTime") == Type::DateTime);
  CHECK(type_from_export_name("datetime") == Type::DateTime);
  CHECK(type_from_export_name("Int32") == Type::Int);
  CHECK(type_from_export_name("int") == Type::Int);
  CHECK(type_from_export_name("Int64") == Type::Long);
  CHECK(type_from_export_name("long") == Type::Long);
  CHECK(type_from_export_name("Double") == Type::Real);
  CHECK(type_from_export_name("real") == Type::Real);
  CHECK(type_from_export_name("Boolean") == Type::Bool);
  CHECK(type_from_export_name("bool") == Type::Bool);
  CHECK(type_from_export_name("Object") == Type::Dynamic);
  CHECK(type_from_export_name("dynamic") == Type::Dynamic);
  CHECK(type_from_export_name("Guid") == Type::String);
  CHECK(type_from_export_name("TimeSpan") == Type::TimeSpan);
  CHECK_FALSE(type_from_export_name("Widget").has_value());
  const auto t = make_table("MyTable_CL", {{"Computer", Type::String},
                                           {"Seen [UTC]", Type::DateTime},
                                           {"Extra_string", Type::String},
                                           {"Extra_dynamic", Type::Dynamic}});
  CHECK_FALSE(t->built_in);
  REQUIRE(t->columns.size() == 3);  // the union pair Extra_string / Extra_dynamic is one column
  CHECK(t->columns[1].name == "Seen");
  CHECK(t->find("computer")->type == Type::String);
  CHECK(find_table("MyTable_CL") == nullptr);
}

TEST_CASE("schema: detect_tables picks the table that has the columns", "[schema]") {
  std::string why;
  using V = std::vector<std::string>;
  // FileOriginReferrerUrl and PreviousFileName are DeviceFileEvents-only columns.
  CHECK(table_from_columns(V{"Timestamp", "MD5", "FileOriginReferrerUrl"}, why) ==
        &device_file_events());
  CHECK(table_from_columns(V{"Timestamp", "PreviousFileName"}, why) == &device_file_events());
  CHECK(table_from_columns(V{"Timestamp", "RegistryValueType", "RegistryKey"}, why) ==
        find_table("DeviceRegistryEvents"));
  // A whole DeviceEvents row: only DeviceEvents has every column.
  V de;
  for (const auto& c : device_events().columns) de.push_back(c.name);
  CHECK(table_from_columns(de, why) == &device_events());
  // The joined hunt result: ThreatName is no Defender column, the rest are DeviceFileEvents'.
  CHECK(table_from_columns(V{"Timestamp", "DeviceName", "ThreatName", "FileName", "FolderPath",
                             "MD5", "FileOriginUrl", "FileOriginReferrerUrl",
                             "InitiatingProcessFileName", "InitiatingProcessParentFileName"},
                           why) == &device_file_events());
  // Sentinel's columns are no evidence; union suffixes and " [UTC]" are dropped.
  CHECK(table_from_columns(
            V{"TimeGenerated [UTC]", "Type", "TenantId", "ReportId_long", "PreviousFolderPath"},
            why) == &device_file_events());
}

TEST_CASE("schema: detect_tables refuses ties and weak evidence", "[schema]") {
  std::string why;
  using V = std::vector<std::string>;
  // RegistryKey: DeviceEvents, DeviceRegistryEvents and AlertEvidence all have it.
  CHECK(table_from_columns(V{"Timestamp", "RegistryKey"}, why) == nullptr);
  CHECK(why.find("Timestamp, RegistryKey") != std::string::npos);
  CHECK(why.find("AlertEvidence, DeviceEvents or DeviceRegistryEvents") != std::string::npos);
  CHECK(why.find("--table NAME=PATH") != std::string::npos);
  CHECK(table_from_columns(V{"Timestamp", "MD5", "FileName"}, why) == nullptr);
  // One DeviceRegistryEvents-only column among custom ones is no evidence.
  CHECK(table_from_columns(V{"RegistryValueType", "Foo", "Bar", "Baz"}, why) == nullptr);
  CHECK(why.find("only 1 of 4") != std::string::npos);
  CHECK(table_from_columns(V{"Foo", "Bar"}, why) == nullptr);
  CHECK(why.find("none of them") != std::string::npos);
  CHECK(table_from_columns(V{}, why) == nullptr);
  // A 200 KB column name is not echoed whole.
  CHECK(table_from_columns(V{std::string(200000, 'x')}, why) == nullptr);
  CHECK(why.size() < 400);
}

TEST_CASE("schema: a union export's columns name each of its tables", "[schema]") {
  using V = std::vector<std::string>;
  // union DeviceFileEvents, DeviceRegistryEvents: each has columns the other lacks.
  V cols{"Timestamp",
         "DeviceName",
         "ActionType",
         "FileOriginReferrerUrl",
         "PreviousFileName",
         "SensitivityLabel",
         "RegistryValueType",
         "PreviousRegistryKey",
         "PreviousRegistryValueName"};
  const TableDetection d = detect_tables(cols);
  REQUIRE(d.tables.size() == 2);
  CHECK(d.tables[0] == &device_file_events());
  CHECK(d.tables[1] == find_table("DeviceRegistryEvents"));
  std::string why;
  CHECK(table_from_columns(cols, why) == nullptr);
  CHECK(why.find("mix columns of DeviceFileEvents or DeviceRegistryEvents") != std::string::npos);
}

TEST_CASE("schema: one row of a union export goes to the table of its valued columns", "[schema]") {
  const TableDef* dfe = &device_file_events();
  const TableDef* dre = find_table("DeviceRegistryEvents");
  const TableDef* dpe = find_table("DeviceProcessEvents");
  const std::vector<const TableDef*> file{dfe, dre};
  RowTableVote vote;
  vote.add("Timestamp", true);
  vote.add("ActionType", true);
  vote.add("FileOriginReferrerUrl", true);
  vote.add("RegistryValueType", false);  // "" or null: the other table's column
  CHECK(vote.decide(file).table == dfe);
  vote.clear();
  vote.add("Timestamp", true);
  vote.add("RegistryValueType", true);
  vote.add("FileOriginReferrerUrl", false);
  CHECK(vote.decide(file).table == dre);
  // Only columns both have: undecided, unless the ActionType is one only a tied table writes.
  vote.clear();
  vote.add("Timestamp", true);
  vote.add("DeviceName", true);
  auto r = vote.decide(file);
  CHECK(r.table == nullptr);
  CHECK(r.tied == file);
  vote.set_action_type("FileCreated");
  CHECK(vote.decide(file).table == dfe);
  vote.set_action_type("RegistryValueSet");
  CHECK(vote.decide(file).table == dre);
  // DeviceEvents takes the ActionTypes no other table owns; a tie within the file comes first.
  const std::vector<const TableDef*> de_dpe{&device_events(), dpe};
  vote.clear();
  vote.add("FileName", true);
  vote.add("ProcessCommandLine", true);
  vote.add("InitiatingProcessLogonId", true);
  vote.set_action_type("AntivirusDetection");
  CHECK(vote.decide(de_dpe).table == &device_events());
  vote.set_action_type("ProcessCreated");
  CHECK(vote.decide(de_dpe).table == dpe);
  // A valued column a table lacks counts against it.
  vote.clear();
  vote.add("FileName", true);
  vote.add("ProcessCommandLine", true);
  vote.add("ProcessVersionInfoCompanyName", true);
  CHECK(vote.decide(de_dpe).table == dpe);
}

TEST_CASE("schema: table_from_label and find_table", "[schema]") {
  CHECK(table_from_label("DeviceEvents") == &device_events());
  CHECK(table_from_label("AdvancedHunting-DeviceFileEvents") == &device_file_events());
  CHECK(table_from_label("advancedhunting-deviceevents") == &device_events());
  CHECK(table_from_label("AdvancedHunting-DeviceNetworkEvents") ==
        find_table("DeviceNetworkEvents"));
  CHECK(table_from_label("AdvancedHunting-Widgets") == nullptr);
  CHECK(label_names(device_events(), "AdvancedHunting-DeviceEvents"));
  CHECK(label_names(device_events(), "deviceevents"));
  CHECK_FALSE(label_names(device_events(), "DeviceFileEvents"));
  CHECK(table_from_label("") == nullptr);
  CHECK(find_table("devicefileevents") == &device_file_events());
  CHECK(find_table("AdvancedHunting-DeviceEvents") == nullptr);
  CHECK(find_table("DeviceProcessEvents")->columns.size() == 63);
}
