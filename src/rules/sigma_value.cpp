#include "sigma_value.h"

#include <fmt/format.h>

namespace huntq::rules {

std::string regex_escape(std::string_view literal) {
  std::string out;
  for (char c : literal) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02X}", u);
    } else if (std::string_view("\\.+*?()|[]{}^$#&-~").find(c) != std::string_view::npos) {
      // '#', '&', '-' and '~' are not special in RE2, but escaping them is valid there and
      // keeps them literal in dialects with verbose mode or class set operations.
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

SigmaValue parse_sigma_value(std::string_view written) {
  SigmaValue v;
  std::string literal;  // the current run of literal characters
  const auto flush = [&] {
    v.regex += regex_escape(literal);
    v.text += literal;
    literal.clear();
  };
  for (std::size_t i = 0; i < written.size(); ++i) {
    const char c = written[i];
    if (c == '\\' && i + 1 < written.size() &&
        (written[i + 1] == '*' || written[i + 1] == '?' || written[i + 1] == '\\')) {
      literal += written[++i];
    } else if (c == '*' || c == '?') {
      flush();
      v.wildcard = true;
      v.regex += c == '*' ? ".*" : ".";
    } else {
      literal += c;
    }
  }
  flush();
  if (v.wildcard) {
    v.text.clear();
  } else {
    v.regex.clear();
  }
  return v;
}

}  // namespace huntq::rules
