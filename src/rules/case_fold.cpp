#include "case_fold.h"

#include <cstdint>

namespace huntq::rules {
namespace {

// Upper- and lowercase pairs that alternate even/odd (or odd/even) code points.
bool in_pairs(char32_t c, char32_t first, char32_t last) {
  return c >= first && c <= last && ((c - first) % 2 == 0);
}

/// Simple case folding of one code point, restricted to mappings that keep the UTF-8 length.
char32_t fold_code_point(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c == 0xB5) return 0x3BC;  // micro sign folds to Greek mu
  // Latin-1 Supplement (U+00D7 is the multiplication sign).
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  // Latin Extended-A: U+0130 (İ) and U+017F (ſ) fold to ASCII, so they are left alone.
  if (in_pairs(c, 0x100, 0x12E) || in_pairs(c, 0x132, 0x136) || in_pairs(c, 0x14A, 0x176)) {
    return c + 1;
  }
  if (in_pairs(c, 0x139, 0x147) || in_pairs(c, 0x179, 0x17D)) return c + 1;
  if (c == 0x178) return 0xFF;
  // Greek.
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c == 0x3C2) return 0x3C3;  // final sigma folds to sigma
  // Cyrillic.
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (in_pairs(c, 0x460, 0x480) || in_pairs(c, 0x48A, 0x4BE) || in_pairs(c, 0x4D0, 0x52E)) {
    return c + 1;
  }
  if (c == 0x4C0) return 0x4CF;
  if (in_pairs(c, 0x4C1, 0x4CD)) return c + 1;
  // Armenian.
  if (c >= 0x531 && c <= 0x556) return c + 48;
  // Latin Extended Additional (U+1E9E folds to ß, a shorter encoding: left alone).
  if (in_pairs(c, 0x1E00, 0x1E94) || in_pairs(c, 0x1EA0, 0x1EFE)) return c + 1;
  // Fullwidth A-Z.
  if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;
  return c;
}

/// Length of the valid UTF-8 sequence at `s[i]` (2-4) and its code point; 0 when invalid.
int decode(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
  const std::uint8_t b0 = b(i);
  int len = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (int k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  // Overlong, surrogate or out-of-range encodings are not valid UTF-8.
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

void encode(char32_t cp, int len, char* out) {
  for (int k = len - 1; k > 0; --k) {
    out[k] = static_cast<char>(0x80 | (cp & 0x3F));
    cp >>= 6;
  }
  static constexpr std::uint8_t kLead[] = {0, 0, 0xC0, 0xE0, 0xF0};
  out[0] = static_cast<char>(kLead[len] | cp);
}

}  // namespace

void fold_case_into(std::string_view in, std::string& out) {
  out.resize(in.size());
  for (std::size_t i = 0; i < in.size();) {
    const char c = in[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      out[i++] = ascii_lower(c);
      continue;
    }
    char32_t cp = 0;
    const int len = decode(in, i, cp);
    if (len == 0) {
      out[i] = c;
      ++i;
      continue;
    }
    encode(fold_code_point(cp), len, out.data() + i);
    i += len;
  }
}

}  // namespace huntq::rules
