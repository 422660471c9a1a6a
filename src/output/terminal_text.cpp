#include "huntq/output/terminal_text.h"

#include <fmt/format.h>

#include <cstdint>
#include <iterator>

#include "huntq/value/json_quote.h"
#include "huntq/value/utf8.h"

namespace huntq::output {

namespace {

void append_byte_escape(std::string& out, unsigned char b) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[b >> 4];
  out += kHex[b & 0xF];
}

bool is_wide(std::int32_t cp) {
  // East Asian Wide and Fullwidth blocks (UAX #11), coarse but covering what logs carry.
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

// Length in bytes of the escape starting at escaped[i] == '\\' (escape_for_terminal's grammar).
std::size_t escape_length(std::string_view escaped, std::size_t i) {
  if (i + 1 >= escaped.size()) return 1;
  switch (escaped[i + 1]) {
    case 'x':
      return 4;
    case 'u': {
      const std::size_t close = escaped.find('}', i);
      return close == std::string_view::npos ? escaped.size() - i : close - i + 1;
    }
    default:
      return 2;
  }
}

}  // namespace

std::string escape_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b >= 0x20 && b < 0x7F && b != '\\') {
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    if (b < 0x80) {
      switch (b) {
        case '\\':
          out += "\\\\";
          break;
        case 0x1B:
          out += "\\e";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          append_byte_escape(out, b);  // other C0 controls and DEL
      }
      ++i;
      continue;
    }
    std::size_t len;
    const std::int32_t cp = decode_utf8(text, i, len);
    if (cp < 0) {
      append_byte_escape(out, b);  // invalid: shown one byte at a time
    } else if (cp <= 0x9F || is_hidden_format_char(static_cast<char32_t>(cp))) {
      // C1 controls (a terminal may take U+009B as CSI) and characters that reorder or hide text.
      fmt::format_to(std::back_inserter(out), "\\u{{{:04x}}}", cp);
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::size_t display_width(std::string_view escaped) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < escaped.size();) {
    std::size_t len;
    width += is_wide(decode_utf8(escaped, i, len)) ? 2 : 1;
    i += len;
  }
  return width;
}

std::string fit_to_width(std::string_view escaped, std::size_t max_columns) {
  if (display_width(escaped) <= max_columns) return std::string(escaped);
  const std::size_t budget = max_columns - 1;  // one column for the ellipsis
  std::size_t width = 0, i = 0;
  while (i < escaped.size()) {
    std::size_t len, w;
    if (escaped[i] == '\\') {
      len = escape_length(escaped, i);
      w = len;  // escapes are ASCII
    } else {
      w = is_wide(decode_utf8(escaped, i, len)) ? 2 : 1;
    }
    if (width + w > budget) break;
    width += w;
    i += len;
  }
  std::string out(escaped.substr(0, i));
  out += "\u2026";
  return out;
}

}  // namespace huntq::output
