// The tables huntq reads: Defender's advanced-hunting tables, loaded once from a data file
// compiled in (src/value/defender_schemas.tsv), and tables made at run time for anything else.
// Also the rules that tell a record's table from its column names (formats.md §0.2).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/value/value.h"

namespace huntq {

struct ColumnDef {
  std::string name;
  Type type = Type::String;
};

/// A table: one of Defender's advanced-hunting tables (built in, typed as Defender types them),
/// or one made at run time for a table outside that list (a Sentinel or custom table).
struct TableDef {
  std::string name;
  std::vector<ColumnDef> columns;
  bool built_in = false;

  /// The column with this (normalised, case-insensitive) name, or nullptr.
  const ColumnDef* find(std::string_view name) const;
};

const TableDef& device_events();
const TableDef& device_file_events();
/// A built-in table by exact name, in any letter case (DeviceEvents, devicefileevents, ...).
const TableDef* find_table(std::string_view name);
/// The 27 built-in tables, in the data file's order.
std::span<const TableDef* const> known_tables();

/// A table made at run time, e.g. from the columns and types of an export (`--table Name=PATH`
/// for a table outside the built-in list). Column names are kept as given.
std::shared_ptr<const TableDef> make_table(std::string name, std::vector<ColumnDef> columns);

/// A column type as exports spell it: Kusto's names (string, datetime, int, long, real, bool,
/// dynamic, guid, timespan) and .NET's (String, DateTime, Int32, Int64, Double, Boolean, Object,
/// Guid, TimeSpan, with or without "System."), in any letter case. Guid reads as a string.
std::optional<Type> type_from_export_name(std::string_view name);

/// Column-name normalisation (formats.md §0.2): strips a trailing " [UTC]" and Kusto union
/// suffixes "_long", "_string", "_dynamic" (and the other type names Kusto uses). Case is kept;
/// compare with iequals.
std::string_view normalise_column_name(std::string_view name);

bool iequals(std::string_view a, std::string_view b) noexcept;

/// Built-in table named by a `Type` value ("DeviceEvents") or a streaming `category`
/// ("AdvancedHunting-DeviceEvents"), or nullptr.
const TableDef* table_from_label(std::string_view label);
/// True when a `Type` / `category` value names `table` (built in or not).
bool label_names(const TableDef& table, std::string_view label);

/// Which tables a file's column names (a header, a declared schema, or the keys of its first
/// records) come from. One table: every row is that table's. Several: the file mixes rows of
/// those tables (a `union` export) and each row is told apart by its own columns (RowTableVote).
/// None: `why` says what is missing and asks for --table.
///
/// Rule: keys that no table has, and Sentinel's TenantId / TimeGenerated / SourceSystem / Type /
/// MachineGroup and `_` columns, are no evidence. If exactly one table has every remaining
/// column, that table (ties: an error). Otherwise the tables that explain the columns, greedily:
/// the table with the most of them first, then each table that explains 3 or more of those
/// still unexplained. The first table must explain at least half of all columns. Tables tied
/// on the columns are told apart by the rows' ActionType values (`action_types`, as sampled):
/// the one table whose ActionTypes they all are (FileCreated -> DeviceFileEvents,
/// ProcessCreated -> DeviceProcessEvents, ...; values no such table owns -> DeviceEvents).
struct TableDetection {
  std::vector<const TableDef*> tables;
  std::string why;
};
TableDetection detect_tables(std::span<const std::string> columns,
                             std::span<const std::string> action_types = {});

/// detect_tables() for callers that want one table: nullptr (with `why`) unless exactly one.
const TableDef* table_from_columns(std::span<const std::string> columns, std::string& why);

/// Tells one row's table in a file of several tables' rows without a `Type` column. A union
/// export writes "" or null in the columns of the other tables, so only columns with a value
/// are evidence. Rule: the table with the most of the row's valued columns minus the valued
/// columns it lacks; ties go to a table of the file (`file_tables`), then to the table whose
/// ActionType values the row's ActionType is (FileCreated -> DeviceFileEvents, ...), then to
/// DeviceEvents (whose ActionTypes are open-ended); otherwise the row is undecided.
class RowTableVote {
 public:
  void clear();
  /// A column of the row; `has_value` is false for null and "".
  void add(std::string_view column, bool has_value);
  void set_action_type(std::string_view action_type) { action_type_.assign(action_type); }

  struct Result {
    const TableDef* table = nullptr;  ///< nullptr: undecided
    std::vector<const TableDef*> tied;
  };
  Result decide(std::span<const TableDef* const> file_tables) const;

 private:
  std::vector<std::uint32_t> seen_;  // column ids already counted
  std::vector<std::uint32_t> strong_masks_;
  std::string action_type_;
  std::string lower_;
};

}  // namespace huntq
