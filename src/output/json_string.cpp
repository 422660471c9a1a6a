#include "huntq/output/json_string.h"

#include <cstdint>

#include "huntq/output/hidden_format_chars.h"
#include "huntq/value/utf8.h"

namespace huntq::output {

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
std::size_t append_escaped_char(std::string& out, std::string_view text, std::size_t i) {
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

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Length of the JSON escape at json[i] == '\\' (2, or 6 for \uXXXX), 0 if it is not one.
std::size_t valid_escape_length(std::string_view json, std::size_t i) {
  if (i + 1 >= json.size()) return 0;
  const char next = json[i + 1];
  if (next == 'u') {
    if (i + 6 > json.size()) return 0;
    for (std::size_t k = i + 2; k < i + 6; ++k)
      if (!is_hex_digit(json[k])) return 0;
    return 6;
  }
  return std::string_view("\"\\/bfnrt").find(next) != std::string_view::npos ? 2 : 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    // Copy runs of plain ASCII in one append: most log text is plain.
    std::size_t run = i;
    while (run < text.size() && is_plain(static_cast<unsigned char>(text[run]))) ++run;
    out.append(text.substr(i, run - i));
    i = run;
    if (i < text.size()) i += append_escaped_char(out, text, i);
  }
  out += '"';
}

std::string json_string(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  append_json_string(out, text);
  return out;
}

void append_json_text(std::string& out, std::string_view json) {
  if (json.empty()) {
    out += "null";
    return;
  }
  bool in_string = false;
  std::size_t i = 0;
  while (i < json.size()) {
    const auto b = static_cast<unsigned char>(json[i]);
    if (!in_string) {
      if (b == '"') in_string = true;
      const bool keep = (b >= 0x20 && b < 0x7F) || b == '\t' || b == '\n' || b == '\r';
      out += keep ? static_cast<char>(b) : ' ';
      std::size_t len = 1;
      if (b >= 0x80) decode_utf8(json, i, len);
      i += len;
    } else if (b == '"') {
      in_string = false;
      out += '"';
      ++i;
    } else if (b == '\\') {
      // A valid escape is copied; a stray backslash is escaped itself so the string stays valid.
      const std::size_t len = valid_escape_length(json, i);
      if (len > 0) {
        out.append(json.substr(i, len));
        i += len;
      } else {
        out += "\\\\";
        ++i;
      }
    } else {
      i += append_escaped_char(out, json, i);
    }
  }
  if (in_string) out += '"';
}

bool is_json_number(std::string_view t) noexcept {
  std::size_t i = 0;
  if (i < t.size() && t[i] == '-') ++i;
  if (i >= t.size() || !is_digit(t[i])) return false;
  if (t[i] == '0') {
    ++i;
  } else {
    while (i < t.size() && is_digit(t[i])) ++i;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (i >= t.size() || !is_digit(t[i])) return false;
    while (i < t.size() && is_digit(t[i])) ++i;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (i >= t.size() || !is_digit(t[i])) return false;
    while (i < t.size() && is_digit(t[i])) ++i;
  }
  return i == t.size();
}

}  // namespace huntq::output
