#include "huntq/value/case_fold.h"

#include <algorithm>
#include <cstring>
#include <iterator>

#include "case_fold_tables.h"
#include "huntq/value/utf8.h"

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace huntq {
namespace {

constexpr std::size_t npos = std::string_view::npos;

std::uint64_t load8(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// The first `n` (< 8) bytes at p, zero-padded.
std::uint64_t load_partial(const char* p, std::size_t n) noexcept {
  std::uint64_t w = 0;
  std::memcpy(&w, p, n);
  return w;
}

bool is_ascii_letter(char c) noexcept {
  const char f = fold_ascii(c);
  return f >= 'a' && f <= 'z';
}

// Whether the n bytes at a equal the n folded bytes at folded, ignoring ASCII case.
bool equal_folded_n(const char* a, const char* folded, std::size_t n) noexcept {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8)
    if (fold_ascii8(load8(a + i)) != load8(folded + i)) return false;
  if (i < n) return fold_ascii8(load_partial(a + i, n - i)) == load_partial(folded + i, n - i);
  return true;
}

bool equal_ignore_case_n(const char* a, const char* b, std::size_t n) noexcept {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8)
    if (fold_ascii8(load8(a + i)) != fold_ascii8(load8(b + i))) return false;
  if (i < n)
    return fold_ascii8(load_partial(a + i, n - i)) == fold_ascii8(load_partial(b + i, n - i));
  return true;
}

void append_utf8(std::string& out, char32_t cp) {
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

template <std::size_t N>
char32_t map_code_point(const case_tables::CaseRun (&runs)[N], char32_t c) noexcept {
  // The last run starting at or before c.
  const auto* it =
      std::upper_bound(std::begin(runs), std::end(runs), c,
                       [](char32_t v, const case_tables::CaseRun& r) { return v < r.first; });
  if (it == std::begin(runs)) return c;
  --it;
  if (c > it->last || (c - it->first) % it->stride != 0) return c;
  return static_cast<char32_t>(static_cast<int>(c) + it->delta);
}

template <char32_t (*Map)(char32_t) noexcept, char (*Ascii)(char) noexcept>
void map_unicode_into(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    std::size_t j = i;  // ASCII runs are mapped in bulk
    while (j < in.size() && static_cast<unsigned char>(in[j]) < 0x80) ++j;
    if (j > i) {
      const std::size_t at = out.size();
      out.resize(at + (j - i));
      for (std::size_t k = i; k < j; ++k) out[at + (k - i)] = Ascii(in[k]);
      i = j;
      continue;
    }
    const char c = in[i];
    std::size_t len = 1;
    const std::int32_t cp = decode_utf8(in, i, len);
    if (cp < 0) {
      out += c;  // not UTF-8: copied as it is
    } else {
      append_utf8(out, Map(static_cast<char32_t>(cp)));
    }
    i += len;
  }
}

char lower_ascii(char c) noexcept {
  return fold_ascii(c);
}
char upper_ascii(char c) noexcept {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - ('a' - 'A')) : c;
}

}  // namespace

void fold_ascii_into(std::string_view in, std::string& out) {
  out.resize(in.size());
  std::size_t i = 0;
  for (; i + 8 <= in.size(); i += 8) {
    const std::uint64_t w = fold_ascii8(load8(in.data() + i));
    std::memcpy(out.data() + i, &w, 8);
  }
  for (; i < in.size(); ++i) out[i] = fold_ascii(in[i]);
}

std::string fold_ascii(std::string_view in) {
  std::string out;
  fold_ascii_into(in, out);
  return out;
}

bool equals_ignore_case(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && equal_ignore_case_n(a.data(), b.data(), a.size());
}

bool equals_folded(std::string_view text, std::string_view folded) noexcept {
  return text.size() == folded.size() && equal_folded_n(text.data(), folded.data(), text.size());
}

bool starts_with_ignore_case(std::string_view text, std::string_view prefix) noexcept {
  return text.size() >= prefix.size() &&
         equal_ignore_case_n(text.data(), prefix.data(), prefix.size());
}

bool ends_with_ignore_case(std::string_view text, std::string_view suffix) noexcept {
  return text.size() >= suffix.size() &&
         equal_ignore_case_n(text.data() + text.size() - suffix.size(), suffix.data(),
                             suffix.size());
}

std::size_t find_ignore_case(std::string_view hay, std::string_view needle, std::size_t from) {
  const std::size_t n = needle.size();
  if (from > hay.size()) return npos;
  if (n == 0) return from;
  if (hay.size() - from < n) return npos;
  if (n > 32) {
    // Long needles: glibc's two-way memmem over folded copies keeps the search linear whatever
    // the text holds (the copies live in per-thread buffers).
    thread_local std::string folded_hay, folded_needle;
    fold_ascii_into(hay.substr(from), folded_hay);
    fold_ascii_into(needle, folded_needle);
    const void* at = memmem(folded_hay.data(), folded_hay.size(), folded_needle.data(), n);
    return at ? from + static_cast<std::size_t>(static_cast<const char*>(at) - folded_hay.data())
              : npos;
  }
  const char first = fold_ascii(needle[0]);
  const std::size_t last = hay.size() - n;
  for (std::size_t i = from; i <= last; ++i)
    if (fold_ascii(hay[i]) == first && equal_ignore_case_n(hay.data() + i, needle.data(), n))
      return i;
  return npos;
}

StringFinder::StringFinder(std::string_view needle, bool ignore_case)
    : needle_(ignore_case ? fold_ascii(needle) : std::string(needle)), ignore_case_(ignore_case) {
  if (needle_.empty()) return;
  const auto set = [&](char c, char& or_mask, char& value) {
    or_mask = ignore_case && is_ascii_letter(c) ? 0x20 : 0;
    value = c;
  };
  set(needle_.front(), first_or_, first_value_);
  set(needle_.back(), last_or_, last_value_);
}

bool StringFinder::matches_at(const char* p) const noexcept {
  return ignore_case_ ? equal_folded_n(p, needle_.data(), needle_.size())
                      : std::memcmp(p, needle_.data(), needle_.size()) == 0;
}

std::size_t StringFinder::find(std::string_view hay, std::size_t from) const noexcept {
  const std::size_t n = needle_.size();
  if (from > hay.size()) return npos;
  if (n == 0) return from;
  if (hay.size() - from < n) return npos;
  const char* p = hay.data();
  const std::size_t last = hay.size() - n;  // the last possible start
  std::size_t i = from;
#if defined(__AVX2__)
  const __m256i f_or = _mm256_set1_epi8(first_or_), f_val = _mm256_set1_epi8(first_value_);
  const __m256i l_or = _mm256_set1_epi8(last_or_), l_val = _mm256_set1_epi8(last_value_);
  for (; i + 32 <= last + 1; i += 32) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + n - 1));
    auto mask = static_cast<std::uint32_t>(
        _mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(_mm256_or_si256(a, f_or), f_val),
                                              _mm256_cmpeq_epi8(_mm256_or_si256(b, l_or), l_val))));
    while (mask) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
      if (matches_at(p + i + bit)) return i + bit;
      mask &= mask - 1;
    }
  }
#elif defined(__SSE2__)
  const __m128i f_or = _mm_set1_epi8(first_or_), f_val = _mm_set1_epi8(first_value_);
  const __m128i l_or = _mm_set1_epi8(last_or_), l_val = _mm_set1_epi8(last_value_);
  for (; i + 16 <= last + 1; i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + n - 1));
    auto mask = static_cast<std::uint32_t>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(a, f_or), f_val),
                                        _mm_cmpeq_epi8(_mm_or_si128(b, l_or), l_val))));
    while (mask) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
      if (matches_at(p + i + bit)) return i + bit;
      mask &= mask - 1;
    }
  }
#endif
  // The tail, or every position without SIMD.
  for (; i <= last; ++i)
    if (static_cast<char>(p[i] | first_or_) == first_value_ && matches_at(p + i)) return i;
  return npos;
}

char32_t to_lower_code_point(char32_t c) noexcept {
  if (c < 0x80) return static_cast<char32_t>(fold_ascii(static_cast<char>(c)));
  return map_code_point(case_tables::kLowerRuns, c);
}

char32_t to_upper_code_point(char32_t c) noexcept {
  if (c < 0x80) return static_cast<char32_t>(upper_ascii(static_cast<char>(c)));
  return map_code_point(case_tables::kUpperRuns, c);
}

void to_lower_unicode_into(std::string_view in, std::string& out) {
  map_unicode_into<to_lower_code_point, lower_ascii>(in, out);
}

void to_upper_unicode_into(std::string_view in, std::string& out) {
  map_unicode_into<to_upper_code_point, upper_ascii>(in, out);
}

}  // namespace huntq
