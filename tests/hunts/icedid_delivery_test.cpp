// Built-in hunt icedid-delivery (src/hunts/builtin/icedid-delivery.yaml) on hand-made
// DeviceFileEvents rows. Expected rows worked out by hand from the query:
//   InitiatingProcessFileName in~ (msedge, chrome, explorer, 7zFM, firefox, browser_broker .exe)
//   FileOriginReferrerUrl has ".php" and has ".top"; FileOriginUrl has_any googleusercontent,
//   google, docs. `has` is a whole-term match ignoring case (kql-semantics.md E-4, E-5).
#include <catch2/catch.hpp>

#include "hunt_rows.h"

using huntq::testing::column;
using huntq::testing::run_builtin_hunt;

namespace {

std::string download(const std::string& file, const std::string& process, const std::string& ref,
                     const std::string& url) {
  return R"({"Timestamp":"2024-03-12T10:00:00Z","DeviceName":"wks-01","ActionType":"FileCreated",)"
         R"("FileName":")" +
         file + R"(","InitiatingProcessFileName":")" + process + R"(","FileOriginReferrerUrl":")" +
         ref + R"(","FileOriginUrl":")" + url + R"(","RequestProtocol":"Local"})";
}

}  // namespace

TEST_CASE("icedid-delivery: browser downloads of Google-hosted files reached from .php on .top") {
  const auto rows = run_builtin_hunt(
      "icedid-delivery",
      {
          // a: every condition holds
          download("a.zip", "msedge.exe", "https://contact-us-7.top/contact.php?id=1",
                   "https://docs.google.com/uc?id=1"),
          // b: in~ and has ignore case
          download("b.zip", "CHROME.EXE", "http://x.TOP/form.PHP",
                   "https://doc-0k-docs.googleusercontent.com/x/b.zip"),
          // c: Outlook is not in the list
          download("c.zip", "outlook.exe", "https://a.top/b.php", "https://docs.google.com/c"),
          // d: no .php in the referrer
          download("d.zip", "firefox.exe", "https://a.top/contact.html",
                   "https://drive.google.com/d"),
          // e: ".top" followed by a letter is not the term top
          download("e.zip", "firefox.exe", "https://a.topsite.com/a.php",
                   "https://drive.google.com/e"),
          // f: googleapis is not the term google
          download("f.zip", "7zFM.exe", "https://a.top/b.php", "https://storage.googleapis.com/f"),
          // g: .phpx is not .php
          download("g.zip", "explorer.exe", "https://a.top/b.phpx", "https://drive.google.com/g"),
          // h: googledocs is one term, neither google nor docs
          download("h.zip", "browser_broker.exe", "https://a.top/b.php",
                   "https://googledocs-share.top/h"),
          // i: the URL's d written as a JSON \u escape: the value is docs.google.com
          download("i.zip", "firefox.exe", "https://a.top/b.php",
                   "https://\\u0064ocs.google.com/i"),
      });
  CHECK(column(rows, "FileName") == std::vector<std::string>{"a.zip", "b.zip", "i.zip"});
  REQUIRE(rows.size() == 3);
  // Every DeviceFileEvents column comes out, in the schema's order (62 of them in
  // ../shared/research/defender-schemas.tsv, which src/value/defender_schemas.tsv copies).
  CHECK(rows[0].size() == 62);
  CHECK(column(rows, "FileOriginUrl") ==
        std::vector<std::string>{"https://doc-0k-docs.googleusercontent.com/x/b.zip",
                                 "https://docs.google.com/i", "https://docs.google.com/uc?id=1"});
}
