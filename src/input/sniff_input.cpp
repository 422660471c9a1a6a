// Telling the shape, compression and table of an input from its content, never its name.
#include <fcntl.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "fmt/format.h"
#include "huntq/error.h"
#include "huntq/input/csv_header.h"
#include "huntq/input/json_stream_scanner.h"
#include "huntq/input/readers.h"
#include "huntq/value/schema.h"

namespace huntq::input {
namespace {

constexpr std::size_t kHeadBytes = 64 * 1024;

// Standard input is spooled to an unlinked temporary file, reopened through /proc/self/fd, so
// it can be read more than once (sniff, then scan) and leaves nothing behind.
std::string spool_stdin() {
  static std::mutex mu;
  static std::string spooled;
  std::lock_guard lock(mu);
  if (!spooled.empty()) return spooled;
  const char* tmpdir = std::getenv("TMPDIR");
  std::string templ = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/huntq-stdin-XXXXXX";
  const int fd = ::mkstemp(templ.data());
  if (fd < 0) {
    throw Error(SourceLocation{"<stdin>"}, fmt::format("cannot create a temporary file in {}: {}",
                                                       templ, std::strerror(errno)));
  }
  ::unlink(templ.c_str());
  std::vector<char> chunk(std::size_t{1} << 20);
  for (;;) {
    const ssize_t got = ::read(STDIN_FILENO, chunk.data(), chunk.size());
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      throw Error(SourceLocation{"<stdin>"}, fmt::format("read error: {}", std::strerror(errno)));
    }
    for (ssize_t done = 0; done < got;) {
      const ssize_t put = ::write(fd, chunk.data() + done, static_cast<std::size_t>(got - done));
      if (put < 0) {
        if (errno == EINTR) continue;
        throw Error(SourceLocation{"<stdin>"},
                    fmt::format("cannot spool standard input: {}", std::strerror(errno)));
      }
      done += put;
    }
  }
  spooled = fmt::format("/proc/self/fd/{}", fd);  // the descriptor stays open for the run
  return spooled;
}

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

// What a one-line JSON object is, from its keys.
ObjectKind classify_line(std::string_view line) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(line.data(), line.size(), true).get(doc)) return ObjectKind::Invalid;
  simdjson::dom::object o;
  if (doc.get_object().get(o)) return ObjectKind::Invalid;
  bool category = false, properties = false, body = false;
  for (auto field : o) {
    const std::string_view k = field.key;
    if (k == "records") return ObjectKind::Wrapped;
    if (iequals(k, "Results") || iequals(k, "Schema")) return ObjectKind::Api;
    if (k == "tables") return ObjectKind::LogAnalytics;
    if (k == "category") category = true;
    if (k == "properties") properties = true;
    if (k == "body" && field.value.is_object()) body = true;
  }
  if ((category && properties) || body) return ObjectKind::Streaming;
  return ObjectKind::Row;
}

// A document whose first line is no whole object: walk its top-level keys (values skipped, any
// size) for the key that names a wrapper shape.
ObjectKind classify_multiline(const InputInfo& info) {
  JsonStreamScanner scanner(open_input_bytes(info), info.options.buffer_bytes,
                            info.options.max_record_bytes, info.display_name);
  if (scanner.peek() != '{') return ObjectKind::Invalid;
  scanner.advance();
  for (bool first = true;; first = false) {
    int c = scanner.peek();
    if (c == '}' || c < 0) return ObjectKind::Invalid;
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
    if (scanner.peek() < 0) return ObjectKind::Invalid;
    if (scanner.skip_value().truncated) return ObjectKind::Invalid;
  }
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

Shape json_object_shape(const InputInfo& info, std::string_view head) {
  const auto lines = head_lines(head, 2);
  ObjectKind kind = lines.empty() ? ObjectKind::Invalid : classify_line(lines[0]);
  if (kind == ObjectKind::Invalid) kind = classify_multiline(info);
  // A broken first line in an otherwise good JSON-lines file: let the second line decide.
  if (kind == ObjectKind::Invalid && lines.size() > 1 && !lines[1].empty() && lines[1][0] == '{') {
    kind = classify_line(lines[1]);
  }
  switch (kind) {
    case ObjectKind::Row:
      return Shape::Ndjson;
    case ObjectKind::Streaming:
      return Shape::StreamingRecords;
    case ObjectKind::Wrapped:
      return Shape::StreamingWrapped;
    case ObjectKind::Api:
      return Shape::ApiResponse;
    case ObjectKind::LogAnalytics:
      return Shape::LogAnalytics;
    case ObjectKind::Invalid:
      break;
  }
  throw Error(SourceLocation{info.display_name, 1},
              "unknown shape: starts with '{' but is neither JSON lines of row objects nor an API "
              "response, Log Analytics response or streaming records (is the JSON broken?)");
}

// The table from the first record's Type / columns, unless --table decided.
void detect_table(InputInfo& info, const TableDef* forced) {
  auto source = open_source_base(info);
  std::string label, why;
  bool have_row = false;
  while (source->next()) {
    have_row = source->describe(info.columns, label, why);
    if (have_row) break;
    if (source->stats().records >= 16) break;  // nothing readable near the top: give up
  }
  if (forced != nullptr) {
    info.table = forced;
    return;
  }
  if (info.shape == Shape::StreamingRecords || info.shape == Shape::StreamingWrapped) {
    info.table = nullptr;  // each record names its own in "category"
    return;
  }
  // A header, API Schema or Log Analytics column list names the columns even when there are
  // no rows, so it is preferred to the first row's keys.
  if (auto declared = source->declared_columns(); !declared.empty()) info.columns = declared;
  if (!have_row && info.columns.empty()) {
    if (source->stats().records == 0) return;  // no rows at all: nothing to read, no table
    throw Error(SourceLocation{info.display_name},
                fmt::format("cannot tell the table: the first records are not readable rows ({}); "
                            "pass --table DeviceEvents or --table DeviceFileEvents",
                            why));
  }
  if (!label.empty()) {
    if (const TableDef* t = table_from_label(label)) {
      info.table = t;
      return;
    }
  }
  std::string reason;
  info.table = table_from_columns(info.columns, reason);
  if (info.table == nullptr) throw Error(SourceLocation{info.display_name}, reason);
}

}  // namespace

InputInfo sniff_input(const std::string& path, const TableDef* forced_table,
                      const InputOptions& options) {
  InputInfo info;
  info.path = path;
  info.options = options;
  info.display_name = path == "-" ? "<stdin>" : path;
  info.data_path = path == "-" ? spool_stdin() : path;

  struct stat st {};
  if (::stat(info.data_path.c_str(), &st) != 0) {
    throw Error(SourceLocation{info.display_name},
                fmt::format("cannot open: {}", std::strerror(errno)));
  }
  if (S_ISDIR(st.st_mode)) throw Error(SourceLocation{info.display_name}, "is a directory");
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

  const std::string head_storage = read_head(info);
  const std::string_view head = skip_bom_and_space(head_storage);
  if (head.empty()) {
    throw Error(SourceLocation{info.display_name}, head_storage.empty()
                                                       ? "file is empty (after gzip decompression)"
                                                       : "file is empty (only whitespace)");
  }
  if (head.front() == '[') {
    info.shape = Shape::JsonArray;
  } else if (head.front() == '{') {
    info.shape = json_object_shape(info, head);
  } else if (looks_like_csv_header(head_lines(skip_bom_and_space(head_storage), 1).front())) {
    info.shape = Shape::Csv;
  } else {
    throw Error(SourceLocation{info.display_name, 1},
                "unknown shape: not JSON (array, object or lines) and not a CSV with a header row "
                "of Defender column names");
  }
  info.splittable =
      !info.gzip && (info.shape == Shape::Ndjson || info.shape == Shape::StreamingRecords);
  detect_table(info, forced_table);
  return info;
}

}  // namespace huntq::input
