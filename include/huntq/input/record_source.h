// Reading inputs: every export shape is one small reader behind this interface.
//
// A RecordSource walks the records of one input file (or of one byte range of it, for shapes that
// can be split between threads). The scan looks at each record's raw bytes first (the literal
// pre-filter) and decodes only the records that may match, and only the columns it needs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/value/schema.h"
#include "huntq/value/value.h"

namespace huntq::input {

/// How to read values the ISO parser does not take (locale-formatted portal CSV times).
struct InputOptions {
  /// strptime-like: %d %m %Y %y %H %I %M %S %f %p and literal characters, e.g.
  /// "%d/%m/%Y, %I:%M:%S.%f %p". Empty: only ISO 8601 (T-DT-2) is accepted.
  std::string time_format;
  /// The zone of such local times: UTC = local - offset (e.g. +60 for UTC+01:00).
  int time_zone_offset_minutes = 0;
  /// Reader buffer: initial size, and the longest record read before it is reported malformed.
  std::size_t buffer_bytes = std::size_t{4} << 20;
  std::size_t max_record_bytes = std::size_t{256} << 20;
  /// Standard input and other inputs without a size (pipes, FIFOs, devices) are copied to an
  /// unlinked temporary file, since they are read more than once. At most this many bytes; 0:
  /// as much as leaves 1 GiB and 5% of the temporary folder's file system free.
  std::uint64_t max_spool_bytes = 0;
};

/// Throws huntq::Error when an option is out of range (e.g. a time-zone offset past 24 hours).
void check_input_options(const InputOptions& options);

/// Per-source counters for the run summary. Each record is counted once, however many times it
/// is decoded; merge() adds the counters of several sources (or byte ranges) of one file.
/// `malformed` counts what the reader itself rejects (too long, wrong CSV field count,
/// unterminated quote) and what decode() finds; a record the pre-filter never decodes is not
/// checked. `other_table` counts only tables huntq does not read: a DeviceFileEvents record
/// decoded with a DeviceEvents projection is OtherTable but is meant to be decoded again.
struct SourceStats {
  std::uint64_t records = 0;        ///< records found (good, malformed and of other tables)
  std::uint64_t malformed = 0;      ///< records the reader or decode() found broken
  std::uint64_t other_table = 0;    ///< records of no built-in table (unknown label, undecided)
  std::uint64_t bad_datetimes = 0;  ///< datetime cells that could not be parsed (null)
  std::vector<std::string> first_reasons;        ///< up to 5, "file:line[:col]: why"
  std::vector<std::string> first_bad_datetimes;  ///< up to 5, "file:line: Timestamp 'x' ..."
  static constexpr std::size_t kMaxReasons = 5;

  /// Records per table, as next() told each record's table (the file's table, its Type or
  /// category, or its columns), whether or not the scan decoded it; records found malformed are
  /// taken off again. A label naming no built-in table counts under the label as written; a row
  /// whose columns fit several tables equally under "undecided (A or B)".
  struct TableCount {
    std::string table;
    std::uint64_t records = 0;
    bool known = false;  ///< a built-in (or --table) table, readable by a scan
  };
  std::vector<TableCount> tables;  ///< in order of first appearance

  void merge(const SourceStats& other);
  /// Adds `delta` records to `table`'s count; returns its index in `tables`.
  std::size_t count_table(std::string_view table, bool known, std::int64_t delta,
                          std::size_t hint = SIZE_MAX);
};

/// The container shapes of formats.md §2.
enum class Shape : std::uint8_t {
  Ndjson,            ///< one row object per line (LF/CRLF, optional BOM)
  JsonArray,         ///< one top-level array of row objects
  ApiResponse,       ///< {"Stats":..,"Schema":[..],"Results":[..]} or Graph {"schema","results"}
  StreamingRecords,  ///< streaming API records, one per line, row in "properties"
  StreamingWrapped,  ///< {"records":[..]} of streaming API records
  LogAnalytics,      ///< {"tables":[{"name","columns":[..],"rows":[[..]]}]}
  Csv,               ///< portal CSV export (RFC 4180)
  StreamingArray,    ///< one top-level array of streaming API records
  JsonObjects,       ///< row objects, pretty-printed or run together (jq's output), not per line
  StreamingObjects,  ///< streaming API records, pretty-printed or run together
};
std::string_view shape_name(Shape s);
/// True for the shapes whose records are streaming API envelopes (row in "properties").
bool is_streaming(Shape s);

/// Text encodings read besides UTF-8: UTF-16 with a byte-order mark is turned into UTF-8.
enum class Encoding : std::uint8_t { Utf8, Utf16LE, Utf16BE };

/// How each record's table is told.
enum class Routing : std::uint8_t {
  File,     ///< every record is InputInfo::table's
  Label,    ///< each record's Type or streaming category; one without uses its columns
  Columns,  ///< each record's valued columns (RowTableVote), for a `union` export with no Type
};

/// How text may hide a literal from a byte search: JSON may escape any character as \uXXXX,
/// CSV only doubles quotes. The literal pre-filter needs to know.
enum class Escaping : std::uint8_t { Json, Csv };

/// One record as found in the input. `bytes` stays valid until the next call to next(), and
/// SIMDJSON_PADDING bytes after its end are readable (the readers allocate with padding).
struct RawRecord {
  std::string_view bytes;
  /// 1-based line where the record starts; 0 (not yet known) in a byte range that does not start
  /// at 0: current_line() works it out when asked.
  std::uint64_t line = 0;
  std::uint64_t offset = 0;  ///< byte offset in the file where the record starts (its order key)
};

/// The columns a scan wants from a table, in slot order, typed by the table schema.
struct Projection {
  const TableDef* table = nullptr;
  std::vector<ColumnDef> columns;
};

/// What decode() found.
struct Decoded {
  enum class Status : std::uint8_t {
    Ok,          ///< `out` holds the projected cells; `table` is the record's table
    OtherTable,  ///< a well-formed record of another table (e.g. streaming category); not an error
    Malformed,   ///< `why` says what was wrong; `column` is 1-based within the line, or 0
  };
  Status status = Status::Ok;
  const TableDef* table = nullptr;
  std::string why;
  std::uint64_t column = 0;
};

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  /// Advances to the next record; false at the end. Throws huntq::Error when the file itself is
  /// broken past recovery (e.g. truncated mid-array), naming file and line.
  virtual bool next() = 0;
  virtual const RawRecord& record() const = 0;
  /// Decodes the projected columns of the current record into `out` (resized to the projection).
  /// A missing or null string cell is "", any other missing cell is null (T-2). Values are typed
  /// from the projection, never from the data (T-3).
  virtual Decoded decode(const Projection& projection, std::vector<Value>& out) = 0;
  virtual Escaping escaping() const = 0;
  /// The 1-based line of the current record, working it out for split ranges (slow: counts the
  /// lines before the range once). Use for messages only.
  virtual std::uint64_t current_line() { return record().line; }
  /// Counters so far; complete once next() returned false.
  const SourceStats& stats() const { return stats_; }

 protected:
  SourceStats stats_;
};

/// A column an export declares with its type (API Schema, Graph schema, Log Analytics columns),
/// with the type as the export spells it ("String", "datetime", ...).
struct DeclaredColumn {
  std::string name;
  std::string type;
};

/// What sniffing a file found out, before any hunt runs.
struct InputInfo {
  std::string path;          ///< as the user named it; "-" is standard input (spooled to a file)
  std::string display_name;  ///< for messages: the path, or "<stdin>"
  std::string data_path;     ///< what to open: the path, or the spooled copy of a stream
  Shape shape = Shape::Ndjson;
  bool gzip = false;
  Encoding encoding = Encoding::Utf8;
  /// The file's one table, or nullptr when each record's table is told on its own (`routing`).
  const TableDef* table = nullptr;
  /// Owns `table` when it is not a built-in table (--table Name=PATH, or a Type naming a Sentinel
  /// or custom table): typed from the export's declared columns, else all strings.
  std::shared_ptr<const TableDef> custom_table;
  Routing routing = Routing::File;
  /// The tables the file holds, as far as sniffing saw (its first records): {table} for a
  /// one-table file. A file whose records name their own table may hold more.
  std::vector<const TableDef*> tables;
  bool forced = false;  ///< the table was named with --table: Type / category are not looked at
  std::vector<std::string> columns;      ///< declared columns, else the first records' keys
  std::vector<DeclaredColumn> declared;  ///< with types, when the export declares them
  bool splittable = false;  ///< records never span a newline: byte ranges can be read apart
  std::uint64_t size = 0;   ///< bytes on disk (of the spooled copy for streams)
  InputOptions options;     ///< as given to sniff_input; used by open_source
};

/// Sniffs the shape, compression and table of a file from its content, never from its name.
/// `forced_table` (from --table) overrides table detection. Throws huntq::Error naming the file.
InputInfo sniff_input(const std::string& path, const TableDef* forced_table,
                      const InputOptions& options = {});
/// The same for `--table Name=PATH`: a built-in table by name, else a table made from the
/// export's declared columns and types (all strings when it declares none).
InputInfo sniff_input_as(const std::string& path, std::string_view table_name,
                         const InputOptions& options = {});

/// Opens a reader over [begin, end) of the file (end = UINT64_MAX: to the end). A range that does
/// not start at 0 begins at the first record after `begin`; a record that starts before `end`
/// is read to its end. Only splittable inputs may be opened with begin > 0.
std::unique_ptr<RecordSource> open_source(const InputInfo& info, std::uint64_t begin = 0,
                                          std::uint64_t end = UINT64_MAX);

}  // namespace huntq::input
