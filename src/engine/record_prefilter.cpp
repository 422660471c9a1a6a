#include "record_prefilter.h"

#include <algorithm>
#include <cstring>

namespace huntq::engine {
namespace {

bool contains(std::string_view hay, std::string_view needle) {
  return memmem(hay.data(), hay.size(), needle.data(), needle.size()) != nullptr;
}

// In JSON any character may be written as \uXXXX; a record holding one can hide a literal.
bool has_unicode_escape(std::string_view raw) { return contains(raw, "\\u"); }

bool is_csv_delimiter(char c) { return c == ',' || c == '"' || c == '\n' || c == '\r'; }

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
    if (literal_searchable(l, escaping)) literals_.push_back(std::move(l));
}

bool LiteralPrefilter::may_match(std::string_view raw) const {
  if (literals_.empty()) return true;
  if (escaping_ == input::Escaping::Json && has_unicode_escape(raw)) return true;
  return std::all_of(literals_.begin(), literals_.end(),
                     [&](const std::string& l) { return contains(raw, l); });
}

KeyPrefilter::KeyPrefilter(const std::unordered_set<std::string>& keys, input::Escaping escaping)
    : escaping_(escaping) {
  for (const auto& k : keys) {
    if (!literal_searchable(k, escaping)) return;  // inactive: cannot search for this key
    keys_.insert(k);
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
    if (has_unicode_escape(raw)) return true;
    // Every JSON string value starts after a quote; test the bytes after each quote.
    while ((p = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p))))) {
      ++p;
      const auto left = static_cast<std::size_t>(end - p);
      for (std::size_t len : lengths_)
        if (len < left && p[len] == '"' && keys_.count(std::string_view(p, len))) return true;
    }
    return false;
  }
  // CSV: a field starts at the record start or after a delimiter, and ends at one or the end.
  for (const char* start = p; start <= end; ++start) {
    if (start != p && !is_csv_delimiter(start[-1])) continue;
    const auto left = static_cast<std::size_t>(end - start);
    for (std::size_t len : lengths_)
      if (len <= left && (len == left || is_csv_delimiter(start[len])) &&
          keys_.count(std::string_view(start, len)))
        return true;
  }
  return false;
}

}  // namespace huntq::engine
