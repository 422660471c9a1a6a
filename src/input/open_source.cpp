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
  }
  return "?";
}

std::unique_ptr<ByteStream> open_input_bytes(const InputInfo& info, std::uint64_t begin) {
  auto raw = open_file_stream(info.data_path, info.display_name, info.gzip ? 0 : begin);
  if (!info.gzip) return raw;
  if (begin != 0) throw Error(SourceLocation{info.display_name}, "a gzip file cannot be split");
  // Inflating runs on its own thread: a gzip file is one scan task, so this is its second core.
  return read_ahead(open_gzip_stream(std::move(raw), info.display_name), std::size_t{1} << 20);
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
