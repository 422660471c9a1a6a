#include "char_class.h"

#include "huntq/value/utf8.h"

namespace huntq::kql {

std::size_t whitespace_length(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  const char c = text[pos];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') return 1;
  if (static_cast<unsigned char>(c) < 0x80) return 0;
  std::size_t len = 1;
  const std::int32_t cp = decode_utf8(text, pos, len);
  switch (cp) {
    case 0x00A0:
    case 0x1680:
    case 0x180E:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return len;
    default:
      return (cp >= 0x2000 && cp <= 0x200B) ? len : 0;
  }
}

std::size_t line_break_length(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  const char c = text[pos];
  if (c == '\n') return 1;
  if (c == '\r') return (pos + 1 < text.size() && text[pos + 1] == '\n') ? 2 : 1;
  // U+2028 / U+2029: E2 80 A8 / E2 80 A9
  if (static_cast<unsigned char>(c) == 0xE2 && pos + 2 < text.size() &&
      static_cast<unsigned char>(text[pos + 1]) == 0x80 &&
      (static_cast<unsigned char>(text[pos + 2]) == 0xA8 ||
       static_cast<unsigned char>(text[pos + 2]) == 0xA9)) {
    return 3;
  }
  return 0;
}

}  // namespace huntq::kql
