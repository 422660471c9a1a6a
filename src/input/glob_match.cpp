// ripgrep-style globs for quoted command-line patterns.
#include <string>
#include <string_view>
#include <vector>

#include "huntq/input/input_set.h"

namespace huntq::input {
namespace {

// [...] at p[i] (i at '['): whether c is in the class; `end` is set past the ']'. A class with
// no closing ']' is a literal '['.
bool match_class(std::string_view p, std::size_t i, char c, std::size_t& end, bool& valid) {
  std::size_t j = i + 1;
  bool negate = false;
  if (j < p.size() && (p[j] == '!' || p[j] == '^')) {
    negate = true;
    ++j;
  }
  bool found = false;
  bool first = true;
  for (; j < p.size() && (first || p[j] != ']'); first = false) {
    char lo = p[j];
    if (lo == '\\' && j + 1 < p.size()) lo = p[++j];
    char hi = lo;
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      hi = p[j + 2];
      if (hi == '\\' && j + 3 < p.size()) {
        hi = p[j + 3];
        ++j;
      }
      j += 2;
    }
    if (c >= lo && c <= hi) found = true;
    ++j;
  }
  if (j >= p.size()) {
    valid = false;
    return false;
  }
  valid = true;
  end = j + 1;
  return found != negate;
}

// One path component against one pattern component: '*', '?', classes, '\' escapes.
bool match_segment(std::string_view p, std::string_view s) {
  std::size_t pi = 0, si = 0;
  std::size_t star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size()) {
      const char c = p[pi];
      if (c == '*') {
        while (pi < p.size() && p[pi] == '*') ++pi;
        star_p = pi;
        star_s = si;
        continue;
      }
      if (c == '?') {
        ++pi;
        ++si;
        continue;
      }
      if (c == '[') {
        std::size_t end = 0;
        bool valid = false;
        const bool in = match_class(p, pi, s[si], end, valid);
        if (valid) {
          if (in) {
            pi = end;
            ++si;
            continue;
          }
        } else if (s[si] == '[') {
          ++pi;
          ++si;
          continue;
        }
      } else {
        char lit = c;
        std::size_t step = 1;
        if (c == '\\' && pi + 1 < p.size()) {
          lit = p[pi + 1];
          step = 2;
        }
        if (lit == s[si]) {
          pi += step;
          ++si;
          continue;
        }
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p;
    si = ++star_s;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '/') {
      if (i > start) out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

}  // namespace

bool has_glob_chars(std::string_view path) {
  return path.find_first_of("*?[{") != std::string_view::npos;
}

bool glob_match(std::string_view pattern, std::string_view path) {
  while (pattern.substr(0, 2) == "./") pattern.remove_prefix(2);
  while (path.substr(0, 2) == "./") path.remove_prefix(2);
  if (pattern.find('/') == std::string_view::npos) {
    // No '/': the file name, at any depth.
    const std::size_t slash = path.rfind('/');
    return match_segment(pattern, slash == std::string_view::npos ? path : path.substr(slash + 1));
  }
  if ((pattern.front() == '/') != (!path.empty() && path.front() == '/')) return false;
  const auto ps = split(pattern);
  const auto ss = split(path);
  // memo[i][j]: pattern components from i match path components from j (0 unknown, 1 no, 2 yes).
  std::vector<char> memo((ps.size() + 1) * (ss.size() + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> char& { return memo[i * (ss.size() + 1) + j]; };
  // Filled from the end: a table, not recursion, so no pattern can exhaust the stack.
  for (std::size_t i = ps.size() + 1; i-- > 0;) {
    for (std::size_t j = ss.size() + 1; j-- > 0;) {
      bool m;
      if (i == ps.size()) {
        m = j == ss.size();
      } else if (ps[i] == "**") {
        m = at(i + 1, j) == 2 || (j < ss.size() && at(i, j + 1) == 2);
      } else {
        m = j < ss.size() && match_segment(ps[i], ss[j]) && at(i + 1, j + 1) == 2;
      }
      at(i, j) = m ? 2 : 1;
    }
  }
  return at(0, 0) == 2;
}

std::vector<std::string> expand_braces(std::string_view pattern) {
  // The first top-level {...} with a ',' inside, expanded; then again on each result.
  std::vector<std::string> out;
  std::vector<std::string> todo{std::string(pattern)};
  while (!todo.empty() && out.size() < 1024) {
    std::string p = std::move(todo.back());
    todo.pop_back();
    std::size_t open = std::string::npos, close = std::string::npos;
    std::vector<std::size_t> commas;
    int depth = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == '\\') {
        ++i;
        continue;
      }
      if (p[i] == '{') {
        if (depth++ == 0) {
          open = i;
          commas.clear();
        }
      } else if (p[i] == '}' && depth > 0) {
        if (--depth == 0) {
          close = i;
          if (!commas.empty()) break;
          open = close = std::string::npos;
        }
      } else if (p[i] == ',' && depth == 1) {
        commas.push_back(i);
      }
    }
    if (open == std::string::npos || close == std::string::npos || commas.empty()) {
      out.push_back(std::move(p));
      continue;
    }
    std::size_t start = open + 1;
    commas.push_back(close);
    std::vector<std::string> parts;
    for (std::size_t c : commas) {
      parts.push_back(p.substr(0, open) + p.substr(start, c - start) + p.substr(close + 1));
      start = c + 1;
    }
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) todo.push_back(std::move(*it));
  }
  return out;
}

}  // namespace huntq::input
