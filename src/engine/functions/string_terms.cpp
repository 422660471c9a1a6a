#include "string_terms.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "huntq/value/dynamic.h"
#include "string_search.h"

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace huntq::engine {
namespace {

constexpr auto kTermChars = [] {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 'a' + 'A'] = true;
  return t;
}();

// Bit i is set when p[i] is a term character (ASCII letter or digit), for i in 0..63.
std::uint64_t term_char_mask64(const char* p) noexcept {
#if defined(__AVX2__)
  const auto half = [](const char* q) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(q));
    // Signed compares: bytes of 0x80 and above are negative, so never letters or digits.
    const __m256i digit = _mm256_and_si256(_mm256_cmpgt_epi8(v, _mm256_set1_epi8('0' - 1)),
                                           _mm256_cmpgt_epi8(_mm256_set1_epi8('9' + 1), v));
    const __m256i low = _mm256_or_si256(v, _mm256_set1_epi8(0x20));
    const __m256i letter = _mm256_and_si256(_mm256_cmpgt_epi8(low, _mm256_set1_epi8('a' - 1)),
                                            _mm256_cmpgt_epi8(_mm256_set1_epi8('z' + 1), low));
    return static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_or_si256(digit, letter)));
  };
  return std::uint64_t{half(p + 32)} << 32 | half(p);
#elif defined(__SSE2__)
  std::uint64_t m = 0;
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                        _mm_cmpgt_epi8(_mm_set1_epi8('9' + 1), v));
    const __m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(low, _mm_set1_epi8('a' - 1)),
                                         _mm_cmpgt_epi8(_mm_set1_epi8('z' + 1), low));
    m |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_or_si128(digit, letter)))}
         << (16 * k);
  }
  return m;
#else
  std::uint64_t m = 0;
  for (int k = 0; k < 64; ++k)
    m |= std::uint64_t{kTermChars[static_cast<unsigned char>(p[k])]} << k;
  return m;
#endif
}

std::uint64_t load_partial(const char* p, std::size_t n) noexcept {
  std::uint64_t w = 0;
  std::memcpy(&w, p, n < 8 ? n : 8);
  return w;
}

std::uint64_t mix(std::uint64_t h, std::uint64_t w) noexcept {
  h = (h ^ w) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 32);
}

// A hash of the text folded to lowercase, computed without writing the folded text.
std::uint64_t folded_hash(std::string_view s) noexcept {
  std::uint64_t h = 0x243F6A8885A308D3ull ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) h = mix(h, fold_ascii8(load_partial(s.data() + i, 8)));
  if (i < s.size()) h = mix(h, fold_ascii8(load_partial(s.data() + i, s.size() - i)));
  return h ^ (h >> 29);
}

std::uint64_t length_bit(std::size_t n) noexcept {
  return std::uint64_t{1} << (n < 63 ? n : 63);
}

bool all_term_chars(std::string_view s) noexcept {
  for (char c : s)
    if (!is_term_char(c)) return false;
  return true;
}

void collect(const Dynamic& d, std::vector<std::string>& out) {
  if (d.is_null()) return;
  if (d.is_array()) {
    for (const auto& item : d.items()) collect(*item, out);
    return;
  }
  out.push_back(dynamic_text(d));
}

}  // namespace

bool is_term_char(char c) noexcept {
  return kTermChars[static_cast<unsigned char>(c)];
}

TermMatcher::TermMatcher(std::string_view needle, bool ignore_case, TermMode mode)
    : finder_(needle, ignore_case) {
  if (needle.empty()) return;
  check_before_ = mode != TermMode::Suffix && is_term_char(needle.front());
  check_after_ = mode != TermMode::Prefix && is_term_char(needle.back());
}

bool TermMatcher::matches(std::string_view text) const noexcept {
  const std::size_t n = finder_.needle().size();
  for (std::size_t from = 0;;) {
    const std::size_t at = finder_.find(text, from);
    if (at == std::string_view::npos) return false;
    const bool before_ok = !check_before_ || at == 0 || !is_term_char(text[at - 1]);
    const bool after_ok = !check_after_ || at + n == text.size() || !is_term_char(text[at + n]);
    if (before_ok && after_ok) return true;
    from = at + 1;
  }
}

bool term_match(std::string_view text, std::string_view needle, bool ignore_case, TermMode mode) {
  const std::size_t n = needle.size();
  if (n == 0) return true;
  if (n > text.size()) return false;
  const bool check_before = mode != TermMode::Suffix && is_term_char(needle.front());
  const bool check_after = mode != TermMode::Prefix && is_term_char(needle.back());
  if (ignore_case) {  // folded once into per-thread buffers: term characters fold to themselves
    thread_local std::string folded_text, folded_needle;
    fold_ascii_into(text, folded_text);
    fold_ascii_into(needle, folded_needle);
    text = folded_text;
    needle = folded_needle;
  }
  for (std::size_t from = 0;;) {
    const std::size_t at = find_bytes(text, needle, from);
    if (at == std::string_view::npos) return false;
    const bool before_ok = !check_before || at == 0 || !is_term_char(text[at - 1]);
    const bool after_ok = !check_after || at + n == text.size() || !is_term_char(text[at + n]);
    if (before_ok && after_ok) return true;
    // When the start needs a boundary, the next candidate starts after a non-term character:
    // skipping the rest of the term keeps the loop linear on hostile text.
    from = at + 1;
    if (check_before)
      while (from < text.size() && is_term_char(text[from - 1])) ++from;
  }
}

std::uint32_t FoldedStringSet::insert(std::string_view text) {
  if (slots_.empty() || (items_.size() + 1) * 2 > slots_.size()) grow();
  const std::uint64_t h = folded_hash(text);
  const std::int64_t found = probe(text, h);
  if (found >= 0) return static_cast<std::uint32_t>(found);
  const auto id = static_cast<std::uint32_t>(items_.size());
  items_.push_back(fold_ascii(text));
  lengths_ |= length_bit(text.size());
  if (!text.empty()) {
    Edges& e = edges_[text.size() < 63 ? text.size() : 63];
    const auto f = static_cast<unsigned char>(items_.back().front());
    const auto l = static_cast<unsigned char>(items_.back().back());
    e.first[f / 64] |= std::uint64_t{1} << (f % 64);
    e.last[l / 64] |= std::uint64_t{1} << (l % 64);
  }
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = id + 1;
  return id;
}

std::int64_t FoldedStringSet::probe(std::string_view text, std::uint64_t hash) const noexcept {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask; slots_[i] != 0; i = (i + 1) & mask) {
    const std::uint32_t id = slots_[i] - 1;
    if (equals_folded(text, items_[id])) return id;
  }
  return -1;
}

std::int64_t FoldedStringSet::find(std::string_view text) const noexcept {
  if (!(lengths_ & length_bit(text.size()))) return -1;
  if (!text.empty()) {
    const Edges& e = edges_[text.size() < 63 ? text.size() : 63];
    const auto f = static_cast<unsigned char>(fold_ascii(text.front()));
    const auto l = static_cast<unsigned char>(fold_ascii(text.back()));
    if (!(e.first[f / 64] >> (f % 64) & 1) || !(e.last[l / 64] >> (l % 64) & 1)) return -1;
  }
  return probe(text, folded_hash(text));
}

void FoldedStringSet::grow() {
  slots_.assign(slots_.empty() ? 16 : slots_.size() * 2, 0);
  const std::size_t mask = slots_.size() - 1;
  for (std::uint32_t id = 0; id < items_.size(); ++id) {
    std::size_t i = folded_hash(items_[id]) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = id + 1;
  }
}

std::size_t FoldedStringSet::bytes() const noexcept {
  std::size_t b = slots_.size() * sizeof(std::uint32_t) + items_.size() * sizeof(std::string);
  for (const auto& s : items_) b += s.capacity();
  return b;
}

std::string dynamic_text(const Dynamic& d) {
  switch (d.kind()) {
    case DynamicKind::String:
    case DynamicKind::Guid:
      return d.text();
    case DynamicKind::Array:
    case DynamicKind::Object:
      return to_json(d);
    default:
      return to_string(d.to_value(nullptr));  // scalars need no self pointer
  }
}

void collect_list_items(const Value& list, std::vector<std::string>& out) {
  if (list.is_null()) return;
  if (list.type() != Type::Dynamic) {
    out.push_back(to_string(list));
    return;
  }
  collect(*list.tree(), out);
}

namespace {

// A bit per slot, on the stack for up to 256 slots.
class SlotBits {
 public:
  explicit SlotBits(std::size_t n)
      : heap_(n > 256 ? (n + 63) / 64 : 0), words_(heap_.empty() ? small_.data() : heap_.data()) {}
  SlotBits(const SlotBits&) = delete;
  SlotBits& operator=(const SlotBits&) = delete;

  /// Sets the bit; returns whether it was already set.
  bool set(std::size_t slot) noexcept {
    const std::uint64_t bit = std::uint64_t{1} << (slot % 64);
    const bool was = (words_[slot / 64] & bit) != 0;
    words_[slot / 64] |= bit;
    return was;
  }
  bool test(std::size_t slot) const noexcept { return (words_[slot / 64] >> (slot % 64)) & 1; }

 private:
  std::array<std::uint64_t, 4> small_{};
  std::vector<std::uint64_t> heap_;
  std::uint64_t* words_;
};

// The longest run of term characters in the item ("" when it has none).
std::string_view longest_term(std::string_view item) {
  std::string_view best;
  for (std::size_t i = 0; i < item.size();) {
    while (i < item.size() && !is_term_char(item[i])) ++i;
    const std::size_t start = i;
    while (i < item.size() && is_term_char(item[i])) ++i;
    if (i - start > best.size()) best = item.substr(start, i - start);
  }
  return best;
}

}  // namespace

TermList::TermList(const std::vector<std::string>& items) : count_(items.size()) {
  const auto term_id = [&](std::string_view term) {
    const std::uint32_t id = terms_.insert(term);
    if (id == item_index_.size()) {
      item_index_.push_back(-1);
      item_slot_.push_back(-1);
      key_slot_.push_back(-1);
    }
    longest_ = std::max(longest_, term.size());
    return id;
  };
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& item = items[i];
    if (!item.empty() && all_term_chars(item)) {
      const std::uint32_t id = term_id(item);
      if (item_index_[id] < 0) {
        item_index_[id] = static_cast<std::int64_t>(i);
        item_slot_[id] = static_cast<std::int32_t>(item_count_++);
      }
      continue;
    }
    std::int32_t key = -1;
    if (const std::string_view term = longest_term(item); !term.empty()) {
      const std::uint32_t id = term_id(term);
      if (key_slot_[id] < 0) key_slot_[id] = static_cast<std::int32_t>(key_count_++);
      key = key_slot_[id];
    }
    others_.push_back(
        {TermMatcher(item, true, TermMode::Whole), static_cast<std::uint32_t>(i), key});
  }
}

template <class F>
void TermList::for_each_term(std::string_view text, F&& f) const {
  if (terms_.size() == 0) return;
  const char* p = text.data();
  const std::size_t n = text.size();
  // Runs of term characters, found 64 bytes at a time from a bit mask of the block.
  bool in_run = false;
  std::size_t run_start = 0;
  const auto emit = [&](std::size_t end) {
    in_run = false;
    if (end - run_start > longest_) return true;
    const std::int64_t id = terms_.find(std::string_view(p + run_start, end - run_start));
    return id < 0 || f(static_cast<std::size_t>(id));
  };
  char tail[64];
  for (std::size_t base = 0; base < n; base += 64) {
    const char* block = p + base;
    if (n - base < 64) {  // the last block, zero-padded: zeros are not term characters
      std::memset(tail, 0, sizeof tail);
      std::memcpy(tail, block, n - base);
      block = tail;
    }
    const std::uint64_t mask = term_char_mask64(block);
    for (unsigned i = 0; i < 64;) {
      if (!in_run) {
        const std::uint64_t rest = mask >> i;
        if (rest == 0) break;
        i += static_cast<unsigned>(__builtin_ctzll(rest));
        run_start = base + i;
        in_run = true;
      }
      const std::uint64_t gaps = ~mask >> i;
      if (gaps == 0) break;  // the run goes on into the next block
      i += static_cast<unsigned>(__builtin_ctzll(gaps));
      if (!emit(base + i)) return;
    }
  }
  if (in_run) emit(n);
}

bool TermList::any_in(std::string_view text) const {
  SlotBits keys(key_count_);
  bool found = false;
  for_each_term(text, [&](std::size_t id) {
    if (item_index_[id] >= 0) {
      found = true;
      return false;
    }
    if (key_slot_[id] >= 0) keys.set(static_cast<std::size_t>(key_slot_[id]));
    return true;
  });
  if (found) return true;
  for (const auto& o : others_)
    if ((o.key < 0 || keys.test(static_cast<std::size_t>(o.key))) && o.matcher.matches(text))
      return true;
  return false;
}

bool TermList::all_in(std::string_view text) const {
  SlotBits items(item_count_), keys(key_count_);
  std::size_t found = 0;
  for_each_term(text, [&](std::size_t id) {
    if (item_slot_[id] >= 0 && !items.set(static_cast<std::size_t>(item_slot_[id]))) ++found;
    if (key_slot_[id] >= 0) keys.set(static_cast<std::size_t>(key_slot_[id]));
    return found < item_count_ || !others_.empty();
  });
  if (found < item_count_) return false;
  for (const auto& o : others_)
    if ((o.key >= 0 && !keys.test(static_cast<std::size_t>(o.key))) || !o.matcher.matches(text))
      return false;
  return true;
}

std::int64_t TermList::first_index_in(std::string_view text) const {
  SlotBits keys(key_count_);
  std::int64_t best = -1;
  for_each_term(text, [&](std::size_t id) {
    const std::int64_t index = item_index_[id];
    if (index >= 0 && (best < 0 || index < best)) best = index;
    if (key_slot_[id] >= 0) keys.set(static_cast<std::size_t>(key_slot_[id]));
    return best != 0;
  });
  for (const auto& o : others_) {
    if (best >= 0 && o.index >= best) break;  // others_ are in list order
    if ((o.key < 0 || keys.test(static_cast<std::size_t>(o.key))) && o.matcher.matches(text))
      return o.index;
  }
  return best;
}

}  // namespace huntq::engine
