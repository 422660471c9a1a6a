// Character classes of KQL text (Kusto.Language TextFacts): ASCII letters and digits only.
#pragma once

#include <cstddef>
#include <string_view>

namespace huntq::kql {

inline bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline bool is_ident_start(char c) {
  return is_letter(c) || c == '_' || c == '$';
}
inline bool is_ident_char(char c) {
  return is_letter(c) || is_digit(c) || c == '_';
}

/// Bytes of the whitespace character at text[pos] (ASCII or one of the Unicode spaces Kusto
/// skips, BOM included), or 0.
std::size_t whitespace_length(std::string_view text, std::size_t pos);

/// Bytes of the line break at text[pos] ("\r\n", "\r", "\n", U+2028, U+2029), or 0.
std::size_t line_break_length(std::string_view text, std::size_t pos);

}  // namespace huntq::kql
