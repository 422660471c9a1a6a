// The one JSON string escaper: dynamic values, KQL text and every JSON writer use it.
#include "huntq/value/json_quote.h"

#include <cstdint>

#include "huntq/value/utf8.h"

namespace huntq {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_u_escape(std::string& out, char32_t cp) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
}

// Bytes that can be copied as they are: printable ASCII other than `"` and `\`.
bool is_plain(unsigned char b) {
  return b >= 0x20 && b < 0x7F && b != '"' && b != '\\';
}

// Appends the escaped form of the character at text[i]; returns the bytes consumed.
}  // namespace

std::size_t append_json_escaped_char(std::string& out, std::string_view text, std::size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) {
    switch (b) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
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
        if (is_plain(b))
          out += static_cast<char>(b);
        else
          append_u_escape(out, b);  // other C0 controls and DEL
    }
    return 1;
  }
  std::size_t len;
  const std::int32_t decoded = decode_utf8(text, i, len);
  if (decoded < 0) {
    out += "\\ufffd";
    return len;
  }
  const auto cp = static_cast<char32_t>(decoded);
  if (cp <= 0x9F || is_hidden_format_char(cp)) {
    // Hidden format characters are all in the BMP except tag characters, which need a pair.
    if (cp >= 0x10000) {
      append_u_escape(out, 0xD800 + ((cp - 0x10000) >> 10));
      append_u_escape(out, 0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      append_u_escape(out, cp);
    }
  } else {
    out.append(text.substr(i, len));
  }
  return len;
}

bool is_hidden_format_char(char32_t cp) noexcept {
  return cp == 0x061C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0xE0001 ||
         (cp >= 0xE0020 && cp <= 0xE007F);
}

void append_json_quoted(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    // Copy runs of plain ASCII in one append: most log text is plain.
    std::size_t run = i;
    while (run < text.size() && is_plain(static_cast<unsigned char>(text[run]))) ++run;
    out.append(text.substr(i, run - i));
    i = run;
    if (i < text.size()) i += append_json_escaped_char(out, text, i);
  }
  out += '"';
}

std::string json_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  append_json_quoted(out, text);
  return out;
}

}  // namespace huntq
