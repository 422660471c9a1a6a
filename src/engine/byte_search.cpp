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
    auto mask = static_cast<std::uint32_t>(
        _mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(b, lastb))));
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

void byte_positions(std::string_view text, char c, std::vector<std::uint64_t>& bits) {
  const std::size_t words = (text.size() + 63) / 64;
  bits.assign(words, 0);
  const char* p = text.data();
  std::size_t i = 0;
#if defined(__AVX2__)
  const __m256i v = _mm256_set1_epi8(c);
  for (; i + 64 <= text.size(); i += 64) {
    const auto lo = static_cast<std::uint32_t>(_mm256_movemask_epi8(
        _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i)), v)));
    const auto hi = static_cast<std::uint32_t>(_mm256_movemask_epi8(
        _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 32)), v)));
    bits[i / 64] = std::uint64_t{hi} << 32 | lo;
  }
#elif defined(__SSE2__)
  const __m128i v = _mm_set1_epi8(c);
  for (; i + 64 <= text.size(); i += 64) {
    std::uint64_t w = 0;
    for (int k = 0; k < 4; ++k)
      w |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(
               _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 16 * k)), v)))}
           << (16 * k);
    bits[i / 64] = w;
  }
#endif
  for (; i < text.size(); ++i)
    if (p[i] == c) bits[i / 64] |= std::uint64_t{1} << (i % 64);
}

}  // namespace huntq::engine
