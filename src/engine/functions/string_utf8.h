// Code-point helpers for the string functions: KQL counts characters as Unicode code points
// (strlen-function.md), and huntq keeps strings as UTF-8. A byte that is not part of a valid
// UTF-8 sequence counts as one character, so hostile bytes never stop a count or an index.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "huntq/value/utf8.h"

namespace huntq::engine {

/// Whether every byte is below 0x80 (then bytes and code points coincide).
inline bool is_ascii(std::string_view s) noexcept {
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (w & 0x8080808080808080ull) return false;
  }
  for (; i < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  return true;
}

/// Bytes of the character at `pos` (1 for ASCII and for a byte that is not valid UTF-8).
inline std::size_t char_length(std::string_view s, std::size_t pos) noexcept {
  if (static_cast<unsigned char>(s[pos]) < 0x80) return 1;
  std::size_t len = 1;
  decode_utf8(s, pos, len);
  return len;
}

inline std::size_t code_point_count(std::string_view s) noexcept {
  if (is_ascii(s)) return s.size();
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += char_length(s, i)) ++n;
  return n;
}

/// The byte offset of character `index` (the size when the string is shorter).
inline std::size_t byte_offset(std::string_view s, std::size_t index) noexcept {
  std::size_t i = 0;
  for (; i < s.size() && index > 0; --index) i += char_length(s, i);
  return i;
}

/// Characters in s[0, byte_end).
inline std::size_t char_index(std::string_view s, std::size_t byte_end) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < byte_end && i < s.size(); i += char_length(s, i)) ++n;
  return n;
}

inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// A Unicode scalar value: 0..0x10FFFF without the surrogates.
inline bool is_scalar_value(std::int64_t cp) noexcept {
  return cp >= 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

inline bool is_valid_utf8(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 1;
    if (decode_utf8(s, i, len) < 0) return false;
    i += len;
  }
  return true;
}

}  // namespace huntq::engine
