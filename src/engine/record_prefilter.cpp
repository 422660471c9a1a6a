#include "record_prefilter.h"

#include <algorithm>
#include <cstring>

namespace huntq::engine {
namespace {

// In JSON any character may be written as \uXXXX; a record holding one can hide a literal.
bool has_unicode_escape(std::string_view raw) {
  static const SubstringSearch kEscape("\\u");
  return kEscape.found_in(raw);
}

// Bits [k, k+64) of a bit array, as one word (zeros past its end).
std::uint64_t bits_from(const std::vector<std::uint64_t>& bits, std::size_t k) {
  const std::size_t w = k / 64, r = k % 64;
  const std::uint64_t lo = w < bits.size() ? bits[w] >> r : 0;
  const std::uint64_t hi = r && w + 1 < bits.size() ? bits[w + 1] << (64 - r) : 0;
  return lo | hi;
}

bool is_csv_delimiter(char c) {
  return c == ',' || c == '"' || c == '\n' || c == '\r';
}

}  // namespace

bool literal_searchable(std::string_view text, input::Escaping escaping) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (escaping == input::Escaping::Json && (c == '"' || c == '\\' || c == '/' || u < 0x20))
      return false;  // JSON has short escapes for these (\" \\ \/ \n ...)
    if (escaping == input::Escaping::Csv && (c == '"' || c == ',' || c == '\n' || c == '\r'))
      return false;
  }
  return !text.empty();
}

LiteralPrefilter::LiteralPrefilter(std::vector<std::string> literals, input::Escaping escaping)
    : escaping_(escaping) {
  for (auto& l : literals)
    if (literal_searchable(l, escaping)) literals_.emplace_back(std::move(l));
}

bool LiteralPrefilter::may_match(std::string_view raw) const {
  if (literals_.empty()) return true;
  if (escaping_ == input::Escaping::Json && literals_.size() == 1) {  // the common case, one pass
    static const SubstringSearch kEscape("\\u");
    return SubstringSearch::either_found_in(raw, literals_.front(), kEscape);
  }
  if (escaping_ == input::Escaping::Json && has_unicode_escape(raw)) return true;
  return std::all_of(literals_.begin(), literals_.end(),
                     [&](const SubstringSearch& l) { return l.found_in(raw); });
}

bool found_ignoring_case(std::string_view hay, std::string_view lower) {
  return found_folded(hay, lower);
}

GroupPrefilter::GroupPrefilter(const std::vector<LiteralGroup>& groups, input::Escaping escaping)
    : escaping_(escaping) {
  for (const auto& g : groups) {
    Group out;
    bool usable = !g.literals.empty();
    for (const auto& l : g.literals) {
      if (!literal_searchable(l, escaping)) usable = false;
      if (g.case_insensitive) {
        std::string lower = l;
        for (char& c : lower)
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        out.folded.push_back(std::move(lower));
      } else {
        out.exact.emplace_back(l);
      }
    }
    if (usable) groups_.push_back(std::move(out));  // a group we cannot search rules nothing out
  }
}

bool GroupPrefilter::group_matches(const Group& g, std::string_view raw) const {
  for (const auto& s : g.exact)
    if (s.found_in(raw)) return true;
  for (const auto& l : g.folded)
    if (found_ignoring_case(raw, l)) return true;
  return false;
}

bool GroupPrefilter::may_match(std::string_view raw) const {
  if (groups_.empty()) return true;
  if (escaping_ == input::Escaping::Json) {
    // The common case, one exact literal: search it and \u escapes in one pass.
    if (groups_.size() == 1 && groups_[0].exact.size() == 1 && groups_[0].folded.empty()) {
      static const SubstringSearch kEscape("\\u");
      return SubstringSearch::either_found_in(raw, groups_[0].exact[0], kEscape);
    }
    if (has_unicode_escape(raw)) return true;
  }
  for (const auto& g : groups_)
    if (!group_matches(g, raw)) return false;
  return true;
}

KeyPrefilter::KeyPrefilter(const std::unordered_set<std::string>& keys, input::Escaping escaping)
    : escaping_(escaping) {
  for (const auto& k : keys) {
    if (!literal_searchable(k, escaping)) return;  // inactive: cannot search for this key
    keys_.insert(k);
    const std::size_t slot = sketch_slot(k.data(), k.size());
    sketch_[slot / 64] |= std::uint64_t{1} << (slot % 64);
    if (std::find(lengths_.begin(), lengths_.end(), k.size()) == lengths_.end())
      lengths_.push_back(k.size());
  }
  active_ = true;
}

bool KeyPrefilter::may_match(std::string_view raw) const {
  if (!active_) return true;
  if (keys_.empty()) return false;  // nothing to join with
  const char* p = raw.data();
  const char* end = p + raw.size();
  if (escaping_ == input::Escaping::Json) {
    thread_local std::vector<std::uint64_t> quotes;
    if (byte_positions(raw, '"', quotes)) return true;  // a \u escape could spell a key
    // Every JSON string value starts after a quote. A key of length L can only sit between quotes
    // at i and i+L+1: find those pairs with bit masks, and look up only them.
    for (std::size_t len : lengths_) {
      for (std::size_t w = 0; w < quotes.size(); ++w) {
        std::uint64_t pairs = quotes[w] & bits_from(quotes, w * 64 + len + 1);
        while (pairs) {
          const std::size_t i = w * 64 + static_cast<std::size_t>(__builtin_ctzll(pairs));
          if (has_key(p + i + 1, len)) return true;
          pairs &= pairs - 1;
        }
      }
    }
    return false;
  }
  // CSV: a field starts at the record start or after a delimiter, and ends at one or the end.
  for (const char* start = p; start <= end; ++start) {
    if (start != p && !is_csv_delimiter(start[-1])) continue;
    const auto left = static_cast<std::size_t>(end - start);
    for (std::size_t len : lengths_)
      if (len <= left && (len == left || is_csv_delimiter(start[len])) && has_key(start, len))
        return true;
  }
  return false;
}

}  // namespace huntq::engine
