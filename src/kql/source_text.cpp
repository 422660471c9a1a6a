#include "huntq/kql/source_text.h"

#include <algorithm>

#include "huntq/value/utf8.h"

namespace huntq::kql {
namespace {

// Code points in text[from, to); each invalid byte counts as one.
std::uint32_t count_code_points(std::string_view text, std::size_t from, std::size_t to) {
  std::uint32_t n = 0;
  while (from < to) {
    const auto c = static_cast<unsigned char>(text[from]);
    std::size_t len = 1;
    if (c >= 0x80) decode_utf8(text, from, len);
    from += len;
    ++n;
  }
  return n;
}

SourceLocation to_file_location(const SourceText& source, LineColumn lc) {
  SourceLocation where;
  where.file = source.name;
  where.line = std::uint64_t{source.first_line} + lc.line - 1;
  where.column = std::uint64_t{lc.column} + source.column_offset;
  return where;
}

}  // namespace

SourceMap::SourceMap(const SourceText& source) : source_(&source) {
  const std::string& t = source.text;
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n') {
      line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
    } else if (t[i] == '\r') {
      if (i + 1 < t.size() && t[i + 1] == '\n') ++i;
      line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
    }
  }
}

LineColumn SourceMap::line_column(std::uint32_t offset) const {
  if (source_ == nullptr) return {};
  const std::string& t = source_->text;
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(t.size()));
  // The last line start at or before offset.
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // 1-based
  const std::uint32_t start = line_starts_[line - 1];
  return {static_cast<std::uint32_t>(line), count_code_points(t, start, offset) + 1};
}

SourceLocation SourceMap::locate(std::uint32_t offset) const {
  if (source_ == nullptr) return {};
  return to_file_location(*source_, line_column(offset));
}

SourceLocation locate(const SourceText& source, std::uint32_t offset) {
  return SourceMap(source).locate(offset);
}

}  // namespace huntq::kql
