#include "byte_search.h"

#include <algorithm>
#include <cstring>

#include "huntq/value/case_fold.h"

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

// Bit i set when the state after byte i is "inside" (the prefix xor of the quote bits).
inline std::uint64_t prefix_xor(std::uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

// The 64-byte blocks of a text; the last one copied into zero-padded storage.
template <class F>
void for_each_block(std::string_view s, F&& f) {
  alignas(64) char tail[64];
  for (std::size_t base = 0; base < s.size(); base += 64) {
    const std::size_t len = std::min<std::size_t>(64, s.size() - base);
    const char* blk = s.data() + base;
    if (len < 64) {
      std::memset(tail, 0, sizeof tail);
      std::memcpy(tail, blk, len);
      blk = tail;
    }
    const std::uint64_t valid = len == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << len) - 1;
    if (!f(base, blk, len, valid)) return;
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

JsonRecordFacts scan_json_record(std::string_view s, bool want_whitespace) {
  JsonRecordFacts facts;
  // Whitespace around the record's value (a line's CR, an array element's indent) is between
  // no two tokens of a cell.
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  bool odd = false;     // the bytes so far end with an unpaired backslash: the next is escaped
  bool inside = false;  // inside a string at the end of the previous block
  for_each_block(s, [&](std::size_t base, const char* blk, std::size_t len, std::uint64_t valid) {
    const std::uint64_t bs = mask64(blk, '\\');
    std::uint64_t escaped = 0;
    if (bs || odd) {
      // Walk the backslash runs: pairs escape each other, an odd one escapes the next byte.
      std::size_t i = 0;
      for (;;) {
        if (odd) {
          if (i >= len) break;
          escaped |= std::uint64_t{1} << i;
          odd = false;
          ++i;
        }
        if (i >= 64) break;
        const std::uint64_t rest = bs & (~std::uint64_t{0} << i);
        if (!rest) break;
        const auto start = static_cast<std::size_t>(__builtin_ctzll(rest));
        const std::uint64_t after = ~(bs >> start);
        const std::size_t run =
            after ? static_cast<std::size_t>(__builtin_ctzll(after)) : 64 - start;
        odd = run & 1;
        i = start + run;
        if (i >= 64) break;  // the run may go on in the next block; `odd` carries its parity
      }
    }
    for (std::uint64_t e = escaped & valid; e; e &= e - 1) {
      const std::size_t at = base + static_cast<std::size_t>(__builtin_ctzll(e));
      const char c = s[at];
      if (c == '/') {
        facts.hidden_ascii[0] |= std::uint64_t{1} << '/';
      } else if (c == 'u') {
        std::uint32_t cp = 0;
        bool ok = at + 4 < s.size();
        for (std::size_t k = 1; ok && k <= 4; ++k) {
          const int d = hex_digit(s[at + k]);
          ok = d >= 0;
          cp = cp * 16 + static_cast<std::uint32_t>(d);
        }
        if (!ok || cp >= 0x80)
          facts.hidden_non_ascii = true;
        else
          facts.hidden_ascii[cp / 64] |= std::uint64_t{1} << (cp % 64);
      }
    }
    if (want_whitespace && !facts.whitespace_outside_strings) {
      const std::uint64_t quotes = mask64(blk, '"') & ~escaped;
      const std::uint64_t in = prefix_xor(quotes) ^ (inside ? ~std::uint64_t{0} : 0);
      const std::uint64_t ws =
          (mask64(blk, ' ') | mask64(blk, '\t') | mask64(blk, '\n') | mask64(blk, '\r')) & valid;
      if (ws & ~in) facts.whitespace_outside_strings = true;
      inside = in >> 63;
    }
    return true;
  });
  return facts;
}

bool csv_quotes_plain(std::string_view s) {
  bool inside = false, prev_comma = true, prev_close = false, plain = true;
  for_each_block(s, [&](std::size_t, const char* blk, std::size_t, std::uint64_t valid) {
    const std::uint64_t q = mask64(blk, '"');
    const std::uint64_t c = mask64(blk, ',');
    if (!q && !inside && !prev_close) {
      prev_comma = c >> 63;
      return true;
    }
    const std::uint64_t in = prefix_xor(q) ^ (inside ? ~std::uint64_t{0} : 0);
    const std::uint64_t open = q & in, close = q & ~in;
    const std::uint64_t after_comma = c << 1 | std::uint64_t{prev_comma};
    const std::uint64_t after_close = close << 1 | std::uint64_t{prev_close};
    // A quote opens at a field start or right after a closing one (a doubled quote); what
    // follows a closing quote is a comma or that doubled quote's second half.
    if ((open & ~(after_comma | after_close)) || (after_close & valid & ~(c | open))) {
      plain = false;
      return false;
    }
    inside = in >> 63;
    prev_comma = c >> 63;
    prev_close = close >> 63;
    return true;
  });
  return plain;
}

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

// ---- many needles ------------------------------------------------------------------------------

struct MultiSearch::Impl {
  enum class Kind : std::uint8_t { Exact, Folded, Teddy, Hashed } kind = Kind::Exact;
  bool ignore_case = false;
  std::vector<std::string> needles;  // folded when ignoring case
  std::unique_ptr<SubstringSearch> exact;
  std::unique_ptr<StringFinder> folded;
  // Teddy: bit b of lo[j][x] (hi[j][x]) is set when a needle of bucket b may have low (high)
  // nibble x at offset j.
  int width = 1;  // offsets fingerprinted: 1..3
  alignas(32) std::uint8_t lo[4][16] = {};
  alignas(32) std::uint8_t hi[4][16] = {};
  std::vector<std::uint32_t> bucket[8];
  // Per needle: its first (up to) 4 bytes as a word and the mask of those bytes, so a candidate
  // is mostly turned down by one compare per needle of its buckets.
  std::vector<std::uint32_t> head, head_mask;
  // Hashed: a bit per hash of a needle's first `width` bytes, and (hash, needle) sorted.
  std::vector<std::uint64_t> bits;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_hash;

  bool equal_at(const char* p, const std::string& n) const {
    if (!ignore_case) return std::memcmp(p, n.data(), n.size()) == 0;
    for (std::size_t k = 0; k < n.size(); ++k)
      if (fold_ascii(p[k]) != n[k]) return false;
    return true;
  }
  bool verify(const char* p, std::size_t pos, std::size_t size, unsigned buckets) const {
    std::uint32_t x = 0;
    std::memcpy(&x, p + pos, std::min<std::size_t>(4, size - pos));
    if (ignore_case) x = static_cast<std::uint32_t>(fold_ascii8(x));
    for (; buckets; buckets &= buckets - 1) {
      for (std::uint32_t id : bucket[__builtin_ctz(buckets)]) {
        if ((x & head_mask[id]) != head[id]) continue;
        const std::string& n = needles[id];
        if (pos + n.size() <= size && equal_at(p + pos, n)) return true;
      }
    }
    return false;
  }
  unsigned scalar_mask(const char* p, std::size_t pos, std::size_t size) const {
    unsigned m = 0xff;
    for (int j = 0; j < width && m; ++j) {
      if (pos + static_cast<std::size_t>(j) >= size) return 0;
      const auto x = static_cast<unsigned char>(p[pos + static_cast<std::size_t>(j)]);
      m &= lo[j][x & 15] & hi[j][x >> 4];
    }
    return m;
  }
#if defined(__AVX2__)
  template <int W>
  bool teddy_avx2(const char* p, std::size_t size, std::size_t& i) const {
    const __m256i nibble = _mm256_set1_epi8(0x0f);
    __m256i tlo[W], thi[W];
    for (int j = 0; j < W; ++j) {
      tlo[j] = _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(lo[j])));
      thi[j] = _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(hi[j])));
    }
    alignas(32) std::uint8_t found[32];
    for (; i + 32 + W - 1 <= size; i += 32) {
      __m256i res = _mm256_set1_epi8(-1);
      for (int j = 0; j < W; ++j) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + j));
        const __m256i l = _mm256_and_si256(v, nibble);
        const __m256i h = _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble);
        res = _mm256_and_si256(
            res, _mm256_and_si256(_mm256_shuffle_epi8(tlo[j], l), _mm256_shuffle_epi8(thi[j], h)));
      }
      auto cand = ~static_cast<std::uint32_t>(
          _mm256_movemask_epi8(_mm256_cmpeq_epi8(res, _mm256_setzero_si256())));
      if (!cand) continue;
      _mm256_store_si256(reinterpret_cast<__m256i*>(found), res);
      for (; cand; cand &= cand - 1) {
        const unsigned k = static_cast<unsigned>(__builtin_ctz(cand));
        if (verify(p, i + k, size, found[k])) return true;
      }
    }
    return false;
  }
#endif
  bool teddy(std::string_view hay) const {
    const char* p = hay.data();
    const std::size_t size = hay.size();
    std::size_t i = 0;
#if defined(__AVX2__)
    if ((width == 1 && teddy_avx2<1>(p, size, i)) || (width == 2 && teddy_avx2<2>(p, size, i)) ||
        (width == 3 && teddy_avx2<3>(p, size, i)) || (width == 4 && teddy_avx2<4>(p, size, i)))
      return true;
#endif
    for (; i < size; ++i) {
      const unsigned m = scalar_mask(p, i, size);
      if (m && verify(p, i, size, m)) return true;
    }
    return false;
  }

  std::uint32_t hash_at(const char* p) const {
    std::uint32_t x = 0;
    std::memcpy(&x, p, static_cast<std::size_t>(width));
    if (ignore_case) x = static_cast<std::uint32_t>(fold_ascii8(x));
    return (x * 0x9E3779B1u) >> 16;
  }
  bool hashed(std::string_view hay) const {
    const char* p = hay.data();
    const auto w = static_cast<std::size_t>(width);
    if (hay.size() < w) return false;
    for (std::size_t i = 0; i + w <= hay.size(); ++i) {
      const std::uint32_t h = hash_at(p + i);
      if (!(bits[h / 64] >> (h % 64) & 1)) continue;
      auto it = std::lower_bound(by_hash.begin(), by_hash.end(), std::make_pair(h, 0u));
      for (; it != by_hash.end() && it->first == h; ++it) {
        const std::string& n = needles[it->second];
        if (i + n.size() <= hay.size() && equal_at(p + i, n)) return true;
      }
    }
    return false;
  }
};

MultiSearch::MultiSearch() = default;
MultiSearch::~MultiSearch() = default;
MultiSearch::MultiSearch(MultiSearch&&) noexcept = default;
MultiSearch& MultiSearch::operator=(MultiSearch&&) noexcept = default;

MultiSearch::MultiSearch(std::vector<std::string> needles, bool ignore_case)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.ignore_case = ignore_case;
  for (auto& n : needles)
    if (ignore_case) n = fold_ascii(n);
  std::sort(needles.begin(), needles.end());
  needles.erase(std::unique(needles.begin(), needles.end()), needles.end());
  std::size_t shortest = SIZE_MAX;
  for (const auto& n : needles) shortest = std::min(shortest, n.size());
  if (needles.empty() || shortest == 0) {  // nothing to find, or "" found everywhere
    m.kind = Impl::Kind::Exact;
    m.exact = std::make_unique<SubstringSearch>(std::string());
    if (needles.empty()) impl_.reset();
    return;
  }
  m.needles = std::move(needles);
  const std::size_t count = m.needles.size();
  if (count == 1) {
    if (ignore_case) {
      m.kind = Impl::Kind::Folded;
      m.folded = std::make_unique<StringFinder>(m.needles[0], true);
    } else {
      m.kind = Impl::Kind::Exact;
      m.exact = std::make_unique<SubstringSearch>(m.needles[0]);
    }
    return;
  }
  if (count <= 64) {
    m.kind = Impl::Kind::Teddy;
    m.width = static_cast<int>(std::min<std::size_t>(4, shortest));
    for (const auto& n : m.needles) {
      const std::size_t k = std::min<std::size_t>(4, n.size());
      std::uint32_t h = 0;
      std::memcpy(&h, n.data(), k);
      m.head.push_back(h);
      m.head_mask.push_back(k == 4 ? ~0u : (1u << (8 * k)) - 1);
    }
    // Each needle goes to the bucket whose tables it widens least (needles that share bytes
    // share a bucket), so few positions of other text light up a bucket.
    const std::size_t capacity = (count + 7) / 8;
    auto variants = [&](unsigned char x) {
      const bool letter = ignore_case && x >= 'a' && x <= 'z';
      return std::pair<unsigned, unsigned>{x, letter ? x - 32u : x};
    };
    for (std::size_t id = 0; id < count; ++id) {
      std::size_t best = 0;
      int best_cost = INT32_MAX;
      for (std::size_t b = 0; b < 8; ++b) {
        if (m.bucket[b].size() >= capacity) continue;
        int cost = 0;
        for (int j = 0; j < m.width; ++j) {
          const auto [v1, v2] =
              variants(static_cast<unsigned char>(m.needles[id][static_cast<std::size_t>(j)]));
          for (unsigned v : {v1, v2}) {
            cost += !(m.lo[j][v & 15] >> b & 1);
            cost += !(m.hi[j][v >> 4] >> b & 1);
          }
        }
        if (m.bucket[b].empty()) cost += 1;  // an empty bucket only when it pays
        if (cost < best_cost) best_cost = cost, best = b;
      }
      m.bucket[best].push_back(static_cast<std::uint32_t>(id));
      for (int j = 0; j < m.width; ++j) {
        const auto [v1, v2] =
            variants(static_cast<unsigned char>(m.needles[id][static_cast<std::size_t>(j)]));
        for (unsigned v : {v1, v2}) {
          m.lo[j][v & 15] |= static_cast<std::uint8_t>(1u << best);
          m.hi[j][v >> 4] |= static_cast<std::uint8_t>(1u << best);
        }
      }
    }
    return;
  }
  m.kind = Impl::Kind::Hashed;
  m.width = static_cast<int>(std::min<std::size_t>(4, shortest));
  m.bits.assign(1024, 0);
  for (std::size_t id = 0; id < count; ++id) {
    const std::uint32_t h = m.hash_at(m.needles[id].data());
    m.bits[h / 64] |= std::uint64_t{1} << (h % 64);
    m.by_hash.emplace_back(h, static_cast<std::uint32_t>(id));
  }
  std::sort(m.by_hash.begin(), m.by_hash.end());
}

bool MultiSearch::empty() const noexcept {
  return !impl_;
}

bool MultiSearch::found_in(std::string_view hay) const {
  if (!impl_) return false;
  switch (impl_->kind) {
    case Impl::Kind::Exact:
      return impl_->exact->found_in(hay);
    case Impl::Kind::Folded:
      return impl_->folded->found_in(hay);
    case Impl::Kind::Teddy:
      return impl_->teddy(hay);
    case Impl::Kind::Hashed:
      return impl_->hashed(hay);
  }
  return false;
}

}  // namespace huntq::engine
