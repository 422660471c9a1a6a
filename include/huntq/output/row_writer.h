// Writing result rows: table, CSV, JSON and NDJSON, safe for terminals and spreadsheets.
#pragma once

#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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
  bool color = false;          ///< table only: header emphasis with SGR codes (only on a TTY)
  bool csv_formula_guard = true;  ///< prefix cells starting = + - @ TAB CR (and full-width ＝＋－＠) with '
};

/// Streams rows to `out`. The table format buffers rows until finish() to size its columns.
class RowWriter {
 public:
  virtual ~RowWriter() = default;
  virtual void begin(std::span<const Column> columns) = 0;
  virtual void row(std::span<const Cell> cells) = 0;
  virtual void finish() = 0;
};

std::unique_ptr<RowWriter> make_writer(Format format, std::FILE* out, const WriterOptions& options);

/// Text made safe to show on a terminal: C0/C1 controls, DEL, and invalid UTF-8 are escaped
/// (\n, \t, \r, \e, \xNN, \u{NNNN}); a backslash becomes "\\" so escapes are unambiguous.
std::string escape_for_terminal(std::string_view text);

}  // namespace huntq::output
