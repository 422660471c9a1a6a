// `huntq check`: every hunt and rule file parsed, bound and loaded; each problem at its place in
// the file as written (a YAML hunt's line, not the query's), every problem listed, exit 2.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "run_binary.h"

using huntq::testing::run_huntq;
using huntq::testing::TempDir;

namespace {

// Lines of stdout: one per problem.
std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    out.push_back(text.substr(start, nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

const std::string kHead =
    "id: 0d5ee1c4-0000-4000-8000-000000000001\n"  // line 1
    "name: a hunt\n"                              // line 2
    "query: |\n";                                 // line 3; the query starts on line 4

}  // namespace

TEST_CASE("check: the built-in hunts, samples/ and the example repository are valid") {
  // 5 built-in hunts and 2 example hunts; samples/exclusions.yaml, the example's
  // office-downloads.rules.yaml and its two files in av-detections-with-source.rules/.
  const auto r = run_huntq({"check", "src/hunts/builtin", "samples", "examples/hunts-as-code"});
  INFO(r.out + r.err);
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(r.err.find("huntq check: 7 hunts, 4 rule files: all valid (") == 0);
}

TEST_CASE("check: a syntax error in a block query is reported at its line and column in the YAML") {
  TempDir d;
  // Query line 2 is file line 5, indented 2 columns; the ')' that closes nothing is query
  // column 26, so file column 28.
  const auto f = d.write("bad.yaml", kHead +
                                         "  DeviceEvents\n"
                                         "  | where ActionType == \"x\")\n");
  const auto r = run_huntq({"check", f});
  REQUIRE(r.status == 2);
  const auto l = lines(r.out);
  REQUIRE(l.size() == 1);
  CHECK(l[0].rfind(f + ":5:28: ", 0) == 0);
}

TEST_CASE("check: unknown tables and columns are binder errors at their place") {
  TempDir d;
  const auto table = d.write("table.yaml", kHead + "  DeviceEvent\n  | take 1\n");
  const auto column = d.write("column.yaml", kHead +
                                                 "  DeviceEvents\n"
                                                 "  | project Timestamp, ThreatNam\n");
  const auto r = run_huntq({"check", table, column});
  REQUIRE(r.status == 2);
  const auto l = lines(r.out);
  REQUIRE(l.size() == 2);
  // Query line 1 column 1 is file line 4 column 3.
  CHECK(l[0].rfind(table + ":4:3: unknown table 'DeviceEvent'", 0) == 0);
  // `ThreatNam` starts at query column 22 of line 2: file line 5, column 24.
  CHECK(l[1].rfind(column + ":5:24: unknown column or name 'ThreatNam'", 0) == 0);
}

TEST_CASE("check: a construct huntq refuses is reported where it is written") {
  TempDir d;
  const auto f = d.write("series.yaml", kHead +
                                            "  DeviceEvents\n"
                                            "  | make-series count() on Timestamp step 1h\n");
  const auto r = run_huntq({"check", f});
  REQUIRE(r.status == 2);
  INFO(r.out);
  CHECK(r.out.rfind(f + ":5:5: ", 0) == 0);
  CHECK(r.out.find("'make-series' is not supported") != std::string::npos);
}

TEST_CASE("check: a .kql file's problems are at its own lines") {
  TempDir d;
  const auto f = d.write("q.kql", "// a comment\nDeviceFileEvents\n| where Nope == 1\n");
  const auto r = run_huntq({"check", f});
  REQUIRE(r.status == 2);
  CHECK(r.out.rfind(f + ":3:9: unknown column or name 'Nope'", 0) == 0);
}

TEST_CASE("check: a flow scalar query is placed after its quote") {
  TempDir d;
  const auto f = d.write("flow.yaml", "name: x\nquery: \"DeviceEvents | where Nope\"\n");
  const auto r = run_huntq({"check", f});
  REQUIRE(r.status == 2);
  // `query: "` is 8 columns; Nope is query column 22: file column 30.
  CHECK(r.out.rfind(f + ":2:30: unknown column or name 'Nope'", 0) == 0);
}

TEST_CASE("check: YAML without query: is a problem, not skipped") {
  TempDir d;
  const auto f = d.write("notes.yaml", "name: a hunt with no query\ndescription: x\n");
  const auto r = run_huntq({"check", d.path().string()});
  REQUIRE(r.status == 2);
  CHECK(r.out == f + ":1:1: no `query:` holding the hunt's KQL (nor `exclude:`, as a rule file "
                     "has)\n");
}

TEST_CASE("check: rules beside a hunt are loaded against its output columns") {
  TempDir d;
  d.write("h.yaml", kHead + "  DeviceFileEvents\n  | project FileName, FileOriginUrl\n");
  std::filesystem::create_directories(d.path() / "h.rules");
  d.write("h.rules/good.yaml",
          "title: t\nid: good\nexclude:\n  s:\n    FileName: a.exe\n  condition: s\n");
  // MD5 is a DeviceFileEvents column, but the hunt does not output it.
  const auto bad = d.write("h.rules/md5.yaml",
                           "title: t\n"
                           "id: md5\n"
                           "exclude:\n"
                           "  s:\n"
                           "    MD5: 5d41402abc4b2a76b9719d911017c592\n"
                           "  condition: s\n");
  const auto r = run_huntq({"check", d.path().string()});
  REQUIRE(r.status == 2);
  const auto l = lines(r.out);
  REQUIRE(l.size() == 1);
  CHECK(l[0].rfind(bad + ":5:5: unknown column 'MD5'", 0) == 0);
  CHECK(l[0].find("FileName, FileOriginUrl") != std::string::npos);
}

TEST_CASE("check: the rules of a hunt that does not bind are said to be unchecked, not wrong") {
  TempDir d;
  // OriginHost is a column the hunt makes; with the hunt broken it cannot be told.
  const auto h = d.write("h.yaml", kHead +
                                       "  DeviceFileEvents\n"
                                       "  | extend OriginHost = tostring(parse_url(Nope).Host)\n");
  const auto rules = d.write(
      "h.rules.yaml", "title: t\nid: r\nexclude:\n  s:\n    OriginHost: a\n  condition: s\n");
  const auto r = run_huntq({"check", d.path().string()});
  INFO(r.out + r.err);
  REQUIRE(r.status == 2);
  const auto l = lines(r.out);
  REQUIRE(l.size() == 1);
  CHECK(l[0].rfind(h + ":5:44: ", 0) == 0);  // query line 2, column 42, indented 2
  CHECK(r.err.find(rules + " not checked: its hunt has a problem\n") != std::string::npos);
  CHECK(r.err.find("1 hunt, 0 rule files (1 not checked): 1 problem") != std::string::npos);
}

TEST_CASE("check: a message listing every column is cut short on its one line") {
  TempDir d;
  // Beside no hunt that binds, a rule file is checked against every column of the 27 tables,
  // which the message lists: over 400 bytes are cut.
  const auto rules =
      d.write("r.yaml", "title: t\nid: r\nexclude:\n  s:\n    Zzz: a\n  condition: s\n");
  const auto r = run_huntq({"check", rules});
  REQUIRE(r.status == 2);
  const auto l = lines(r.out);
  REQUIRE(l.size() == 1);
  CHECK(l[0].rfind(rules + ":5:5: unknown column 'Zzz' (columns: Timestamp, ", 0) == 0);
  CHECK(l[0].size() == rules.size() + std::string(":5:5: ").size() + 400 + std::string("…").size());
  CHECK(l[0].ends_with("…"));
}

TEST_CASE("check: a rule id repeated across a hunt's rule files is caught") {
  TempDir d;
  d.write("h.yaml", kHead + "  DeviceFileEvents\n  | project FileName\n");
  std::filesystem::create_directories(d.path() / "h.rules");
  const std::string rule = "title: t\nid: same\nexclude:\n  s:\n    FileName: a\n  condition: s\n";
  d.write("h.rules/a.yaml", rule);
  const auto b = d.write("h.rules/b.yaml", rule);
  const auto r = run_huntq({"check", d.path().string()});
  REQUIRE(r.status == 2);
  CHECK(r.out.rfind(b + ":1:1: duplicate rule id 'same'", 0) == 0);
}

TEST_CASE("check: every problem is listed, in path order, and the good files pass") {
  TempDir d;
  const auto a = d.write("a.yaml", kHead + "  DeviceEvents\n  | where\n");
  d.write("b.yaml", kHead + "  DeviceEvents\n  | take 1\n");
  const auto c = d.write("c.kql", "DeviceEvents | summarize by Nope\n");
  const auto rules =
      d.write("x-rules.yaml", "title: t\nid: r\nexclude:\n  s:\n    filename: a\n  condition: s\n");
  const auto not_yaml = d.write("e.yaml", "query: [unclosed\n");
  d.write("README.md", "not a hunt: not read\n");
  const auto r = run_huntq({"check", d.path().string()});
  REQUIRE(r.status == 2);
  const auto l = lines(r.out);
  INFO(r.out);
  REQUIRE(l.size() == 4);
  CHECK(l[0].rfind(a + ":", 0) == 0);
  CHECK(l[1].rfind(c + ":1:", 0) == 0);
  CHECK(l[2].rfind(not_yaml + ":", 0) == 0);
  // A rule file beside no hunt is checked against every column the checked hunts output.
  CHECK(l[3].rfind(rules + ":5:5: unknown column 'filename'; did you mean 'FileName'?", 0) == 0);
  CHECK(r.err.find("3 hunts, 1 rule file: 4 problems") != std::string::npos);
}

TEST_CASE("check: a missing path and an empty folder are problems") {
  TempDir d;
  const auto r = run_huntq({"check", (d.path() / "nope").string()});
  CHECK(r.status == 2);
  CHECK(r.out == (d.path() / "nope").string() + ":1:1: no such file or folder\n");
  const auto empty = run_huntq({"check", d.path().string()});
  CHECK(empty.status == 2);
  CHECK(empty.out.find("found no hunts") != std::string::npos);
}

TEST_CASE("check: hostile text in a problem is escaped for the terminal") {
  TempDir d;
  const auto f = d.write("a\x1b]0;x\x07.kql", "DeviceEvents | where Nope == 1\n");
  const auto r = run_huntq({"check", f});
  REQUIRE(r.status == 2);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find("\u27e8ESC\u27e9") != std::string::npos);
}

TEST_CASE("check: a symbolic link loop is walked once, and said so") {
  TempDir d;
  std::filesystem::create_directories(d.path() / "hunts");
  d.write("hunts/h.kql", "DeviceEvents | take 1\n");
  std::filesystem::create_directory_symlink(".", d.path() / "hunts" / "self");
  std::filesystem::create_directory_symlink("..", d.path() / "hunts" / "up");
  const auto r = run_huntq({"check", (d.path() / "hunts").string()});
  INFO(r.out + r.err);
  CHECK(r.status == 0);
  CHECK(r.err.find("/hunts/self: walked already") != std::string::npos);
  CHECK(r.err.find("huntq check: 1 hunt, 0 rule files: all valid (") != std::string::npos);
}
