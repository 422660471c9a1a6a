// Writing result rows: table, CSV, JSON and NDJSON, safe for terminals and spreadsheets.
#pragma once

#include <cstddef>
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

enum class Format { Table, Csv, Json, Ndjson };

/// Parses "table", "csv", "json", "ndjson"; throws huntq::Error otherwise.
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
  bool color = false;  ///< table only: header emphasis with SGR codes (only on a TTY)
  bool csv_formula_guard =
      true;  ///< prefix cells starting = + - @ TAB CR (and full-width ＝＋－＠) with '
};

/// Streams rows to `out` through its own buffer (flushed in large fwrite calls and at finish(),
/// which throws huntq::Error if the output cannot be written). The table format buffers rows until
/// finish() to size its columns. row() throws huntq::Error if the cell count differs from
/// begin()'s.
///
/// Per-type rendering: table and CSV print every cell's text (CSV skips the formula guard for
/// Int/Long/Real cells whose text is a plain number, so -1 stays a number); JSON prints
/// Int/Long/Real as numbers when the text is a JSON number (else as a string, e.g. "NaN"), Bool as
/// true/false (text true/True/1 or false/False/0), Dynamic as its JSON text, and the rest as
/// strings.
class RowWriter {
 public:
  virtual ~RowWriter() = default;
  virtual void begin(std::span<const Column> columns) = 0;
  virtual void row(std::span<const Cell> cells) = 0;
  virtual void finish() = 0;
};

std::unique_ptr<RowWriter> make_writer(Format format, std::FILE* out, const WriterOptions& options);

/// Widest a table cell may be, in display columns; longer cells end in "…".
inline constexpr std::size_t kMaxTableCellWidth = 60;

// escape_for_terminal() lives in terminal_text.h; JSON strings are huntq::json_quote().

}  // namespace huntq::output
