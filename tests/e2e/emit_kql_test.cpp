// --emit-kql hands the hunt, its exclusion rules and --then operators to Kusto as one query. Run
// back through huntq's own --query it must give exactly the rows `huntq run -x RULES` gives, and
// Microsoft's own parser must bind it with no error and the same result columns.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "run_binary.h"

using namespace huntq::testing;

namespace {

const std::vector<std::string> kSamples{"samples/DeviceEvents.ndjson",
                                        "samples/DeviceFileEvents.ndjson"};

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// The rows of `huntq run -x rules` and of `huntq run --query <emitted>` over the same inputs.
void check_round_trip(const std::vector<std::string>& inputs,
                      const std::vector<std::string>& extra) {
  const auto direct = run_huntq(with(with({"run", "-f", "csv"}, extra), inputs));
  REQUIRE(direct.status <= 1);
  const auto emitted = run_huntq(with({"run", "--emit-kql"}, extra));
  REQUIRE(emitted.status == 0);
  INFO(emitted.out);
  TempDir dir;
  const auto query = dir.write("emitted.kql", emitted.out);
  const auto via_kql = run_huntq(with({"run", "-f", "csv", "--query-file", query}, inputs));
  CHECK(via_kql.status == direct.status);
  CHECK(via_kql.out == direct.out);
}

// node, npm's copy of Microsoft's parser (tests/tools, `npm ci`), or nothing.
bool kusto_parser_available() {
  return std::system("command -v node >/dev/null 2>&1") == 0 &&
         std::filesystem::exists(std::string(HUNTQ_SOURCE_DIR) +
                                 "/tests/tools/node_modules/@kusto/language-service-next");
}

std::string run_kusto_check(const std::string& file) {
  const std::string cmd =
      "node " + shell_quote(std::string(HUNTQ_SOURCE_DIR) + "/tests/tools/kusto_check.js") + " " +
      shell_quote(file);
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  while (p && std::fgets(buf, sizeof buf, p)) out += buf;
  if (p) pclose(p);
  return out;
}

// Look-alike URLs against the sample rules' domains: label tricks, userinfo, ports, dots, case.
std::string lookalike_file_events() {
  const std::vector<std::string> hosts{"update.microsoft.com",
                                       "download.microsoft.com",
                                       "UPDATE.Microsoft.COM",
                                       "update.microsoft.com.",
                                       "update.microsoft.com:443",
                                       "x.update.microsoft.com",
                                       "update.microsoft.com.evil.example",
                                       "evilupdate.microsoft.com",
                                       "update-microsoft.com",
                                       "microsoft.com",
                                       "maltego.com",
                                       "maltego.com.evil.example",
                                       "artifactory.example.com",
                                       "nexus.internal.example.com",
                                       "splunk.com",
                                       "splunk.com@evil.example",
                                       "evil.example/update.microsoft.com",
                                       "user:pw@maltego.com",
                                       "ossec.net",
                                       "ossec.net.",
                                       "0ssec.net"};
  std::mt19937 rng(7);
  std::string out;
  for (int i = 0; i < 400; ++i) {
    const auto& h = hosts[rng() % hosts.size()];
    const std::string scheme = (rng() % 3 == 0) ? "http://" : "https://";
    const std::string url = scheme + h + "/f" + std::to_string(i) + ".exe";
    const std::string ref = (rng() % 2) ? scheme + hosts[rng() % hosts.size()] + "/" : "";
    const std::vector<std::string> procs{"chrome.exe", "maltego.exe", "MsMpEng.exe",
                                         "clamscan",   "splunkd.exe", "curl.exe"};
    out +=
        R"({"MD5":"m)" + std::to_string(i % 50) + R"(","FileOriginUrl":")" + url +
        R"(","FileOriginReferrerUrl":")" + ref + R"(","InitiatingProcessFileName":")" +
        procs[rng() % procs.size()] +
        R"(","InitiatingProcessParentFileName":"explorer.exe","FileName":"f.exe","Timestamp":"2024-03-01T00:00:00Z"})" +
        "\n";
  }
  return out;
}

std::string lookalike_device_events() {
  std::string out;
  for (int i = 0; i < 50; ++i)
    out += R"({"Timestamp":"2024-03-0)" + std::to_string(1 + i % 9) + R"(T10:00:)" +
           std::to_string(10 + i) + R"(Z","DeviceName":"pc)" + std::to_string(i) +
           R"(","ActionType":"AntivirusDetection","MD5":"m)" + std::to_string(i) +
           R"(","AdditionalFields":"{\"ThreatName\":\"T)" + std::to_string(i) +
           R"(\"}","FileName":"f.exe","FolderPath":"C:\\x","ProcessCommandLine":""})" + "\n";
  return out;
}

}  // namespace

TEST_CASE("emit-kql: the flagship with the sample rules gives the same rows run back as --query") {
  check_round_trip(kSamples, {"-x", "samples/exclusions.yaml"});
  check_round_trip(kSamples, {"-x", "samples/exclusions.yaml", "--then",
                              "summarize count() by DeviceName | sort by DeviceName asc"});
}

TEST_CASE("emit-kql: look-alike URLs are excluded and kept alike both ways") {
  TempDir dir;
  const auto de = dir.write("de.json", lookalike_device_events());
  const auto dfe = dir.write("dfe.json", lookalike_file_events());
  check_round_trip({"--table", "DeviceEvents=" + de, "--table", "DeviceFileEvents=" + dfe},
                   {"-x", "samples/exclusions.yaml"});
  // The rules must really exclude some of these rows and keep others.
  const auto r = run_huntq({"run", "-f", "csv", "-x", "samples/exclusions.yaml", "--table",
                            "DeviceEvents=" + de, "--table", "DeviceFileEvents=" + dfe});
  CHECK(r.err.find("excluded 0 ") == std::string::npos);
  CHECK(r.status == 0);
}

TEST_CASE("emit-kql: the query carries each rule under a comment with its id") {
  const auto r = run_huntq({"run", "--emit-kql", "-x", "samples/exclusions.yaml"});
  REQUIRE(r.status == 0);
  CHECK(r.out.find("let avDetections") == 0);
  CHECK(r.out.find("msft-update-servers") != std::string::npos);
  CHECK(r.out.find("| where not(") != std::string::npos);
}

TEST_CASE("emit-kql: Microsoft's parser binds the emitted query with huntq's columns") {
  if (!kusto_parser_available()) {
    WARN("skipped: node or tests/tools/node_modules (npm ci in tests/tools) is not present");
    return;
  }
  TempDir dir;
  std::vector<std::vector<std::string>> cases{
      {},
      {"-x", "samples/exclusions.yaml"},
      {"-x", "samples/exclusions.yaml", "--then", "summarize n = count() by DeviceName"}};
  // Every built-in hunt (ids are the unindented lines of `huntq hunts`).
  const auto hunts = run_huntq({"hunts"});
  REQUIRE(hunts.status == 0);
  std::istringstream ids(hunts.out);
  int builtins = 0;
  for (std::string id; std::getline(ids, id);) {
    if (id.empty() || id[0] == ' ') continue;
    cases.push_back({"--hunt", id});
    ++builtins;
  }
  CHECK(builtins >= 5);
  for (const auto& extra : cases) {
    const auto emitted = run_huntq(with({"run", "--emit-kql"}, extra));
    REQUIRE(emitted.status == 0);
    const auto file = dir.write("q.kql", emitted.out);
    const std::string verdict = run_kusto_check(file);
    INFO(emitted.out);
    INFO(verdict);
    CHECK(verdict.find("\"errors\":[]") != std::string::npos);
    // The columns huntq plans, as name:type.
    const auto schema = run_huntq(with(with({"run", "--schema", "-f", "csv"}, extra), {}));
    std::string expected = "\"columns\":[";
    std::istringstream lines(schema.out);
    std::string line;
    std::getline(lines, line);  // header
    bool first = true;
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::vector<std::string> f;
      std::stringstream ss(line);
      for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
      expected += (first ? "\"" : ",\"") + f[0] + ":" + f[3] + "\"";
      first = false;
    }
    expected += "]";
    CHECK(verdict.find(expected) != std::string::npos);
  }
}
