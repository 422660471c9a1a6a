// samples/exclusions.yaml: each rule removes its scenario's row and keeps a look-alike. Also the
// expiry warning.
#include <catch2/catch.hpp>

#include "rules_test_support.h"

using huntq::rules::RuleSet;
using huntq::rules::testing::kColumns;
using huntq::rules::testing::load;
using huntq::rules::testing::Row;

namespace {

RuleSet load_sample(std::string_view today = "2026-01-01") {
  RuleSet set;
  set.load_file(std::string(HUNTQ_SOURCE_DIR) + "/samples/exclusions.yaml", kColumns, today);
  return set;
}

/// The id of the rule that removes `row`, or "" when the row is kept.
std::string removed_by(const RuleSet& set, const Row& row) {
  const int i = set.match(row);
  return i < 0 ? "" : set.rules()[i].id;
}

}  // namespace

TEST_CASE("the sample file loads, one rule per scenario", "[rules][sample]") {
  const RuleSet set = load_sample();
  REQUIRE(set.rules().size() == 5);
  CHECK(set.rules()[0].id == "msft-update-servers");
  CHECK(set.rules()[1].id == "security-tools");
  CHECK(set.rules()[2].id == "scheduled-scans");
  CHECK(set.rules()[3].id == "internal-repositories");
  CHECK(set.rules()[4].id == "log-management");
  for (const auto& r : set.rules()) {
    CHECK_FALSE(r.title.empty());
    CHECK_FALSE(r.reason.empty());
    CHECK(r.where.file.ends_with("samples/exclusions.yaml"));
  }
  CHECK(set.rules()[3].expires == "2099-12-31");
  CHECK(set.warnings().empty());
}

TEST_CASE("sample: Microsoft update servers", "[rules][sample]") {
  const RuleSet set = load_sample();
  CHECK(removed_by(set, Row{{"FileOriginUrl", "https://download.microsoft.com/d/x/mpam-fe.exe"}}) ==
        "msft-update-servers");
  CHECK(removed_by(set, Row{{"FileOriginReferrerUrl", "http://au.Update.Microsoft.com/"}}) ==
        "msft-update-servers");
  CHECK(removed_by(set, Row{{"FileOriginUrl", "https://update.microsoft.com@evil.example/x.exe"},
                            {"FileOriginReferrerUrl", "https://evil.example/"}}) == "");
  CHECK(removed_by(set, Row{{"FileOriginUrl", "https://www.microsoft.com/x.exe"}}) == "");
}

TEST_CASE("sample: security tools", "[rules][sample]") {
  const RuleSet set = load_sample();
  CHECK(removed_by(set, Row{{"FileOriginUrl", "https://downloads.maltego.com/x.zip"}}) ==
        "security-tools");
  CHECK(removed_by(set, Row{{"InitiatingProcessFileName", "OSSEC-AGENT.EXE"}}) == "security-tools");
  CHECK(removed_by(set, Row{{"FileOriginUrl", "https://ossec.net.evil.example/x"}}) == "");
  CHECK(removed_by(set, Row{{"InitiatingProcessFileName", "maltego.exe.exe"}}) == "");
}

TEST_CASE("sample: scheduled scans", "[rules][sample]") {
  const RuleSet set = load_sample();
  CHECK(removed_by(set, Row{{"InitiatingProcessParentFileName", "msmpeng.exe"}}) ==
        "scheduled-scans");
  CHECK(removed_by(set, Row{{"InitiatingProcessFileName", "clamscan"}}) == "scheduled-scans");
  CHECK(removed_by(set, Row{{"InitiatingProcessFileName", "MsMpEng.exe.exe"}}) == "");
  CHECK(removed_by(set, Row{{"FileName", "clamscan.exe"}}) == "");  // not the process
}

TEST_CASE("sample: internal repositories", "[rules][sample]") {
  const RuleSet set = load_sample();
  CHECK(removed_by(
            set, Row{{"FileOriginUrl", "https://artifactory.example.com/libs-release/tool.jar"}}) ==
        "internal-repositories");
  CHECK(removed_by(set, Row{{"FileOriginReferrerUrl",
                             "https://nexus.internal.example.com:8443/#browse"}}) ==
        "internal-repositories");
  CHECK(removed_by(set, Row{{"FileOriginUrl", "https://example.com/tool.jar"}}) == "");
  CHECK(removed_by(set, Row{{"FileOriginUrl", "https://artifactory.example.com.evil.io/t"}}) == "");
}

TEST_CASE("sample: log-management tools", "[rules][sample]") {
  const RuleSet set = load_sample();
  CHECK(removed_by(set, Row{{"FileOriginUrl", "https://download.splunk.com/uf.msi"}}) ==
        "log-management");
  CHECK(removed_by(set, Row{{"InitiatingProcessFileName", "filebeat.exe"}}) == "log-management");
  CHECK(removed_by(set, Row{{"InitiatingProcessFileName", "logstash"}}) == "log-management");
  CHECK(removed_by(set, Row{{"FileOriginUrl", "https://notsplunk.com/uf.msi"}}) == "");
  CHECK(removed_by(set, Row{{"InitiatingProcessFileName", "splunkd.exe "}}) == "");
}

TEST_CASE("sample: an ordinary malicious download is kept", "[rules][sample]") {
  const RuleSet set = load_sample();
  CHECK(removed_by(set, Row{{"Timestamp", "2024-05-01T10:00:00Z"},
                            {"DeviceName", "pc01"},
                            {"ThreatName", "Trojan:Win32/Wacatac"},
                            {"FileName", "invoice.exe"},
                            {"FileOriginUrl", "https://evil.example/invoice.exe"},
                            {"InitiatingProcessFileName", "msedge.exe"},
                            {"InitiatingProcessParentFileName", "explorer.exe"}}) == "");
}

TEST_CASE("an expired rule is applied, with a warning", "[rules][expiry]") {
  const std::string yaml =
      "id: old\n"
      "title: t\n"
      "expires: 2025-12-31\n"
      "exclude:\n"
      "  s:\n"
      "    FileName: a.exe\n";
  const RuleSet expired = load(yaml, "2026-01-01");
  REQUIRE(expired.warnings().size() == 1);
  CHECK(expired.warnings()[0] ==
        "rules.yaml:3: rule 'old' expired on 2025-12-31; it is still applied");
  CHECK(expired.rules()[0].expired);
  CHECK(expired.match(Row{{"FileName", "a.exe"}}) == 0);

  // On its expiry date the rule is still current.
  const RuleSet same_day = load(yaml, "2025-12-31");
  CHECK(same_day.warnings().empty());
  CHECK_FALSE(same_day.rules()[0].expired);

  // The sample's far-future date expires too, eventually.
  const RuleSet future = load_sample("2100-01-01");
  REQUIRE(future.warnings().size() == 1);
  CHECK(future.warnings()[0].find("rule 'internal-repositories' expired on 2099-12-31") !=
        std::string::npos);
}

TEST_CASE("other warnings: unused selection, file without rules", "[rules][warnings]") {
  const RuleSet unused =
      load("id: r\ntitle: t\nexclude:\n  a:\n    FileName: a\n  b:\n    MD5: b\n  condition: a\n");
  REQUIRE(unused.warnings().size() == 1);
  CHECK(unused.warnings()[0] ==
        "rules.yaml:6: selection 'b' of rule 'r' is not used by its "
        "condition");
  const RuleSet empty = load("# nothing yet\n");
  REQUIRE(empty.warnings().size() == 1);
  CHECK(empty.warnings()[0] == "rules.yaml: holds no exclusion rules");
  CHECK(empty.rules().empty());
}
