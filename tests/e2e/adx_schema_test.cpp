// huntq adx-schema: the Azure Data Explorer commands for the Defender tables, one table and its
// JSON ingestion mapping per block, read back here and by Microsoft's parser.
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "run_binary.h"

using namespace huntq::testing;

namespace {

// The blocks of the output: paragraphs separated by blank lines.
std::vector<std::string> blocks(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += line + "\n";
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// The mapping's JSON: the single-quoted literal with \' and \\ undone.
std::string mapping_json(const std::string& block) {
  const auto open = block.find("\n'") + 2;
  std::string out;
  for (std::size_t i = open; i < block.size() && block[i] != '\''; ++i) {
    if (block[i] == '\\') ++i;
    out += block[i];
  }
  return out;
}

}  // namespace

TEST_CASE("adx-schema: a create-merge command and a JSON mapping with every column of a table") {
  const auto r = run_huntq({"adx-schema", "DeviceEvents", "DeviceFileEvents"});
  REQUIRE(r.status == 0);
  const auto b = blocks(r.out);
  REQUIRE(b.size() == 4);
  CHECK(b[0].rfind(".create-merge table ['DeviceEvents'] (['", 0) == 0);
  CHECK(b[0].find("['Timestamp']:datetime") != std::string::npos);
  CHECK(b[0].find("['AdditionalFields']:") != std::string::npos);
  CHECK(b[1].rfind(
            ".create-or-alter table ['DeviceEvents'] ingestion json mapping \"DeviceEvents_json\"",
            0) == 0);
  simdjson::dom::parser parser;
  const simdjson::dom::array mapping = parser.parse(mapping_json(b[1])).get_array();
  // As many mapping entries as columns in the create-merge command.
  std::size_t columns = 0;
  for (std::size_t at = 0; (at = b[0].find("['", at)) != std::string::npos; ++at) ++columns;
  CHECK(mapping.size() == columns - 1);  // the table's own ['DeviceEvents']
  for (simdjson::dom::element e : mapping) {
    const std::string_view col = e["column"].get_string();
    const std::string_view path = e["Properties"]["Path"].get_string();
    CHECK(path == "$['" + std::string(col) + "']");
  }
  CHECK(run_huntq({"adx-schema", "NoSuchTable"}).status == 2);
}

TEST_CASE("adx-schema: Microsoft's parser reads every command") {
  const std::string tools = std::string(HUNTQ_SOURCE_DIR) + "/tests/tools";
  if (std::system("command -v node >/dev/null 2>&1") != 0 ||
      !std::filesystem::exists(tools + "/node_modules/@kusto/language-service-next")) {
    WARN("skipped: node or tests/tools/node_modules (npm ci in tests/tools) is not present");
    return;
  }
  const auto r = run_huntq({"adx-schema"});
  REQUIRE(r.status == 0);
  TempDir dir;
  std::string files;
  const auto b = blocks(r.out);
  CHECK(b.size() >= 4);
  for (std::size_t i = 0; i < b.size(); ++i)
    files += " " + shell_quote(dir.write("c" + std::to_string(i) + ".kql", b[i]));
  std::string out;
  FILE* p = popen(("node " + shell_quote(tools + "/kusto_check.js") + files).c_str(), "r");
  char buf[8192];
  while (p && std::fgets(buf, sizeof buf, p)) out += buf;
  if (p) pclose(p);
  std::istringstream lines(out);
  std::size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    INFO(line);
    CHECK(line.find("\"errors\":[]") != std::string::npos);
  }
  CHECK(n == b.size());
}
