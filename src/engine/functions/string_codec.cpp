#include "string_codec.h"

#include <array>
#include <cstdint>

#include "string_utf8.h"

namespace huntq::engine {
namespace {

constexpr char kHexLower[] = "0123456789abcdef";
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool url_safe(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '-':
    case '_':
    case '.':
    case '!':
    case '*':
    case '(':
    case ')':
      return true;
    default:
      return false;
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr auto kBase64Values = [] {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i)
    t[static_cast<unsigned char>(kBase64[i])] = static_cast<std::int8_t>(i);
  return t;
}();

}  // namespace

std::string url_encode(std::string_view text, bool space_as_plus) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (url_safe(c)) {
      out += c;
    } else if (c == ' ' && space_as_plus) {
      out += '+';
    } else {
      const auto b = static_cast<unsigned char>(c);
      out += '%';
      out += kHexLower[b >> 4];
      out += kHexLower[b & 15];
    }
  }
  return out;
}

std::string url_decode(std::string_view text) {
  std::string bytes;
  bytes.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      bytes += ' ';
      continue;
    }
    if (c == '%') {
      // %uXXXX: one UTF-16 code unit (a lone surrogate becomes U+FFFD)
      if (i + 5 < text.size() && (text[i + 1] == 'u' || text[i + 1] == 'U')) {
        int v = 0;
        bool ok = true;
        for (std::size_t k = 2; k <= 5; ++k) {
          const int h = hex_value(text[i + k]);
          ok = ok && h >= 0;
          v = v * 16 + (h < 0 ? 0 : h);
        }
        if (ok) {
          append_utf8(bytes, is_scalar_value(v) ? static_cast<char32_t>(v) : 0xFFFD);
          i += 5;
          continue;
        }
      }
      if (i + 2 < text.size()) {
        const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
        if (hi >= 0 && lo >= 0) {
          bytes += static_cast<char>(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
    }
    bytes += c;
  }
  return is_valid_utf8(bytes) ? bytes : replace_invalid_utf8(bytes);
}

std::string replace_invalid_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t len = 1;
    if (static_cast<unsigned char>(bytes[i]) < 0x80 || decode_utf8(bytes, i, len) >= 0) {
      out.append(bytes.substr(i, len));
    } else {
      append_utf8(out, 0xFFFD);
    }
    i += len;
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = b(i) << 16 | b(i + 1) << 8 | b(i + 2);
    out += kBase64[v >> 18];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += kBase64[v & 63];
  }
  if (bytes.size() - i == 1) {
    const std::uint32_t v = b(i) << 16;
    out += kBase64[v >> 18];
    out += kBase64[(v >> 12) & 63];
    out += "==";
  } else if (bytes.size() - i == 2) {
    const std::uint32_t v = b(i) << 16 | b(i + 1) << 8;
    out += kBase64[v >> 18];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

bool base64_decode(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size() / 4 * 3);
  std::uint32_t acc = 0;
  int have = 0;  // sextets in acc
  int padding = 0;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int v = kBase64Values[static_cast<unsigned char>(c)];
    if (v < 0 || padding > 0) return false;  // a data character after padding
    acc = acc << 6 | static_cast<std::uint32_t>(v);
    if (++have == 4) {
      out += static_cast<char>(acc >> 16);
      out += static_cast<char>(acc >> 8);
      out += static_cast<char>(acc);
      acc = 0;
      have = 0;
    }
  }
  // The last quantum: 2 or 3 sextets need 2 or 1 '=', a whole one none.
  if (have == 0) return padding == 0;
  if (have + padding != 4 || have < 2) return false;
  acc <<= 6 * (4 - have);
  out += static_cast<char>(acc >> 16);
  if (have == 3) out += static_cast<char>(acc >> 8);
  return true;
}

}  // namespace huntq::engine
