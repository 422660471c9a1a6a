// libFuzzer target for the exclusion-rule loader: any bytes must load or fail with
// huntq::Error, never crash, hang or grow without bound. Also renders each loaded rule's KQL
// and runs it on a row, so the writer and the matcher see what the loader accepts.
// Differential: each rule's KQL (Rule::kql), bound and evaluated by huntq's own KQL engine on
// the same row, must be true exactly when the native matcher matches the rule; a rule with a
// `domain` test may be false where the native matcher is true (its KQL comment says so), never
// the reverse. Checked on valid UTF-8 only (the KQL writes invalid bytes as U+FFFD).
//
// Build and run from the repository root (clang 14, Debian 12):
//   scripts/fuzz.sh [SECONDS] rules_loader
// (the committed seeds are the sample rules split one per file and the hostile inputs of
// tests/rules).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../../src/rules/compiled_rule.h"
#include "fuzz_support.h"
#include "huntq/engine/expr.h"
#include "huntq/error.h"
#include "huntq/kql/binder.h"
#include "huntq/kql/parser.h"
#include "huntq/rules/exclusion_rules.h"
#include "huntq/value/value.h"

namespace {

const std::vector<std::string> kColumns = {"Timestamp",
                                           "DeviceName",
                                           "ThreatName",
                                           "FileName",
                                           "FolderPath",
                                           "MD5",
                                           "FileOriginUrl",
                                           "FileOriginReferrerUrl",
                                           "InitiatingProcessFileName",
                                           "InitiatingProcessParentFileName"};

// The rule's KQL on `row`, evaluated by huntq's engine over string columns.
bool kql_matches(const huntq::rules::Rule& rule, const std::vector<std::string_view>& row) {
  static const huntq::engine::Schema schema = [] {
    huntq::engine::Schema s;
    for (const std::string& c : kColumns) s.push_back({c, huntq::Type::String});
    return s;
  }();
  huntq::kql::SourceText source{"rule.kql", rule.kql, 1, 0};
  try {
    const huntq::kql::Script script = huntq::kql::parse_script(source);
    const huntq::engine::ExprPtr predicate = huntq::kql::bind_predicate(script, schema, {});
    std::vector<huntq::Value> cells;
    for (std::string_view cell : row) cells.push_back(huntq::Value::string(std::string(cell)));
    return huntq::engine::eval_true(*predicate, cells);
  } catch (const huntq::Error& e) {
    huntq::fuzz::fail("a rule's KQL does not bind", std::string(e.what()) + "\n  " + rule.kql);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  huntq::rules::RuleSet set;
  set.set_kql_types({"datetime"});
  try {
    set.load_text(text, "fuzz.yaml", kColumns, "2026-01-01");
  } catch (const huntq::Error&) {
    return 0;
  }
  // A row made of the input's own bytes, so that values in the rules can match it.
  // Cut at a character boundary, so that valid UTF-8 input gives valid UTF-8 cells.
  std::size_t cut = std::min<std::size_t>(text.size(), 256);
  while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  std::vector<std::string_view> row(kColumns.size(), text.substr(0, cut));
  row[6] = "https://update.microsoft.com/x";
  volatile int hit = set.match(row);
  (void)hit;
  if (huntq::fuzz::valid_utf8(text)) {
    for (const auto& r : set.rules()) {
      const bool native = r.condition->matches(row);
      const bool kql = kql_matches(r, row);
      const bool has_domain = r.kql_comment.find("note: the domain test") != std::string::npos;
      if (kql && !native) huntq::fuzz::fail("a rule's KQL matches a row its matcher keeps", r.kql);
      if (native && !kql && !has_domain) {
        huntq::fuzz::fail("a rule's KQL keeps a row its matcher excludes", r.kql);
      }
    }
  }
  std::size_t total = 0;
  for (const auto& r : set.rules()) total += r.kql.size() + r.kql_comment.size();
  volatile std::size_t sink = total;
  (void)sink;
  return 0;
}
