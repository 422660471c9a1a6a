// The examples of Microsoft's KQL docs (tests/queries/docs_examples/*.json, written by extract.py)
// and how a published output table is compared with huntq's rows: only the rendering is
// normalised (datetime and timespan text, number formatting, empty cell vs null, JSON spacing).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/timespan.h"
#include "query_support.h"

namespace huntq::testing::docs {

struct Example {
  std::string id;  ///< "<page>#<n>": the page and the n-th kusto block of it
  std::string page;
  std::string heading;
  std::string query;
  bool sorted = false;  ///< the query ends in a sort: rows compare in order
  std::vector<std::string> columns;
  Rows rows;
};

/// A reviewed reason why an example's published output cannot be matched.
struct Mark {
  std::string kind;  ///< doc_error, nondeterministic or known_difference
  std::string reason;
};

inline std::string read_text_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string member_text(const Dynamic& obj, std::string_view key) {
  const DynamicPtr* v = obj.find(key);
  return v && (*v)->kind() == DynamicKind::String ? (*v)->text() : std::string();
}

inline std::vector<std::string> string_items(const DynamicPtr& arr) {
  std::vector<std::string> out;
  if (arr && arr->is_array())
    for (const auto& item : arr->items()) out.push_back(item->text());
  return out;
}

/// Every example of every page file in `dir`, pages in name order.
inline std::vector<Example> load_examples(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<Example> out;
  for (const auto& file : files) {
    const DynamicPtr doc = parse_json_text(read_text_file(file));
    if (!doc || !doc->is_object()) throw std::runtime_error("not JSON: " + file.string());
    const std::string page = member_text(*doc, "page");
    const DynamicPtr* examples = doc->find("examples");
    if (!examples) continue;
    for (const auto& e : (*examples)->items()) {
      Example ex;
      ex.id = member_text(*e, "id");
      ex.page = page;
      ex.heading = member_text(*e, "heading");
      ex.query = member_text(*e, "query");
      if (const DynamicPtr* s = e->find("sorted")) ex.sorted = (*s)->as_bool();
      if (const DynamicPtr* c = e->find("columns")) ex.columns = string_items(*c);
      if (const DynamicPtr* rows = e->find("rows"))
        for (const auto& r : (*rows)->items()) ex.rows.push_back(string_items(r));
      out.push_back(std::move(ex));
    }
  }
  return out;
}

/// marks.tsv: `id<TAB>kind<TAB>reason` lines; '#' starts a comment line.
inline std::map<std::string, Mark> load_marks(const std::filesystem::path& file) {
  std::map<std::string, Mark> out;
  std::istringstream in(read_text_file(file));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto t1 = line.find('\t');
    const auto t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) throw std::runtime_error("marks.tsv: bad line: " + line);
    out[line.substr(0, t1)] = Mark{line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1)};
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rendering normalisation.

inline std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

inline std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size())
    s.replace(p, from.size(), to);
  return s;
}

/// A published cell as a value's text: no markdown code ticks, <br> as the line breaks of a
/// pretty-printed JSON value.
inline std::string published_text(std::string s) {
  s = trim(std::move(s));
  if (s.size() >= 2 && s.front() == '`' && s.back() == '`') s = trim(s.substr(1, s.size() - 2));
  for (const char* br : {"<br />", "<br/>", "<br>"}) s = replace_all(s, br, "\n");
  return trim(std::move(s));
}

inline std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Number {
  double value;
  int decimals;  ///< digits after the point as written (-1: not counted, compare exactly)
  bool integral_text;
};

/// A number as text: 12, -1.50, 1e-05, 1.2E+3, NaN, Infinity; thousands separators allowed only
/// in integer text (1,048,576).
inline std::optional<Number> parse_number(std::string s) {
  static const std::regex num(R"(^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$)");
  static const std::regex grouped(R"(^-?\d{1,3}(,\d{3})+$)");
  if (s == "NaN") return Number{std::nan(""), -1, false};
  if (s == "Infinity" || s == "+Infinity") return Number{INFINITY, -1, false};
  if (s == "-Infinity") return Number{-INFINITY, -1, false};
  if (std::regex_match(s, grouped)) s.erase(std::remove(s.begin(), s.end(), ','), s.end());
  if (!std::regex_match(s, num)) return std::nullopt;
  Number n{std::strtod(s.c_str(), nullptr), -1, false};
  const auto e = s.find_first_of("eE");
  const auto dot = s.find('.');
  n.integral_text = dot == std::string::npos && e == std::string::npos;
  if (e == std::string::npos) n.decimals = dot == std::string::npos ? 0 : int(s.size() - dot - 1);
  return n;
}

/// Equal numbers, the published one possibly rounded to the digits it shows.
inline bool numbers_equal(const Number& published, const Number& got, const std::string& ptext,
                          const std::string& gtext) {
  if (std::isnan(published.value) || std::isnan(got.value))
    return std::isnan(published.value) && std::isnan(got.value);
  if (published.integral_text && got.integral_text)  // longs: exact, past double's precision
    return std::stoll(ptext) == std::stoll(gtext) ||
           (ptext.find(',') != std::string::npos && published.value == got.value);
  if (published.value == got.value) return true;
  if (published.decimals < 0 || std::isinf(published.value) || std::isinf(got.value))
    return std::fabs(published.value - got.value) <=
           1e-12 * std::max(std::fabs(published.value), std::fabs(got.value));
  const double half_unit = 0.5 * std::pow(10.0, -published.decimals);
  return std::fabs(published.value - got.value) <= half_unit * (1 + 1e-9);
}

inline bool is_timespan_text(const std::string& s) {
  static const std::regex ts(R"(^-?(\d+\.)?\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$)");
  return std::regex_match(s, ts);
}

inline bool is_datetime_text(const std::string& s) {
  static const std::regex dt(
      R"(^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z| ?[+-]\d{2}:?\d{2})?$)");
  return std::regex_match(s, dt);
}

/// Published dynamic text as JSON: Kusto's single-quoted strings become double-quoted, and the
/// bare words some pages show for strings in arrays ([yes, no]) are quoted.
inline DynamicPtr parse_published_json(const std::string& s) {
  if (s.empty() || (s[0] != '[' && s[0] != '{')) return nullptr;
  if (DynamicPtr d = parse_json_text(s)) return d;
  std::string fixed;
  char quote = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (!quote && (std::isalpha(static_cast<unsigned char>(c)) || c == '_')) {
      std::size_t j = i;
      while (j < s.size() && s[j] != ',' && s[j] != ']' && s[j] != '}' && s[j] != ':') ++j;
      std::string word = trim(s.substr(i, j - i));
      if (word == "true" || word == "false" || word == "null") {
        fixed += word;
      } else {
        fixed += "\"" + replace_all(word, "\"", "\\\"") + "\"";
      }
      fixed += s.substr(i + word.size(), j - i - word.size());
      i = j - 1;
      continue;
    }
    if (quote) {
      if (c == '\\' && i + 1 < s.size()) {
        fixed += c;
        fixed += s[++i];
        continue;
      }
      if (c == quote) {
        quote = 0;
        fixed += '"';
      } else if (c == '"') {
        fixed += "\\\"";
      } else {
        fixed += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      fixed += '"';
    } else {
      fixed += c;
    }
  }
  return parse_json_text(fixed);
}

inline bool cells_equal(const std::string& published_cell, const std::string& got_cell,
                        bool got_dynamic = false);

inline bool dynamic_scalar_text(const Dynamic& d, std::string& out) {
  switch (d.kind()) {
    case DynamicKind::Array:
    case DynamicKind::Object:
      return false;
    case DynamicKind::Null:
      out.clear();
      return true;
    case DynamicKind::String:
    case DynamicKind::Guid:
      out = d.text();
      return true;
    default:
      out = to_json(d);
      return true;
  }
}

/// Two JSON trees with the same content: bags compare as maps (Kusto does not promise a key
/// order, kql-semantics.md D-4), scalars as cells.
inline bool trees_equal(const Dynamic& p, const Dynamic& g) {
  if (p.is_array() || g.is_array()) {
    if (!p.is_array() || !g.is_array() || p.items().size() != g.items().size()) return false;
    for (std::size_t i = 0; i < p.items().size(); ++i)
      if (!trees_equal(*p.items()[i], *g.items()[i])) return false;
    return true;
  }
  if (p.is_object() || g.is_object()) {
    if (!p.is_object() || !g.is_object() || p.members().size() != g.members().size()) return false;
    for (const auto& m : p.members()) {
      const DynamicPtr* other = g.find(m.key);
      if (!other || !trees_equal(*m.value, **other)) return false;
    }
    return true;
  }
  if ((p.kind() == DynamicKind::String) != (g.kind() == DynamicKind::String) &&
      (p.is_null() || g.is_null()))
    return false;  // "" is not null inside a dynamic value
  std::string ps, gs;
  dynamic_scalar_text(p, ps);
  dynamic_scalar_text(g, gs);
  return cells_equal(ps, gs, false);
}

/// A published cell and huntq's cell (query_support.h's text) hold the same value. A dynamic
/// string cell is JSON text ("a"), which Kusto's tables show unquoted.
inline bool cells_equal(const std::string& published_cell, const std::string& got_cell,
                        bool got_dynamic) {
  std::string p = published_text(published_cell);
  // A markdown cell cannot show leading or trailing spaces.
  std::string g = got_cell == "<null>" ? std::string() : trim(got_cell);
  if (p == "∞") p = "Infinity";
  if (p == "-∞") p = "-Infinity";
  if (got_dynamic && g.size() >= 2 && g.front() == '"')
    if (const DynamicPtr d = parse_json_text(g); d && d->kind() == DynamicKind::String)
      g = d->text();
  if (p == g) return true;
  const std::string pl = lower(p), gl = lower(g);
  if ((pl == "true" || pl == "false") && pl == gl) return true;
  // Older pages show bools as 1 and 0.
  if ((gl == "true" && p == "1") || (gl == "false" && p == "0")) return true;
  if (is_datetime_text(p) && is_datetime_text(g)) {
    const auto a = parse_datetime(p), b = parse_datetime(g);
    return a && b && *a == *b;
  }
  if (is_timespan_text(p) && is_timespan_text(g)) {
    const auto a = parse_timespan(p), b = parse_timespan(g);
    return a && b && *a == *b;
  }
  const auto pn = parse_number(p), gn = parse_number(g);
  if (pn && gn) return numbers_equal(*pn, *gn, p, g);
  if (const DynamicPtr pj = parse_published_json(p))
    if (const DynamicPtr gj = parse_json_text(g)) return trees_equal(*pj, *gj);
  return false;
}

/// `dynamic[i]`: huntq's column i is dynamic.
inline bool rows_equal(const std::vector<std::string>& published,
                       const std::vector<std::string>& got, const std::vector<bool>& dynamic) {
  if (published.size() != got.size()) return false;
  for (std::size_t i = 0; i < got.size(); ++i)
    if (!cells_equal(published[i], got[i], i < dynamic.size() && dynamic[i])) return false;
  return true;
}

/// The published rows and huntq's, in order or as multisets.
inline bool tables_equal(const Rows& published, const Rows& got, bool in_order,
                         const std::vector<bool>& dynamic = {}) {
  if (published.size() != got.size()) return false;
  if (in_order) {
    for (std::size_t i = 0; i < got.size(); ++i)
      if (!rows_equal(published[i], got[i], dynamic)) return false;
    return true;
  }
  std::vector<bool> used(got.size(), false);
  for (const auto& prow : published) {
    bool found = false;
    for (std::size_t i = 0; i < got.size() && !found; ++i)
      if (!used[i] && rows_equal(prow, got[i], dynamic)) used[i] = found = true;
    if (!found) return false;
  }
  return true;
}

inline std::vector<bool> dynamic_columns(const std::vector<std::string>& got_columns) {
  std::vector<bool> out;
  for (const auto& c : got_columns) out.push_back(c.size() > 8 && c.ends_with(":dynamic"));
  return out;
}

/// Column names as published ("name"), against huntq's "name:type".
inline bool columns_equal(const std::vector<std::string>& published,
                          const std::vector<std::string>& got) {
  if (published.size() != got.size()) return false;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const std::string name = got[i].substr(0, got[i].rfind(':'));
    if (published_text(published[i]) != name) return false;
  }
  return true;
}

}  // namespace huntq::testing::docs
