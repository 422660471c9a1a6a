#include "record_prefilter.h"

#include <algorithm>
#include <cstring>

#include "huntq/value/case_fold.h"

namespace huntq::engine {
namespace {

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

// Whether `text` could span two tokens of compact JSON text (an object or array read as a
// string column), where whitespace in the record may separate them. Two adjacent tokens always
// include a punctuator { } [ ] : , and in compact JSON each one stands between particular
// neighbours: a ':' follows a key's closing quote, a ',' follows the end of a value, and so on.
// A text whose punctuators all have other neighbours lies inside one token wherever it occurs
// (C:\Windows, k=v, "x, y"), and one token's bytes are the same in the record.
bool may_span_json_tokens(std::string_view text) {
  auto in = [](char c, std::string_view set) { return set.find(fold_ascii(c)) != set.npos; };
  constexpr std::string_view kValueStart = "\"{[-0123456789tfn";
  constexpr std::string_view kValueEnd = "\"}]0123456789el";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool first = i == 0, last = i + 1 == text.size();
    const char prev = first ? 0 : text[i - 1], next = last ? 0 : text[i + 1];
    bool ok_prev = first, ok_next = last;
    switch (text[i]) {
      case ':':
        ok_prev = ok_prev || prev == '"';
        ok_next = ok_next || in(next, kValueStart);
        break;
      case ',':
        ok_prev = ok_prev || in(prev, kValueEnd);
        ok_next = ok_next || in(next, kValueStart);
        break;
      case '{':
        ok_prev = ok_prev || in(prev, ":[,");
        ok_next = ok_next || in(next, "\"}");
        break;
      case '[':
        ok_prev = ok_prev || in(prev, ":[,");
        ok_next = ok_next || in(next, kValueStart) || next == ']';
        break;
      case '}':
      case ']':
        ok_prev = ok_prev || in(prev, kValueEnd) || prev == '{' || prev == '[';
        ok_next = ok_next || in(next, ",}]");
        break;
      default:
        continue;
    }
    if (ok_prev && ok_next) return true;
  }
  return false;
}

// The canonical JSON string form: the short escapes for " \ and the five control characters
// that have one; other control characters only exist as \u00XX (a hazard the record scan sees).
std::string json_escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void add_chars(std::string_view text, bool fold, std::uint64_t ascii[2], bool& non_ascii) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      non_ascii = true;
      continue;
    }
    ascii[c / 64] |= std::uint64_t{1} << (c % 64);
    if (fold && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      const unsigned other = c ^ 0x20u;
      ascii[other / 64] |= std::uint64_t{1} << (other % 64);
    }
  }
}

// A JSON number (RFC 8259 grammar) or a bool: a cell that may stand without quotes.
bool is_bare_token(std::string_view s) {
  if (s == "true" || s == "false") return true;
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

bool is_json_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

std::vector<std::string> literal_forms(std::string_view text, input::Escaping escaping) {
  std::vector<std::string> forms;
  if (escaping == input::Escaping::Json) {
    forms.push_back(json_escaped(text));
    if (forms[0] != text) forms.emplace_back(text);
  } else {
    std::string doubled;
    for (char c : text) {
      doubled += c;
      if (c == '"') doubled += '"';
    }
    forms.push_back(std::move(doubled));
  }
  return forms;
}

GroupPrefilter::GroupPrefilter(const std::vector<LiteralGroup>& groups, input::Escaping escaping)
    : escaping_(escaping) {
  std::string single;  // the only needle of the only group, when it qualifies for the fast path
  for (const auto& g : groups) {
    if (g.literals.empty()) continue;
    Group out;
    std::vector<std::string> needles;
    bool usable = true;
    for (const auto& l : g.literals) {
      if (l.empty()) usable = false;  // "" is in every cell
      for (auto& f : literal_forms(l, escaping)) needles.push_back(std::move(f));
      add_chars(l, g.case_insensitive, out.ascii, out.non_ascii);
      out.structural = out.structural || may_span_json_tokens(l);
    }
    if (!usable) continue;  // a group we cannot search rules nothing out
    const bool fast = escaping == input::Escaping::Json && !g.case_insensitive &&
                      needles.size() == 1 && needles[0].size() >= 2 && !out.structural &&
                      !(out.ascii[0] >> '/' & 1);
    single = fast ? needles[0] : std::string();
    out.search = MultiSearch(std::move(needles), g.case_insensitive);
    groups_.push_back(std::move(out));
  }
  if (groups_.size() == 1 && !single.empty()) single_ = std::make_unique<SubstringSearch>(single);
}

bool GroupPrefilter::hidden(const Group& g, std::string_view raw, int& facts_state,
                            JsonRecordFacts& facts) const {
  if (escaping_ == input::Escaping::Csv) {
    if (facts_state == 0) facts_state = csv_quotes_plain(raw) ? 1 : 2;
    return facts_state == 2;
  }
  // 0: not scanned; 1: escapes scanned; 2: escapes and whitespace scanned.
  const int want = g.structural ? 2 : 1;
  if (facts_state < want) {
    facts = scan_json_record(raw, want == 2);
    facts_state = want;
  }
  return facts.hides(g.ascii, g.non_ascii) || (g.structural && facts.whitespace_outside_strings);
}

bool GroupPrefilter::may_match(std::string_view raw) const {
  if (groups_.empty()) return true;
  if (single_) {
    // The common case, one exact literal: it and `\u` in one pass; with neither, no escape
    // can hide the literal.
    static const SubstringSearch kEscape("\\u");
    if (!SubstringSearch::either_found_in(raw, *single_, kEscape)) return false;
  }
  int facts_state = 0;
  JsonRecordFacts facts;
  for (const auto& g : groups_)
    if (!g.search.found_in(raw) && !hidden(g, raw, facts_state, facts)) return false;
  return true;
}

KeyPrefilter::KeyPrefilter(const std::unordered_set<std::string>& keys, input::Escaping escaping)
    : escaping_(escaping) {
  for (const auto& k : keys) {
    // "" is the text of a missing or null cell; a compact object or array is not its bytes.
    if (k.empty()) return;
    if (escaping == input::Escaping::Json && (k.front() == '{' || k.front() == '[')) return;
    // A JSON string's bytes are the escaped form (the text itself matters for bare tokens).
    // Keys written as they are are looked up in place; others through a copy of their form.
    std::string form = std::move(literal_forms(k, escaping)[0]);
    std::string_view view = k;
    if (form != k) view = *forms_.insert(std::move(form)).first;
    const std::size_t slot = sketch_slot(view.data(), view.size());
    sketch_[slot / 64] |= std::uint64_t{1} << (slot % 64);
    if (std::find(lengths_.begin(), lengths_.end(), view.size()) == lengths_.end())
      lengths_.push_back(view.size());
    form_views_.insert(view);
    if (escaping == input::Escaping::Json && is_bare_token(k)) bare_.insert(k);
    add_chars(k, false, ascii_, non_ascii_);
  }
  no_keys_ = keys.empty();
  active_ = true;
}

bool KeyPrefilter::may_match(std::string_view raw) const {
  if (!active_) return true;
  if (no_keys_) return false;  // nothing to join with
  return escaping_ == input::Escaping::Json ? json_may_match(raw) : csv_may_match(raw);
}

bool KeyPrefilter::json_may_match(std::string_view raw) const {
  const char* p = raw.data();
  thread_local std::vector<std::uint64_t> quotes;
  const bool maybe_escape = byte_positions(raw, '"', quotes);
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
  if (!bare_.empty() && bare_token_found(raw)) return true;
  // An escape (\uXXXX, \/) of a character some key holds could spell a key differently.
  if (maybe_escape || (ascii_[0] >> '/' & 1))
    return scan_json_record(raw, false).hides(ascii_, non_ascii_);
  return false;
}

bool KeyPrefilter::bare_token_found(std::string_view raw) const {
  // A bare value follows ':' '[' or ',' (and maybe whitespace) and ends at whitespace , ] }.
  // Bytes inside strings may look the same: that only lets more records pass.
  const std::size_t n = raw.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char c = raw[i];
    if (c != ':' && c != '[' && c != ',') continue;
    std::size_t s = i + 1;
    while (s < n && is_json_space(raw[s])) ++s;
    std::size_t e = s;
    while (e < n && !is_json_space(raw[e]) && raw[e] != ',' && raw[e] != ']' && raw[e] != '}') ++e;
    if (e > s && bare_.count(raw.substr(s, e - s))) return true;
  }
  return false;
}

bool KeyPrefilter::csv_may_match(std::string_view raw) const {
  // A field starts at the record start or after a delimiter, and ends at one or the end.
  const char* p = raw.data();
  const char* end = p + raw.size();
  for (const char* start = p; start <= end; ++start) {
    if (start != p && !is_csv_delimiter(start[-1])) continue;
    const auto left = static_cast<std::size_t>(end - start);
    for (std::size_t len : lengths_)
      if (len <= left && (len == left || is_csv_delimiter(start[len])) && has_key(start, len))
        return true;
  }
  // Fields are their bytes only when the quoting is plain.
  return !csv_quotes_plain(raw);
}

}  // namespace huntq::engine
