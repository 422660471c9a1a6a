// String functions (scalar-functions.md "String functions") and, through string_operators.cpp,
// the string operators. Characters are Unicode code points (strlen-function.md); a byte that is
// not valid UTF-8 counts as one character. Regex arguments use RE2 syntax (kql-semantics.md
// E-7) and are compiled once, when the call is bound. Choices where the docs are silent are
// recorded in docs/semantics/string.md.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "huntq/engine/functions.h"
#include "huntq/error.h"
#include "huntq/value/case_fold.h"
#include "huntq/value/dynamic.h"
#include "string_codec.h"
#include "string_digest.h"
#include "string_operators.h"
#include "string_parse.h"
#include "string_regex.h"
#include "string_search.h"
#include "string_terms.h"
#include "string_utf8.h"

namespace huntq::engine {
namespace {

using Prepare = std::shared_ptr<const void> (*)(std::span<const ArgInfo>);

template <class T>
const T& state_of(const CallContext& c) {
  return *static_cast<const T*>(c.state);
}

Value str(std::string s) {
  return Value::string(std::move(s));
}

// A string or dynamic argument as text (StringOrDynamic parameters).
std::string text_of(const Value& v) {
  return v.type() == Type::String ? v.text() : to_string(v);
}

// The largest string a function builds from a count (strrep): past it, whole repetitions stop.
constexpr std::size_t kMaxBuiltString = std::size_t{64} << 20;

// --- strlen, string_size, tolower, toupper, reverse, strcmp ------------------------------------

Value k_strlen(Args a, const CallContext&) {
  if (a[0].type() == Type::String)
    return Value::int64(static_cast<std::int64_t>(code_point_count(a[0].text())));
  return Value::int64(static_cast<std::int64_t>(code_point_count(text_of(a[0]))));
}

Value k_string_size(Args a, const CallContext&) {
  if (a[0].type() == Type::String)
    return Value::int64(static_cast<std::int64_t>(a[0].text().size()));
  return Value::int64(static_cast<std::int64_t>(text_of(a[0]).size()));
}

Value k_tolower(Args a, const CallContext&) {
  std::string out;
  if (is_ascii(a[0].text())) {
    fold_ascii_into(a[0].text(), out);
  } else {
    to_lower_unicode_into(a[0].text(), out);
  }
  return str(std::move(out));
}

Value k_toupper(Args a, const CallContext&) {
  std::string out;
  to_upper_unicode_into(a[0].text(), out);
  return str(std::move(out));
}

Value k_reverse(Args a, const CallContext&) {
  const std::string& s = a[0].text();
  std::string out(s.size(), '\0');
  std::size_t w = s.size();
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = char_length(s, i);
    w -= len;
    std::memcpy(out.data() + w, s.data() + i, len);
    i += len;
  }
  return str(std::move(out));
}

Value k_strcmp(Args a, const CallContext&) {
  const int c = a[0].text().compare(a[1].text());
  return Value::int64(c < 0 ? -1 : c > 0 ? 1 : 0);
}

// --- substring, indexof, countof, split --------------------------------------------------------

Value k_substring(Args a, const CallContext&) {
  const std::string& s = a[0].text();
  const bool ascii = is_ascii(s);
  const auto n = static_cast<__int128>(ascii ? s.size() : code_point_count(s));
  // A negative start counts from the end; the window [start, start + length) is then cut to
  // the string (substring("123456", -2, 2) is "56").
  __int128 start = a[1].as_int64();
  if (start < 0) start += n;
  __int128 end = n;
  if (a.size() > 2) {
    if (a[2].as_int64() < 0) return str("");
    end = start + a[2].as_int64();
  }
  start = std::clamp<__int128>(start, 0, n);
  end = std::clamp<__int128>(end, start, n);
  const auto first = static_cast<std::size_t>(start), count = static_cast<std::size_t>(end - start);
  if (ascii) return str(s.substr(first, count));
  const std::size_t from = byte_offset(s, first);
  const std::size_t to = from + byte_offset(std::string_view(s).substr(from), count);
  return str(s.substr(from, to - from));
}

// indexof(string, match[, start[, length[, occurrence]]]): each occurrence is searched for in
// the window [position, position + length) that starts one character after the previous one
// (indexof-function.md: indexof("abcdefgabcdefg", "cde", 1, 10, 2) is 9).
Value k_indexof(Args a, const CallContext&) {
  const std::string& s = a[0].text();
  const std::string& match = a[1].text();
  const bool ascii = is_ascii(s);
  const auto n = static_cast<std::int64_t>(ascii ? s.size() : code_point_count(s));
  std::int64_t start = a.size() > 2 ? a[2].as_int64() : 0;
  const std::int64_t length = a.size() > 3 ? a[3].as_int64() : -1;
  const std::int64_t occurrence = a.size() > 4 ? a[4].as_int64() : 1;
  if (start < 0) start += n;  // a negative start counts from the end
  if (start < 0 || length < -1 || occurrence < 0) return Value::null_of(Type::Long);
  if (start > n) return Value::int64(-1);
  const auto to_byte = [&](std::int64_t chars) {
    return ascii ? static_cast<std::size_t>(chars)
                 : byte_offset(s, static_cast<std::size_t>(chars));
  };
  std::int64_t pos = start, found = -1;
  for (std::int64_t k = 0; k < std::max<std::int64_t>(occurrence, 1); ++k) {
    if (pos > n) return Value::int64(-1);
    const std::int64_t window_end = length < 0 || length > n - pos ? n : pos + length;
    const std::size_t from = to_byte(pos), to = to_byte(window_end);
    const std::size_t at = find_bytes(std::string_view(s).substr(0, to), match, from);
    if (at == std::string_view::npos) return Value::int64(-1);
    found = ascii ? static_cast<std::int64_t>(at) : static_cast<std::int64_t>(char_index(s, at));
    pos = found + 1;
  }
  return Value::int64(found);
}

struct CountofState {
  std::shared_ptr<const RE2> re;  // null for kind "normal"
};

std::shared_ptr<const void> prepare_countof(std::span<const ArgInfo> a) {
  bool regex = false;
  if (a.size() > 2) {
    const std::string& kind = a[2].constant->text();
    if (kind == "regex") {
      regex = true;
    } else if (kind != "normal") {
      throw Error(fmt::format("countof(): kind must be \"normal\" or \"regex\", not \"{}\"",
                              cut_for_message(kind)));
    }
  }
  auto st = std::make_shared<CountofState>();
  if (regex && a[1].constant) st->re = compile_regex(a[1].constant->text(), "countof");
  return regex ? std::shared_ptr<const void>(st) : nullptr;
}

// Non-overlapping matches, an empty match counting and moving one character on (as .NET's
// Regex.Matches does).
std::int64_t count_regex(std::string_view s, const RE2& re) {
  std::int64_t count = 0;
  re2::StringPiece m;
  for (std::size_t pos = 0; pos <= s.size();) {
    if (!re.Match(re2::StringPiece(s.data(), s.size()), pos, s.size(), RE2::UNANCHORED, &m, 1))
      break;
    ++count;
    const auto start = static_cast<std::size_t>(m.data() - s.data());
    pos = start + m.size();
    if (m.empty()) pos += pos < s.size() ? char_length(s, pos) : 1;
  }
  return count;
}

Value k_countof(Args a, const CallContext& c) {
  const std::string& s = a[0].text();
  const std::string& search = a[1].text();
  const bool regex = a.size() > 2 && a[2].text() == "regex";
  if (regex) {
    const RE2& re = c.state && state_of<CountofState>(c).re ? *state_of<CountofState>(c).re
                                                            : cached_regex(search, "countof");
    return Value::int64(count_regex(s, re));
  }
  if (search.empty()) return Value::int64(0);
  return Value::int64(count_overlapping(s, search));  // countof("aaaa", "aa") is 3
}

Value k_split(Args a, const CallContext&) {
  const std::string_view s = a[0].text();
  const std::string_view delim = a[1].text();
  Dynamic::Array parts;
  const bool one = a.size() > 2;
  const std::int64_t wanted = one ? a[2].as_int64() : -1;
  std::int64_t index = 0;
  std::size_t from = 0;
  while (true) {
    const std::size_t at = delim.empty() ? std::string_view::npos : find_bytes(s, delim, from);
    const std::string_view part = s.substr(from, at == std::string_view::npos ? s.npos : at - from);
    if (!one || index == wanted) parts.push_back(Dynamic::string(std::string(part)));
    if (at == std::string_view::npos || (one && index >= wanted)) break;
    from = at + delim.size();
    ++index;
  }
  return Value::dynamic(Dynamic::array(std::move(parts)));
}

// --- strcat, strcat_delim, strcat_array, strrep, replace_string, translate ----------------------

Value k_strcat(Args a, const CallContext&) {
  std::size_t size = 0;
  for (std::size_t i = 0; i < a.size(); ++i) size += a[i].text().size();
  std::string out;
  out.reserve(size);
  for (std::size_t i = 0; i < a.size(); ++i) out += a[i].text();
  return str(std::move(out));
}

Value k_strcat_delim(Args a, const CallContext&) {
  std::string out;
  for (std::size_t i = 1; i < a.size(); ++i) {
    if (i > 1) out += a[0].text();
    out += a[i].text();
  }
  return str(std::move(out));
}

Value k_strcat_array(Args a, const CallContext&) {
  const Dynamic& d = *a[0].tree();
  if (!d.is_array()) return str("");
  std::string out;
  bool first = true;
  for (const auto& item : d.items()) {
    if (!first) out += a[1].text();
    first = false;
    out += dynamic_text(*item);
  }
  return str(std::move(out));
}

// strrep(value, multiplier[, delimiter]): the multiplier is clamped to the documented 1..67108864
// and to the whole repetitions that fit in 64 MiB (strrep-function.md gives both a range and a
// cap of 1024; the range is the later statement).
Value k_strrep(Args a, const CallContext&) {
  const std::string& s = a[0].text();
  const std::string delim = a.size() > 2 ? a[2].text() : std::string();
  std::int64_t times = std::min<std::int64_t>(a[1].as_int64(), 67108864);
  if (times < 1) return str("");
  const std::size_t unit = s.size() + delim.size();
  if (unit == 0) return str("");
  times = std::min<std::int64_t>(times, std::max<std::size_t>(kMaxBuiltString / unit, 1));
  std::string out;
  out.reserve(unit * static_cast<std::size_t>(times));
  for (std::int64_t i = 0; i < times; ++i) {
    if (i > 0) out += delim;
    out += s;
  }
  return str(std::move(out));
}

Value k_replace_string(Args a, const CallContext&) {
  const std::string& s = a[0].text();
  const std::string& lookup = a[1].text();
  const std::string& rewrite = a[2].text();
  if (lookup.empty()) return a[0];
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = find_bytes(s, lookup); at != std::string::npos;
       at = find_bytes(s, lookup, from)) {
    out.append(s, from, at - from);
    out += rewrite;
    from = at + lookup.size();  // matches don't overlap
  }
  out.append(s, from, std::string::npos);
  return str(std::move(out));
}

// translate(searchList, replacementList, source): the i-th search character becomes the i-th
// replacement character, or the last one when the replacement list is shorter; an empty
// replacement list deletes the search characters (translate-function.md).
Value k_translate(Args a, const CallContext&) {
  const std::string& search = a[0].text();
  const std::string& repl = a[1].text();
  const std::string& s = a[2].text();
  const auto chars = [](std::string_view t) {
    std::vector<std::string_view> v;
    for (std::size_t i = 0; i < t.size();) {
      const std::size_t len = char_length(t, i);
      v.push_back(t.substr(i, len));
      i += len;
    }
    return v;
  };
  const auto from = chars(search), to = chars(repl);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = char_length(s, i);
    const std::string_view ch = std::string_view(s).substr(i, len);
    const auto it = std::find(from.begin(), from.end(), ch);
    if (it == from.end()) {
      out += ch;
    } else if (!to.empty()) {
      out += to[std::min<std::size_t>(static_cast<std::size_t>(it - from.begin()), to.size() - 1)];
    }
    i += len;
  }
  return str(std::move(out));
}

// --- regex functions ---------------------------------------------------------------------------

struct ExtractState {
  std::shared_ptr<const RE2> re;
  std::optional<ResolvedCall> convert;  // extract(..., typeof(T)): tolong() etc.
};

// The conversion function extract() applies for typeof(T).
std::optional<ResolvedCall> conversion_to(Type t) {
  std::string_view name;
  switch (t) {
    case Type::String:
      return std::nullopt;
    case Type::Bool:
      name = "tobool";
      break;
    case Type::Int:
      name = "toint";
      break;
    case Type::Long:
      name = "tolong";
      break;
    case Type::Real:
      name = "todouble";
      break;
    case Type::DateTime:
      name = "todatetime";
      break;
    case Type::TimeSpan:
      name = "totimespan";
      break;
    case Type::Guid:
      name = "toguid";
      break;
    case Type::Dynamic:
      name = "todynamic";
      break;
  }
  const ScalarFunction* f = FunctionRegistry::instance().scalar(name);
  if (!f)
    throw Error(fmt::format("extract(): typeof({}) needs {}(), which is not available",
                            type_name(t), name));
  const ArgInfo arg{Type::String, nullptr};
  return resolve_call(*f, std::span<const ArgInfo>(&arg, 1));
}

Type extract_type(std::span<const ArgInfo> a) {
  if (a.size() < 4 || !a[3].constant) return Type::String;
  const std::string& name = a[3].constant->text();
  const auto t = type_from_name(name);
  if (!t) throw Error(fmt::format("extract(): unknown type '{}'", cut_for_message(name)));
  return *t;
}

std::shared_ptr<const void> prepare_extract(std::span<const ArgInfo> a) {
  auto st = std::make_shared<ExtractState>();
  st->re = compile_regex(a[0].constant->text(), "extract");
  if (a.size() > 3) st->convert = conversion_to(extract_type(a));
  return st;
}

Value k_extract(Args a, const CallContext& c) {
  const auto& st = state_of<ExtractState>(c);
  const RE2& re = *st.re;
  const std::int64_t group = a[1].as_int64();
  if (group < 0 || group > re.NumberOfCapturingGroups()) return Value::null_of(c.result);
  const std::string& s = a[2].text();
  std::vector<re2::StringPiece> m(static_cast<std::size_t>(group) + 1);
  if (!re.Match(s, 0, s.size(), RE2::UNANCHORED, m.data(), static_cast<int>(m.size())))
    return Value::null_of(c.result);
  Value text = str(std::string(m.back().data() ? std::string_view(m.back().data(), m.back().size())
                                               : std::string_view()));
  if (!st.convert) return text;
  const Value* arg = &text;
  return evaluate_call(*st.convert, Args(&arg, 1));
}

struct ExtractAllState {
  std::shared_ptr<const RE2> re;
  std::vector<int> groups;  // from a constant captureGroups argument; empty: every group
  bool have_groups = false;
};

// captureGroups: 1-based indexes or names of the regex's groups; false if any is not one.
bool resolve_groups(const RE2& re, const Value& list, std::vector<int>& out) {
  out.clear();
  if (list.is_null() || !list.tree()->is_array()) return false;
  const auto& names = re.NamedCapturingGroups();
  for (const auto& item : list.tree()->items()) {
    if (item->kind() == DynamicKind::Int || item->kind() == DynamicKind::Long) {
      const std::int64_t g = item->as_int64();
      if (g < 1 || g > re.NumberOfCapturingGroups()) return false;
      out.push_back(static_cast<int>(g));
    } else if (item->kind() == DynamicKind::String) {
      const auto it = names.find(item->text());
      if (it == names.end()) return false;
      out.push_back(it->second);
    } else {
      return false;
    }
  }
  return !out.empty();
}

std::shared_ptr<const void> prepare_extract_all(std::span<const ArgInfo> a) {
  auto st = std::make_shared<ExtractAllState>();
  st->re = compile_regex(a[0].constant->text(), "extract_all");
  if (st->re->NumberOfCapturingGroups() > 16)
    throw Error("extract_all(): the regex may have at most 16 capture groups");
  if (a.size() == 3 && a[1].constant) {
    if (!resolve_groups(*st->re, *a[1].constant, st->groups))
      throw Error(
          "extract_all(): captureGroups must list group numbers (1 to the number of "
          "groups) or group names of the regex");
    st->have_groups = true;
  }
  return st;
}

Value k_extract_all(Args a, const CallContext& c) {
  const auto& st = state_of<ExtractAllState>(c);
  const RE2& re = *st.re;
  std::vector<int> dynamic_groups;
  const std::vector<int>* groups = &st.groups;
  if (a.size() == 3 && !st.have_groups) {
    if (!resolve_groups(re, a[1], dynamic_groups)) return Value::null_of(Type::Dynamic);
    groups = &dynamic_groups;
  }
  const int n_groups = re.NumberOfCapturingGroups();
  std::vector<int> all;
  if (groups->empty()) {
    for (int g = 1; g <= n_groups; ++g) all.push_back(g);
    if (all.empty()) all.push_back(0);  // no groups: the whole match
    groups = &all;
  }
  const std::string& s = a.size() == 3 ? a[2].text() : a[1].text();
  std::vector<re2::StringPiece> m(static_cast<std::size_t>(n_groups) + 1);
  Dynamic::Array matches;
  const auto piece = [](const re2::StringPiece& p) {
    return Dynamic::string(p.data() ? std::string(p.data(), p.size()) : std::string());
  };
  for (std::size_t pos = 0; pos <= s.size();) {
    if (!re.Match(s, pos, s.size(), RE2::UNANCHORED, m.data(), static_cast<int>(m.size()))) break;
    if (groups->size() == 1) {
      matches.push_back(piece(m[static_cast<std::size_t>(groups->front())]));
    } else {
      Dynamic::Array row;
      for (int g : *groups) row.push_back(piece(m[static_cast<std::size_t>(g)]));
      matches.push_back(Dynamic::array(std::move(row)));
    }
    const auto start = static_cast<std::size_t>(m[0].data() - s.data());
    pos = start + m[0].size();
    if (m[0].empty()) pos += pos < s.size() ? char_length(s, pos) : 1;
  }
  if (matches.empty()) return Value::null_of(Type::Dynamic);
  return Value::dynamic(Dynamic::array(std::move(matches)));
}

struct ReplaceRegexState {
  std::shared_ptr<const RE2> re;
  std::string rewrite;
};

std::shared_ptr<const void> make_replace_state(std::string_view pattern, std::string rewrite,
                                               std::string_view function) {
  auto st = std::make_shared<ReplaceRegexState>();
  st->re = compile_regex(pattern, function);
  std::string error;
  if (!st->re->CheckRewriteString(rewrite, &error))
    throw Error(fmt::format("{}(): invalid rewrite pattern '{}': {}", function,
                            cut_for_message(rewrite), error));
  st->rewrite = std::move(rewrite);
  return st;
}

// replace_regex(source, lookup_regex, rewrite_pattern): \0 is the match, \1..\9 its groups.
std::shared_ptr<const void> prepare_replace_regex(std::span<const ArgInfo> a) {
  return make_replace_state(a[1].constant->text(), a[2].constant->text(), "replace_regex");
}
// The deprecated replace(regex, rewrite, source).
std::shared_ptr<const void> prepare_replace_legacy(std::span<const ArgInfo> a) {
  return make_replace_state(a[0].constant->text(), a[1].constant->text(), "replace");
}

Value replace_with(const ReplaceRegexState& st, const std::string& source) {
  std::string out = source;
  RE2::GlobalReplace(&out, *st.re, st.rewrite);
  return str(std::move(out));
}

Value k_replace_regex(Args a, const CallContext& c) {
  return replace_with(state_of<ReplaceRegexState>(c), a[0].text());
}
Value k_replace_legacy(Args a, const CallContext& c) {
  return replace_with(state_of<ReplaceRegexState>(c), a[2].text());
}

// trim_start removes one match of the regex at the start, trim_end one at the end (the
// leftmost position from which the regex matches up to the end), trim both.
struct TrimState {
  std::shared_ptr<const RE2> at_start;  // (?:re), matched anchored at the start
  std::shared_ptr<const RE2> at_end;    // (?:re)\z
};

template <bool Start, bool End>
std::shared_ptr<const void> prepare_trim(std::span<const ArgInfo> a) {
  const std::string& re = a[0].constant->text();
  const char* name = Start && End ? "trim" : Start ? "trim_start" : "trim_end";
  compile_regex(re, name);  // reports a bad regex as written
  auto st = std::make_shared<TrimState>();
  if (Start) st->at_start = compile_regex("(?:" + re + ")", name);
  if (End) st->at_end = compile_regex("(?:" + re + ")\\z", name);
  return st;
}

template <bool Start, bool End>
Value k_trim(Args a, const CallContext& c) {
  const auto& st = state_of<TrimState>(c);
  std::string_view s = a[1].text();
  re2::StringPiece m;
  if (Start && st.at_start->Match(re2::StringPiece(s.data(), s.size()), 0, s.size(),
                                  RE2::ANCHOR_START, &m, 1))
    s.remove_prefix(m.size());
  if (End &&
      st.at_end->Match(re2::StringPiece(s.data(), s.size()), 0, s.size(), RE2::UNANCHORED, &m, 1))
    s = s.substr(0, static_cast<std::size_t>(m.data() - s.data()));
  return str(std::string(s));
}

// --- encodings ---------------------------------------------------------------------------------

Value k_url_encode(Args a, const CallContext&) {
  return str(url_encode(a[0].text(), true));
}
Value k_url_encode_component(Args a, const CallContext&) {
  return str(url_encode(a[0].text(), false));
}
Value k_url_decode(Args a, const CallContext&) {
  return str(url_decode(a[0].text()));
}

Value k_base64_encode_tostring(Args a, const CallContext&) {
  return str(base64_encode(a[0].text()));
}

// Text that is not base64, or bytes that are not UTF-8, give ""
// (base64-decode-tostring-function.md).
Value k_base64_decode_tostring(Args a, const CallContext&) {
  std::string bytes;
  if (!base64_decode(a[0].text(), bytes) || !is_valid_utf8(bytes)) return str("");
  return str(std::move(bytes));
}

Value k_base64_decode_toarray(Args a, const CallContext&) {
  std::string bytes;
  if (!base64_decode(a[0].text(), bytes)) return Value::null_of(Type::Dynamic);
  Dynamic::Array items;
  items.reserve(bytes.size());
  for (const char b : bytes) items.push_back(Dynamic::integer(static_cast<unsigned char>(b)));
  return Value::dynamic(Dynamic::array(std::move(items)));
}

// An array of integers 0..255; anything else gives "" (null).
Value k_base64_encode_fromarray(Args a, const CallContext&) {
  const Dynamic& d = *a[0].tree();
  if (!d.is_array()) return str("");
  std::string bytes;
  for (const auto& item : d.items()) {
    if (item->kind() != DynamicKind::Int && item->kind() != DynamicKind::Long) return str("");
    const std::int64_t b = item->as_int64();
    if (b < 0 || b > 255) return str("");
    bytes += static_cast<char>(b);
  }
  return str(base64_encode(bytes));
}

Value k_unicode_codepoints_from_string(Args a, const CallContext&) {
  const std::string& s = a[0].text();
  Dynamic::Array items;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const std::int32_t cp = decode_utf8(s, i, len);
    items.push_back(Dynamic::integer(cp < 0 ? 0xFFFD : cp));
    i += len;
  }
  return Value::dynamic(Dynamic::array(std::move(items)));
}

bool append_code_points(const Dynamic& d, std::string& out) {
  if (d.is_array()) {
    for (const auto& item : d.items())
      if (!append_code_points(*item, out)) return false;
    return true;
  }
  if (d.kind() != DynamicKind::Int && d.kind() != DynamicKind::Long) return false;
  if (!is_scalar_value(d.as_int64())) return false;
  append_utf8(out, static_cast<char32_t>(d.as_int64()));
  return true;
}

std::shared_ptr<const void> check_code_point_args(std::span<const ArgInfo> a) {
  for (const auto& arg : a)
    if (arg.type != Type::Int && arg.type != Type::Long && arg.type != Type::Dynamic)
      throw Error(
          fmt::format("unicode_codepoints_to_string() takes int, long or dynamic "
                      "arguments, not {}",
                      type_name(arg.type)));
  return nullptr;
}

// Any value that is not a Unicode scalar value (or not an integer) gives null, that is "".
Value k_unicode_codepoints_to_string(Args a, const CallContext&) {
  std::string out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Value& v = a[i];
    if (v.is_null()) return str("");
    if (v.type() == Type::Dynamic) {
      if (!append_code_points(*v.tree(), out)) return str("");
    } else {
      if (!is_scalar_value(v.as_int64())) return str("");
      append_utf8(out, static_cast<char32_t>(v.as_int64()));
    }
  }
  return str(std::move(out));
}

// --- parsing -----------------------------------------------------------------------------------

Value k_parse_url(Args a, const CallContext&) {
  return Value::dynamic(parse_url_bag(a[0].text()));
}
Value k_parse_urlquery(Args a, const CallContext&) {
  return Value::dynamic(parse_urlquery_bag(a[0].text()));
}
Value k_parse_path(Args a, const CallContext&) {
  return Value::dynamic(parse_path_bag(a[0].text()));
}
Value k_parse_csv(Args a, const CallContext&) {
  if (a[0].type() == Type::String) return Value::dynamic(parse_csv_array(a[0].text()));
  return Value::dynamic(parse_csv_array(text_of(a[0])));
}

// --- hashes ------------------------------------------------------------------------------------

// hash_md5() and the other digests hash the UTF-8 text of tostring(source): the doc's
// hash_md5(datetime(2020-01-01)) is the MD5 of "2020-01-01T00:00:00.0000000Z".
template <std::string (*Digest)(std::string_view)>
Value k_digest(Args a, const CallContext&) {
  if (a[0].type() == Type::String) return str(Digest(a[0].text()));
  return str(Digest(to_string(a[0])));
}

// hash() hashes a string's UTF-8 bytes and a long, datetime or timespan's 8 little-endian bytes
// (hash-function.md: hash(datetime("2015-01-01")) is XXH64 of the ticks). How Kusto hashes an
// int, real, bool or guid is not documented, so those are refused when the call is bound.
std::shared_ptr<const void> check_hash_args(std::span<const ArgInfo> a) {
  const Type t = a[0].type;
  if (t != Type::String && t != Type::Long && t != Type::DateTime && t != Type::TimeSpan)
    throw Error(
        fmt::format("hash() of a {} is not supported (its byte form in Kusto is not "
                    "documented): hash a string, long, datetime or timespan",
                    type_name(t)));
  return nullptr;
}

Value k_hash(Args a, const CallContext&) {
  std::uint64_t h;
  if (a[0].type() == Type::String) {
    h = xxhash64(a[0].text());
  } else {
    const auto v = static_cast<std::uint64_t>(a[0].as_int64());
    char bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(v >> (8 * i));
    h = xxhash64(std::string_view(bytes, 8));
  }
  if (a.size() > 1) {
    const std::int64_t mod = a[1].as_int64();
    if (mod <= 0) return Value::null_of(Type::Long);
    return Value::int64(static_cast<std::int64_t>(h % static_cast<std::uint64_t>(mod)));
  }
  return Value::int64(static_cast<std::int64_t>(h));
}

// --- has_any_index -----------------------------------------------------------------------------

std::shared_ptr<const void> prepare_has_any_index(std::span<const ArgInfo> a) {
  if (!a[1].constant) return nullptr;
  std::vector<std::string> items;
  collect_list_items(*a[1].constant, items);
  return std::make_shared<const TermList>(items);
}

Value k_has_any_index(Args a, const CallContext& c) {
  const std::string text = text_of(a[0]);
  if (c.state) return Value::int64(state_of<TermList>(c).first_index_in(text));
  if (a[1].is_null()) return Value::int64(-1);
  std::vector<std::string> items;
  collect_list_items(a[1], items);
  return Value::int64(TermList(items).first_index_in(text));
}

// --- format_bytes ------------------------------------------------------------------------------

constexpr std::array<std::string_view, 7> kByteUnits = {"Bytes", "KB", "MB", "GB",
                                                        "TB",    "PB", "EB"};

struct FormatBytesState {
  int precision = 0;
  int unit = -1;  // -1: chosen from the value
};

std::shared_ptr<const void> prepare_format_bytes(std::span<const ArgInfo> a) {
  auto st = std::make_shared<FormatBytesState>();
  if (a.size() > 1 && a[1].constant && !a[1].constant->is_null())
    st->precision = static_cast<int>(std::clamp(a[1].constant->as_double(), 0.0, 15.0));
  if (a.size() > 2 && a[2].constant && !a[2].constant->text().empty()) {
    const std::string& u = a[2].constant->text();
    for (std::size_t i = 0; i < kByteUnits.size(); ++i)
      if (equals_ignore_case(u, kByteUnits[i])) st->unit = static_cast<int>(i);
    if (st->unit < 0)
      throw Error(
          fmt::format("format_bytes(): units must be Bytes, KB, MB, GB, TB, PB or EB, "
                      "not '{}'",
                      cut_for_message(u)));
  }
  return st;
}

// The value rounded to `precision` decimals (half to even, as .NET's Math.Round), printed without
// trailing zeros, and the unit: format_bytes(10332, 1) is "10.1 KB".
Value k_format_bytes(Args a, const CallContext& c) {
  const auto& st = state_of<FormatBytesState>(c);
  const double size = a[0].as_double();
  int unit = st.unit;
  if (unit < 0) {
    unit = 0;
    while (unit + 1 < static_cast<int>(kByteUnits.size()) &&
           std::fabs(size) >= std::ldexp(1.0, 10 * (unit + 1)))
      ++unit;
  }
  const double scaled = size / std::ldexp(1.0, 10 * unit);
  const double factor = std::pow(10.0, st.precision);
  double rounded = std::nearbyint(scaled * factor) / factor;
  if (!std::isfinite(rounded)) rounded = scaled;
  std::string number = fmt::format("{:.{}f}", rounded, st.precision);
  if (number.find('.') != std::string::npos) {
    while (number.back() == '0') number.pop_back();
    if (number.back() == '.') number.pop_back();
  }
  if (number == "-0") number = "0";
  return str(number + " " + std::string(kByteUnits[static_cast<std::size_t>(unit)]));
}

// --- registration ------------------------------------------------------------------------------

ParamSpec p(ArgClass cls, bool constant = false) {
  return ParamSpec{cls, constant};
}

Type extract_return(std::span<const ArgInfo> a) {
  return extract_type(a);
}

void add(FunctionRegistry& r, std::string_view name, std::vector<std::string_view> aliases,
         std::vector<Overload> overloads, ResultName result_name = ResultName::Fresh) {
  r.add(ScalarFunction{.name = name,
                       .aliases = std::move(aliases),
                       .overloads = std::move(overloads),
                       .result_name = result_name});
}

Overload fixed(std::vector<ParamSpec> params, Type result, ScalarKernel kernel,
               Prepare prepare = nullptr, std::size_t min_args = SIZE_MAX, bool variadic = false) {
  return Overload{.params = std::move(params),
                  .min_args = min_args,
                  .variadic = variadic,
                  .fixed = result,
                  .kernel = kernel,
                  .prepare = prepare};
}

}  // namespace

void register_string_functions(FunctionRegistry& r) {
  register_string_operators(r);

  const ArgClass S = ArgClass::String, D = ArgClass::Dynamic, L = ArgClass::Long;
  const Type TS = Type::String, TL = Type::Long, TD = Type::Dynamic;

  // Kusto names strlen(x) and string_size(x) "strlen_x" and "string_size_x"
  // (ResultNameKind.NameAndFirstArgument), which ResultName cannot say yet: they get ColumnN.
  add(r, "strlen", {}, {fixed({p(ArgClass::StringOrDynamic)}, TL, k_strlen)});
  add(r, "string_size", {}, {fixed({p(ArgClass::StringOrDynamic)}, TL, k_string_size)});
  add(r, "tolower", {}, {fixed({p(S)}, TS, k_tolower)});
  add(r, "toupper", {}, {fixed({p(S)}, TS, k_toupper)});
  add(r, "reverse", {}, {fixed({p(S)}, TS, k_reverse)});
  add(r, "strcmp", {}, {fixed({p(S), p(S)}, TL, k_strcmp)});
  add(r, "substring", {}, {fixed({p(S), p(L), p(L)}, TS, k_substring, nullptr, 2)});
  add(r, "indexof", {}, {fixed({p(S), p(S), p(L), p(L), p(L, true)}, TL, k_indexof, nullptr, 2)});
  add(r, "countof", {},
      {fixed({p(S), p(S), p(ArgClass::StrictString, true)}, TL, k_countof, prepare_countof, 2)});
  add(r, "split", {}, {fixed({p(S), p(S), p(L)}, TD, k_split, nullptr, 2)},
      ResultName::FirstArgument);
  add(r, "strcat", {}, {fixed({p(S)}, TS, k_strcat, nullptr, 1, true)});
  add(r, "strcat_delim", {}, {fixed({p(S), p(S), p(S)}, TS, k_strcat_delim, nullptr, 3, true)});
  add(r, "strcat_array", {}, {fixed({p(D), p(S)}, TS, k_strcat_array)});
  add(r, "strrep", {}, {fixed({p(S), p(L), p(S)}, TS, k_strrep, nullptr, 2)});
  add(r, "replace_string", {}, {fixed({p(S), p(S), p(S)}, TS, k_replace_string)});
  add(r, "translate", {}, {fixed({p(S), p(S), p(S)}, TS, k_translate)});

  add(r, "replace_regex", {},
      {fixed({p(S), p(S, true), p(S, true)}, TS, k_replace_regex, prepare_replace_regex)});
  add(r, "replace", {},
      {fixed({p(S, true), p(S, true), p(S)}, TS, k_replace_legacy, prepare_replace_legacy)});
  add(r, "extract", {},
      {fixed({p(S, true), p(L), p(S)}, TS, k_extract, prepare_extract),
       Overload{.params = {p(S, true), p(L), p(S), p(ArgClass::StrictString, true)},
                .ret = ReturnRule::Custom,
                .custom_return = extract_return,
                .kernel = k_extract,
                .prepare = prepare_extract}});
  add(r, "extract_all", {"extractall"},
      {fixed({p(S, true), p(S)}, TD, k_extract_all, prepare_extract_all),
       fixed({p(S, true), p(D), p(S)}, TD, k_extract_all, prepare_extract_all)});
  add(r, "trim", {}, {fixed({p(S, true), p(S)}, TS, k_trim<true, true>, prepare_trim<true, true>)});
  add(r, "trim_start", {},
      {fixed({p(S, true), p(S)}, TS, k_trim<true, false>, prepare_trim<true, false>)});
  add(r, "trim_end", {},
      {fixed({p(S, true), p(S)}, TS, k_trim<false, true>, prepare_trim<false, true>)});

  add(r, "url_encode", {}, {fixed({p(S)}, TS, k_url_encode)});
  add(r, "url_encode_component", {}, {fixed({p(S)}, TS, k_url_encode_component)});
  add(r, "url_decode", {}, {fixed({p(S)}, TS, k_url_decode)});
  add(r, "base64_encode_tostring", {"base64_encodestring"},
      {fixed({p(S)}, TS, k_base64_encode_tostring)});
  add(r, "base64_decode_tostring", {"base64_decodestring"},
      {fixed({p(S)}, TS, k_base64_decode_tostring)});
  add(r, "base64_decode_toarray", {}, {fixed({p(S)}, TD, k_base64_decode_toarray)});
  add(r, "base64_encode_fromarray", {}, {fixed({p(D)}, TS, k_base64_encode_fromarray)});
  add(r, "unicode_codepoints_from_string", {"to_utf8"},
      {fixed({p(S)}, TD, k_unicode_codepoints_from_string)});
  {
    Overload o = fixed({p(ArgClass::Any)}, TS, k_unicode_codepoints_to_string,
                       check_code_point_args, 1, true);
    o.nulls = NullPolicy::Kernel;
    add(r, "unicode_codepoints_to_string", {"make_string"}, {o});
  }

  add(r, "parse_url", {"parseurl"}, {fixed({p(S)}, TD, k_parse_url)});
  add(r, "parse_urlquery", {"parseurlquery"}, {fixed({p(S)}, TD, k_parse_urlquery)});
  add(r, "parse_path", {}, {fixed({p(S)}, TD, k_parse_path)});
  add(r, "parse_csv", {}, {fixed({p(ArgClass::StringOrDynamic)}, TD, k_parse_csv)},
      ResultName::FirstArgument);

  add(r, "hash_md5", {}, {fixed({p(ArgClass::NotDynamic)}, TS, k_digest<md5_hex>)});
  add(r, "hash_sha1", {}, {fixed({p(ArgClass::NotDynamic)}, TS, k_digest<sha1_hex>)});
  add(r, "hash_sha256", {}, {fixed({p(ArgClass::NotDynamic)}, TS, k_digest<sha256_hex>)});
  add(r, "hash", {}, {fixed({p(ArgClass::NotDynamic), p(L)}, TL, k_hash, check_hash_args, 1)});
  add(r, "hash_xxhash64", {},
      {fixed({p(ArgClass::NotDynamic), p(L)}, TL, k_hash, check_hash_args, 1)});

  add(r, "has_any_index", {},
      {fixed({p(ArgClass::StringOrDynamic), p(D)}, TL, k_has_any_index, prepare_has_any_index)});
  {
    Overload o = fixed({p(ArgClass::Real), p(ArgClass::Number, true), p(S, true)}, TS,
                       k_format_bytes, prepare_format_bytes, 1);
    add(r, "format_bytes", {}, {o}, ResultName::FirstArgument);
  }
}

}  // namespace huntq::engine
