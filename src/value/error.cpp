#include "huntq/error.h"

#include <fmt/format.h>

namespace huntq {

std::string SourceLocation::to_string() const {
  if (line == 0) return file;
  if (column == 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

static std::string join_where(const SourceLocation& where, const std::string& what) {
  const std::string w = where.to_string();
  return w.empty() ? what : w + ": " + what;
}

Error::Error(SourceLocation where, const std::string& what)
    : std::runtime_error(join_where(where, what)), where_(std::move(where)), what_(what) {}

Error::Error(const std::string& what) : std::runtime_error(what), what_(what) {}

}  // namespace huntq
