#include "huntq/value/schema.h"

#include <array>

#include "fmt/format.h"

namespace huntq {
namespace {

constexpr auto S = Type::String;
constexpr auto D = Type::DateTime;
constexpr auto L = Type::Long;
constexpr auto I = Type::Int;
constexpr auto B = Type::Bool;

// formats.md §1.2, in documented order.
constexpr std::array<ColumnDef, 64> kDeviceEvents{{
    {"Timestamp", D},
    {"DeviceId", S},
    {"DeviceName", S},
    {"ActionType", S},
    {"FileName", S},
    {"FolderPath", S},
    {"SHA1", S},
    {"SHA256", S},
    {"MD5", S},
    {"FileSize", L},
    {"AccountDomain", S},
    {"AccountName", S},
    {"AccountSid", S},
    {"RemoteUrl", S},
    {"RemoteDeviceName", S},
    {"ProcessId", L},
    {"ProcessCommandLine", S},
    {"ProcessCreationTime", D},
    {"ProcessTokenElevation", S},
    {"LogonId", L},
    {"RegistryKey", S},
    {"RegistryValueName", S},
    {"RegistryValueData", S},
    {"RemoteIP", S},
    {"RemotePort", I},
    {"LocalIP", S},
    {"LocalPort", I},
    {"FileOriginUrl", S},
    {"FileOriginIP", S},
    {"InitiatingProcessSHA1", S},
    {"InitiatingProcessSHA256", S},
    {"InitiatingProcessMD5", S},
    {"InitiatingProcessFileName", S},
    {"InitiatingProcessFileSize", L},
    {"InitiatingProcessFolderPath", S},
    {"InitiatingProcessId", L},
    {"InitiatingProcessCommandLine", S},
    {"InitiatingProcessCreationTime", D},
    {"InitiatingProcessAccountDomain", S},
    {"InitiatingProcessAccountName", S},
    {"InitiatingProcessAccountSid", S},
    {"InitiatingProcessAccountUpn", S},
    {"InitiatingProcessAccountObjectId", S},
    {"InitiatingProcessVersionInfoCompanyName", S},
    {"InitiatingProcessVersionInfoProductName", S},
    {"InitiatingProcessVersionInfoProductVersion", S},
    {"InitiatingProcessVersionInfoInternalFileName", S},
    {"InitiatingProcessVersionInfoOriginalFileName", S},
    {"InitiatingProcessVersionInfoFileDescription", S},
    {"InitiatingProcessParentId", L},
    {"InitiatingProcessParentFileName", S},
    {"InitiatingProcessParentCreationTime", D},
    {"InitiatingProcessLogonId", L},
    {"ReportId", L},
    {"AppGuardContainerId", S},
    {"AdditionalFields", S},
    {"InitiatingProcessSessionId", L},
    {"IsInitiatingProcessRemoteSession", B},
    {"InitiatingProcessRemoteSessionDeviceName", S},
    {"InitiatingProcessRemoteSessionIP", S},
    {"CreatedProcessSessionId", L},
    {"IsProcessRemoteSession", B},
    {"ProcessRemoteSessionDeviceName", S},
    {"ProcessRemoteSessionIP", S},
}};

// formats.md §1.3, in documented order.
constexpr std::array<ColumnDef, 57> kDeviceFileEvents{{
    {"Timestamp", D},
    {"DeviceId", S},
    {"DeviceName", S},
    {"ActionType", S},
    {"FileName", S},
    {"FolderPath", S},
    {"SHA1", S},
    {"SHA256", S},
    {"MD5", S},
    {"FileOriginUrl", S},
    {"FileOriginReferrerUrl", S},
    {"FileOriginIP", S},
    {"PreviousFolderPath", S},
    {"PreviousFileName", S},
    {"FileSize", L},
    {"InitiatingProcessAccountDomain", S},
    {"InitiatingProcessAccountName", S},
    {"InitiatingProcessAccountSid", S},
    {"InitiatingProcessAccountUpn", S},
    {"InitiatingProcessAccountObjectId", S},
    {"InitiatingProcessMD5", S},
    {"InitiatingProcessSHA1", S},
    {"InitiatingProcessSHA256", S},
    {"InitiatingProcessFolderPath", S},
    {"InitiatingProcessFileName", S},
    {"InitiatingProcessFileSize", L},
    {"InitiatingProcessVersionInfoCompanyName", S},
    {"InitiatingProcessVersionInfoProductName", S},
    {"InitiatingProcessVersionInfoProductVersion", S},
    {"InitiatingProcessVersionInfoInternalFileName", S},
    {"InitiatingProcessVersionInfoOriginalFileName", S},
    {"InitiatingProcessVersionInfoFileDescription", S},
    {"InitiatingProcessId", L},
    {"InitiatingProcessCommandLine", S},
    {"InitiatingProcessCreationTime", D},
    {"InitiatingProcessIntegrityLevel", S},
    {"InitiatingProcessTokenElevation", S},
    {"InitiatingProcessParentId", L},
    {"InitiatingProcessParentFileName", S},
    {"InitiatingProcessParentCreationTime", D},
    {"RequestProtocol", S},
    {"RequestSourceIP", S},
    {"RequestSourcePort", I},
    {"RequestAccountName", S},
    {"RequestAccountDomain", S},
    {"RequestAccountSid", S},
    {"ShareName", S},
    {"SensitivityLabel", S},
    {"SensitivitySubLabel", S},
    {"IsAzureInfoProtectionApplied", B},
    {"ReportId", L},
    {"AppGuardContainerId", S},
    {"AdditionalFields", S},
    {"InitiatingProcessSessionId", L},
    {"IsInitiatingProcessRemoteSession", B},
    {"InitiatingProcessRemoteSessionDeviceName", S},
    {"InitiatingProcessRemoteSessionIP", S},
}};

const TableDef kDeviceEventsTable{"DeviceEvents", kDeviceEvents};
const TableDef kDeviceFileEventsTable{"DeviceFileEvents", kDeviceFileEvents};
constexpr std::array<const TableDef*, 2> kKnownTables{&kDeviceEventsTable, &kDeviceFileEventsTable};

bool ends_with_icase(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// Documented for DeviceFileEvents only, yet real DeviceEvents exports carry them too (the dafneb
// portal CSV does), so they tell nothing.
bool is_weak_marker(std::string_view c) {
  return iequals(c, "InitiatingProcessIntegrityLevel") ||
         iequals(c, "InitiatingProcessTokenElevation");
}

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

}  // namespace

const ColumnDef* TableDef::find(std::string_view wanted) const {
  const std::string_view n = normalise_column_name(wanted);
  for (const ColumnDef& c : columns) {
    if (iequals(c.name, n)) return &c;
  }
  return nullptr;
}

const TableDef& device_events() {
  return kDeviceEventsTable;
}
const TableDef& device_file_events() {
  return kDeviceFileEventsTable;
}

const TableDef* find_table(std::string_view name) {
  for (const TableDef* t : kKnownTables) {
    if (iequals(t->name, name)) return t;
  }
  return nullptr;
}

std::span<const TableDef* const> known_tables() {
  return kKnownTables;
}

std::string_view normalise_column_name(std::string_view name) {
  if (ends_with_icase(name, " [UTC]")) name.remove_suffix(6);
  // Kusto union renames clashing columns Name_long / Name_string / Name_dynamic.
  static constexpr std::string_view kUnionSuffixes[] = {"_long", "_string", "_dynamic"};
  for (std::string_view suffix : kUnionSuffixes) {
    if (ends_with_icase(name, suffix)) {
      name.remove_suffix(suffix.size());
      break;
    }
  }
  return name;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

const TableDef* table_from_columns(std::span<const std::string> columns, std::string& why) {
  const TableDef& de = device_events();
  const TableDef& dfe = device_file_events();
  bool de_only = false, dfe_only = false;
  bool action_type = false, additional_fields = false, referrer = false;
  for (const std::string& raw : columns) {
    const std::string_view c = normalise_column_name(raw);
    const bool in_de = de.find(c) != nullptr;
    const bool in_dfe = dfe.find(c) != nullptr;
    if (!is_weak_marker(c)) {
      if (in_de && !in_dfe) de_only = true;
      if (in_dfe && !in_de) dfe_only = true;
    }
    if (iequals(c, "ActionType")) action_type = true;
    if (iequals(c, "AdditionalFields")) additional_fields = true;
    if (iequals(c, "FileOriginReferrerUrl")) referrer = true;
  }
  if (de_only && !dfe_only) return &de;
  if (dfe_only && !de_only) return &dfe;
  if (!de_only && !dfe_only && action_type && additional_fields && !referrer) return &de;

  std::string seen;
  const std::size_t shown = std::min<std::size_t>(columns.size(), 12);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i) seen += ", ";
    seen += columns[i];
  }
  if (shown < columns.size()) seen += fmt::format(", ... ({} columns)", columns.size());
  if (columns.empty()) seen = "no columns";
  why = fmt::format(
      "cannot tell the table from the columns ({}{}); pass --table DeviceEvents or "
      "--table DeviceFileEvents",
      seen,
      de_only && dfe_only ? "; they mix DeviceEvents-only and DeviceFileEvents-only columns" : "");
  return nullptr;
}

const TableDef* table_from_label(std::string_view label) {
  constexpr std::string_view prefix = "AdvancedHunting-";
  if (label.size() > prefix.size() && iequals(label.substr(0, prefix.size()), prefix)) {
    label.remove_prefix(prefix.size());
  }
  return find_table(label);
}

}  // namespace huntq
