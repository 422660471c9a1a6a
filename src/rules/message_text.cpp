#include "message_text.h"

#include <fmt/format.h>

namespace huntq::rules {
namespace {

/// Length of the longest prefix of `s` of at most `max` bytes that does not split a UTF-8
/// sequence.
std::size_t cut_point(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s.size();
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

std::string cut_note(std::string_view s, std::size_t kept) {
  return kept == s.size() ? std::string() : fmt::format("...({} bytes)", s.size());
}

}  // namespace

std::string quote_text(std::string_view s, std::size_t max_bytes) {
  const std::size_t kept = cut_point(s, max_bytes);
  std::string out = "'";
  for (char c : s.substr(0, kept)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  return out + "'" + cut_note(s, kept);
}

std::string one_line(std::string_view s, std::size_t max_bytes) {
  const std::size_t kept = cut_point(s, max_bytes);
  std::string out;
  const std::string_view text = s.substr(0, kept);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    // U+0085 (C2 85), U+2028 and U+2029 (E2 80 A8/A9) end a line for some readers.
    if (u == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) {
      out += ' ';
      ++i;
    } else if (u == 0xE2 && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      out += ' ';
      i += 2;
    } else {
      out += (u < 0x20 || u == 0x7F) ? ' ' : text[i];
    }
  }
  return out + cut_note(s, kept);
}

}  // namespace huntq::rules
