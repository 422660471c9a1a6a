// Built-in hunts system-guard-security-level-drop and -baseline on hand-made DeviceEvents rows,
// with now() = 2024-03-31T00:00:00Z, so ago(7d) is 2024-03-24T00:00:00Z. Expected rows worked
// out by hand from the queries; arg_max keeps the row with the largest first argument, and a row
// whose first argument is null only when all are (arg-max-aggregation-function.md).
#include <catch2/catch.hpp>

#include "hunt_rows.h"

using huntq::testing::HuntRow;
using huntq::testing::rows_text;
using huntq::testing::run_builtin_hunt;

namespace {

// A DeviceBootAttestationInfo report; `fields` is the AdditionalFields JSON, written as a JSON
// string the way the API exports it (quotes escaped), or "" for an empty one.
std::string report(const std::string& device, const std::string& time, long report_id,
                   const std::string& fields,
                   const std::string& action = "DeviceBootAttestationInfo") {
  std::string escaped;
  for (char c : fields) escaped += c == '"' ? std::string("\\\"") : std::string(1, c);
  return R"({"Timestamp":")" + time + R"(","DeviceId":")" + device + R"(","DeviceName":")" +
         device + R"(.contoso.com","ActionType":")" + action + R"(","ReportId":)" +
         std::to_string(report_id) + R"(,"AdditionalFields":")" + escaped + R"("})";
}
std::string level(int l, const std::string& valid_from) {
  return R"({"SystemGuardSecurityLevel":)" + std::to_string(l) + R"(,"ReportValidityStartTime":")" +
         valid_from + R"("})";
}

}  // namespace

TEST_CASE("system-guard-security-level-drop: devices whose latest level is below an earlier one") {
  const auto rows = run_builtin_hunt(
      "system-guard-security-level-drop",
      {
          // A: 700, 700, then 550 last: the latest earlier row above 550 is ReportId 2.
          report("A", "2024-03-25T08:00:00Z", 1, level(700, "2024-03-25T07:55:00Z")),
          report("A", "2024-03-28T08:00:00Z", 2, level(700, "2024-03-28T07:55:00Z")),
          report("A", "2024-03-30T08:00:00Z", 3, level(550, "2024-03-30T07:55:00Z")),
          // another ActionType with a higher level does not count
          report("A", "2024-03-29T08:00:00Z", 4, level(900, "2024-03-29T07:55:00Z"), "Other"),
          // B: rises to 700: no drop
          report("B", "2024-03-26T08:00:00Z", 5, level(550, "2024-03-26T07:55:00Z")),
          report("B", "2024-03-29T08:00:00Z", 6, level(700, "2024-03-29T07:55:00Z")),
          // C: its 700 is older than 7 days
          report("C", "2024-03-10T08:00:00Z", 7, level(700, "2024-03-10T07:55:00Z")),
          report("C", "2024-03-29T08:00:00Z", 8, level(500, "2024-03-29T07:55:00Z")),
          // D: the level written as a JSON string "700": toint reads it
          report(
              "D", "2024-03-26T08:00:00Z", 9,
              R"({"SystemGuardSecurityLevel":"700","ReportValidityStartTime":"2024-03-26T07:00:00Z"})"),
          report("D", "2024-03-27T08:00:00Z", 10, level(300, "2024-03-27T07:55:00Z")),
          // E: the latest report has no level (isnotnull drops it), so 500 is the latest
          report("E", "2024-03-25T08:00:00Z", 11, level(700, "2024-03-25T07:55:00Z")),
          report("E", "2024-03-26T08:00:00Z", 12, level(500, "2024-03-26T07:55:00Z")),
          report("E", "2024-03-29T08:00:00Z", 13, ""),
      });
  std::vector<HuntRow> want{
      {{"DeviceId", "A"},
       {"Timestamp", "2024-03-28T08:00:00Z"},
       {"LatestSystemGuardSecurityLevel", "550"},
       {"SystemGuardSecurityLevel", "700"},
       {"LatestEventTime", "2024-03-30T08:00:00Z"},
       {"ReportId", "2"}},
      {{"DeviceId", "D"},
       {"Timestamp", "2024-03-26T08:00:00Z"},
       {"LatestSystemGuardSecurityLevel", "300"},
       {"SystemGuardSecurityLevel", "700"},
       {"LatestEventTime", "2024-03-27T08:00:00Z"},
       {"ReportId", "9"}},
      {{"DeviceId", "E"},
       {"Timestamp", "2024-03-25T08:00:00Z"},
       {"LatestSystemGuardSecurityLevel", "500"},
       {"SystemGuardSecurityLevel", "700"},
       {"LatestEventTime", "2024-03-26T08:00:00Z"},
       {"ReportId", "11"}},
  };
  CHECK(rows_text(rows) == rows_text(want));
}

TEST_CASE("system-guard-security-level-baseline: each device's latest report below level 700") {
  const auto rows = run_builtin_hunt(
      "system-guard-security-level-baseline",
      {
          // w1: two reports below 700: the later validity start wins
          report("w1", "2024-03-25T09:00:00Z", 1, level(500, "2024-03-25T08:00:00Z")),
          report("w1", "2024-03-28T09:00:00Z", 2, level(550, "2024-03-28T08:00:00Z")),
          // w2: the 700 report is filtered out first, so the 300 one is the latest below 700
          report("w2", "2024-03-29T09:00:00Z", 3, level(700, "2024-03-29T08:00:00Z")),
          report("w2", "2024-03-26T09:00:00Z", 4, level(300, "2024-03-26T08:00:00Z")),
          // w3: always 700
          report("w3", "2024-03-27T09:00:00Z", 5, level(700, "2024-03-27T08:00:00Z")),
          // w4: only a report older than 7 days
          report("w4", "2024-03-20T09:00:00Z", 6, level(100, "2024-03-20T08:00:00Z")),
          // w5: "550" as a string; a later 500 report without a validity time has a null
          // ReportTime, which loses to any non-null one
          report(
              "w5", "2024-03-27T11:00:00Z", 7,
              R"({"SystemGuardSecurityLevel":"550","ReportValidityStartTime":"2024-03-27T10:00:00.5Z"})"),
          report("w5", "2024-03-30T11:00:00Z", 8, R"({"SystemGuardSecurityLevel":500})"),
      });
  std::vector<HuntRow> want{
      {{"DeviceName", "w1.contoso.com"},
       {"ReportTime", "2024-03-28T08:00:00Z"},
       {"CurrentSecurityLevel", "550"}},
      {{"DeviceName", "w2.contoso.com"},
       {"ReportTime", "2024-03-26T08:00:00Z"},
       {"CurrentSecurityLevel", "300"}},
      {{"DeviceName", "w5.contoso.com"},
       {"ReportTime", "2024-03-27T10:00:00.5Z"},
       {"CurrentSecurityLevel", "550"}},
  };
  CHECK(rows_text(rows) == rows_text(want));
}
