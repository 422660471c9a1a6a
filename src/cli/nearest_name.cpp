#include "nearest_name.h"

#include <algorithm>
#include <cstddef>

namespace huntq::cli {
namespace {

// Arguments are user text of any length; a typo of a name is short.
constexpr std::size_t kLongestWord = 64;

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

bool starts_with_ignoring_case(std::string_view s, std::string_view prefix) {
  if (prefix.size() > s.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(s[i]) != lower(prefix[i])) return false;
  return true;
}

// Leading dashes are part of every option name: they say nothing about which one was meant.
std::string_view strip_dashes(std::string_view s) {
  while (!s.empty() && s.front() == '-') s.remove_prefix(1);
  return s;
}

}  // namespace

std::string nearest_name(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string_view bare = strip_dashes(word);
  if (bare.empty() || word.size() > kLongestWord) return "";
  const std::string* prefixed = nullptr;
  int prefix_count = 0;
  for (const std::string& c : candidates) {
    if (c.size() > word.size() && starts_with_ignoring_case(c, word)) {
      prefixed = &c;
      ++prefix_count;
    }
  }
  if (prefix_count == 1 && bare.size() >= 2) return *prefixed;
  // One or two letters are too few to guess from: only a difference of case or dashes.
  const std::size_t allowed = bare.size() < 3 ? 0 : std::clamp<std::size_t>(bare.size() / 3, 1, 3);
  const std::string* best = nullptr;
  std::size_t best_distance = allowed + 1;
  for (const std::string& c : candidates) {
    const std::size_t distance = edit_distance(bare, strip_dashes(c));
    if (distance < best_distance) {
      best = &c;
      best_distance = distance;
    }
  }
  return best ? *best : "";
}

}  // namespace huntq::cli
