// Built-in hunt remote-file-creation-with-psexec on hand-made DeviceFileEvents rows, with
// now() = 2024-03-31T00:00:00Z. Expected rows worked out by hand from the query: rows of the
// last 7 days whose command line has the term accepteula, whose FolderPath holds "\\" and whose
// FileName ends with .exe; then (no .ps1 and two or more ".exe" in the command line) or a .bat;
// then none of the excluded terms; then per DeviceId, 10-minute bin and process, more than 4
// distinct FolderPaths.
#include <catch2/catch.hpp>

#include "hunt_rows.h"

using huntq::testing::run_builtin_hunt;

namespace {

// One PsExec file creation. JSON text: backslashes are doubled.
std::string created(const std::string& time, const std::string& folder, const std::string& file,
                    const std::string& cmd, const std::string& sha1 = "s1",
                    const std::string& device = "dev-admin") {
  return R"({"Timestamp":")" + time + R"(","DeviceId":")" + device +
         R"(","ActionType":"FileCreated","FileName":")" + file + R"(","FolderPath":")" + folder +
         R"(","SHA1":")" + sha1 + R"(","InitiatingProcessFileName":"PsExec.exe",)" +
         R"("InitiatingProcessCommandLine":")" + cmd + R"(","RequestProtocol":"Smb"})";
}
std::string spread(const std::string& time, const std::string& host) {
  return created(time, "\\\\\\\\" + host + "\\\\ADMIN$\\\\x.exe", "x.exe",
                 "PsExec.exe -accepteula \\\\\\\\" + host + " -c C:\\\\x.exe");
}

}  // namespace

TEST_CASE("remote-file-creation-with-psexec: more than 4 remote shares in one 10-minute bin") {
  const auto rows = run_builtin_hunt(
      "remote-file-creation-with-psexec",
      {
          // Bin 2024-03-30T10:00: five hosts, srv1 twice (one FolderPath), the last a tick
          // before the bin ends.
          spread("2024-03-30T10:00:00Z", "srv1"),
          spread("2024-03-30T10:01:00Z", "srv2"),
          spread("2024-03-30T10:02:00Z", "srv3"),
          spread("2024-03-30T10:03:00Z", "srv4"),
          spread("2024-03-30T10:04:00Z", "srv1"),
          spread("2024-03-30T10:09:59.9999999Z", "srv5"),
          // a .bat run counts although its command line names one .exe
          created("2024-03-30T10:05:00Z", "\\\\\\\\srv8\\\\ADMIN$\\\\PSEXESVC.exe", "PSEXESVC.exe",
                  "PsExec.exe -accepteula \\\\\\\\srv8 -c C:\\\\deploy\\\\i.bat", "svc"),
          // excluded: the term scripts; a .ps1 without .bat; a local path; not an .exe
          created("2024-03-30T10:05:00Z", "\\\\\\\\srv6\\\\ADMIN$\\\\y.exe", "y.exe",
                  "PsExec.exe -accepteula \\\\\\\\srv6 -c C:\\\\scripts\\\\y.exe"),
          created("2024-03-30T10:05:00Z", "\\\\\\\\srv7\\\\ADMIN$\\\\PSEXESVC.exe", "PSEXESVC.exe",
                  "PsExec.exe -accepteula \\\\\\\\srv7 powershell.exe -File C:\\\\t\\\\a.ps1",
                  "svc"),
          created("2024-03-30T10:05:00Z", "C:\\\\Temp\\\\x.exe", "x.exe",
                  "PsExec.exe -accepteula \\\\\\\\srv9 -c C:\\\\x.exe"),
          created("2024-03-30T10:05:00Z", "\\\\\\\\srv9\\\\ADMIN$\\\\a.dll", "a.dll",
                  "PsExec.exe -accepteula \\\\\\\\srv9 -c C:\\\\x.exe C:\\\\a.dll"),
          // Bin 10:10: four hosts only
          spread("2024-03-30T10:10:00Z", "srv1"),
          spread("2024-03-30T10:11:00Z", "srv2"),
          spread("2024-03-30T10:12:00Z", "srv3"),
          spread("2024-03-30T10:13:00Z", "srv4"),
          // Older than 7 days: five hosts in one bin, yet outside ago(7d)
          spread("2024-03-20T10:00:00Z", "srv1"),
          spread("2024-03-20T10:01:00Z", "srv2"),
          spread("2024-03-20T10:02:00Z", "srv3"),
          spread("2024-03-20T10:03:00Z", "srv4"),
          spread("2024-03-20T10:04:00Z", "srv5"),
      });
  REQUIRE(rows.size() == 1);
  const auto& r = rows[0];
  CHECK(r.at("DeviceId") == "dev-admin");
  CHECK(r.at("TimeWindow") == "2024-03-30T10:00:00Z");
  CHECK(r.at("InitiatingProcessFileName") == "PsExec.exe");
  CHECK(r.at("FileCount") == "6");
  CHECK(r.at("set_SHA1") == "s1|svc");
  CHECK(r.at("set_FileName") == "PSEXESVC.exe|x.exe");
  CHECK(r.at("set_FolderPath") ==
        "\\\\srv1\\ADMIN$\\x.exe|\\\\srv2\\ADMIN$\\x.exe|\\\\srv3\\ADMIN$\\x.exe|"
        "\\\\srv4\\ADMIN$\\x.exe|\\\\srv5\\ADMIN$\\x.exe|\\\\srv8\\ADMIN$\\PSEXESVC.exe");
  CHECK(r.at("set_InitiatingProcessCommandLine") ==
        "PsExec.exe -accepteula \\\\srv1 -c C:\\x.exe|PsExec.exe -accepteula \\\\srv2 -c C:\\x.exe|"
        "PsExec.exe -accepteula \\\\srv3 -c C:\\x.exe|PsExec.exe -accepteula \\\\srv4 -c C:\\x.exe|"
        "PsExec.exe -accepteula \\\\srv5 -c C:\\x.exe|"
        "PsExec.exe -accepteula \\\\srv8 -c C:\\deploy\\i.bat");
}
