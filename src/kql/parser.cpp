#include "huntq/kql/parser.h"

#include <fmt/format.h>

#include "huntq/kql/lexer.h"
#include "parser_impl.h"

namespace huntq::kql {

Script parse_script(const SourceText& source) {
  Script script;
  Script::Impl& impl = script.impl();
  if (source.text.size() > kMaxQueryBytes) {
    SourceLocation where{source.name, source.first_line, source.column_offset + 1ull};
    throw Error(where, fmt::format("the query is too long ({} bytes; at most {})",
                                   source.text.size(), kMaxQueryBytes));
  }
  impl.source = source;
  impl.map = SourceMap(impl.source);
  Parser parser(impl, tokenize(impl.source, impl.map));
  parser.parse_script();
  return script;
}

}  // namespace huntq::kql
