// The Defender advanced-hunting tables huntq reads (formats.md §1), and column-name rules.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/value/value.h"

namespace huntq {

struct ColumnDef {
  std::string_view name;
  Type type;
};

/// A table of the Defender advanced-hunting schema.
struct TableDef {
  std::string_view name;
  std::span<const ColumnDef> columns;

  /// The column with this (normalised, case-insensitive) name, or nullptr.
  const ColumnDef* find(std::string_view name) const;
};

const TableDef& device_events();
const TableDef& device_file_events();
/// The tables huntq knows, by exact name (case-insensitive): DeviceEvents, DeviceFileEvents.
const TableDef* find_table(std::string_view name);
std::span<const TableDef* const> known_tables();

/// Column-name normalisation (formats.md §0.2): strips a trailing " [UTC]" and Kusto union
/// suffixes "_long", "_string", "_dynamic". Case is kept; compare with iequals.
std::string_view normalise_column_name(std::string_view name);

bool iequals(std::string_view a, std::string_view b) noexcept;

/// Tells a table from the column names of a row (never from a file name). Rule: a `Type` or
/// `category` value is handled by the reader; here, columns that only one of the tables has
/// decide; with none of those, a row that has the DeviceEvents-only hunt column ActionType and
/// AdditionalFields but no FileOriginReferrerUrl is DeviceEvents. Returns nullptr with `why` set.
const TableDef* table_from_columns(std::span<const std::string> columns, std::string& why);

/// Table named by a `Type` value ("DeviceEvents") or a streaming `category`
/// ("AdvancedHunting-DeviceEvents"); nullptr if it is not one huntq knows.
const TableDef* table_from_label(std::string_view label);

}  // namespace huntq
