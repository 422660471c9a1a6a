// Substring searches whose time is linear in the text and the needle, for needles that come from
// the data (a column on both sides): a hostile row must not make a search quadratic. A constant
// needle is searched with StringFinder (huntq/value/case_fold.h) instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace huntq::engine {

/// The first occurrence at or after `from`, or npos. glibc's memmem uses the two-way algorithm
/// for long needles, so this is O(text + needle).
inline std::size_t find_bytes(std::string_view text, std::string_view needle,
                              std::size_t from = 0) noexcept {
  if (from > text.size()) return std::string_view::npos;
  if (needle.empty()) return from;
  const void* at = memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
  return at ? static_cast<std::size_t>(static_cast<const char*>(at) - text.data())
            : std::string_view::npos;
}

/// Occurrences of a non-empty needle, overlapping ones included ("aaaa" holds "aa" 3 times), in
/// O(text + needle) (Knuth-Morris-Pratt).
inline std::int64_t count_overlapping(std::string_view text, std::string_view needle) {
  const std::size_t n = needle.size();
  if (n == 0 || n > text.size()) return 0;
  if (n == 1) {
    std::int64_t count = 0;
    for (const char c : text) count += c == needle[0];
    return count;
  }
  std::vector<std::size_t> border(n, 0);  // border[i]: longest proper border of needle[0..i]
  for (std::size_t i = 1, k = 0; i < n; ++i) {
    while (k > 0 && needle[i] != needle[k]) k = border[k - 1];
    if (needle[i] == needle[k]) ++k;
    border[i] = k;
  }
  std::int64_t count = 0;
  for (std::size_t i = 0, k = 0; i < text.size(); ++i) {
    while (k > 0 && text[i] != needle[k]) k = border[k - 1];
    if (text[i] == needle[k]) ++k;
    if (k == n) {
      ++count;
      k = border[k - 1];
    }
  }
  return count;
}

}  // namespace huntq::engine
