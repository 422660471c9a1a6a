// Values of string literal tokens (scalar-data-types/string.md; escapes as Kusto.Language's
// KustoFacts.DecodeEscapes).
#include <cstdint>

#include "char_class.h"
#include "huntq/kql/lexer.h"
#include "string_literal_scan.h"

namespace huntq::kql {
namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
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

std::uint32_t hex_value(std::string_view s) {
  std::uint32_t v = 0;
  for (char c : s) {
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= static_cast<std::uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= static_cast<std::uint32_t>(c - 'a' + 10);
    else
      v |= static_cast<std::uint32_t>(c - 'A' + 10);
  }
  return v;
}

// The lexer has already checked every escape.
std::string decode_escapes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::uint32_t pending_high = 0;  // a \uD800-\uDBFF waiting for its low surrogate
  auto flush_high = [&] {
    if (pending_high != 0) append_utf8(out, 0xFFFD);
    pending_high = 0;
  };
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      flush_high();
      out += s[i++];
      continue;
    }
    const char c = s[i + 1];
    if (c == 'u') {
      const std::uint32_t unit = hex_value(s.substr(i + 2, 4));
      i += 6;
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        flush_high();
        pending_high = unit;
      } else if (unit >= 0xDC00 && unit <= 0xDFFF && pending_high != 0) {
        append_utf8(out, 0x10000 + ((pending_high - 0xD800) << 10) + (unit - 0xDC00));
        pending_high = 0;
      } else {
        flush_high();
        append_utf8(out, unit);
      }
      continue;
    }
    flush_high();
    switch (c) {
      case 'a':
        out += '\a';
        i += 2;
        break;
      case 'b':
        out += '\b';
        i += 2;
        break;
      case 'f':
        out += '\f';
        i += 2;
        break;
      case 'n':
        out += '\n';
        i += 2;
        break;
      case 'r':
        out += '\r';
        i += 2;
        break;
      case 't':
        out += '\t';
        i += 2;
        break;
      case 'v':
        out += '\v';
        i += 2;
        break;
      case 'U':
        append_utf8(out, hex_value(s.substr(i + 2, 8)));
        i += 10;
        break;
      case 'x':
        append_utf8(out, hex_value(s.substr(i + 2, 2)));
        i += 4;
        break;
      default:
        if (c >= '0' && c <= '7') {
          // Octal: up to three digits (the lexer bounded them).
          std::uint32_t v = 0;
          std::size_t j = i + 1;
          const std::size_t limit = (c <= '3') ? 3 : 2;
          while (j < s.size() && j < i + 1 + limit && s[j] >= '0' && s[j] <= '7') {
            v = v * 8 + static_cast<std::uint32_t>(s[j] - '0');
            ++j;
          }
          append_utf8(out, v);
          i = j;
        } else {
          out += c;  // \\ \' \"
          i += 2;
        }
        break;
    }
  }
  flush_high();
  return out;
}

bool hex_run(std::string_view t, std::size_t pos, std::size_t n) {
  if (pos > t.size() || t.size() - pos < n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_hex_digit(t[pos + i])) return false;
  }
  return true;
}

}  // namespace

std::size_t string_escape_length(std::string_view t, std::size_t p) {
  const char c = p + 1 < t.size() ? t[p + 1] : '\0';
  switch (c) {
    case '\\':
    case '\'':
    case '"':
    case 'a':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
    case 'v':
      return 2;
    case 'u':
      return hex_run(t, p + 2, 4) ? 6 : 0;
    case 'U':
      return hex_run(t, p + 2, 8) ? 10 : 0;
    case 'x':
      return hex_run(t, p + 2, 2) ? 4 : 0;
    default:
      break;
  }
  auto octal = [&](std::size_t i) { return i < t.size() && t[i] >= '0' && t[i] <= '7'; };
  if (!octal(p + 1)) return 0;
  if (!octal(p + 2)) return 2;
  if (octal(p + 3) && c <= '3') return 4;
  return 3;
}

bool is_single_string_literal(std::string_view t) {
  std::size_t p = 0;
  if (p < t.size() && (t[p] == 'h' || t[p] == 'H')) ++p;
  bool verbatim = false;
  if (p < t.size() && t[p] == '@') {
    verbatim = true;
    ++p;
  }
  if (p >= t.size()) return false;
  if (t.size() - p >= 6 && (t.compare(p, 3, "```") == 0 || t.compare(p, 3, "~~~") == 0)) {
    return t.find(t.substr(p, 3), p + 3) == t.size() - 3;
  }
  const char quote = t[p];
  if (quote != '"' && quote != '\'') return false;
  for (std::size_t i = p + 1; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '\n' || c == '\r') return false;
    if (c == quote) {
      if (verbatim && i + 1 < t.size() && t[i + 1] == quote) {
        ++i;
        continue;
      }
      return i == t.size() - 1;
    }
    if (c == '\\' && !verbatim) {
      const std::size_t n = string_escape_length(t, i);
      if (n == 0) return false;
      i += n - 1;
    }
  }
  return false;
}

std::string decode_string_literal(std::string_view t) {
  std::size_t p = 0;
  if (p < t.size() && (t[p] == 'h' || t[p] == 'H')) ++p;
  bool verbatim = false;
  if (p < t.size() && t[p] == '@') {
    verbatim = true;
    ++p;
  }
  if (t.size() - p >= 6 && (t.compare(p, 3, "```") == 0 || t.compare(p, 3, "~~~") == 0)) {
    return std::string(t.substr(p + 3, t.size() - p - 6));
  }
  if (t.size() - p < 2) return {};
  const char quote = t[p];
  const std::string_view body = t.substr(p + 1, t.size() - p - 2);
  if (!verbatim) return decode_escapes(body);
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    out += body[i];
    if (body[i] == quote) ++i;  // a doubled quote stands for one
  }
  return out;
}

}  // namespace huntq::kql
