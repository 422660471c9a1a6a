// libFuzzer target for the `condition:` parser of exclusion rules (src/rules/condition.*): any
// text must parse or fail with ConditionError at an offset inside it. A condition that parses is
// evaluated for many truth assignments of its selections, natively and through its KQL form
// (to_kql) run by huntq's own KQL engine: both must give the same truth value every time.
//
// The input is the condition; when it holds a newline, the first line instead lists the rule's
// selection names (separated by spaces) and the condition follows.
//
// Build and run: scripts/fuzz.sh [SECONDS] rules_condition (seeds:
// tests/fuzz/corpus/rules_condition).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../../src/rules/condition.h"
#include "fuzz_support.h"
#include "huntq/engine/executor.h"
#include "huntq/error.h"
#include "huntq/kql/binder.h"
#include "huntq/kql/parser.h"

namespace {

using huntq::fuzz::fail;

const std::vector<std::string> kDefaultSelections = {"selection",   "sel_1",   "sel_2", "filter",
                                                     "filter_main", "_hidden", "a",     "b"};

std::vector<std::string> split_names(std::string_view line) {
  std::vector<std::string> names;
  std::size_t i = 0;
  while (i < line.size() && names.size() < 12) {
    while (i < line.size() && line[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ') ++i;
    const std::string name(line.substr(start, i - start));
    // YAML keys of one mapping are distinct.
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(name);
    }
  }
  return names;
}

// The truth assignments tried: all of them for up to 6 selections, else 64 spread ones.
std::vector<std::vector<bool>> assignments(std::size_t n) {
  std::vector<std::vector<bool>> out;
  const std::uint64_t count = n <= 6 ? (std::uint64_t{1} << n) : 64;
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (std::uint64_t k = 0; k < count; ++k) {
    std::uint64_t bits = k;
    if (n > 6) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      bits = k < 2 ? (k ? ~0ull : 0ull) : x;  // all false, all true, then pseudo-random
    }
    std::vector<bool> a(n);
    for (std::size_t i = 0; i < n; ++i) a[i] = (bits >> i) & 1;
    out.push_back(std::move(a));
  }
  return out;
}

// Runs `datatable(s0:bool, ...)[assignments] | project r = <kql>` and returns r per row.
std::vector<bool> run_kql(const std::string& kql, const std::vector<std::vector<bool>>& rows,
                          std::size_t n) {
  std::string q = "datatable(";
  for (std::size_t i = 0; i < n; ++i) q += (i ? ", s" : "s") + std::to_string(i) + ":bool";
  if (n == 0) q += "unused:bool";
  q += ")[";
  for (const auto& row : rows) {
    for (bool b : row) q += b ? "true," : "false,";
    if (n == 0) q += "false,";
  }
  q += "]\n| project r = " + kql;
  huntq::kql::SourceText source{"condition.kql", q, 1, 0};
  huntq::kql::Catalog catalog;
  catalog.find_table = [](std::string_view) { return nullptr; };
  catalog.present_tables = [] { return std::vector<std::string>{}; };
  std::vector<bool> out;
  try {
    const auto bound = huntq::kql::bind_script(huntq::kql::parse_script(source), catalog, {});
    const auto result = huntq::engine::execute_collect(bound.plan, {}, {});
    for (const auto& row : result.rows) {
      if (row.size() != 1 || row[0].type() != huntq::Type::Bool || row[0].is_null()) {
        fail("the condition's KQL does not give a bool", kql);
      }
      out.push_back(row[0].as_bool());
    }
  } catch (const huntq::Error& e) {
    fail("the condition's KQL does not run", std::string(e.what()) + "\n  " + kql);
  }
  if (out.size() != rows.size()) fail("the condition's KQL lost rows", kql);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = huntq::fuzz::as_text(data, size);
  std::vector<std::string> selections = kDefaultSelections;
  if (const std::size_t nl = text.find('\n'); nl != std::string_view::npos) {
    selections = split_names(text.substr(0, nl));
    text.remove_prefix(nl + 1);
  }
  huntq::rules::Condition condition;
  try {
    condition = huntq::rules::Condition::parse(text, selections);
  } catch (const huntq::rules::ConditionError& e) {
    if (e.offset() > text.size()) fail("error offset past the text", e.what());
    return 0;
  }
  if (condition.used().size() != selections.size()) fail("used() is not one flag per selection");

  const std::size_t n = selections.size();
  const auto rows = assignments(n);
  const std::string kql = condition.to_kql([](std::size_t i) { return "s" + std::to_string(i); });
  const std::vector<bool> kql_truth = run_kql(kql, rows, n);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    bool read_unused = false;
    const bool native = condition.evaluate([&](std::size_t i) {
      if (i >= n) fail("evaluate() asked for a selection that does not exist");
      read_unused = read_unused || !condition.used()[i];
      return static_cast<bool>(rows[r][i]);
    });
    if (read_unused) fail("evaluate() read a selection used() says is unused");
    if (native != kql_truth[r]) fail("the native condition and its KQL disagree", kql);
  }
  return 0;
}
