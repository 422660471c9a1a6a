// Telling the shape, compression, encoding and table of an input from its content, never its
// name.
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "fmt/format.h"
#include "huntq/error.h"
#include "huntq/input/csv_header.h"
#include "huntq/input/json_stream_scanner.h"
#include "huntq/input/readers.h"
#include "huntq/input/spool.h"
#include "huntq/value/schema.h"

namespace huntq::input {
namespace {

constexpr std::size_t kHeadBytes = 64 * 1024;
constexpr std::size_t kSniffLines = 16;    // JSON lines tried when the first is no object
constexpr std::size_t kSniffRecords = 64;  // records whose columns tell the table

std::string read_head(const InputInfo& info) {
  auto in = open_input_bytes(info);
  std::string head(kHeadBytes, '\0');
  std::size_t size = 0;
  while (size < head.size()) {
    const std::size_t got = in->read(head.data() + size, head.size() - size);
    if (got == 0) break;
    size += got;
  }
  head.resize(size);
  return head;
}

std::string_view skip_bom_and_space(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  return s;
}

enum class ObjectKind { Row, Streaming, Wrapped, Api, LogAnalytics, Invalid };

// What one JSON object (a line, or a captured value, parsed in place: the readers keep
// SIMDJSON_PADDING bytes after it) is, from its top-level keys. Invalid when it is not one whole,
// valid JSON object (too deep, broken, invalid UTF-8, trailing bytes).
ObjectKind classify_object(simdjson::ondemand::parser& parser, std::string_view bytes) {
  simdjson::ondemand::document doc;
  if (parser.iterate(bytes.data(), bytes.size(), bytes.size() + simdjson::SIMDJSON_PADDING)
          .get(doc)) {
    return ObjectKind::Invalid;
  }
  simdjson::ondemand::object o;
  if (doc.get_object().get(o)) return ObjectKind::Invalid;
  bool category = false, properties = false, body = false;
  ObjectKind wrapper = ObjectKind::Row;
  for (auto field_result : o) {
    simdjson::ondemand::field field;
    if (std::move(field_result).get(field)) return ObjectKind::Invalid;
    std::string_view k;
    if (field.unescaped_key().get(k)) return ObjectKind::Invalid;
    if (k == "records") wrapper = ObjectKind::Wrapped;
    if (iequals(k, "Results") || iequals(k, "Schema")) wrapper = ObjectKind::Api;
    if (k == "tables") wrapper = ObjectKind::LogAnalytics;
    if (k == "category") category = true;
    if (k == "properties") properties = true;
    simdjson::ondemand::json_type t;
    if (field.value().type().get(t)) return ObjectKind::Invalid;
    if (k == "body" && t == simdjson::ondemand::json_type::object) body = true;
  }
  const char* end = nullptr;
  if (doc.current_location().get(end) == simdjson::SUCCESS) return ObjectKind::Invalid;
  if (wrapper != ObjectKind::Row) return wrapper;
  if ((category && properties) || body) return ObjectKind::Streaming;
  return ObjectKind::Row;
}

Shape shape_of_lines(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::Streaming:
      return Shape::StreamingRecords;
    case ObjectKind::Wrapped:
      return Shape::StreamingWrapped;
    case ObjectKind::Api:
      return Shape::ApiResponse;
    case ObjectKind::LogAnalytics:
      return Shape::LogAnalytics;
    default:
      return Shape::Ndjson;
  }
}

// The first non-blank lines, read as JSON lines (any length up to the record limit): what the
// first is, or, when it is no object, the first of the next ones that is a row or streaming
// record.
struct LineKinds {
  ObjectKind first = ObjectKind::Invalid;
  ObjectKind later = ObjectKind::Invalid;
  std::size_t lines = 0;
};

LineKinds classify_lines(const InputInfo& info) {
  InputInfo lines = info;
  lines.shape = Shape::Ndjson;
  lines.routing = Routing::File;
  lines.table = nullptr;
  auto source = open_source_base(lines);
  simdjson::ondemand::parser parser;
  LineKinds k;
  while (k.lines < kSniffLines && source->next()) {
    const ObjectKind kind = classify_object(parser, source->record().bytes);
    if (k.lines++ == 0) {
      k.first = kind;
      if (kind != ObjectKind::Invalid) break;
    } else if (kind == ObjectKind::Row || kind == ObjectKind::Streaming) {
      k.later = kind;
      break;
    }
  }
  return k;
}

// A document whose first line is no whole object: walk the first top-level object's keys (values
// skipped, any size) for the key that names a wrapper shape; a plain object is a row or a
// streaming record, pretty-printed, possibly followed by more.
ObjectKind classify_document(const InputInfo& info) {
  JsonStreamScanner scanner(open_input_bytes(info), info.options.buffer_bytes,
                            info.options.max_record_bytes, info.display_name);
  if (scanner.peek() != '{') return ObjectKind::Invalid;
  scanner.advance();
  bool category = false, properties = false, body = false;
  for (bool first = true;; first = false) {
    int c = scanner.peek();
    if (c == '}') break;
    if (c < 0) return ObjectKind::Invalid;
    if (!first) {
      if (c != ',') return ObjectKind::Invalid;
      scanner.advance();
      c = scanner.peek();
    }
    if (c != '"') return ObjectKind::Invalid;
    const std::string key = scanner.read_string("JSON object");
    if (key == "records") return ObjectKind::Wrapped;
    if (iequals(key, "Results") || iequals(key, "Schema") || iequals(key, "Stats") ||
        key == "@odata.context") {
      return ObjectKind::Api;
    }
    if (key == "tables") return ObjectKind::LogAnalytics;
    if (scanner.peek() != ':') return ObjectKind::Invalid;
    scanner.advance();
    c = scanner.peek();
    if (c < 0) return ObjectKind::Invalid;
    if (key == "category") category = true;
    if (key == "properties") properties = true;
    if (key == "body" && c == '{') body = true;
    if (scanner.skip_value().truncated) return ObjectKind::Invalid;
  }
  // A row or a streaming record: valid only if the whole first object parses.
  JsonStreamScanner again(open_input_bytes(info), info.options.buffer_bytes,
                          info.options.max_record_bytes, info.display_name);
  again.peek();
  const auto v = again.capture_value();
  if (v.truncated) return ObjectKind::Invalid;
  simdjson::ondemand::parser parser;
  if (!v.too_long && classify_object(parser, v.bytes) == ObjectKind::Invalid) {
    return ObjectKind::Invalid;
  }
  return (category && properties) || body ? ObjectKind::Streaming : ObjectKind::Row;
}

Shape json_object_shape(const InputInfo& info) {
  const LineKinds lines = classify_lines(info);
  if (lines.first != ObjectKind::Invalid) return shape_of_lines(lines.first);
  switch (classify_document(info)) {
    case ObjectKind::Row:
      return Shape::JsonObjects;
    case ObjectKind::Streaming:
      return Shape::StreamingObjects;
    case ObjectKind::Wrapped:
      return Shape::StreamingWrapped;
    case ObjectKind::Api:
      return Shape::ApiResponse;
    case ObjectKind::LogAnalytics:
      return Shape::LogAnalytics;
    case ObjectKind::Invalid:
      break;
  }
  // A broken first record in an otherwise good JSON-lines file is a malformed record like any
  // other: the next lines decide.
  if (lines.later != ObjectKind::Invalid) return shape_of_lines(lines.later);
  throw Error(SourceLocation{info.display_name, 1},
              fmt::format("unknown shape: starts with '{{' but none of its first {} lines is a "
                          "JSON object, and it is neither one pretty-printed object nor an API "
                          "response, Log Analytics response or streaming records (is the JSON "
                          "broken?)",
                          lines.lines));
}

// A top-level array: of rows, or of streaming records (from the first element).
Shape json_array_shape(const InputInfo& info) {
  JsonStreamScanner scanner(open_input_bytes(info), info.options.buffer_bytes,
                            info.options.max_record_bytes, info.display_name);
  scanner.peek();
  scanner.advance();  // '['
  if (scanner.peek() != '{') return Shape::JsonArray;
  const auto v = scanner.capture_value();
  if (v.truncated || v.too_long) return Shape::JsonArray;
  simdjson::ondemand::parser parser;
  return classify_object(parser, v.bytes) == ObjectKind::Streaming ? Shape::StreamingArray
                                                                   : Shape::JsonArray;
}

std::vector<std::string_view> head_lines(std::string_view head, std::size_t count) {
  std::vector<std::string_view> lines;
  while (!head.empty() && lines.size() < count) {
    const std::size_t nl = head.find('\n');
    if (nl == std::string_view::npos) {
      lines.push_back(head);  // may be cut by the head size; callers accept that
      break;
    }
    std::string_view line = head.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    head.remove_prefix(nl + 1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    lines.push_back(line);
  }
  return lines;
}

// UTF-16 without a byte-order mark: most bytes at odd or at even offsets are zero.
bool looks_like_bomless_utf16(std::string_view head) {
  std::size_t even = 0, odd = 0;
  const std::size_t n = std::min<std::size_t>(head.size(), 4096) & ~std::size_t{1};
  for (std::size_t i = 0; i < n; i += 2) {
    even += head[i] == '\0';
    odd += head[i + 1] == '\0';
  }
  return n >= 8 && (even * 4 > n || odd * 4 > n);
}

[[noreturn]] void unknown_shape(const InputInfo& info, std::string_view head) {
  if (looks_like_bomless_utf16(head)) {
    throw Error(SourceLocation{info.display_name, 1},
                "unknown shape: looks like UTF-16 text without a byte-order mark; convert it to "
                "UTF-8 (or save it with a BOM)");
  }
  if (head.find('\0') != std::string_view::npos) {
    throw Error(SourceLocation{info.display_name, 1},
                "unknown shape: binary data (NUL bytes), not a JSON or CSV export");
  }
  throw Error(SourceLocation{info.display_name, 1},
              "unknown shape: not JSON (array, object or lines) and not a CSV with a header row "
              "of Defender column names");
}

// A table named with --table that huntq does not know: typed from the export's declared columns
// when it declares types, else every column a string.
std::shared_ptr<const TableDef> custom_table(std::string name, const InputInfo& info) {
  std::vector<ColumnDef> cols;
  if (!info.declared.empty()) {
    for (const auto& d : info.declared) {
      cols.push_back({d.name, type_from_export_name(d.type).value_or(Type::String)});
    }
  } else {
    for (const auto& c : info.columns) cols.push_back({c, Type::String});
  }
  return make_table(std::move(name), std::move(cols));
}

struct Sample {
  std::vector<std::string> keys;          // every key, in order of first appearance
  std::vector<std::string> labels;        // distinct Type / category values
  std::vector<std::string> action_types;  // distinct ActionType values
  std::uint64_t readable = 0, records = 0;
  std::string why;  // why the first unreadable record was
};

// Reads the first records for their columns and labels.
Sample sample_records(SourceBase& source, InputInfo& info) {
  Sample s;
  std::vector<std::string> columns;
  std::string label, why;
  // The rows' ActionType values tell apart tables that have the same columns.
  Projection action;
  action.columns.push_back(ColumnDef{"ActionType", Type::String});
  std::vector<Value> cells;
  for (;;) {
    try {
      if (s.records >= kSniffRecords || !source.next()) break;
    } catch (const Error&) {
      if (s.records == 0) throw;  // broken from the start
      break;                      // a file broken further on: the scan reports it where it is
    }
    ++s.records;
    if (!source.describe(columns, label, why)) {
      if (s.why.empty()) s.why = why;
      continue;
    }
    ++s.readable;
    for (auto& c : columns) {
      if (std::find(s.keys.begin(), s.keys.end(), c) == s.keys.end()) s.keys.push_back(c);
    }
    if (!label.empty() && std::find(s.labels.begin(), s.labels.end(), label) == s.labels.end() &&
        s.labels.size() < 64) {
      s.labels.push_back(label);
    }
    if (!is_streaming(info.shape) && source.decode(action, cells).status == Decoded::Status::Ok &&
        !cells[0].text().empty()) {
      const std::string& a = cells[0].text();
      if (std::find(s.action_types.begin(), s.action_types.end(), a) == s.action_types.end()) {
        s.action_types.push_back(a.substr(0, 256));
      }
    }
  }
  // Declared columns first (a header or schema names columns even with no rows), then keys.
  for (auto& d : source.declared_columns()) {
    if (!d.type.empty()) info.declared.push_back(d);
    info.columns.push_back(std::move(d.name));
  }
  if (!info.declared.empty() && info.declared.size() != info.columns.size()) info.declared.clear();
  for (auto& k : s.keys) {
    if (std::find(info.columns.begin(), info.columns.end(), k) == info.columns.end()) {
      info.columns.push_back(k);
    }
  }
  return s;
}

void detect_table(InputInfo& info, const TableDef* forced, std::string_view forced_name) {
  auto source = open_source_base(info);
  const Sample sample = sample_records(*source, info);
  if (forced != nullptr || !forced_name.empty()) {
    info.forced = true;
    info.routing = Routing::File;
    if (forced == nullptr) {
      info.custom_table = custom_table(std::string(forced_name), info);
      forced = info.custom_table.get();
    }
    info.table = forced;
    info.tables = {forced};
    return;
  }
  if (!sample.labels.empty() || is_streaming(info.shape)) {
    // Each record names its table (Type, or a streaming category).
    info.routing = Routing::Label;
    info.table = nullptr;
    std::vector<std::string> unknown;
    for (const auto& l : sample.labels) {
      if (const TableDef* t = table_from_label(l)) {
        if (std::find(info.tables.begin(), info.tables.end(), t) == info.tables.end()) {
          info.tables.push_back(t);
        }
      } else {
        unknown.push_back(l);
      }
    }
    // Rows of one Sentinel or custom table: read with the types the export declares.
    if (info.tables.empty() && unknown.size() == 1 && !is_streaming(info.shape)) {
      info.custom_table = custom_table(unknown[0], info);
      info.tables = {info.custom_table.get()};
    }
    // Rows without a label are told by their columns.
    if (!is_streaming(info.shape)) {
      const TableDetection d = detect_tables(info.columns);
      for (const TableDef* t : d.tables) {
        if (std::find(info.tables.begin(), info.tables.end(), t) == info.tables.end()) {
          info.tables.push_back(t);
        }
      }
    }
    return;
  }
  if (sample.readable == 0 && info.columns.empty()) {
    if (sample.records == 0) return;  // no rows at all: nothing to read, no table
    throw Error(SourceLocation{info.display_name},
                fmt::format("cannot tell the table: the first records are not readable rows ({}); "
                            "pass --table NAME=PATH",
                            sample.why));
  }
  TableDetection d = detect_tables(info.columns, sample.action_types);
  if (d.tables.empty()) throw Error(SourceLocation{info.display_name}, d.why);
  info.tables = d.tables;
  if (d.tables.size() == 1) {
    info.table = d.tables[0];
    info.routing = Routing::File;
  } else {
    info.table = nullptr;  // a union export: each row by its columns
    info.routing = Routing::Columns;
  }
}

InputInfo sniff(const std::string& path, const TableDef* forced, std::string_view forced_name,
                const InputOptions& options) {
  check_input_options(options);
  InputInfo info;
  info.path = path;
  info.options = options;
  info.display_name = path == "-" ? "<stdin>" : path;
  info.data_path = path;

  struct stat st {};
  if (path == "-") {
    info.data_path = spool_stream(STDIN_FILENO, "-", info.display_name, options);
  } else {
    if (::stat(path.c_str(), &st) != 0) {
      throw Error(SourceLocation{info.display_name},
                  fmt::format("cannot open: {}", std::strerror(errno)));
    }
    if (S_ISDIR(st.st_mode)) throw Error(SourceLocation{info.display_name}, "is a directory");
    // A pipe, FIFO or device has no size and may be read only once: copy it first.
    if (!S_ISREG(st.st_mode)) info.data_path = spool_path(path, info.display_name, options);
  }
  if (::stat(info.data_path.c_str(), &st) != 0) {
    throw Error(SourceLocation{info.display_name},
                fmt::format("cannot open: {}", std::strerror(errno)));
  }
  info.size = static_cast<std::uint64_t>(st.st_size);
  if (info.size == 0) throw Error(SourceLocation{info.display_name}, "file is empty");

  std::array<char, 4> magic{};
  {
    auto raw = open_file_stream(info.data_path, info.display_name);
    std::size_t got = 0;
    while (got < magic.size()) {
      const std::size_t n = raw->read(magic.data() + got, magic.size() - got);
      if (n == 0) break;
      got += n;
    }
    if (got == 4 && std::memcmp(magic.data(), "PK\x03\x04", 4) == 0) {
      throw Error(SourceLocation{info.display_name},
                  "looks like an Excel workbook (.xlsx); export the results as CSV instead");
    }
    info.gzip = has_gzip_magic(magic.data(), got);
  }

  std::string head_storage = read_head(info);
  if (head_storage.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(head_storage[0]);
    const auto b1 = static_cast<unsigned char>(head_storage[1]);
    if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
      info.encoding = b0 == 0xFF ? Encoding::Utf16LE : Encoding::Utf16BE;
      head_storage = read_head(info);  // now as UTF-8
    }
  }
  if (info.encoding == Encoding::Utf8 && looks_like_bomless_utf16(head_storage)) {
    throw Error(SourceLocation{info.display_name, 1},
                "unknown shape: looks like UTF-16 text without a byte-order mark; convert it to "
                "UTF-8 (or save it with a BOM)");
  }
  const std::string_view head = skip_bom_and_space(head_storage);
  if (head.empty()) {
    throw Error(SourceLocation{info.display_name}, head_storage.empty()
                                                       ? "file is empty (after gzip decompression)"
                                                       : "file is empty (only whitespace)");
  }
  if (head.front() == '[') {
    info.shape = json_array_shape(info);
  } else if (head.front() == '{') {
    info.shape = json_object_shape(info);
  } else if (looks_like_csv_header(head_lines(skip_bom_and_space(head_storage), 1).front())) {
    info.shape = Shape::Csv;
  } else {
    unknown_shape(info, head_storage);
  }
  info.splittable = !info.gzip && info.encoding == Encoding::Utf8 &&
                    (info.shape == Shape::Ndjson || info.shape == Shape::StreamingRecords);
  detect_table(info, forced, forced_name);
  return info;
}

}  // namespace

void check_input_options(const InputOptions& options) {
  if (options.time_zone_offset_minutes < -kMaxZoneOffsetMinutes ||
      options.time_zone_offset_minutes > kMaxZoneOffsetMinutes) {
    throw Error(
        fmt::format("--time-zone-offset takes minutes from -{0} to {0} (a day either side "
                    "of UTC), not {1}",
                    kMaxZoneOffsetMinutes, options.time_zone_offset_minutes));
  }
}

InputInfo sniff_input(const std::string& path, const TableDef* forced_table,
                      const InputOptions& options) {
  return sniff(path, forced_table, {}, options);
}

InputInfo sniff_input_as(const std::string& path, std::string_view table_name,
                         const InputOptions& options) {
  const TableDef* t = find_table(table_name);
  return sniff(path, t, t ? std::string_view{} : table_name, options);
}

}  // namespace huntq::input
