// The fast paths equal the slow ones: random small tables with adversarial values (escapes at
// every offset, numbers and objects where strings are expected, CSV quoting and stray text,
// invalid UTF-8, mixed case, non-ASCII), written in several export shapes, queried with random
// predicates of every operator the optimizer derives literal pre-filters from (and their
// negations, tolower(), projections, joins of every kind). Every query must give the same rows
// with the record pre-filters on, at 1 and 2 threads and several split sizes, as with them off.
//
// Seeded and bounded: the default run takes a few seconds. HUNTQ_PREFILTER_DIFF_ROUNDS=N runs N
// rounds (default 6), HUNTQ_PREFILTER_DIFF_SEED=S starts from another seed.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "huntq/error.h"
#include "query_support.h"

using namespace huntq;
using namespace huntq::testing;

namespace {

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("huntq-prefilter-diff-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string write(const std::string& name, const std::string& content) const {
    const auto p = path_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

// Pieces of cell text: escapes' favourite characters, case variants, non-ASCII (U+212A KELVIN
// SIGN lowers to k), JSON-looking text, numbers.
const std::vector<std::string> kAtoms = {"cmd.exe",
                                         "CMD.EXE",
                                         "powershell",
                                         "PowerShell",
                                         "-enc",
                                         "C:\\Windows\\System32",
                                         "c:\\windows",
                                         "a/b",
                                         "http://x.com/p",
                                         "say \"hi\"",
                                         "\"",
                                         "\\",
                                         "\\u0041",
                                         "\\\\u",
                                         "k:v",
                                         "{\"a\":1}",
                                         "[1,2]",
                                         "x,y",
                                         "a b",
                                         "\xC3\x9Cn\xC3\xAF"
                                         "code",
                                         "\xC3\xBCn\xC3\xAF"
                                         "code",
                                         "\xC3\x9CN\xC3\x8F"
                                         "CODE",
                                         "\xE6\x97\xA5\xE6\x9C\xAC",
                                         "\t",
                                         "\n",
                                         "12345678",
                                         "100",
                                         "true",
                                         "abc",
                                         "ABC",
                                         "AbC",
                                         "\xC3\xA9",
                                         "\xE2\x84\xAA"
                                         "elvin",
                                         "kelvin",
                                         "ab",
                                         "cd",
                                         "abcd",
                                         "Detection",
                                         "AntivirusDetection",
                                         "'",
                                         "/"};
const std::vector<std::string> kSeparators = {"", "", " ", "-", "\\", "/", ",", ":", "."};
const std::vector<std::string> kStringColumns = {
    "DeviceName", "ActionType",         "FileName",        "FolderPath",
    "SHA256",     "ProcessCommandLine", "AdditionalFields"};

enum class CellKind { String, Number, Bool, Null, Missing, Object, Array };

struct Cell {
  CellKind kind = CellKind::String;
  std::string text;  // the cell's text (strings), the token (numbers, bools), an atom (objects)
};

struct Table {
  std::vector<std::vector<Cell>> rows;  // per row, one cell per kStringColumns entry
};

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}
  std::size_t below(std::size_t n) {
    return n ? std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_) : 0;
  }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

  std::string text() {
    std::string s = pick(kAtoms);
    for (std::size_t n = below(3); n > 0; --n) s += pick(kSeparators) + pick(kAtoms);
    if (allow_invalid && chance(0.03)) s.insert(below(s.size() + 1), "\xFF");  // bad UTF-8
    return s;
  }

  bool allow_invalid = true;

  Cell cell() {
    const std::size_t r = below(20);
    if (r == 0) return {CellKind::Null, ""};
    if (r == 1) return {CellKind::Missing, ""};
    if (r == 2)
      return {CellKind::Number, pick(std::vector<std::string>{"12345678", "100", "-1.5e3", "0"})};
    if (r == 3) return {CellKind::Bool, chance(0.5) ? "true" : "false"};
    if (r == 4) return {CellKind::Object, pick(kAtoms)};
    if (r == 5) return {CellKind::Array, pick(kAtoms)};
    return {CellKind::String, text()};
  }

  // A JSON string literal for `s`, escaping characters at random (rate 0 for many rows).
  std::string json_string(std::string_view s, double rate) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
      const auto c = static_cast<unsigned char>(s[i]);
      std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      if (i + len > s.size()) len = 1;
      std::uint32_t cp = c;
      if (len > 1) {
        cp = c & (0x3F >> (len - 1));
        for (std::size_t k = 1; k < len; ++k) {
          if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) len = 1;
          cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        }
        if (len == 1) cp = c;
      }
      const bool invalid = c >= 0x80 && len == 1;
      const bool must = c == '"' || c == '\\' || c < 0x20;
      if (invalid) {
        out += s[i];
      } else if ((must || chance(rate)) && !chance(must ? 0.6 : 0.3)) {
        out += unicode_escape(cp);
      } else if (c == '"') {
        out += "\\\"";
      } else if (c == '\\') {
        out += "\\\\";
      } else if (c == '/' && chance(0.5)) {
        out += "\\/";
      } else if (c < 0x20) {
        const char* shorts = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : nullptr;
        out += shorts ? std::string(shorts) : unicode_escape(cp);
      } else {
        out.append(s.substr(i, len));
      }
      i += len;
    }
    return out + "\"";
  }

  std::string json_value(const Cell& c, double rate) {
    const std::string sp = chance(0.5) ? " " : "";
    switch (c.kind) {
      case CellKind::Null:
        return "null";
      case CellKind::Number:
      case CellKind::Bool:
        return c.text;
      case CellKind::Object:
        return "{" + sp + "\"k\"" + sp + ":" + sp + json_string(c.text, rate) + "," + sp +
               "\"n\":" + sp + "1}";
      case CellKind::Array:
        return "[" + json_string(c.text, rate) + "," + sp + "2]";
      default:
        return json_string(c.text, rate);
    }
  }

  // A CSV field for a cell: the JSON text for objects, arrays and scalars; quoted when needed
  // or at random; sometimes stray text after the closing quote (the reader joins it on).
  std::string csv_field(const Cell& c) {
    std::string text;
    switch (c.kind) {
      case CellKind::Null:
      case CellKind::Missing:
        return chance(0.5) ? "" : "\"\"";
      case CellKind::Object:
      case CellKind::Array:
        text = json_value(c, 0);
        break;
      default:
        text = c.text;
    }
    const bool needs = text.find_first_of(",\"\r\n") != std::string::npos;
    if (!needs && !chance(0.4)) return text;
    std::string q = "\"";
    std::size_t cut = text.size();
    std::string stray;
    if (chance(0.35) && text.find_first_of(",\"\r\n") == std::string::npos && text.size() > 1) {
      cut = 1 + below(text.size() - 1);
      stray = text.substr(cut);
    }
    for (char ch : text.substr(0, cut)) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return q + "\"" + stray;
  }

  std::mt19937_64& rng() { return rng_; }

 private:
  std::string unicode_escape(std::uint32_t cp) {
    auto hex4 = [&](std::uint32_t v) {
      const char* digits = chance(0.5) ? "0123456789abcdef" : "0123456789ABCDEF";
      std::string h = "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) h += digits[(v >> shift) & 15];
      return h;
    };
    if (cp < 0x10000) return hex4(cp);
    cp -= 0x10000;
    return hex4(0xD800 + (cp >> 10)) + hex4(0xDC00 + (cp & 0x3FF));
  }

  std::mt19937_64 rng_;
};

Table make_table(Gen& g) {
  Table t;
  const std::size_t rows = 20 + g.below(40);
  for (std::size_t r = 0; r < rows; ++r) {
    g.allow_invalid = r > 0;  // the first record must be JSON: sniffing reads it
    std::vector<Cell> row;
    for (std::size_t c = 0; c < kStringColumns.size(); ++c) {
      // Join keys repeat: SHA256 from a few values, some of them numbers.
      if (kStringColumns[c] == "SHA256" && g.chance(0.8)) {
        static const std::vector<Cell> keys = {{CellKind::String, "abc"},
                                               {CellKind::String, "ABC"},
                                               {CellKind::Number, "12345678"},
                                               {CellKind::String, "12345678"},
                                               {CellKind::String, "say \"hi\""},
                                               {CellKind::String, "a/b"},
                                               {CellKind::Null, ""},
                                               {CellKind::String, "x,y"},
                                               {CellKind::String, "C:\\Windows\\System32"}};
        row.push_back(g.pick(keys));
        continue;
      }
      row.push_back(g.cell());
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

// Each row as a JSON object (keys in column order, ReportId first), values escaped at random.
std::vector<std::string> json_rows(Gen& g, const Table& t) {
  std::vector<std::string> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const double rate = g.pick(std::vector<double>{0, 0, 0.05, 0.3});
    std::string o = "{\"ReportId\":" + std::to_string(r);
    for (std::size_t c = 0; c < kStringColumns.size(); ++c) {
      if (t.rows[r][c].kind == CellKind::Missing) continue;
      o += ",\"" + kStringColumns[c] + "\":" + g.json_value(t.rows[r][c], rate);
    }
    out.push_back(o + "}");
  }
  return out;
}

std::map<std::string, std::string> write_shapes(Gen& g, const Table& t, const TempDir& dir,
                                                int round) {
  std::map<std::string, std::string> files;
  const std::string tag = std::to_string(round);
  const auto rows = json_rows(g, t);
  std::string nd, array = "[\n";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    nd += rows[r] + (g.chance(0.2) ? "\r\n" : "\n");
    array += (r ? ",\n" : "") + rows[r];
  }
  files["ndjson"] = dir.write("t" + tag + ".ndjson", nd);
  files["array"] = dir.write("t" + tag + "-array.json", array + "\n]\n");
  std::string streaming;
  for (const auto& row : rows)
    streaming +=
        "{\"time\":\"2026-07-18T13:01:51Z\",\"category\":\"AdvancedHunting-DeviceEvents\","
        "\"properties\":" +
        row + ",\"Tenant\":\"T\"}\n";
  files["streaming"] = dir.write("t" + tag + "-streaming.json", streaming);
  // Log Analytics: positional rows under a column list.
  std::string la =
      "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"ReportId\","
      "\"type\":\"long\"}";
  for (const auto& c : kStringColumns) la += ",{\"name\":\"" + c + "\",\"type\":\"string\"}";
  la += "],\"rows\":[";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    la += (r ? ",\n[" : "\n[") + std::to_string(r);
    for (const auto& cell : t.rows[r])
      la += "," + (cell.kind == CellKind::Missing ? std::string("null") : g.json_value(cell, 0.1));
    la += "]";
  }
  files["loganalytics"] = dir.write("t" + tag + "-la.json", la + "]}]}\n");
  std::string csv = "ReportId";
  for (const auto& c : kStringColumns) csv += "," + c;
  csv += "\r\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    csv += std::to_string(r);
    for (const auto& cell : t.rows[r]) csv += "," + g.csv_field(cell);
    csv += "\r\n";
  }
  files["csv"] = dir.write("t" + tag + ".csv", csv);
  return files;
}

// KQL string literal for any text (invalid UTF-8 is left out: the query text must be UTF-8).
std::string kql_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c != '\xFF') {
      out += c;
    }
  }
  return out + "\"";
}

std::string flip_case(Gen& g, std::string s) {
  for (char& c : s)
    if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && g.chance(0.3)) c ^= 0x20;
  return s;
}

// A literal likely to match something: a cell's text or a piece of it, or an atom.
std::string literal(Gen& g, const Table& t) {
  std::string s;
  const auto& row = g.pick(t.rows);
  const Cell& c = row[g.below(row.size())];
  if (g.chance(0.6) && !c.text.empty()) {
    s = c.text;
    if (g.chance(0.5)) {
      // A piece cut on character boundaries.
      std::size_t a = g.below(s.size()), b = a + 1 + g.below(s.size() - a);
      while (a > 0 && (static_cast<unsigned char>(s[a]) & 0xC0) == 0x80) --a;
      while (b < s.size() && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) ++b;
      s = s.substr(a, b - a);
    }
  } else {
    s = g.pick(kAtoms);
  }
  if (g.chance(0.3)) s = flip_case(g, s);
  if (g.chance(0.02)) s.clear();
  return s;
}

std::string list_of(Gen& g, const Table& t, std::size_t n) {
  std::string s = "(";
  for (std::size_t i = 0; i < n; ++i) s += (i ? ", " : "") + kql_string(literal(g, t));
  return s + ")";
}

std::string predicate(Gen& g, const Table& t, const std::string& column) {
  static const std::vector<std::string> kBinary = {
      "==",        "=~",           "!=",         "!~",
      "contains",  "contains_cs",  "!contains",  "has",
      "has_cs",    "!has",         "hasprefix",  "hasprefix_cs",
      "hassuffix", "hassuffix_cs", "startswith", "startswith_cs",
      "endswith",  "endswith_cs",  "!startswith"};
  static const std::vector<std::string> kList = {"in", "in~", "!in", "has_any", "has_all"};
  std::string col = column;
  if (g.chance(0.15)) col = "tolower(" + col + ")";
  if (g.chance(0.3)) {
    const std::size_t n = g.chance(0.2) ? 60 + g.below(200) : 1 + g.below(6);
    return col + " " + g.pick(kList) + " " + list_of(g, t, n);
  }
  std::string p = col + " " + g.pick(kBinary) + " " + kql_string(literal(g, t));
  if (g.chance(0.1)) p = "not(" + p + ")";
  if (g.chance(0.05)) p = "isnotempty(" + column + ")";
  return p;
}

std::string where_clause(Gen& g, const Table& t, const std::vector<std::string>& columns) {
  std::string w = predicate(g, t, g.pick(columns));
  for (std::size_t n = g.below(3); n > 0; --n)
    w = "(" + w + (g.chance(0.5) ? ") and (" : ") or (") + predicate(g, t, g.pick(columns)) + ")";
  return w;
}

std::string query(Gen& g, const Table& t) {
  const std::string cols = "ReportId, FileName, SHA256, AdditionalFields";
  switch (g.below(8)) {
    case 6:
    case 7: {
      // A cell's whole text, found by the operators that need all of it: the likeliest place
      // for its bytes to differ from its text.
      const std::size_t c = g.below(kStringColumns.size());
      const Cell& cell = g.pick(t.rows)[c];
      static const std::vector<std::string> kOps = {"==", "=~",      "has",      "contains_cs",
                                                    "in", "has_any", "endswith", "startswith_cs"};
      const std::string op = g.pick(kOps);
      const std::string lit = kql_string(g.chance(0.2) ? flip_case(g, cell.text) : cell.text);
      return "DeviceEvents | where " + kStringColumns[c] + " " + op + " " +
             (op == "in" || op == "has_any" ? "(" + lit + ")" : lit) + " | project ReportId";
    }
    case 0:
      return "DeviceEvents | extend L = tolower(FolderPath) | where " +
             where_clause(g, t, {"L", "FileName"}) + " | project ReportId, L";
    case 1:
      return "DeviceEvents | project ReportId, A = ProcessCommandLine, B = FolderPath | where " +
             where_clause(g, t, {"A", "B"});
    case 2:
      return "DeviceEvents | where " + where_clause(g, t, kStringColumns) + " | count";
    case 3: {
      static const std::vector<std::string> kKinds = {"innerunique", "inner",     "leftouter",
                                                      "rightouter",  "fullouter", "leftsemi",
                                                      "rightsemi",   "leftanti",  "rightanti"};
      const std::string right =
          g.chance(0.2) ? "FileName == \"no such file\"" : where_clause(g, t, kStringColumns);
      return "DeviceEvents | where " + where_clause(g, t, kStringColumns) +
             " | project ReportId, SHA256 | join kind=" + g.pick(kKinds) +
             " (DeviceEvents | where " + right + " | project R2 = ReportId, SHA256) on SHA256";
    }
    default:
      return "DeviceEvents | where " + where_clause(g, t, kStringColumns) + " | project " + cols;
  }
}

struct Outcome {
  std::vector<std::vector<std::string>> rows;
  std::uint64_t prefiltered = 0;
  std::string error;
};

Outcome run(const std::string& text, const std::vector<input::InputInfo>& inputs,
            engine::ExecOptions options) {
  Outcome o;
  try {
    const engine::PlanPtr plan = bind_kql(text, inputs);
    const engine::ResultSet r = engine::execute_collect(plan, inputs, options);
    for (const auto& row : r.rows) {
      std::vector<std::string> cells;
      for (const auto& v : row) cells.push_back(cell_text(v));
      o.rows.push_back(std::move(cells));
    }
    for (const auto& f : r.stats.files) o.prefiltered += f.prefiltered;
  } catch (const Error& e) {
    o.error = e.what();
  }
  return o;
}

std::uint64_t env_number(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtoull(v, nullptr, 10) : fallback;
}

}  // namespace

TEST_CASE("pre-filters never change a query's rows, in any shape, thread count or split") {
  const std::uint64_t rounds = env_number("HUNTQ_PREFILTER_DIFF_ROUNDS", 6);
  const std::uint64_t seed = env_number("HUNTQ_PREFILTER_DIFF_SEED", 20261130);
  const std::size_t queries_per_shape = 24;
  const TempDir dir;
  std::uint64_t compared = 0, prefiltered = 0, errors = 0;
  for (std::uint64_t round = 0; round < rounds; ++round) {
    Gen g(seed + round);
    const Table t = make_table(g);
    const auto files = write_shapes(g, t, dir, static_cast<int>(round));
    for (const auto& [shape, path] : files) {
      std::vector<input::InputInfo> inputs;
      try {
        inputs = {input::sniff_input(path, find_table("DeviceEvents"))};
      } catch (const Error& e) {
        WARN("not read: " << e.what());
        ++errors;
        continue;
      }
      for (std::size_t q = 0; q < queries_per_shape; ++q) {
        const std::string text = query(g, t);
        engine::ExecOptions slow;
        slow.prefilter = false;
        const Outcome expected = run(text, inputs, slow);
        if (!expected.error.empty()) {
          ++errors;
          continue;
        }
        for (const auto& [threads, split] : std::vector<std::pair<unsigned, std::uint64_t>>{
                 {1, 32ull << 20}, {2, 200}, {2, 1500}}) {
          engine::ExecOptions fast;
          fast.threads = threads;
          fast.split_bytes = split;
          const Outcome got = run(text, inputs, fast);
          INFO("seed " << seed + round << ", shape " << shape << ", threads " << threads
                       << ", split " << split << "\nquery: " << text << "\nfile: " << path);
          REQUIRE(got.error == expected.error);
          REQUIRE(got.rows == expected.rows);
          prefiltered += got.prefiltered;
          ++compared;
        }
      }
    }
  }
  // The test must be able to fail: the pre-filters ruled records out, and most queries ran.
  CHECK(compared > 0);
  CHECK(prefiltered > 0);
  CHECK(errors * 4 < compared);
}
