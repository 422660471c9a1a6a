// The public Defender hunting queries (tests/kql/corpus): every query Microsoft's parser accepts
// parses here or is refused by name as not supported; the flagship hunt parses to the tree
// worked out by hand.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "kql_test_util.h"

using namespace huntq::kql;

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct IndexRow {
  std::string file;
  bool kusto_ok = false;
};

std::vector<IndexRow> read_index(const std::filesystem::path& dir) {
  std::vector<IndexRow> rows;
  std::istringstream in(read_file(dir / "index.tsv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto t1 = line.find('\t');
    const auto t2 = line.find('\t', t1 + 1);
    if (t1 == std::string::npos || t2 == std::string::npos) continue;
    rows.push_back({line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1) == "1"});
  }
  return rows;
}

// "'make-series' is not supported" -> "make-series".
std::string refused_construct(const std::string& message) {
  const auto a = message.find('\'');
  const auto b = message.find('\'', a + 1);
  return (a == std::string::npos || b == std::string::npos) ? message
                                                            : message.substr(a + 1, b - a - 1);
}

}  // namespace

TEST_CASE("corpus: every query Kusto accepts parses or is refused as not supported") {
  const std::filesystem::path dir = std::filesystem::path(HUNTQ_SOURCE_DIR) / "tests/kql/corpus";
  const auto rows = read_index(dir);
  REQUIRE(rows.size() == 361);
  int parsed = 0;
  int kusto_rejected_and_we_reject = 0;
  std::map<std::string, int> refused;
  std::vector<std::string> syntax_errors;   // Kusto accepts, we report a syntax error
  std::vector<std::string> accepted_by_us;  // Kusto rejects, we accept
  for (const IndexRow& row : rows) {
    SourceText src;
    src.name = row.file;
    src.text = read_file(dir / "queries" / row.file);
    try {
      parse_script(src);
      if (row.kusto_ok) {
        ++parsed;
      } else {
        accepted_by_us.push_back(row.file);
      }
    } catch (const huntq::Error& e) {
      const std::string msg = e.what_only();
      if (!row.kusto_ok) {
        ++kusto_rejected_and_we_reject;
      } else if (msg.find("is not supported") != std::string::npos) {
        ++refused[refused_construct(msg)];
      } else {
        syntax_errors.push_back(std::string(e.what()));
      }
    }
  }
  std::ostringstream summary;
  summary << "parsed " << parsed << ", refused";
  for (const auto& [construct, n] : refused) summary << " " << construct << ": " << n;
  INFO(summary.str());
  CHECK(syntax_errors == std::vector<std::string>{});
  // Kusto reports a syntax error in these 24; so do we (none is accepted by mistake).
  CHECK(accepted_by_us == std::vector<std::string>{});
  CHECK(kusto_rejected_and_we_reject == 24);
  // What the parser does not represent today; update when it grows.
  CHECK(parsed == 328);
  CHECK(refused ==
        std::map<std::string, int>{
            {"externaldata", 5}, {"make-series", 1}, {"partition", 1}, {"top-nested", 2}});
}

TEST_CASE("corpus: the flagship hunt parses to the expected tree, with file locations") {
  const std::filesystem::path yaml =
      std::filesystem::path(HUNTQ_SHARED_DIR) / "hunts/av-detections-with-source.yaml";
  if (!std::filesystem::exists(yaml)) {
    WARN("flagship test skipped: " << yaml << " not found");
    return;
  }
  // The `query: |` block: the lines after it, indented by two spaces.
  std::istringstream in(read_file(yaml));
  std::string line;
  std::uint32_t line_no = 0;
  std::uint32_t first_line = 0;
  SourceText src;
  src.name = yaml.string();
  src.column_offset = 2;
  while (std::getline(in, line)) {
    ++line_no;
    if (first_line == 0) {
      if (line.rfind("query: |", 0) == 0) first_line = line_no + 1;
      continue;
    }
    if (!line.empty() && line.rfind("  ", 0) != 0) break;
    src.text += line.substr(std::min<std::size_t>(2, line.size())) + "\n";
  }
  REQUIRE(first_line > 0);
  src.first_line = first_line;
  const Script s = parse_script(src);
  CHECK(dump(s) ==
        "(script"
        " (let avDetections (pipe (pipe (pipe (name DeviceEvents)"
        " (where (and (== (name ActionType) (string \"AntivirusDetection\"))"
        " (call isnotempty (name MD5)))))"
        " (extend (= ParsedFields (call parse_json (name AdditionalFields)))))"
        " (project (name Timestamp) (name DeviceName)"
        " (= ThreatName (call tostring (. (name ParsedFields) ThreatName)))"
        " (name FileName) (name FolderPath) (name MD5))))"
        " (let fileCreations (pipe (pipe (name DeviceFileEvents)"
        " (where (and (paren (or (call isnotempty (name FileOriginReferrerUrl))"
        " (call isnotempty (name FileOriginUrl)))) (call isnotempty (name MD5)))))"
        " (project (name MD5) (name FileOriginUrl) (name FileOriginReferrerUrl)"
        " (name InitiatingProcessFileName) (name InitiatingProcessParentFileName))))"
        " (query (pipe (pipe (pipe (name avDetections)"
        " (join (params (kind (name inner))) (paren (name fileCreations)) (on (name MD5))))"
        " (project-away MD51))"
        " (sort (by (desc (name Timestamp)))))))");
  // `avDetections | join ...` is the query's line 12: file line first_line + 11, column 1 + 2.
  const auto& query = s.statements().at(2)->as<QueryStatement>();
  const auto where = s.locate(query.offset);
  CHECK(where.line == first_line + 11);
  CHECK(where.column == 3);
}
