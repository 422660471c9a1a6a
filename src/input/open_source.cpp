#include <cstdint>

#include "huntq/error.h"
#include "huntq/input/readers.h"

namespace huntq::input {

std::string_view shape_name(Shape s) {
  switch (s) {
    case Shape::Ndjson:
      return "JSON lines (one row object per line)";
    case Shape::JsonArray:
      return "JSON array of rows";
    case Shape::ApiResponse:
      return "advanced hunting API response (Schema/Results)";
    case Shape::StreamingRecords:
      return "streaming API records (one per line)";
    case Shape::StreamingWrapped:
      return "streaming API records ({\"records\":[...]})";
    case Shape::LogAnalytics:
      return "Log Analytics query response (tables/columns/rows)";
    case Shape::Csv:
      return "CSV";
    case Shape::StreamingArray:
      return "streaming API records (a JSON array)";
    case Shape::JsonObjects:
      return "JSON objects (pretty-printed or run together)";
    case Shape::StreamingObjects:
      return "streaming API records (pretty-printed or run together)";
  }
  return "?";
}

bool is_streaming(Shape s) {
  return s == Shape::StreamingRecords || s == Shape::StreamingWrapped ||
         s == Shape::StreamingArray || s == Shape::StreamingObjects;
}

std::unique_ptr<ByteStream> open_input_bytes(const InputInfo& info, std::uint64_t begin,
                                             std::uint64_t count_from, std::uint64_t count_to) {
  const bool whole = info.gzip || info.encoding != Encoding::Utf8;
  if (whole && begin != 0) {
    throw Error(SourceLocation{info.display_name}, "a gzip or UTF-16 file cannot be split");
  }
  auto bytes = open_file_stream(info.data_path, info.display_name, begin, count_from, count_to);
  if (info.gzip) {
    // Inflating runs on its own thread: a gzip file is one scan task, so this is its second core.
    bytes = read_ahead(open_gzip_stream(std::move(bytes), info.display_name), std::size_t{1} << 20);
  }
  if (info.encoding != Encoding::Utf8) {
    bytes = open_utf16_stream(std::move(bytes), info.encoding == Encoding::Utf16BE);
  }
  return bytes;
}

std::unique_ptr<SourceBase> open_source_base(const InputInfo& info, std::uint64_t begin,
                                             std::uint64_t end) {
  switch (info.shape) {
    case Shape::Ndjson:
    case Shape::StreamingRecords:
      if (begin > 0 && !info.splittable) {
        throw Error(SourceLocation{info.display_name}, "this input cannot be split");
      }
      return make_line_source(info, begin, end);
    case Shape::JsonArray:
    case Shape::ApiResponse:
    case Shape::StreamingWrapped:
    case Shape::StreamingArray:
    case Shape::JsonObjects:
    case Shape::StreamingObjects:
      if (begin > 0) throw Error(SourceLocation{info.display_name}, "this input cannot be split");
      return make_json_container_source(info);
    case Shape::LogAnalytics:
      if (begin > 0) throw Error(SourceLocation{info.display_name}, "this input cannot be split");
      return make_log_analytics_source(info);
    case Shape::Csv:
      if (begin > 0) throw Error(SourceLocation{info.display_name}, "this input cannot be split");
      return make_csv_source(info);
  }
  throw Error(SourceLocation{info.display_name}, "unknown shape");
}

std::unique_ptr<RecordSource> open_source(const InputInfo& info, std::uint64_t begin,
                                          std::uint64_t end) {
  return open_source_base(info, begin, end);
}

}  // namespace huntq::input
