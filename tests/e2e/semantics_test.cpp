// kql-semantics.md §0 Q-2, the spec's worked example, through the binary; and exit statuses.
#include <catch2/catch.hpp>

#include "run_binary.h"

using huntq::testing::run_huntq;
using huntq::testing::TempDir;

namespace {

// Q-2's DeviceEvents, with only the columns the hunt reads.
std::string q2_device_events() {
  auto row = [](const char* ts, const char* dev, const char* action, const char* md5,
                const char* additional, const char* file, const char* folder) {
    return std::string(R"({"Timestamp":")") + ts + R"(","DeviceName":")" + dev +
           R"(","ActionType":")" + action + R"(","MD5":")" + md5 + R"(","AdditionalFields":)" +
           additional + R"(,"FileName":")" + file + R"(","FolderPath":")" + folder + "\"}\n";
  };
  return row("2024-01-15T10:00:00Z", "pc1", "AntivirusDetection", "aaa",
             R"("{\"ThreatName\":\"Trojan:Win32/X\"}")", "a.exe", R"(C:\\a)") +
         row("2024-01-15T11:00:00Z", "pc2", "AntivirusDetection", "aaa", R"("")", "b.exe",
             R"(C:\\b)") +
         row("2024-01-15T12:00:00Z", "pc3", "antivirusdetection", "aaa", R"("{}")", "c.exe",
             R"(C:\\c)") +
         row("2024-01-15T13:00:00Z", "pc4", "AntivirusDetection", "", R"("{}")", "d.exe",
             R"(C:\\d)") +
         row("2024-01-15T14:00:00Z", "pc5", "AntivirusDetection", "bbb", R"("not json")", "e.exe",
             R"(C:\\e)");
}

std::string q2_file_events() {
  auto row = [](const char* md5, const char* url, const char* ref, const char* proc,
                const char* parent) {
    return std::string(R"({"MD5":")") + md5 + R"(","FileOriginUrl":")" + url +
           R"(","FileOriginReferrerUrl":")" + ref + R"(","InitiatingProcessFileName":")" + proc +
           R"(","InitiatingProcessParentFileName":")" + parent + "\"}\n";
  };
  return row("aaa", "http://x/", "", "chrome.exe", "explorer.exe") +
         row("aaa", "", "http://r/", "msedge.exe", "explorer.exe") +
         row("AAA", "http://y/", "", "chrome.exe", "explorer.exe") +
         row("aaa", "", "", "chrome.exe", "explorer.exe") +
         row("bbb", "http://z/", "", "curl.exe", "cmd.exe");
}

}  // namespace

TEST_CASE("Q-2: the spec's worked example gives its five rows") {
  TempDir dir;
  const auto de = dir.write("de.json", q2_device_events());
  const auto dfe = dir.write("dfe.json", q2_file_events());
  const auto r = run_huntq({"run", "--format", "csv", "--no-formula-guard", de, dfe});
  INFO(r.err);
  REQUIRE(r.status == 0);
  // Worked by hand from Q-2; ties (e2's and e1's two partners) in input order: f1 then f2.
  CHECK(r.out ==
        "Timestamp,DeviceName,ThreatName,FileName,FolderPath,MD5,FileOriginUrl,"
        "FileOriginReferrerUrl,InitiatingProcessFileName,InitiatingProcessParentFileName\r\n"
        "2024-01-15T14:00:00Z,pc5,,e.exe,C:\\e,bbb,http://z/,,curl.exe,cmd.exe\r\n"
        "2024-01-15T11:00:00Z,pc2,,b.exe,C:\\b,aaa,http://x/,,chrome.exe,explorer.exe\r\n"
        "2024-01-15T11:00:00Z,pc2,,b.exe,C:\\b,aaa,,http://r/,msedge.exe,explorer.exe\r\n"
        "2024-01-15T10:00:00Z,pc1,Trojan:Win32/X,a.exe,C:\\a,aaa,http://x/"
        ",,chrome.exe,explorer.exe\r\n"
        "2024-01-15T10:00:00Z,pc1,Trojan:Win32/X,a.exe,C:\\a,aaa,,http://r/"
        ",msedge.exe,explorer.exe\r\n");
}

TEST_CASE("sort: by instant, not by text, with offsets and fraction digits compared at 100 ns") {
  TempDir dir;
  // Text order would put "2024-01-15T09..." first; instants say 10:00:00.0000001Z is newest.
  const auto de = dir.write(
      "de.json",
      R"({"Timestamp":"2024-01-15T10:00:00.0000001Z","DeviceName":"a","ActionType":"AntivirusDetection","MD5":"m","AdditionalFields":"","FileName":"","FolderPath":""})"
      "\n"
      R"({"Timestamp":"2024-01-15T11:59:59.9999999+02:00","DeviceName":"b","ActionType":"AntivirusDetection","MD5":"m","AdditionalFields":"","FileName":"","FolderPath":""})"
      "\n"
      R"({"Timestamp":"2024-01-15T10:00:00Z","DeviceName":"c","ActionType":"AntivirusDetection","MD5":"m","AdditionalFields":"","FileName":"","FolderPath":""})"
      "\n"
      R"({"DeviceName":"d","ActionType":"AntivirusDetection","MD5":"m","AdditionalFields":"","FileName":"","FolderPath":""})"
      "\n");
  const auto dfe = dir.write(
      "dfe.json",
      R"({"MD5":"m","FileOriginUrl":"u","FileOriginReferrerUrl":"","InitiatingProcessFileName":"","InitiatingProcessParentFileName":""})"
      "\n");
  const auto r = run_huntq({"run", "--format", "csv", de, dfe});
  REQUIRE(r.status == 0);
  // a (…00.0000001Z) > c (…00Z) > b (09:59:59.9999999Z); d has no Timestamp: last.
  const auto a = r.out.find(",a,"), b = r.out.find(",b,"), c = r.out.find(",c,"),
             d = r.out.find(",d,");
  CHECK(a < c);
  CHECK(c < b);
  CHECK(b < d);
  CHECK(r.out.find("\r\n,d,") != std::string::npos);  // null Timestamp prints empty
}

TEST_CASE("exit status: 1 when the hunt finds nothing, 2 on errors naming the file") {
  TempDir dir;
  const auto de = dir.write("de.json", q2_device_events());
  const auto none = dir.write(
      "dfe.json",
      R"({"MD5":"zzz","FileOriginUrl":"http://x/","FileOriginReferrerUrl":"","InitiatingProcessFileName":"","InitiatingProcessParentFileName":""})"
      "\n");
  const auto r = run_huntq({"run", de, none});
  CHECK(r.status == 1);
  CHECK(r.err.find("printed  0 rows") != std::string::npos);

  const auto missing = run_huntq({"run", de, (dir.path() / "nope.json").string()});
  CHECK(missing.status == 2);
  CHECK(missing.err.find("nope.json") != std::string::npos);

  CHECK(run_huntq({"run", "--format", "yaml", de, none}).status == 2);
  CHECK(run_huntq({"frobnicate"}).status == 2);
  const auto help = run_huntq({"run", "--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("EXIT STATUS") != std::string::npos);
  CHECK(run_huntq({"--version"}).status == 0);
}

TEST_CASE(
    "malformed records are skipped and counted with file:line, or stop the run with --strict") {
  TempDir dir;
  auto text = q2_device_events();
  // A truncated detection holding a join key (line 2) is parsed, found broken, counted; a
  // truncated record that cannot be a detection (line 3) is ruled out unparsed by default, and
  // caught by --strict.
  text.insert(text.find('\n') + 1,
              "{\"ActionType\": \"AntivirusDetection\", \"MD5\": \"aaa\", \"DeviceName\": \n"
              "{\"DeviceName\": \"x\n");
  const auto de = dir.write("de.json", text);
  const auto dfe = dir.write("dfe.json", q2_file_events());
  const auto r = run_huntq({"run", "--format", "csv", de, dfe});
  CHECK(r.status == 0);
  CHECK(r.err.find("1 malformed skipped") != std::string::npos);
  CHECK(r.err.find("de.json:2") != std::string::npos);
  const auto strict = run_huntq({"run", "--strict", de, dfe});
  CHECK(strict.status == 2);
  CHECK(strict.err.find("de.json:2") != std::string::npos);
  // Without the broken detection, --strict still validates every record and stops at line 3.
  auto rest = q2_device_events();
  rest.insert(rest.find('\n') + 1, "{\"DeviceName\": \"x\n");
  const auto strict3 = run_huntq({"run", "--strict", dir.write("de3.json", rest), dfe});
  CHECK(strict3.status == 2);
  CHECK(strict3.err.find("de3.json:2") != std::string::npos);
  const auto lenient3 = run_huntq({"run", dir.path().string() + "/de3.json", dfe});
  CHECK(lenient3.status == 0);
}

TEST_CASE("stdin: - reads an export from standard input") {
  TempDir dir;
  const auto de = dir.write("de.json", q2_device_events());
  const auto dfe = dir.write("dfe.json", q2_file_events());
  const auto r = run_huntq({"run", "--format", "csv", "-", dfe}, de);
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("pc5") != std::string::npos);
  CHECK(r.err.find("<stdin>") != std::string::npos);
}
