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
};

/// Per-source counters for the run summary. Each record is counted once, however many times it
/// is decoded; merge() adds the counters of several sources (or byte ranges) of one file.
/// `malformed` counts what the reader itself rejects (too long, wrong CSV field count,
/// unterminated quote) and what decode() finds; a record the pre-filter never decodes is not
/// checked. `other_table` counts only tables huntq does not read: a DeviceFileEvents record
/// decoded with a DeviceEvents projection is OtherTable but is meant to be decoded again.
struct SourceStats {
  std::uint64_t records = 0;        ///< records found (good, malformed and of other tables)
  std::uint64_t malformed = 0;      ///< records the reader or decode() found broken
  std::uint64_t other_table = 0;    ///< records of a table huntq does not read (category, Type)
  std::uint64_t bad_datetimes = 0;  ///< datetime cells that could not be parsed (null)
  std::vector<std::string> first_reasons;        ///< up to 5, "file:line[:col]: why"
  std::vector<std::string> first_bad_datetimes;  ///< up to 5, "file:line: Timestamp 'x' ..."
  static constexpr std::size_t kMaxReasons = 5;
  void merge(const SourceStats& other);
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
};
std::string_view shape_name(Shape s);

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

/// What sniffing a file found out, before any hunt runs.
struct InputInfo {
  std::string path;          ///< as the user named it; "-" is standard input (spooled to a file)
  std::string display_name;  ///< for messages: the path, or "<stdin>"
  std::string data_path;     ///< what to open: the path, or the spooled copy of stdin
  Shape shape = Shape::Ndjson;
  bool gzip = false;
  /// The file's table, or nullptr when each record names its own (streaming records).
  const TableDef* table = nullptr;
  std::vector<std::string> columns;  ///< columns seen in the header / first record
  bool splittable = false;  ///< records never span a newline: byte ranges can be read apart
  std::uint64_t size = 0;   ///< bytes on disk
  InputOptions options;     ///< as given to sniff_input; used by open_source
};

/// Sniffs the shape, compression and table of a file from its content, never from its name.
/// `forced_table` (from --table) overrides table detection. Throws huntq::Error naming the file.
InputInfo sniff_input(const std::string& path, const TableDef* forced_table,
                      const InputOptions& options = {});

/// Opens a reader over [begin, end) of the file (end = UINT64_MAX: to the end). A range that does
/// not start at 0 begins at the first record after `begin`; a record that starts before `end`
/// is read to its end. Only splittable inputs may be opened with begin > 0.
std::unique_ptr<RecordSource> open_source(const InputInfo& info, std::uint64_t begin = 0,
                                          std::uint64_t end = UINT64_MAX);

}  // namespace huntq::input
