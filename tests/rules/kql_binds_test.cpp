// Every predicate Rule::kql writes must parse and bind, with no diagnostic, in Microsoft's own
// Kusto parser (@kusto/language-service-next, run by node through kusto_bind.js) against the
// hunt's output columns. SKIPs with a message when node or the parser is not installed; the
// parser's place is HUNTQ_KUSTO_LS (default /work/ref/kusto-ls).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "huntq/value/json_quote.h"
#include "rules_test_support.h"

using huntq::rules::RuleSet;
using huntq::rules::testing::kColumns;

namespace {

namespace fs = std::filesystem;

std::string kusto_ls_dir() {
  const char* env = std::getenv("HUNTQ_KUSTO_LS");
  return env && *env ? env : "/work/ref/kusto-ls";
}

bool have_parser() {
  return fs::exists(kusto_ls_dir() + "/node_modules/@kusto/language-service-next") &&
         std::system("node --version >/dev/null 2>&1") == 0;
}

/// One line per predicate from kusto_bind.js: "ok" or "error: ...".
std::vector<std::string> bind_predicates(const std::string& schema,
                                         const std::vector<std::string>& kql) {
  const std::string input =
      (fs::temp_directory_path() / ("huntq-kusto-bind-" + std::to_string(::getpid()) + ".json"))
          .string();
  {
    std::ofstream out(input);
    out << "{\"schema\": " << huntq::json_quote(schema) << ", \"predicates\": [";
    for (std::size_t i = 0; i < kql.size(); ++i) {
      out << (i ? ", " : "") << huntq::json_quote(kql[i]);
    }
    out << "]}";
  }
  const std::string command = "NODE_PATH='" + kusto_ls_dir() + "/node_modules' node '" +
                              HUNTQ_SOURCE_DIR + "/tests/rules/kusto_bind.js' '" + input + "'";
  std::vector<std::string> lines;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  char buf[65536];
  std::string text;
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) text.append(buf, n);
  REQUIRE(pclose(pipe) == 0);
  fs::remove(input);
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(lines.size() == kql.size());
  return lines;
}

const char* const kFlagshipSchema =
    "(Timestamp:datetime, DeviceName:string, ThreatName:string, FileName:string, "
    "FolderPath:string, MD5:string, FileOriginUrl:string, FileOriginReferrerUrl:string, "
    "InitiatingProcessFileName:string, InitiatingProcessParentFileName:string)";

void require_all_bind(const RuleSet& set, const std::string& schema) {
  std::vector<std::string> kql;
  for (const auto& r : set.rules()) kql.push_back(r.kql_comment + r.kql);
  const std::vector<std::string> result = bind_predicates(schema, kql);
  for (std::size_t i = 0; i < kql.size(); ++i) {
    INFO("rule " << set.rules()[i].id << ": " << kql[i]);
    CHECK(result[i] == "ok");
  }
}

}  // namespace

TEST_CASE("sample rules: every KQL predicate binds in Kusto's parser", "[rules][kql][kusto]") {
  if (!have_parser()) {
    WARN("SKIPPED: node or " << kusto_ls_dir() << " (Microsoft's Kusto parser) is missing");
    return;
  }
  RuleSet set;
  set.set_kql_types({"datetime"});
  set.load_file(std::string(HUNTQ_SOURCE_DIR) + "/samples/exclusions.yaml", kColumns, "2026-01-01");
  REQUIRE(set.rules().size() == 5);
  require_all_bind(set, kFlagshipSchema);
}

TEST_CASE("every modifier's KQL binds in Kusto's parser", "[rules][kql][kusto]") {
  if (!have_parser()) {
    WARN("SKIPPED: node or " << kusto_ls_dir() << " (Microsoft's Kusto parser) is missing");
    return;
  }
  RuleSet set;
  set.set_kql_types({"datetime"});
  set.load_text(
      "id: a\ntitle: t\nexclude:\n  s:\n    Timestamp|startswith: '2024-05-01T'\n"
      "    FileName: [a.exe, '', \"q\\\"uote\", 'b\\\\c']\n    MD5|cased: x\n---\n"
      "id: b\ntitle: t\nreason: \"multi\\nline // reason\"\nexclude:\n"
      "  s:\n    FolderPath|contains: ['\\Temp\\', '']\n"
      "  t:\n    - DeviceName|startswith|cased: lab-\n    - ThreatName|endswith: ['x', y]\n"
      "  condition: not s or 1 of t and all of them\n---\n"
      "id: c\ntitle: t\nexclude:\n  s:\n    FileName: ['setup*.exe', 'prog?.dll', 'a\\*']\n"
      "    ThreatName|re: ['(?i)eicar', '^a|b$', \"\\t\\x01\"]\n"
      "    ThreatName|re|cased: 'Wa\\d+'\n---\n"
      "id: d\ntitle: t\nexclude:\n  s:\n    FileOriginUrl|domain: [example.com, 10.0.0.5, "
      "'[::1]', localhost, bücher.de, 'a|b']\n    FileOriginReferrerUrl|domain: '0x1.2'\n",
      "rules.yaml", kColumns, "2026-01-01");
  require_all_bind(set, kFlagshipSchema);

  // Columns whose names KQL reads only in brackets.
  const std::vector<std::string> odd = {"File Name", "where", "title", "x'y", "TRUE", "1st"};
  RuleSet odd_set;
  odd_set.load_text(
      "id: r\ntitle: t\nexclude:\n  s:\n    File Name: a\n    where: b\n    title: c\n"
      "    \"x'y\": d\n    TRUE: e\n    1st|contains: f\n",
      "rules.yaml", odd, "2026-01-01");
  require_all_bind(odd_set,
                   "(['File Name']:string, ['where']:string, ['title']:string, ['x\\'y']:string, "
                   "['TRUE']:string, ['1st']:string)");
}
