#include "excerpt.h"

#include "huntq/value/json_quote.h"
#include "huntq/value/utf8.h"

namespace huntq::kql {

std::string quote_excerpt(std::string_view text, std::size_t max_bytes) {
  std::string out = "'";
  std::size_t i = 0;
  while (i < text.size() && i < max_bytes) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      ++i;
    } else {
      i += append_json_escaped_char(out, text, i);
    }
  }
  if (i < text.size()) out += "...";
  out += "'";
  return out;
}

}  // namespace huntq::kql
