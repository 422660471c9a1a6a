// Writing result rows: table, vertical, CSV, JSON and NDJSON, safe for terminals and spreadsheets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/output/csv_field.h"
#include "huntq/output/json_string.h"
#include "huntq/output/terminal_text.h"
#include "huntq/value/value.h"

namespace huntq::output {

enum class Format { Table, Vertical, Csv, Json, Ndjson };

/// Parses "table", "vertical", "csv", "json", "ndjson" in any letter case; otherwise throws
/// huntq::Error listing them, with a "did you mean" when one is a typo or two away.
Format parse_format(std::string_view name);

struct Column {
  std::string name;
  Type type = Type::String;
};

/// One cell, already rendered to text (datetimes as ISO 8601). `null` cells print as empty in
/// table and CSV, and as JSON null.
struct Cell {
  std::string_view text;
  bool null = false;
};

struct WriterOptions {
  /// table/vertical: bold header or names, and marks (see terminal_text.h) in reverse video.
  bool color = false;
  /// csv: prefix cells starting = + - @ TAB CR (and full-width ＝＋－＠) with '.
  bool csv_formula_guard = true;
  /// table: the terminal's width in columns, to fit the table into; 0 = not a terminal (nothing
  /// is cut then).
  std::size_t terminal_width = 0;
  /// table: print every cell whole even on a terminal.
  bool wide = false;
  /// csv/json/ndjson: the output is a terminal, so show it safely rather than byte-exact: CSV
  /// shows control and invisible characters as marks like the table, JSON escapes them all as
  /// \uXXXX (still valid JSON, same values).
  bool to_terminal = false;
};

/// What a writer had to change in the data it wrote, for the run summary. Only data-changing
/// repairs count as changed: showing a character as a mark on a terminal changes nothing.
struct WriterReport {
  std::uint64_t cells_changed = 0;  ///< cells written differently from their text (any reason)
  /// CSV to a file: cells with NUL bytes, written as U+FFFD (spreadsheet tools cut text at NUL).
  std::uint64_t cells_with_nul = 0;
  /// CSV to a file: cells with invalid UTF-8, each bad byte written as U+FFFD.
  std::uint64_t cells_with_invalid_utf8 = 0;
  /// table on a terminal: cells shortened with "…" to fit the width, and columns left out
  /// because not even a few characters of each fit (the table then ends with a "…" column).
  /// Display limits, not changes to data: the summary can point to --wide or --format vertical.
  std::uint64_t cells_elided = 0;
  std::size_t hidden_columns = 0;
};

/// Streams rows to `out` through its own buffer (flushed in large fwrite calls and at finish(),
/// which throws huntq::Error if the output cannot be written). The table format buffers rows until
/// finish() to size its columns. row() throws huntq::Error if the cell count differs from
/// begin()'s.
///
/// Table: columns two spaces apart, a dashed line under the header, every cell escaped for the
/// terminal (terminal_text.h). On a terminal (terminal_width > 0, not wide) the table fits the
/// width: see fit_columns() and elide_cell(); otherwise every cell prints whole.
/// Vertical: for each row a "-[ RECORD n ]-" line (n from 1), then one "Name: value" line per
/// column, names right-aligned to the longest; values whole and escaped like the table's.
///
/// Per-type rendering: table, vertical and CSV print every cell's text (CSV skips the formula guard
/// for Int/Long/Real cells whose text is a plain number, so -1 stays a number); JSON prints
/// Int/Long/Real as numbers when the text is a JSON number (else as a string, e.g. "NaN"), Bool as
/// true/false (text true/True/1 or false/False/0), Dynamic as its JSON text, and the rest as
/// strings.
class RowWriter {
 public:
  virtual ~RowWriter() = default;
  virtual void begin(std::span<const Column> columns) = 0;
  virtual void row(std::span<const Cell> cells) = 0;
  virtual void finish() = 0;
  /// Valid after finish().
  virtual WriterReport report() const { return {}; }
};

std::unique_ptr<RowWriter> make_writer(Format format, std::FILE* out, const WriterOptions& options);

// escape_for_terminal() lives in terminal_text.h; JSON strings are huntq::json_quote().

}  // namespace huntq::output
