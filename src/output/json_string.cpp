#include "huntq/output/json_string.h"

#include <cstdint>

#include "huntq/output/terminal_text.h"
#include "huntq/value/json_quote.h"
#include "huntq/value/utf8.h"

namespace huntq::output {

namespace {

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

void append_u_escape(std::string& out, char32_t unit) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0xF];
}

// append_json_escaped_char(), escaping also what is invisible or a control on a terminal.
std::size_t append_terminal_json_char(std::string& out, std::string_view text, std::size_t i) {
  if (static_cast<unsigned char>(text[i]) < 0x80) return append_json_escaped_char(out, text, i);
  std::size_t len;
  const std::int32_t cp = decode_utf8(text, i, len);
  if (cp < 0 || !is_hidden_or_control(static_cast<char32_t>(cp)))
    return append_json_escaped_char(out, text, i);
  const auto c = static_cast<char32_t>(cp);
  if (c >= 0x10000) {
    append_u_escape(out, 0xD800 + ((c - 0x10000) >> 10));
    append_u_escape(out, 0xDC00 + ((c - 0x10000) & 0x3FF));
  } else {
    append_u_escape(out, c);
  }
  return len;
}

bool is_plain_json_byte(unsigned char b) {
  return b >= 0x20 && b < 0x7F && b != '"' && b != '\\';
}

}  // namespace

void append_json_quoted_for_terminal(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t run = i;
    while (run < text.size() && is_plain_json_byte(static_cast<unsigned char>(text[run]))) ++run;
    out.append(text, i, run - i);
    i = run;
    if (i < text.size()) i += append_terminal_json_char(out, text, i);
  }
  out += '"';
}

void append_json_text(std::string& out, std::string_view json, bool for_terminal) {
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
      i += for_terminal ? append_terminal_json_char(out, json, i)
                        : append_json_escaped_char(out, json, i);
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
