// Runs a built-in hunt with the huntq binary on NDJSON written by the test, and reads its NDJSON
// rows back as text cells (for the tests of src/hunts/builtin/).
#pragma once

#include <simdjson.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "e2e/run_binary.h"

namespace huntq::testing {

/// One output row: column → cell text. Strings as they are, numbers and booleans as JSON text,
/// null as "<null>", arrays as their elements' texts sorted and joined with '|' (make_set's order
/// is undefined).
using HuntRow = std::map<std::string, std::string>;

inline std::string cell_text(simdjson::dom::element v) {
  switch (v.type()) {
    case simdjson::dom::element_type::STRING:
      return std::string(v.get_string().value());
    case simdjson::dom::element_type::NULL_VALUE:
      return "<null>";
    case simdjson::dom::element_type::ARRAY: {
      std::vector<std::string> items;
      for (auto item : v.get_array()) items.push_back(cell_text(item));
      std::sort(items.begin(), items.end());
      std::string joined;
      for (const auto& s : items) joined += (joined.empty() ? "" : "|") + s;
      return joined;
    }
    default:
      return simdjson::minify(v);
  }
}

inline std::vector<HuntRow> parse_rows(const std::string& ndjson) {
  std::vector<HuntRow> rows;
  simdjson::dom::parser parser;
  std::size_t start = 0;
  while (start < ndjson.size()) {
    const std::size_t nl = ndjson.find('\n', start);
    const std::string line = ndjson.substr(start, nl - start);
    start = nl == std::string::npos ? ndjson.size() : nl + 1;
    if (line.empty()) continue;
    HuntRow row;
    for (auto field : parser.parse(line).get_object())
      row[std::string(field.key)] = cell_text(field.value);
    rows.push_back(row);
  }
  return rows;
}

/// The rows of built-in hunt `id` over one NDJSON file holding `records` (one JSON object per
/// element), with now() = 2024-03-31T00:00:00Z. Fails the test when huntq exits with an error.
inline std::vector<HuntRow> run_builtin_hunt(const std::string& id,
                                             const std::vector<std::string>& records) {
  TempDir dir;
  std::string text;
  for (const auto& r : records) text += r + "\n";
  const std::string file = dir.write("input.ndjson", text);
  const RunResult r =
      run_huntq({"run", "--hunt", id, "--now", "2024-03-31T00:00:00Z", "--format", "ndjson", file});
  INFO(r.err);
  REQUIRE((r.status == 0 || r.status == 1));
  // The hunt as --emit-kql prints it (for Kusto) must give the same rows run back through
  // --query: what huntq hands over is what it ran.
  const RunResult emitted = run_huntq({"run", "--hunt", id, "--emit-kql"});
  REQUIRE(emitted.status == 0);
  const RunResult again = run_huntq(
      {"run", "--query", emitted.out, "--now", "2024-03-31T00:00:00Z", "--format", "ndjson", file});
  INFO(emitted.out);
  INFO(again.err);
  CHECK(again.status == r.status);
  CHECK(again.out == r.out);
  return parse_rows(r.out);
}

/// The rows as text, sorted, one per line ("col=value, ..."): what the tests compare, so that a
/// failure prints both sides readably.
inline std::string rows_text(std::vector<HuntRow> rows) {
  std::sort(rows.begin(), rows.end());
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    for (const auto& [k, v] : r) line += (line.empty() ? "" : ", ") + k + "=" + v;
    out += line + "\n";
  }
  return out;
}

/// The values of one column over the rows, sorted (rows of these hunts have no defined order).
inline std::vector<std::string> column(const std::vector<HuntRow>& rows, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.count(name) ? r.at(name) : "<missing>");
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace huntq::testing
