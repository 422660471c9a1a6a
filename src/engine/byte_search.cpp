#include "byte_search.h"

#include <cstring>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace huntq::engine {

SubstringSearch::SubstringSearch(std::string needle) : needle_(std::move(needle)) {}

bool SubstringSearch::found_in(std::string_view hay) const {
  const std::size_t n = needle_.size();
  if (n == 0) return true;
  if (hay.size() < n) return false;
  const char* p = hay.data();
  const std::size_t last = hay.size() - n;  // last possible start
  std::size_t i = 0;
#if defined(__AVX2__)
  const __m256i first = _mm256_set1_epi8(needle_.front());
  const __m256i lastb = _mm256_set1_epi8(needle_.back());
  for (; i + 32 <= last + 1; i += 32) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + n - 1));
    auto mask = static_cast<std::uint32_t>(_mm256_movemask_epi8(
        _mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(b, lastb))));
    while (mask) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
      if (std::memcmp(p + i + bit + 1, needle_.data() + 1, n - 1) == 0) return true;
      mask &= mask - 1;
    }
  }
#elif defined(__SSE2__)
  const __m128i first = _mm_set1_epi8(needle_.front());
  const __m128i lastb = _mm_set1_epi8(needle_.back());
  for (; i + 16 <= last + 1; i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + n - 1));
    auto mask = static_cast<std::uint32_t>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, lastb))));
    while (mask) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
      if (std::memcmp(p + i + bit + 1, needle_.data() + 1, n - 1) == 0) return true;
      mask &= mask - 1;
    }
  }
#endif
  // The tail (or every position without SIMD).
  for (; i <= last; ++i)
    if (p[i] == needle_.front() && std::memcmp(p + i, needle_.data(), n) == 0) return true;
  return false;
}

namespace {

char fold(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}
bool is_lower_letter(char c) {
  return c >= 'a' && c <= 'z';
}
bool folded_equal(const char* p, const char* lower, std::size_t n) {
  for (std::size_t k = 0; k < n; ++k)
    if (fold(p[k]) != lower[k]) return false;
  return true;
}

}  // namespace

bool found_folded(std::string_view hay, std::string_view lower) {
  const std::size_t n = lower.size();
  if (n == 0) return true;
  if (hay.size() < n) return false;
  const char* p = hay.data();
  const std::size_t last = hay.size() - n;  // last possible start
  std::size_t i = 0;
  // A letter matches both cases once its 0x20 bit is set; other bytes must match exactly.
  const char first = lower.front(), back = lower.back();
  const char first_bit = is_lower_letter(first) ? 0x20 : 0;
  const char back_bit = is_lower_letter(back) ? 0x20 : 0;
#if defined(__AVX2__)
  const __m256i f = _mm256_set1_epi8(first), fb = _mm256_set1_epi8(first_bit);
  const __m256i l = _mm256_set1_epi8(back), lb = _mm256_set1_epi8(back_bit);
  for (; i + 32 <= last + 1; i += 32) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + n - 1));
    auto mask = static_cast<std::uint32_t>(
        _mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(_mm256_or_si256(a, fb), f),
                                              _mm256_cmpeq_epi8(_mm256_or_si256(b, lb), l))));
    for (; mask; mask &= mask - 1) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
      if (folded_equal(p + i + bit + 1, lower.data() + 1, n - 1)) return true;
    }
  }
#elif defined(__SSE2__)
  const __m128i f = _mm_set1_epi8(first), fb = _mm_set1_epi8(first_bit);
  const __m128i l = _mm_set1_epi8(back), lb = _mm_set1_epi8(back_bit);
  for (; i + 16 <= last + 1; i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + n - 1));
    auto mask = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_and_si128(
        _mm_cmpeq_epi8(_mm_or_si128(a, fb), f), _mm_cmpeq_epi8(_mm_or_si128(b, lb), l))));
    for (; mask; mask &= mask - 1) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
      if (folded_equal(p + i + bit + 1, lower.data() + 1, n - 1)) return true;
    }
  }
#endif
  // The tail (or every position without SIMD).
  for (; i <= last; ++i)
    if (folded_equal(p + i, lower.data(), n)) return true;
  return false;
}

namespace {

// Bits of the 64 bytes at p equal to c.
inline std::uint64_t mask64(const char* p, char c) {
#if defined(__AVX2__)
  const __m256i v = _mm256_set1_epi8(c);
  const auto lo = static_cast<std::uint32_t>(_mm256_movemask_epi8(
      _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)), v)));
  const auto hi = static_cast<std::uint32_t>(_mm256_movemask_epi8(
      _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32)), v)));
  return std::uint64_t{hi} << 32 | lo;
#elif defined(__SSE2__)
  const __m128i v = _mm_set1_epi8(c);
  std::uint64_t w = 0;
  for (int k = 0; k < 4; ++k)
    w |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(
             _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k)), v)))}
         << (16 * k);
  return w;
#else
  std::uint64_t w = 0;
  for (int k = 0; k < 64; ++k) w |= std::uint64_t{p[k] == c} << k;
  return w;
#endif
}

}  // namespace

bool byte_positions(std::string_view text, char c, std::vector<std::uint64_t>& bits) {
  const std::size_t words = (text.size() + 63) / 64;
  bits.resize(words);
  const char* p = text.data();
  std::size_t i = 0;
  std::uint64_t escapes = 0, carry = 0;  // carry: the previous block ended with a backslash
  for (; i + 64 <= text.size(); i += 64) {
    bits[i / 64] = mask64(p + i, c);
    const std::uint64_t bs = mask64(p + i, '\\'), u = mask64(p + i, 'u');
    escapes |= (bs & (u >> 1)) | (carry & u);
    carry = bs >> 63;
  }
  if (i < text.size()) {
    std::uint64_t w = 0;
    for (std::size_t k = i; k < text.size(); ++k) {
      if (p[k] == c) w |= std::uint64_t{1} << (k - i);
      if (p[k] == 'u' && (k == i ? carry : p[k - 1] == '\\')) escapes = 1;
    }
    bits[i / 64] = w;
  }
  return escapes != 0;
}

bool SubstringSearch::either_found_in(std::string_view hay, const SubstringSearch& a,
                                      const SubstringSearch& b) {
#if defined(__AVX2__)
  const std::string& x = a.needle_;
  const std::string& y = b.needle_;
  const std::size_t span = std::max(x.size(), y.size());
  const char* p = hay.data();
  std::size_t i = 0;
  if (x.size() >= 2 && y.size() >= 2 && hay.size() >= span) {
    const __m256i x0 = _mm256_set1_epi8(x.front()), x1 = _mm256_set1_epi8(x.back());
    const __m256i y0 = _mm256_set1_epi8(y.front()), y1 = _mm256_set1_epi8(y.back());
    const std::size_t last = hay.size() - span;  // every load below stays inside the haystack
    for (; i + 32 <= last + 1; i += 32) {
      const __m256i a0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
      const __m256i ax = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + x.size() - 1));
      const __m256i ay = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + y.size() - 1));
      auto mx = static_cast<std::uint32_t>(_mm256_movemask_epi8(
          _mm256_and_si256(_mm256_cmpeq_epi8(a0, x0), _mm256_cmpeq_epi8(ax, x1))));
      auto my = static_cast<std::uint32_t>(_mm256_movemask_epi8(
          _mm256_and_si256(_mm256_cmpeq_epi8(a0, y0), _mm256_cmpeq_epi8(ay, y1))));
      for (; mx; mx &= mx - 1)
        if (std::memcmp(p + i + __builtin_ctz(mx), x.data(), x.size()) == 0) return true;
      for (; my; my &= my - 1)
        if (std::memcmp(p + i + __builtin_ctz(my), y.data(), y.size()) == 0) return true;
    }
  }
  // The rest: from the first position not yet covered.
  const std::string_view rest = hay.substr(std::min(i, hay.size()));
  return a.found_in(rest) || b.found_in(rest);
#else
  return a.found_in(hay) || b.found_in(hay);
#endif
}

}  // namespace huntq::engine
