// Case folding for the case-insensitive string modifiers (equals, contains, startswith, endswith).
#pragma once

#include <string>
#include <string_view>

namespace huntq::rules {

/// Writes `in` case-folded into `out` (reusing its capacity). ASCII letters fold, and so do the
/// letters of Latin-1, Latin Extended-A, Latin Extended Additional, Greek, Cyrillic, Armenian and
/// the fullwidth Latin forms, by Unicode simple case folding. Mappings that would change the UTF-8
/// length (U+0130, U+017F, U+1E9E, U+212A...) are left out, so `out` is always as long as `in`.
/// Bytes that are not valid UTF-8 are copied unchanged.
void fold_case_into(std::string_view in, std::string& out);

inline std::string fold_case(std::string_view in) {
  std::string out;
  fold_case_into(in, out);
  return out;
}

/// ASCII-only lowercasing (hosts and domains).
inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

}  // namespace huntq::rules
