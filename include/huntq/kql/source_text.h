// KQL query text and the mapping from byte offsets to the places users see.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "huntq/error.h"

namespace huntq::kql {

/// A query's text and where it sits in its file. A query embedded in a YAML file (`query: |`)
/// starts at `first_line` and is indented by `column_offset` columns, so query line L, column C
/// is file line first_line + L - 1, column C + column_offset.
struct SourceText {
  std::string name;  // file name for messages
  std::string text;
  std::uint32_t first_line = 1;
  std::uint32_t column_offset = 0;
};

/// Line and column inside the query text itself (1-based; columns count UTF-8 code points,
/// an invalid byte counting as one).
struct LineColumn {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

/// Turns byte offsets into locations in O(log lines). Line breaks are "\n", "\r\n" and a lone
/// "\r". Columns count UTF-8 code points (a tab is one column; each invalid byte is one).
class SourceMap {
 public:
  SourceMap() = default;
  explicit SourceMap(const SourceText& source);

  /// Line and column inside the query text (offsets past the end clamp to the end).
  LineColumn line_column(std::uint32_t offset) const;
  /// The file location: name, first_line + line - 1, column + column_offset.
  SourceLocation locate(std::uint32_t offset) const;

 private:
  const SourceText* source_ = nullptr;
  std::vector<std::uint32_t> line_starts_;
};

/// One-off lookup without keeping a SourceMap (O(text size)).
SourceLocation locate(const SourceText& source, std::uint32_t offset);

}  // namespace huntq::kql
