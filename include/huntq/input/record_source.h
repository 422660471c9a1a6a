// Reading inputs: every export shape is one small reader behind this interface.
//
// A RecordSource walks the records of one input file (or of one byte range of it, for shapes that
// can be split between threads). The scan looks at each record's raw bytes first (the literal
// pre-filter) and decodes only the records that may match, and only the columns it needs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/value/schema.h"
#include "huntq/value/value.h"

namespace huntq::input {

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
  std::uint64_t line = 0;    ///< 1-based line where the record starts
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
  bool splittable = false;           ///< records never span a newline: byte ranges can be read apart
  std::uint64_t size = 0;            ///< bytes on disk
};

/// Sniffs the shape, compression and table of a file from its content, never from its name.
/// `forced_table` (from --table) overrides table detection. Throws huntq::Error naming the file.
InputInfo sniff_input(const std::string& path, const TableDef* forced_table);

/// Opens a reader over [begin, end) of the file (end = UINT64_MAX: to the end). A range that does
/// not start at 0 begins at the first record after `begin`; a record that starts before `end`
/// is read to its end. Only splittable inputs may be opened with begin > 0.
std::unique_ptr<RecordSource> open_source(const InputInfo& info, std::uint64_t begin = 0,
                                          std::uint64_t end = UINT64_MAX);

}  // namespace huntq::input
