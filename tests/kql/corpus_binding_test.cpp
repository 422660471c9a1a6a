// The public Defender hunting queries (tests/kql/corpus) bound by huntq's binder against its
// built-in Defender tables, compared with what Microsoft's binder (Kusto.Language, recorded in
// corpus/binding.tsv by kusto_ref/kusto_binding_index.js) makes of them. Each query Kusto binds
// must plan with exactly Kusto's result columns (names, order, types) or be refused by name
// ("'<construct>' is not supported"); none may plan with other columns. The counts and the
// refusals by construct are docs/semantics/corpus.md, which this test regenerates when
// HUNTQ_UPDATE_CORPUS_REPORT=1 and otherwise checks is current.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "huntq/error.h"
#include "huntq/kql/binder.h"
#include "huntq/kql/parser.h"
#include "huntq/value/datetime.h"
#include "huntq/value/schema.h"

using namespace huntq;
using namespace huntq::kql;

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (;;) {
    const auto at = s.find(sep, from);
    out.push_back(s.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos) return out;
    from = at + 1;
  }
}

struct KustoBinding {
  std::string file;
  std::string status;   // ok, error, scalar, syntax
  std::string columns;  // "name:type, ..."
  std::string errors;
};

std::vector<KustoBinding> read_bindings(const fs::path& tsv) {
  std::vector<KustoBinding> rows;
  std::istringstream in(read_file(tsv));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto f = split(line, '\t');
    if (f.size() != 4) continue;
    rows.push_back({f[0], f[1], f[2], f[3]});
  }
  return rows;
}

// "'make-series' is not supported" -> "make-series"; "'evaluate pack' is not ..." -> "evaluate
// pack"; a function's parentheses are kept ("'row_number()'").
std::string refused_construct(const std::string& message) {
  const auto a = message.find('\'');
  const auto b = message.find('\'', a + 1);
  return (a == std::string::npos || b == std::string::npos) ? message
                                                            : message.substr(a + 1, b - a - 1);
}

bool is_refusal(const std::string& message) {
  return message.find("is not supported") != std::string::npos;
}

std::string huntq_columns(const engine::Schema& schema) {
  std::string out;
  for (const auto& c : schema) {
    if (!out.empty()) out += ", ";
    out += c.name + ":" + std::string(type_name(c.type));
  }
  return out;
}

struct Outcome {
  enum class Kind { Planned, Refused, WrongColumns, Error } kind;
  std::string detail;  // refused construct, columns, or error text
};

Outcome bind_file(const fs::path& file) {
  SourceText src;
  src.name = file.filename().string();
  src.text = read_file(file);
  Catalog catalog;
  catalog.find_table = [](std::string_view name) { return find_table(name); };
  catalog.present_tables = [] {
    std::vector<std::string> names;
    for (const TableDef* t : known_tables()) names.emplace_back(t->name);
    return names;
  };
  BindOptions options;
  options.now_ticks = ticks_from_civil(2024, 3, 12, 12);  // no effect on columns
  try {
    const Script script = parse_script(src);
    const BoundQuery bound = bind_script(script, catalog, options);
    return {Outcome::Kind::Planned, huntq_columns(bound.plan->schema)};
  } catch (const Error& e) {
    if (is_refusal(e.what_only()))
      return {Outcome::Kind::Refused, refused_construct(e.what_only())};
    return {Outcome::Kind::Error, e.what()};
  }
}

// Why each construct the corpus meets is refused (the report's last column).
std::string why_refused(const std::string& construct) {
  static const std::map<std::string, std::string> kWhy{
      {"externaldata", "reads a URL or blob at query time; huntq runs offline on exported files"},
      {"top-nested", "operator not implemented"},
      {"make-series", "operator not implemented"},
      {"partition", "operator not implemented"},
      {"evaluate pivot", "plugin not implemented (its columns come from the data)"},
      {"prev()", "window function: needs a serialized row order, not implemented"},
      {"next()", "window function: needs a serialized row order, not implemented"},
      {"row_number()", "window function: needs a serialized row order, not implemented"},
      {"string == long",
       "Kusto's engine rejects comparing a string with a number (\"Cannot compare values of "
       "types string and long\"); Kusto.Language does not report it"},
      {"int == string",
       "Kusto's engine rejects comparing a number with a string; Kusto.Language does not "
       "report it"},
  };
  const auto it = kWhy.find(construct);
  return it == kWhy.end() ? "" : it->second;
}

std::string percent(int part, int whole) {
  if (whole == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * part / whole);
  return buf;
}

}  // namespace

TEST_CASE("corpus: each query Kusto binds plans with Kusto's columns or is refused by name") {
  const fs::path dir = fs::path(HUNTQ_SOURCE_DIR) / "tests/kql/corpus";
  const auto bindings = read_bindings(dir / "binding.tsv");
  REQUIRE(bindings.size() == 361);

  int kusto_parsed = 0, kusto_bound = 0, planned = 0;
  int kusto_errors_refused = 0;
  std::map<std::string, std::vector<std::string>> refused;  // construct -> files
  std::vector<std::string> wrong_columns;                   // the failures the bar forbids
  std::vector<std::string> errors;                          // neither planned nor refused
  std::vector<std::string> planned_though_kusto_errs;
  for (const KustoBinding& k : bindings) {
    if (k.status == "syntax") continue;
    ++kusto_parsed;
    const Outcome o = bind_file(dir / "queries" / k.file);
    if (k.status != "ok") {
      // Kusto reports errors here (unknown names, type errors): huntq must not plan it either.
      if (o.kind == Outcome::Kind::Planned)
        planned_though_kusto_errs.push_back(k.file + ": Kusto: " + k.errors);
      else
        ++kusto_errors_refused;
      continue;
    }
    ++kusto_bound;
    switch (o.kind) {
      case Outcome::Kind::Planned:
        if (o.detail == k.columns) {
          ++planned;
        } else {
          wrong_columns.push_back(k.file + "\n    kusto: " + k.columns +
                                  "\n    huntq: " + o.detail);
        }
        break;
      case Outcome::Kind::Refused:
        refused[o.detail].push_back(k.file);
        break;
      case Outcome::Kind::WrongColumns:
      case Outcome::Kind::Error:
        errors.push_back(o.detail);
        break;
    }
  }

  std::ostringstream report;
  report << "# The public hunting-query corpus, bound\n\n"
         << "Generated by `tests/kql/corpus_binding_test.cpp` (`HUNTQ_UPDATE_CORPUS_REPORT=1 "
            "test_kql 'corpus: each*'`)\nfrom `tests/kql/corpus/binding.tsv`: Kusto.Language's "
            "binding of each query against the 27\nbuilt-in Defender tables "
            "(`tests/kql/kusto_ref/kusto_binding_index.js`). A query *plans* when huntq's\n"
            "binder gives exactly Kusto's result columns (names, order, types); otherwise it "
            "must be *refused*\nby name (`'<construct>' is not supported`). None may plan with "
            "other columns.\n\n";
  int refused_total = 0;
  for (const auto& [c, files] : refused) refused_total += static_cast<int>(files.size());
  report << "| | queries |\n|---|---|\n"
         << "| in the corpus | " << bindings.size() << " |\n"
         << "| parsed by Kusto | " << kusto_parsed << " |\n"
         << "| bound by Kusto without errors | " << kusto_bound << " |\n"
         << "| **planned with Kusto's columns** | **" << planned << "** ("
         << percent(planned, kusto_parsed) << " of those Kusto parses, "
         << percent(planned, kusto_bound) << " of those it binds) |\n"
         << "| refused by name | " << refused_total << " |\n"
         << "| planned with other columns | " << wrong_columns.size() << " |\n"
         << "| other errors | " << errors.size() << " |\n"
         << "| Kusto reports errors; huntq refuses too | " << kusto_errors_refused << " |\n"
         << "| Kusto reports errors; huntq plans | " << planned_though_kusto_errs.size()
         << " |\n\n";
  report
      << "## Refusals by construct\n\n| construct | why | queries | files |\n|---|---|---|---|\n";
  std::vector<std::pair<std::string, std::vector<std::string>>> by_count(refused.begin(),
                                                                         refused.end());
  std::stable_sort(by_count.begin(), by_count.end(),
                   [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
  for (const auto& [construct, files] : by_count) {
    report << "| `" << construct << "` | " << why_refused(construct) << " | " << files.size()
           << " | ";
    for (std::size_t i = 0; i < files.size(); ++i) report << (i ? ", " : "") << files[i];
    report << " |\n";
  }
  const std::string text = report.str();
  INFO(text);
  for (const auto& w : wrong_columns) UNSCOPED_INFO("planned with other columns: " << w);
  for (const auto& e : errors) UNSCOPED_INFO("error: " << e);
  CHECK(wrong_columns.empty());
  CHECK(errors.empty());
  // Where Kusto.Language and Kusto's engine disagree, the engine (which returns the rows) wins:
  // count(x) counts rows, nulls included (summarize-operator.md runs `count(y)` and shows
  // count_y = 2), though Kusto.Language asks for a bool there.
  const std::vector<std::string> engine_runs{
      "Protection_events__ExploitGuardNetworkProtectionEvents.kql: Kusto: 8:19 A value of type "
      "bool expected.",
      "Ransomware__Check_for_multiple_signs_of_ransomware_activity.kql: Kusto: 70:88 A value of "
      "type bool expected."};
  CHECK(planned_though_kusto_errs == engine_runs);

  const fs::path doc = fs::path(HUNTQ_SOURCE_DIR) / "docs/semantics/corpus.md";
  const char* update = std::getenv("HUNTQ_UPDATE_CORPUS_REPORT");
  if (update && std::string(update) == "1") {
    std::ofstream(doc, std::ios::binary) << text;
  } else {
    // The committed report must say what the binder does today.
    CHECK(read_file(doc) == text);
  }
}
