#include "string_terms.h"

#include <array>
#include <cstring>

#include "huntq/value/dynamic.h"

namespace huntq::engine {
namespace {

constexpr auto kTermChars = [] {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 'a' + 'A'] = true;
  return t;
}();

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

bool term_match(std::string_view text, std::string_view needle, bool ignore_case,
                TermMode mode) noexcept {
  const std::size_t n = needle.size();
  if (n == 0) return true;
  const bool check_before = mode != TermMode::Suffix && is_term_char(needle.front());
  const bool check_after = mode != TermMode::Prefix && is_term_char(needle.back());
  for (std::size_t from = 0;;) {
    const std::size_t at =
        ignore_case ? find_ignore_case(text, needle, from) : text.find(needle, from);
    if (at == std::string_view::npos) return false;
    const bool before_ok = !check_before || at == 0 || !is_term_char(text[at - 1]);
    const bool after_ok = !check_after || at + n == text.size() || !is_term_char(text[at + n]);
    if (before_ok && after_ok) return true;
    from = at + 1;
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

TermList::TermList(const std::vector<std::string>& items) : count_(items.size()) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& item = items[i];
    if (!item.empty() && all_term_chars(item)) {
      const std::uint32_t id = simple_.insert(item);
      if (id == simple_first_index_.size()) simple_first_index_.push_back(i);
      if (item.size() > longest_simple_) longest_simple_ = item.size();
    } else {
      others_.push_back({TermMatcher(item, true, TermMode::Whole), static_cast<std::uint32_t>(i)});
    }
  }
}

template <class F>
void TermList::for_each_term(std::string_view text, F&& f) const {
  const char* p = text.data();
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    while (i < n && !kTermChars[static_cast<unsigned char>(p[i])]) ++i;
    const std::size_t start = i;
    while (i < n && kTermChars[static_cast<unsigned char>(p[i])]) ++i;
    if (i > start && i - start <= longest_simple_) {
      const std::int64_t id = simple_.find(std::string_view(p + start, i - start));
      if (id >= 0 && !f(static_cast<std::uint32_t>(id))) return;
    }
  }
}

bool TermList::any_in(std::string_view text) const {
  bool found = false;
  if (simple_.size() > 0) {
    for_each_term(text, [&](std::uint32_t) {
      found = true;
      return false;
    });
    if (found) return true;
  }
  for (const auto& o : others_)
    if (o.matcher.matches(text)) return true;
  return false;
}

bool TermList::all_in(std::string_view text) const {
  for (const auto& o : others_)
    if (!o.matcher.matches(text)) return false;
  const std::size_t want = simple_.size();
  if (want == 0) return true;
  // has_all takes at most 256 values; longer lists (not constants) use the heap.
  std::array<std::uint64_t, 4> small{};
  std::vector<std::uint64_t> large(want > 256 ? (want + 63) / 64 : 0);
  std::uint64_t* seen = want > 256 ? large.data() : small.data();
  std::size_t count = 0;
  for_each_term(text, [&](std::uint32_t id) {
    std::uint64_t& word = seen[id / 64];
    const std::uint64_t bit = std::uint64_t{1} << (id % 64);
    if (!(word & bit)) word |= bit, ++count;
    return count < want;
  });
  return count == want;
}

std::int64_t TermList::first_index_in(std::string_view text) const {
  std::int64_t best = -1;
  if (simple_.size() > 0) {
    for_each_term(text, [&](std::uint32_t id) {
      const std::int64_t index = simple_first_index_[id];
      if (best < 0 || index < best) best = index;
      return best != 0;
    });
  }
  for (const auto& o : others_) {
    if (best >= 0 && o.index >= best) break;  // others_ are in list order
    if (o.matcher.matches(text)) return o.index;
  }
  return best;
}

}  // namespace huntq::engine
