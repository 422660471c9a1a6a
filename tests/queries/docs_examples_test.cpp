// Microsoft's KQL docs examples that need no stored table, run through the engine and compared
// with their published output tables (tests/queries/docs_examples/, written by extract.py).
// Every example passes, is refused ("... is not supported"), or carries a reviewed mark in
// marks.tsv (doc_error, nondeterministic, known_difference) saying why it cannot match.
// With HUNTQ_DOCS_EXAMPLES_REPORT=<file> the run also writes the per-page report
// (docs/semantics/docs-examples.md); HUNTQ_DOCS_EXAMPLES_VERBOSE=1 prints every non-passing
// example with both tables.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <iostream>
#include <set>

#include "docs_examples_support.h"
#include "huntq/error.h"

using namespace huntq::testing;
using namespace huntq::testing::docs;

namespace {

enum class Outcome { Passed, Refused, Error, WrongColumns, WrongRows };

struct Run {
  const Example* example = nullptr;
  Outcome outcome = Outcome::Passed;
  std::string message;  ///< the error, or for a refusal the construct refused
  QueryResult got;
};

const std::filesystem::path kDir =
    std::filesystem::path(HUNTQ_SOURCE_DIR) / "tests" / "queries" / "docs_examples";

/// The construct a refusal names: its first quoted text, else the message.
std::string refused_construct(const std::string& message) {
  std::string m = message;
  if (const auto p = m.find(": "); p != std::string::npos && m.rfind("test.kql:", 0) == 0)
    m = m.substr(p + 2);
  const auto a = m.find('\'');
  const auto b = a == std::string::npos ? a : m.find('\'', a + 1);
  if (b != std::string::npos) return m.substr(a, b - a + 1);
  return m.substr(0, m.find(" is not supported"));
}

Run run_example(const Example& ex) {
  Run r;
  r.example = &ex;
  huntq::engine::ExecOptions options;
  // Docs examples are small; the one that is not (a 5-million-row join) fails fast at this bound.
  options.max_memory = 64ull << 20;
  try {
    r.got = run_kql(ex.query, {}, options);
  } catch (const std::exception& e) {
    r.message = e.what();
    r.outcome =
        r.message.find("not supported") != std::string::npos ? Outcome::Refused : Outcome::Error;
    if (r.outcome == Outcome::Refused) r.message = refused_construct(r.message);
    return r;
  }
  if (!columns_equal(ex.columns, r.got.columns))
    r.outcome = Outcome::WrongColumns;
  else if (!tables_equal(ex.rows, r.got.rows, ex.sorted, dynamic_columns(r.got.columns)))
    r.outcome = Outcome::WrongRows;
  return r;
}

struct Suite {
  std::vector<Example> examples;
  std::map<std::string, Mark> marks;
  std::vector<Run> runs;
};

const Suite& suite() {
  static const Suite s = [] {
    Suite out;
    out.examples = load_examples(kDir);
    out.marks = load_marks(kDir / "marks.tsv");
    for (const auto& ex : out.examples) out.runs.push_back(run_example(ex));
    return out;
  }();
  return s;
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

std::string describe(const Run& r) {
  std::string s = r.example->id + " (" + r.example->heading + ")\n" + r.example->query + "\n";
  if (r.outcome == Outcome::Error || r.outcome == Outcome::Refused)
    return s + "  error: " + r.message + "\n";
  s += "  published: " + join(r.example->columns, " | ") + "\n";
  for (const auto& row : r.example->rows) s += "    " + join(row, " | ") + "\n";
  s += "  huntq:     " + join(r.got.columns, " | ") + "\n";
  for (const auto& row : r.got.rows) s += "    " + join(row, " | ") + "\n";
  return s;
}

std::string table_cell(std::string s) {
  s = replace_all(std::move(s), "|", "\\|");
  return replace_all(std::move(s), "\n", " ");
}

std::string page_link(const std::string& page) {
  return "[" + page + "](https://learn.microsoft.com/kusto/query/" +
         page.substr(0, page.size() - 3) + ")";
}

/// docs/semantics/docs-examples.md: per page, found / passed / refused / marked, and the
/// examples whose published output huntq does not give, with the reason.
void write_report(const Suite& s, const std::string& path) {
  struct PageCounts {
    int found = 0, passed = 0, refused = 0, failed = 0;
    std::map<std::string, int> marked;
    std::set<std::string> constructs;
  };
  std::map<std::string, PageCounts> pages;
  std::map<std::string, std::set<std::string>> refused_by;  // construct -> example ids
  int found = 0, passed = 0, refused = 0, failed = 0;
  std::map<std::string, int> marked;
  for (const auto& r : s.runs) {
    PageCounts& p = pages[r.example->page];
    ++p.found;
    ++found;
    const auto m = s.marks.find(r.example->id);
    if (r.outcome == Outcome::Passed) {
      ++p.passed;
      ++passed;
    } else if (r.outcome == Outcome::Refused) {
      ++p.refused;
      ++refused;
      p.constructs.insert(r.message);
      refused_by[r.message].insert(r.example->id);
    } else if (m != s.marks.end()) {
      ++p.marked[m->second.kind];
      ++marked[m->second.kind];
    } else {
      ++p.failed;
      ++failed;
    }
  }
  const int comparable = found - refused - marked["doc_error"] - marked["nondeterministic"];
  std::ostringstream o;
  o << "# Microsoft's KQL docs examples, run by huntq\n\n"
    << "Generated by `tests/queries/docs_examples_test.cpp`; do not edit. Regenerate with\n"
    << "`HUNTQ_DOCS_EXAMPLES_REPORT=$PWD/docs/semantics/docs-examples.md build/test_queries "
       "'docs examples*'`.\n\n"
    << "The examples are the self-contained ones (`print`, `datatable`, `range`, lets of those) "
       "of\nMicrosoft's KQL reference pages that publish an output table, extracted by\n"
    << "`tests/queries/docs_examples/extract.py` (see its README for the source and license). "
       "Rows are\ncompared after normalising only the rendering (datetime and timespan text, "
       "numbers to the\npublished digits, empty cell vs null, JSON spacing and key order), as "
       "multisets unless the\nquery ends in a sort. An example is:\n\n"
    << "- **passed**: huntq returns the published columns and rows;\n"
    << "- **refused**: huntq stops with \"... is not supported\" (the construct is named);\n"
    << "- **doc_error**: the published output is wrong (the reason says how);\n"
    << "- **nondeterministic**: the output depends on the clock or on a choice Kusto leaves "
       "open (randomness, innerunique's row);\n"
    << "- **known_difference**: huntq answers differently and the fix is bigger than this "
       "suite's; listed below.\n\n";
  o << "## Totals\n\n"
    << "| examples | passed | refused | doc_error | nondeterministic | known_difference | "
       "failing |\n|---:|---:|---:|---:|---:|---:|---:|\n"
    << "| " << found << " | " << passed << " | " << refused << " | " << marked["doc_error"] << " | "
    << marked["nondeterministic"] << " | " << marked["known_difference"] << " | " << failed
    << " |\n\n";
  char share[64];
  std::snprintf(share, sizeof share, "%.1f%%", found ? 100.0 * passed / found : 0.0);
  o << "Passed: " << share << " of all examples";
  std::snprintf(share, sizeof share, "%.1f%%", comparable ? 100.0 * passed / comparable : 0.0);
  o << "; " << share << " of the " << comparable
    << " that huntq runs and whose published output is right and deterministic.\n\n";
  o << "## Refused constructs\n\n| construct | examples |\n|---|---:|\n";
  std::vector<std::pair<std::string, std::size_t>> by_count;
  for (const auto& [c, ids] : refused_by) by_count.emplace_back(c, ids.size());
  std::stable_sort(by_count.begin(), by_count.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [c, n] : by_count) o << "| " << table_cell(c) << " | " << n << " |\n";
  o << "\n## Where huntq answers differently from the published output\n\n";
  for (const std::string kind : {"known_difference", "doc_error", "nondeterministic"}) {
    o << "### " << kind << "\n\n";
    int n = 0;
    for (const auto& r : s.runs) {
      const auto m = s.marks.find(r.example->id);
      if (r.outcome == Outcome::Passed || r.outcome == Outcome::Refused || m == s.marks.end() ||
          m->second.kind != kind)
        continue;
      o << "- `" << r.example->id << "` (" << r.example->heading << "): " << m->second.reason
        << "\n";
      ++n;
    }
    if (!n) o << "None.\n";
    o << "\n";
  }
  if (failed) {
    o << "### failing (not yet reviewed)\n\n";
    for (const auto& r : s.runs)
      if (r.outcome != Outcome::Passed && r.outcome != Outcome::Refused &&
          !s.marks.count(r.example->id))
        o << "- `" << r.example->id << "`\n";
    o << "\n";
  }
  o << "## Per page\n\n"
    << "*passed share*: passed out of the examples huntq runs (not refused) whose published output "
       "is right and deterministic.\n\n"
    << "| page | examples | passed | passed share | refused (constructs) | doc_error | "
       "nondeterministic | known_difference |\n|---|---:|---:|---:|---|---:|---:|---:|\n";
  for (auto& [page, p] : pages) {
    std::vector<std::string> cs(p.constructs.begin(), p.constructs.end());
    const int runnable = p.found - p.refused - p.marked["doc_error"] - p.marked["nondeterministic"];
    std::snprintf(share, sizeof share, "%d%%", runnable ? 100 * p.passed / runnable : 0);
    o << "| " << page_link(page) << " | " << p.found << " | " << p.passed << " | "
      << (runnable ? share : "-") << " | "
      << (p.refused ? std::to_string(p.refused) + " (" + table_cell(join(cs, ", ")) + ")" : "0")
      << " | " << p.marked["doc_error"] << " | " << p.marked["nondeterministic"] << " | "
      << p.marked["known_difference"] << " |\n";
  }
  std::ofstream(path) << o.str();
}

}  // namespace

TEST_CASE("docs examples: every unmarked example passes or is refused") {
  const Suite& s = suite();
  REQUIRE(s.examples.size() > 700);  // extract.py found 789 in the 2026-08 docs snapshot
  const bool verbose = std::getenv("HUNTQ_DOCS_EXAMPLES_VERBOSE") != nullptr;
  for (const auto& r : s.runs) {
    const bool marked = s.marks.count(r.example->id) > 0;
    if (verbose && r.outcome != Outcome::Passed)
      std::cerr << (marked                          ? "[marked] "
                    : r.outcome == Outcome::Refused ? "[refused] "
                                                    : "[FAILED] ")
                << describe(r) << "\n";
    if (r.outcome == Outcome::Passed || r.outcome == Outcome::Refused || marked) continue;
    FAIL_CHECK(describe(r));
  }
  if (const char* path = std::getenv("HUNTQ_DOCS_EXAMPLES_REPORT")) write_report(s, path);
}

TEST_CASE("docs examples: every mark names an example, a kind and a reason, and is needed") {
  const Suite& s = suite();
  std::set<std::string> ids;
  for (const auto& ex : s.examples) ids.insert(ex.id);
  for (const auto& [id, mark] : s.marks) {
    INFO(id);
    CHECK(ids.count(id) == 1);
    CHECK((mark.kind == "doc_error" || mark.kind == "nondeterministic" ||
           mark.kind == "known_difference"));
    CHECK(trim(mark.reason).size() > 10);
  }
  for (const auto& r : s.runs) {
    const auto m = s.marks.find(r.example->id);
    if (m == s.marks.end()) continue;
    INFO(describe(r));
    // A mark on an example that now passes, or is refused, is stale.
    CHECK(r.outcome != Outcome::Passed);
    CHECK(r.outcome != Outcome::Refused);
  }
}

TEST_CASE("docs examples: the comparison normalises only rendering") {
  CHECK(cells_equal("2016-02-17 08:40:00.0000000", "2016-02-17T08:40:00Z"));
  CHECK(cells_equal("2016-02-17T08:40:00.5Z", "2016-02-17T08:40:00.5000000Z"));
  CHECK_FALSE(cells_equal("2016-02-17 08:40:00", "2016-02-17T08:40:01Z"));
  CHECK(cells_equal("1.0", "1"));
  CHECK(cells_equal("1.50", "1.5"));
  CHECK(cells_equal("0.333", "0.33333333333333331"));  // rounded to the published digits
  CHECK_FALSE(cells_equal("0.333", "0.3336"));
  CHECK_FALSE(cells_equal("1", "2"));
  CHECK(cells_equal("1846988464401551951", "1846988464401551951"));
  CHECK_FALSE(cells_equal("1846988464401551951", "1846988464401551952"));
  CHECK(cells_equal("1,048,576", "1048576"));
  CHECK(cells_equal("", "<null>"));
  CHECK(cells_equal("True", "true"));
  CHECK(cells_equal("00:00:00.5000000", "00:00:00.5"));
  CHECK(cells_equal("1.00:00:00", "1.00:00:00"));
  CHECK_FALSE(cells_equal("01:00:00", "02:00:00"));
  CHECK(cells_equal("{<br>  \"a\": 1,<br>  \"b\": [1, 2.0]<br>}", R"({"b":[1,2],"a":1})"));
  CHECK(cells_equal("['a', 'b']", R"(["a","b"])"));
  CHECK(cells_equal("`[\"x\"]`", R"(["x"])"));
  CHECK(cells_equal("[yes, no, some words]", R"(["yes","no","some words"])"));
  CHECK(cells_equal("a", R"("a")", true));  // a dynamic string shows unquoted
  CHECK_FALSE(cells_equal("a", R"("a")", false));
  CHECK(cells_equal("true<br>", "true"));
  CHECK(cells_equal("1", "true"));
  CHECK_FALSE(cells_equal("1", "false"));
  CHECK(cells_equal("∞", "Infinity"));
  CHECK(cells_equal("Hello", "  Hello  "));
  CHECK_FALSE(cells_equal("{\"a\": 1}", R"({"a":2})"));
  CHECK_FALSE(cells_equal("[1, 2]", "[2, 1]"));
  CHECK_FALSE(cells_equal("abc", "abd"));
  CHECK(tables_equal({{"1"}, {"2"}}, {{"2"}, {"1"}}, false));
  CHECK_FALSE(tables_equal({{"1"}, {"2"}}, {{"2"}, {"1"}}, true));
  CHECK_FALSE(tables_equal({{"1"}, {"1"}}, {{"1"}, {"2"}}, false));
  CHECK(columns_equal({"`x`", "print_0"}, {"x:long", "print_0:string"}));
  CHECK_FALSE(columns_equal({"x"}, {"y:long"}));
}
