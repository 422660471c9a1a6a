#include "row_diff.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <deque>
#include <map>

#include "huntq/error.h"
#include "huntq/output/terminal_text.h"

namespace huntq::cli {

namespace {

constexpr std::size_t kCellColumns = 120;  // a cell shown in a changed row, cut after this

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Splits one CSV record starting at `pos`; returns false at the end of the text.
bool next_csv_record(std::string_view text, std::size_t& pos, std::uint64_t& line,
                     std::vector<std::string>& fields, std::string& raw, const std::string& file) {
  if (pos >= text.size()) return false;
  fields.assign(1, {});
  const std::size_t start = pos;
  const std::uint64_t start_line = line;
  bool quoted = false, was_quoted = false;
  while (pos < text.size()) {
    const char c = text[pos];
    if (quoted) {
      if (c == '"') {
        if (pos + 1 < text.size() && text[pos + 1] == '"') {
          fields.back() += '"';
          pos += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c == '\n') ++line;
        fields.back() += c;
      }
      ++pos;
      continue;
    }
    if (c == '"' && fields.back().empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
      was_quoted = false;
    } else if (c == '\n' || c == '\r') {
      raw.assign(text.substr(start, pos - start));
      pos += (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ? 2 : 1;
      ++line;
      return true;
    } else {
      fields.back() += c;
    }
    ++pos;
  }
  if (quoted)
    throw Error(SourceLocation{file, start_line, 0},
                "a quoted field is never closed (a '\"' is missing)");
  raw.assign(text.substr(start));
  ++line;
  return true;
}

// A cell as the diff shows it: CSV text in double quotes (inner quotes doubled, as in the file),
// JSON text as it is; escaped for the terminal and cut short.
std::string shown_cell(const std::string& cell, RowFormat format) {
  std::string text;
  if (format == RowFormat::Csv) {
    text = "\"";
    for (char c : cell) text += c == '"' ? std::string("\"\"") : std::string(1, c);
    text += '"';
  } else {
    text = cell;
  }
  return output::fit_to_width(output::escape_for_terminal(text), kCellColumns);
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return output::fit_to_width(output::escape_for_terminal(out), 400);
}

std::vector<std::string> project(const std::vector<std::string>& cells,
                                 const std::vector<std::size_t>& index) {
  std::vector<std::string> out;
  out.reserve(index.size());
  for (std::size_t i : index) out.push_back(i < cells.size() ? cells[i] : std::string());
  return out;
}

}  // namespace

RowTable read_csv_rows(std::string_view text, const std::string& file) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  RowTable t;
  t.format = RowFormat::Csv;
  std::size_t pos = 0;
  std::uint64_t line = 1;
  std::vector<std::string> fields;
  std::string raw;
  if (!next_csv_record(text, pos, line, fields, raw, file)) return t;  // empty: no header
  t.has_columns = true;
  t.columns = fields;
  while (true) {
    const std::uint64_t at = line;
    if (!next_csv_record(text, pos, line, fields, raw, file)) break;
    if (raw.empty() && t.columns.size() > 1) continue;  // a blank line
    if (fields.size() != t.columns.size())
      throw Error(SourceLocation{file, at, 0},
                  fmt::format("{} but the header has {}", plural(fields.size(), "field", "fields"),
                              t.columns.size()));
    t.rows.push_back({fields, raw, at});
  }
  return t;
}

RowTable read_ndjson_rows(std::string_view text, const std::string& file) {
  RowTable t;
  t.format = RowFormat::Ndjson;
  simdjson::dom::parser parser;
  std::size_t pos = 0;
  std::uint64_t line = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++line;
    if (raw.ends_with('\r')) raw.remove_suffix(1);
    if (raw.find_first_not_of(" \t") == std::string_view::npos) continue;
    simdjson::dom::element doc;
    if (const auto err = parser.parse(raw.data(), raw.size()).get(doc))
      throw Error(SourceLocation{file, line, 0},
                  std::string("invalid JSON: ") + simdjson::error_message(err));
    simdjson::dom::object obj;
    if (doc.get_object().get(obj))
      throw Error(SourceLocation{file, line, 0}, "a line holds a JSON object per row");
    std::vector<std::pair<std::string, std::string>> fields;
    for (auto field : obj)
      fields.emplace_back(std::string(field.key), simdjson::minify(field.value));
    if (!t.has_columns) {
      t.has_columns = true;
      for (const auto& f : fields) t.columns.push_back(f.first);
    }
    RowTable::Row row;
    row.text = std::string(raw);
    row.line = line;
    for (const auto& column : t.columns) {
      const auto it = std::find_if(fields.begin(), fields.end(),
                                   [&](const auto& f) { return f.first == column; });
      if (it == fields.end())
        throw Error(SourceLocation{file, line, 0},
                    "no key " + output::escape_for_terminal(column) + " (the first row has it)");
      row.cells.push_back(it->second);
    }
    if (fields.size() != t.columns.size())
      throw Error(SourceLocation{file, line, 0},
                  fmt::format("{} but the first row has {}", plural(fields.size(), "key", "keys"),
                              t.columns.size()));
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string shown_row(const RowTable::Row& row, std::size_t max_columns) {
  return output::fit_to_width(output::escape_for_terminal(row.text), max_columns);
}

RowDiff diff_rows(const RowTable& expected, const RowTable& actual, const RowDiffOptions& o) {
  RowDiff d;
  std::string& out = d.details;
  const std::string& in = o.indent;
  std::vector<std::string> problems;

  // The columns both sides have, in the expected order.
  std::vector<std::string> names = actual.columns;
  std::vector<std::size_t> e_index, a_index;
  if (expected.has_columns && actual.has_columns && expected.columns != actual.columns) {
    problems.push_back("columns differ");
    out += fmt::format("{}columns differ:\n{}  expected: {}\n{}  got:      {}\n", in, in,
                       joined(expected.columns), in, joined(actual.columns));
    names.clear();
    for (std::size_t i = 0; i < expected.columns.size(); ++i) {
      const auto it = std::find(actual.columns.begin(), actual.columns.end(), expected.columns[i]);
      if (it == actual.columns.end()) continue;
      e_index.push_back(i);
      a_index.push_back(static_cast<std::size_t>(it - actual.columns.begin()));
      names.push_back(expected.columns[i]);
    }
    out += fmt::format("{}  (rows compared on the {} both have)\n", in,
                       plural(names.size(), "column", "columns"));
  } else {
    for (std::size_t i = 0; i < actual.columns.size(); ++i) {
      e_index.push_back(i);
      a_index.push_back(i);
    }
  }
  std::vector<std::vector<std::string>> ekeys, akeys;
  for (const auto& r : expected.rows) ekeys.push_back(project(r.cells, e_index));
  for (const auto& r : actual.rows) akeys.push_back(project(r.cells, a_index));

  // Multiset matching: each expected row takes the first unmatched equal result row.
  std::map<std::vector<std::string>, std::deque<std::size_t>> available;
  for (std::size_t j = 0; j < akeys.size(); ++j) available[akeys[j]].push_back(j);
  std::vector<std::size_t> missing, extra;
  std::vector<bool> matched(akeys.size(), false);
  for (std::size_t i = 0; i < ekeys.size(); ++i) {
    const auto it = available.find(ekeys[i]);
    if (it == available.end() || it->second.empty()) {
      missing.push_back(i);
      continue;
    }
    matched[it->second.front()] = true;
    it->second.pop_front();
  }
  for (std::size_t j = 0; j < akeys.size(); ++j)
    if (!matched[j]) extra.push_back(j);

  // A missing and an extra row alike in at least half their cells are one changed row.
  struct Change {
    std::size_t e, a;
  };
  std::vector<Change> changed;
  const std::size_t width = names.size();
  if (width >= 2 && missing.size() * extra.size() * width <= 8'000'000) {
    std::vector<bool> paired(extra.size(), false);
    std::vector<std::size_t> still_missing;
    for (std::size_t i : missing) {
      std::size_t best = 0, best_same = 0;
      for (std::size_t k = 0; k < extra.size(); ++k) {
        if (paired[k]) continue;
        std::size_t same = 0;
        for (std::size_t c = 0; c < width; ++c) same += ekeys[i][c] == akeys[extra[k]][c];
        if (same > best_same) best_same = same, best = k;
      }
      if (best_same * 2 >= width && best_same > 0) {
        paired[best] = true;
        changed.push_back({i, extra[best]});
      } else {
        still_missing.push_back(i);
      }
    }
    missing = std::move(still_missing);
    std::vector<std::size_t> still_extra;
    for (std::size_t k = 0; k < extra.size(); ++k)
      if (!paired[k]) still_extra.push_back(extra[k]);
    extra = std::move(still_extra);
  }

  const auto more = [&](std::size_t total) {
    if (total > o.max_shown) out += fmt::format("{}  … and {} more\n", in, total - o.max_shown);
  };
  const std::string& ename = o.expected_name;
  if (!changed.empty()) {
    problems.push_back(plural(changed.size(), "row changed", "rows changed"));
    out += fmt::format("{}changed (alike but for some cells):\n", in);
    for (std::size_t n = 0; n < changed.size() && n < o.max_shown; ++n) {
      const auto& c = changed[n];
      std::string same;
      std::size_t shown = 0;
      for (std::size_t k = 0; k < width && shown < 2; ++k) {
        if (ekeys[c.e][k] != akeys[c.a][k]) continue;
        same += fmt::format("{}{}={}", shown ? ", " : "", output::escape_for_terminal(names[k]),
                            output::fit_to_width(shown_cell(ekeys[c.e][k], expected.format), 40));
        ++shown;
      }
      out += fmt::format("{}  {}:{} → result row {}{}\n", in, ename, expected.rows[c.e].line,
                         c.a + 1, same.empty() ? "" : " (" + same + ", …)");
      for (std::size_t k = 0; k < width; ++k) {
        if (ekeys[c.e][k] == akeys[c.a][k]) continue;
        out += fmt::format("{}    {}: {} → {}\n", in, output::escape_for_terminal(names[k]),
                           shown_cell(ekeys[c.e][k], expected.format),
                           shown_cell(akeys[c.a][k], actual.format));
      }
    }
    more(changed.size());
  }
  if (!missing.empty()) {
    problems.push_back(plural(missing.size(), "row missing", "rows missing"));
    out += fmt::format("{}missing (expected, not in the result):\n", in);
    for (std::size_t n = 0; n < missing.size() && n < o.max_shown; ++n)
      out += fmt::format("{}  - {}:{}: {}\n", in, ename, expected.rows[missing[n]].line,
                         shown_row(expected.rows[missing[n]]));
    more(missing.size());
  }
  if (!extra.empty()) {
    problems.push_back(plural(extra.size(), "row extra", "rows extra"));
    out += fmt::format("{}extra (in the result, not expected):\n", in);
    for (std::size_t n = 0; n < extra.size() && n < o.max_shown; ++n)
      out += fmt::format("{}  + result row {}: {}\n", in, extra[n] + 1,
                         shown_row(actual.rows[extra[n]]));
    more(extra.size());
  }
  if (o.ordered && missing.empty() && extra.empty() && changed.empty()) {
    std::vector<std::size_t> moved;
    for (std::size_t i = 0; i < ekeys.size() && i < akeys.size(); ++i)
      if (ekeys[i] != akeys[i]) moved.push_back(i);
    if (!moved.empty()) {
      problems.push_back("the same rows in another order");
      out += fmt::format("{}order (the same rows, but the hunt sorts, so order counts):\n", in);
      for (std::size_t n = 0; n < moved.size() && n < o.max_shown; ++n) {
        const std::size_t i = moved[n];
        out += fmt::format("{}  row {} expected: {}:{}: {}\n", in, i + 1, ename,
                           expected.rows[i].line, shown_row(expected.rows[i]));
        out += fmt::format("{}  row {} got:      {}\n", in, i + 1, shown_row(actual.rows[i]));
      }
      more(moved.size());
    }
  }
  d.equal = problems.empty();
  for (const auto& p : problems) d.summary += (d.summary.empty() ? "" : ", ") + p;
  if (!d.equal)
    d.summary += o.ordered ? " (rows compared in order: the hunt sorts)"
                           : " (rows compared as a multiset: the hunt does not sort)";
  return d;
}

}  // namespace huntq::cli
