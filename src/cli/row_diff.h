// Comparing a hunt's rows with the expected ones, both as `huntq run --format csv|ndjson` writes
// them, and describing the difference the way a person reads it: rows missing, rows extra, and
// rows that changed only in some cells.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace huntq::cli {

enum class RowFormat { Csv, Ndjson };

/// Rows read back from writer output: the column names and each row's cells.
struct RowTable {
  RowFormat format = RowFormat::Csv;
  bool has_columns = false;  ///< false for NDJSON without rows: nothing tells the columns
  std::vector<std::string> columns;
  struct Row {
    /// CSV: the field's text unquoted. NDJSON: the value's JSON text, minified (so `1.0` and
    /// `1.00`, or `"a"` written with and without escapes, are the same cell).
    std::vector<std::string> cells;
    std::string text;        ///< the record as written (no line end), for showing it
    std::uint64_t line = 0;  ///< the line it starts on (the header is line 1 in CSV)
  };
  std::vector<Row> rows;
};

/// Reads RFC 4180 CSV (CRLF or LF line ends, an optional UTF-8 BOM): a header, then rows with
/// as many fields. Throws huntq::Error naming file:line for an unclosed quote or a row with a
/// different number of fields than the header.
RowTable read_csv_rows(std::string_view text, const std::string& file);

/// Reads NDJSON: one JSON object per line (blank lines skipped); the columns are the first
/// object's keys, and every object must have exactly those keys, in any order. Throws
/// huntq::Error naming file:line otherwise.
RowTable read_ndjson_rows(std::string_view text, const std::string& file);

struct RowDiff {
  bool equal = true;
  /// One line: what differs ("2 rows missing, 1 changed"), empty when equal.
  std::string summary;
  /// The difference, several lines each ending in '\n', indented by `indent`; every cell and row
  /// shown escaped for the terminal (terminal_text.h) and cut short when long.
  std::string details;
};

struct RowDiffOptions {
  /// Compare in order (the hunt sorts); otherwise as a multiset.
  bool ordered = false;
  /// How the expected rows are named in the diff ("expected.csv": rows show as expected.csv:LINE).
  std::string expected_name = "expected";
  std::string indent = "    ";
  std::size_t max_shown = 20;  ///< rows shown per section before "… and N more"
};

/// Compares on the columns both sides have (a column difference is itself reported). Rows that
/// are missing and extra but share at least half their cells are shown as one changed row, with
/// the cells that changed.
RowDiff diff_rows(const RowTable& expected, const RowTable& actual, const RowDiffOptions& options);

/// A row as a diff shows it: its text escaped for the terminal, cut after `max_columns`.
std::string shown_row(const RowTable::Row& row, std::size_t max_columns = 400);

}  // namespace huntq::cli
