// The flagship hunt end to end on samples/, against rows worked out by hand in samples/README.md.
#include <simdjson.h>

#include <catch2/catch.hpp>

#include "run_binary.h"

using huntq::testing::run_huntq;

namespace {

const std::string kInvoice = "5d41402abc4b2a76b9719d911017c592";
const std::string kKeygen = "6f8db599de986fab7a21625b7916589c";
const std::string kBuild = "ad0234829205b9033196ba818f7a872b";
const std::string kLookalike = "b026324c6904b2a9cb4b88d6d61c81d1";

const std::vector<std::string> kColumns{"Timestamp",
                                        "DeviceName",
                                        "ThreatName",
                                        "FileName",
                                        "FolderPath",
                                        "MD5",
                                        "FileOriginUrl",
                                        "FileOriginReferrerUrl",
                                        "InitiatingProcessFileName",
                                        "InitiatingProcessParentFileName"};

using Row = std::vector<std::string>;  // "<null>" stands for a JSON null

std::vector<Row> parse_ndjson(const std::string& text, const std::vector<std::string>& columns) {
  std::vector<Row> rows;
  simdjson::dom::parser parser;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::string line = text.substr(start, nl - start);
    start = nl == std::string::npos ? text.size() : nl + 1;
    simdjson::dom::object obj = parser.parse(line).get_object();
    Row row;
    std::size_t i = 0;
    for (auto field : obj) {
      REQUIRE(i < columns.size());
      CHECK(field.key == columns[i]);  // keys exactly the output columns, in order
      ++i;
      if (field.value.is_null()) {
        row.push_back("<null>");
      } else {
        row.push_back(std::string(field.value.get_string().value()));
      }
    }
    CHECK(i == columns.size());
    rows.push_back(row);
  }
  return rows;
}

const std::string kD1Time = "2024-03-12T09:15:42.1234567Z";
const std::string kD2Time = "2024-03-12T11:02:07.5Z";

Row d2(const std::string& url, const std::string& ref, const std::string& proc) {
  return {kD2Time,
          "hr-ws-007.contoso.local",
          "",
          "invoice.docm",
          "C:\\Users\\a.lee\\Downloads",
          kInvoice,
          url,
          ref,
          proc,
          "explorer.exe"};
}
Row d1(const std::string& url, const std::string& ref, const std::string& proc) {
  return {kD1Time,
          "fin-ws-014.contoso.local",
          "TrojanDownloader:O97M/Emotet.PDSB!MTB",
          "invoice.docm",
          "C:\\Users\\j.doe\\Downloads",
          kInvoice,
          url,
          ref,
          proc,
          "explorer.exe"};
}
Row keygen(const std::string& time, const std::string& device, const std::string& file,
           const std::string& folder, const std::string& url, const std::string& ref) {
  return {time, device, "HackTool:Win32/Keygen", file,          folder, kKeygen,
          url,  ref,    "firefox.exe",           "explorer.exe"};
}

// The 14 rows samples/README.md derives, in the order it derives.
std::vector<Row> expected_kept() {
  const std::string f1 = "https://invoices-contoso.example.net/dl/invoice.docm";
  const std::string f1r = "https://mail.contoso.example/";
  const std::string f2r = "https://outlook.office.com/mail/";
  const std::string f3r = "https://webmail.contoso.example/inbox";
  const std::string f7 = "https://update.microsoft.com.evil.example/keygen.exe";
  const std::string f8 = "https://update.microsoft.com@evil.example/keygen.exe";
  const std::string f8r = "https://evilmicrosoft.com/";
  const std::string f15r = "https://keygens.example/download";
  const std::string d6t = "2024-03-10T22:45:00.0000001Z";
  const std::string eng = "eng-lt-203.contoso.local";
  const std::string mdl = "C:\\Users\\m.ruiz\\Downloads";
  return {
      d2(f1, f1r, "chrome.exe"),
      d2("", f2r, "msedge.exe"),
      d2("", f3r, "outlook.exe"),
      d1(f1, f1r, "chrome.exe"),
      d1("", f2r, "msedge.exe"),
      d1("", f3r, "outlook.exe"),
      keygen(d6t, eng, "keygen.exe", mdl, f7, ""),
      keygen(d6t, eng, "keygen.exe", mdl, f8, f8r),
      keygen(d6t, eng, "keygen.exe", mdl, "", f15r),
      {"2024-03-09T10:00:00Z", "srv-build-02.contoso.local", "PUA:Win32/Presenoker",
       "agent-1.4.2.zip", "E:\\builds", kBuild,
       "https://evil.example/artifactory.example.com/agent-1.4.2.zip", "", "curl.exe", "bash.exe"},
      {"2024-03-08T07:30:00Z", "eng-lt-203.contoso.local\x1b]0;pwned\x07",
       "Trojan:Win32/Keygen.Lookalike", "=HYPERLINK(\"http://evil.example\")", mdl, kLookalike,
       "https://evil.example/\x1b[31mred", "+cmd|' /C calc'!A0", "chrome.exe", "explorer.exe"},
      keygen("<null>", "hr-ws-007.contoso.local", "old.exe", "C:\\Temp", f7, ""),
      keygen("<null>", "hr-ws-007.contoso.local", "old.exe", "C:\\Temp", f8, f8r),
      keygen("<null>", "hr-ws-007.contoso.local", "old.exe", "C:\\Temp", "", f15r),
  };
}

const std::vector<std::string> kSamples{"samples/DeviceEvents.ndjson",
                                        "samples/DeviceFileEvents.ndjson"};

std::vector<std::string> args(std::vector<std::string> a) {
  a.insert(a.end(), kSamples.begin(), kSamples.end());
  return a;
}

}  // namespace

TEST_CASE("samples: the hunt with the sample exclusions prints the hand-worked rows") {
  const auto r =
      run_huntq(args({"run", "--format", "ndjson", "--exclusions", "samples/exclusions.yaml"}));
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(parse_ndjson(r.out, kColumns) == expected_kept());
  CHECK(r.err.find("matched  19 rows") != std::string::npos);
  CHECK(r.err.find("excluded 1 by rule msft-update-servers") != std::string::npos);
  CHECK(r.err.find("excluded 1 by rule scheduled-scans") != std::string::npos);
  CHECK(r.err.find("printed  14 rows") != std::string::npos);
}

TEST_CASE("samples: --show-excluded prints the removed rows with the rule that removed each") {
  const auto r = run_huntq(args(
      {"run", "--format", "ndjson", "--show-excluded", "--exclusions", "samples/exclusions.yaml"}));
  REQUIRE(r.status == 0);
  auto columns = kColumns;
  columns.push_back("ExcludedBy");
  const auto rows = parse_ndjson(r.out, columns);
  REQUIRE(rows.size() == 5);
  // Newest first: d5 (update), d7 (scan, 08:00+02:00 = 06:00Z), d8, d9, d10.
  CHECK(rows[0][0] == "2024-03-11T03:14:15.9265358Z");
  CHECK(rows[0][10] == "msft-update-servers");
  CHECK(rows[1][0] == "2024-03-10T06:00:00Z");
  CHECK(rows[1][2] == "");  // AdditionalFields "not json": ThreatName is ""
  CHECK(rows[1][10] == "scheduled-scans");
  CHECK(rows[2][0] == "2024-03-09T16:20:31.25Z");
  CHECK(rows[2][10] == "security-tools");
  CHECK(rows[3][6] == "https://artifactory.example.com/artifactory/libs/agent-1.4.2.zip");
  CHECK(rows[3][10] == "internal-repositories");
  CHECK(rows[4][8] == "splunkd.exe");
  CHECK(rows[4][10] == "log-management");
}

TEST_CASE("samples: without exclusions all 19 matched rows print") {
  const auto r = run_huntq(args({"run", "--format", "ndjson"}));
  REQUIRE(r.status == 0);
  CHECK(parse_ndjson(r.out, kColumns).size() == 19);
}

TEST_CASE("samples: identical output at every thread count and without the pre-filter") {
  const auto base = run_huntq(args({"run", "--format", "ndjson", "--threads", "1"}));
  REQUIRE(base.status == 0);
  for (const auto& extra :
       std::vector<std::vector<std::string>>{{"--threads", "2", "--split-bytes", "4096"},
                                             {"--threads", "2", "--split-bytes", "1000"},
                                             {"--threads", "1", "--no-prefilter"}}) {
    std::vector<std::string> a{"run", "--format", "ndjson"};
    a.insert(a.end(), extra.begin(), extra.end());
    const auto r = run_huntq(args(a));
    INFO(extra[0] + " " + extra[1]);
    CHECK(r.status == 0);
    CHECK(r.out == base.out);
  }
}

TEST_CASE("samples: the table format shows hostile text escaped, never raw control bytes") {
  const auto r = run_huntq(args({"run", "--color", "always"}));
  REQUIRE(r.status == 0);
  // The header may be bold and marks for hidden characters in reverse video (we asked for
  // colour), but no log value may carry an ESC or BEL: they show as marks.
  std::string body = r.out.substr(r.out.find('\n') + 1);
  for (const std::string sgr : {"\x1b[7m", "\x1b[27m"})
    for (auto at = body.find(sgr); at != std::string::npos; at = body.find(sgr))
      body.erase(at, sgr.size());
  CHECK(body.find("\u27e8ESC\u27e9]0;pwned") != std::string::npos);  // ⟨ESC⟩]0;pwned
  CHECK(body.find('\x1b') == std::string::npos);
  CHECK(body.find('\x07') == std::string::npos);
}

TEST_CASE("samples: CSV guards formula cells") {
  const auto r = run_huntq(args({"run", "--format", "csv"}));
  REQUIRE(r.status == 0);
  CHECK(r.out.find("\"'=HYPERLINK(\"\"http://evil.example\"\")\"") != std::string::npos);
  CHECK(r.out.find("'+cmd|' /C calc'!A0") != std::string::npos);
  const auto raw = run_huntq(args({"run", "--format", "csv", "--no-formula-guard"}));
  CHECK(raw.out.find("\"=HYPERLINK(") != std::string::npos);
}
