// `huntq test`: hunts run over their cases' exports; rows compared with the expected ones (as a
// multiset unless the hunt sorts); a readable row diff, --update, -k, JUnit XML, and errors at
// their line in the case files. Expected outputs below are worked out by hand from the inputs.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "run_binary.h"

using huntq::testing::run_huntq;
using huntq::testing::shell_quote;
using huntq::testing::slurp;
using huntq::testing::TempDir;

namespace fs = std::filesystem;

namespace {

// Writes `content` at `rel` under `root`, creating folders.
std::string put(const fs::path& root, const std::string& rel, const std::string& content) {
  const fs::path p = root / rel;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Four file events; the fourth has no origin URL.
const std::string kFileEvents =
    R"({"DeviceName":"pc-1","FileName":"a.exe","FileOriginUrl":"https://a.example/a.exe"})"
    "\n"
    R"({"DeviceName":"pc-2","FileName":"b.exe","FileOriginUrl":"https://b.example/b.exe"})"
    "\n"
    R"({"DeviceName":"pc-3","FileName":"c.exe","FileOriginUrl":"https://c.example/c.exe"})"
    "\n"
    R"({"DeviceName":"pc-4","FileName":"d.exe","FileOriginUrl":""})"
    "\n";

const std::string kDownloads =
    "DeviceFileEvents\n| where isnotempty(FileOriginUrl)\n| project DeviceName, FileName, "
    "FileOriginUrl\n";

// The rows `downloads` returns on kFileEvents, as huntq run --format csv writes them.
const std::string kDownloadsCsv =
    "DeviceName,FileName,FileOriginUrl\r\n"
    "pc-1,a.exe,https://a.example/a.exe\r\n"
    "pc-2,b.exe,https://b.example/b.exe\r\n"
    "pc-3,c.exe,https://c.example/c.exe\r\n";

// A hunt `downloads` with one case `changed-row` whose expected rows differ from the result:
// line 3 is result row 1 but for its URL, line 4 is nowhere, result row 2 is not expected.
struct Repo {
  TempDir dir;
  std::string hunt, expected;
  Repo() {
    hunt = put(dir.path(), "hunts/downloads.kql", kDownloads);
    put(dir.path(), "hunts/downloads.tests/changed-row/inputs/DeviceFileEvents.ndjson",
        kFileEvents);
    expected = put(dir.path(), "hunts/downloads.tests/changed-row/expected.csv",
                   "DeviceName,FileName,FileOriginUrl\n"
                   "pc-3,c.exe,https://c.example/c.exe\n"
                   "pc-1,a.exe,https://a.example/a.msi\n"
                   "pc-9,z.exe,https://z.example/z.exe\n");
  }
  std::string path(const std::string& rel) const { return (dir.path() / rel).string(); }
};

}  // namespace

TEST_CASE("test: the built-in hunts' cases and the sample repository's pass") {
  const auto r = run_huntq({"test", "tests/hunts", "examples/hunts-as-code"});
  INFO(r.out + r.err);
  CHECK(r.status == 0);
  for (const char* id :
       {"av-detections-with-source::samples-with-exclusions",
        "av-detections-with-source::samples-excluded-rows",
        "av-detections-with-source::samples-without-rules", "av-detections-with-source::kept-rows",
        "av-detections-with-source::excluded-rows", "office-downloads::office-apps-per-host",
        "office-downloads::browser-only", "icedid-delivery::google-hosted",
        "remote-file-creation-with-psexec::five-shares-in-ten-minutes"})
    CHECK(contains(r.out, std::string("PASS   ") + id + " ("));
  CHECK(contains(r.out, "huntq test: 9 passed ("));
}

TEST_CASE("test: a passing case exits 0 and names the case") {
  Repo repo;
  put(repo.dir.path(), "hunts/downloads.tests/changed-row/expected.csv", kDownloadsCsv);
  const auto r = run_huntq({"test", repo.path("hunts")});
  INFO(r.out);
  CHECK(r.status == 0);
  CHECK(r.out.rfind("PASS   downloads::changed-row (", 0) == 0);
}

TEST_CASE("test: a failing case prints rows changed, missing and extra, and exits 1") {
  Repo repo;
  const auto r = run_huntq({"test", repo.path("hunts")});
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(r.out.rfind("FAIL   downloads::changed-row (", 0) == 0);
  CHECK(contains(r.out, "    " + repo.expected +
                            ": 1 row changed, 1 row missing, 1 row extra (rows compared as a "
                            "multiset: the hunt does not sort)\n"));
  CHECK(
      contains(r.out,
               "    changed (alike but for some cells):\n"
               "      expected.csv:3 → result row 1 (DeviceName=\"pc-1\", FileName=\"a.exe\", …)\n"
               "        FileOriginUrl: \"https://a.example/a.msi\" → \"https://a.example/a.exe\"\n"
               "    missing (expected, not in the result):\n"
               "      - expected.csv:4: pc-9,z.exe,https://z.example/z.exe\n"
               "    extra (in the result, not expected):\n"
               "      + result row 2: pc-2,b.exe,https://b.example/b.exe\n"));
  CHECK(contains(r.out, "huntq test: 1 failed ("));
}

TEST_CASE("test: a hunt that sorts is compared in order, one that does not as a multiset") {
  TempDir d;
  put(d.path(), "sorted.kql",
      "DeviceFileEvents | project DeviceName, FileName | sort by DeviceName asc");
  put(d.path(), "unsorted.kql", "DeviceFileEvents | project DeviceName, FileName");
  const std::string swapped =
      "DeviceName,FileName\npc-2,b.exe\npc-1,a.exe\npc-3,c.exe\npc-4,d.exe\n";
  for (const char* h : {"sorted", "unsorted"}) {
    put(d.path(), std::string(h) + ".tests/swapped/inputs/DeviceFileEvents.ndjson", kFileEvents);
    put(d.path(), std::string(h) + ".tests/swapped/expected.csv", swapped);
  }
  const auto r = run_huntq({"test", d.path().string()});
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(contains(r.out, "PASS   unsorted::swapped ("));
  CHECK(contains(r.out, "FAIL   sorted::swapped ("));
  CHECK(contains(r.out,
                 "expected.csv: the same rows in another order (rows compared in order: "
                 "the hunt sorts)\n"));
  CHECK(contains(r.out,
                 "    order (the same rows, but the hunt sorts, so order counts):\n"
                 "      row 1 expected: expected.csv:2: pc-2,b.exe\n"
                 "      row 1 got:      pc-1,a.exe\n"
                 "      row 2 expected: expected.csv:3: pc-1,a.exe\n"
                 "      row 2 got:      pc-2,b.exe\n"));
}

TEST_CASE("test: --update shows the diff, rewrites the expected file, and the case then passes") {
  Repo repo;
  const auto u = run_huntq({"test", "--update", repo.path("hunts")});
  INFO(u.out);
  CHECK(u.status == 0);
  CHECK(u.out.rfind("UPDATE downloads::changed-row (", 0) == 0);
  CHECK(contains(u.out, "      - expected.csv:4: pc-9,z.exe,https://z.example/z.exe\n"));
  CHECK(contains(u.out, "; wrote " + repo.expected));
  CHECK(contains(u.out, "huntq test: 1 updated ("));
  CHECK(slurp(repo.expected) == kDownloadsCsv);  // byte for byte what huntq run --format csv prints
  const auto again = run_huntq({"test", repo.path("hunts")});
  CHECK(again.status == 0);
  CHECK(contains(again.out, "PASS   downloads::changed-row ("));
}

TEST_CASE("test: --update rewrites expect_rows in place and writes expected.csv for a new case") {
  TempDir d;
  put(d.path(), "downloads.kql", kDownloads);
  put(d.path(), "downloads.tests/count/inputs/DeviceFileEvents.ndjson", kFileEvents);
  const auto case_yaml = put(d.path(), "downloads.tests/count/case.yaml",
                             "# how many downloads\nexpect_rows: 7  # keep this comment\n");
  put(d.path(), "downloads.tests/new/inputs/DeviceFileEvents.ndjson", kFileEvents);

  const auto before = run_huntq({"test", d.path().string()});
  INFO(before.out);
  CHECK(before.status == 2);  // `new` has nothing to compare with: an error, not a pass
  CHECK(contains(before.out, "expected 7 rows (" + case_yaml + ":2:14), got 3\n"));
  CHECK(contains(before.out, "      row 3: pc-3,c.exe,https://c.example/c.exe\n"));
  CHECK(contains(before.out, "ERROR  downloads::new\n"));
  CHECK(contains(before.out, "nothing to compare with"));

  const auto u = run_huntq({"test", "--update", d.path().string()});
  INFO(u.out);
  CHECK(u.status == 0);
  CHECK(slurp(case_yaml) == "# how many downloads\nexpect_rows: 3  # keep this comment\n");
  CHECK(slurp(d.path() / "downloads.tests/new/expected.csv") == kDownloadsCsv);
  CHECK(run_huntq({"test", d.path().string()}).status == 0);
}

TEST_CASE("test: -k picks cases by HUNT::CASE, as a substring or a glob") {
  Repo repo;
  put(repo.dir.path(), "hunts/downloads.tests/changed-row/expected.csv", kDownloadsCsv);
  put(repo.dir.path(), "hunts/downloads.tests/count/inputs/DeviceFileEvents.ndjson", kFileEvents);
  put(repo.dir.path(), "hunts/downloads.tests/count/case.yaml", "expect_rows: 4\n");  // fails
  const auto sub = run_huntq({"test", "-k", "changed", repo.path("hunts")});
  CHECK(sub.status == 0);
  CHECK(contains(sub.out, "huntq test: 1 passed, 1 deselected ("));
  const auto glob = run_huntq({"test", "-k", "downloads::c?unt", repo.path("hunts")});
  CHECK(glob.status == 1);
  CHECK(contains(glob.out, "FAIL   downloads::count ("));
  CHECK(contains(glob.out, "huntq test: 1 failed, 1 deselected ("));
  const auto none = run_huntq({"test", "-k", "nothing-like-it", repo.path("hunts")});
  CHECK(none.status == 2);
  CHECK(contains(none.out, "no case to run: -k deselected all 2"));
}

TEST_CASE("test: errors in case files point at their line, and exit 2") {
  TempDir d;
  put(d.path(), "downloads.kql", kDownloads);
  put(d.path(), "downloads.tests/typo/inputs/DeviceFileEvents.ndjson", kFileEvents);
  const auto typo = put(d.path(), "downloads.tests/typo/case.yaml",
                        "description: a typo in a key\n"
                        "now: 2024-03-12T00:00:00Z\n"
                        "expect_row: 3\n");
  const auto list = put(d.path(), "downloads.tests.yaml",
                        "tests:\n"
                        "  - name: ok\n"
                        "    inputs: [downloads.tests/typo/inputs]\n"
                        "    expect_rows: 3\n"
                        "  - name: bad-now\n"
                        "    inputs: [downloads.tests/typo/inputs]\n"
                        "    now: yesterday\n"
                        "    expect_rows: 3\n");
  const auto r = run_huntq({"test", d.path().string()});
  INFO(r.out);
  CHECK(r.status == 2);
  CHECK(contains(r.out, "ERROR  downloads::typo\n    " + typo + ":3:1: unknown key expect_row"));
  CHECK(contains(r.out, "PASS   downloads::ok ("));
  CHECK(contains(r.out, "ERROR  downloads::bad-now\n    " + list +
                            ":7:10: `now:` takes an ISO 8601 datetime"));
  CHECK(contains(r.out, "huntq test: 1 passed, 2 errors ("));
}

TEST_CASE("test: a hunt's own syntax error is reported at its line in the hunt's YAML") {
  TempDir d;
  const auto hunt = put(d.path(), "broken.yaml",
                        "name: broken\n"
                        "query: |\n"
                        "  DeviceFileEvents\n"
                        "  | where FileName ==\n");
  put(d.path(), "broken.tests/any/inputs/DeviceFileEvents.ndjson", kFileEvents);
  put(d.path(), "broken.tests/any/case.yaml", "expect_rows: 0\n");
  const auto r = run_huntq({"test", d.path().string()});
  INFO(r.out);
  CHECK(r.status == 2);
  // The query's end is on the line after its last one, at its indentation.
  CHECK(contains(r.out, "ERROR  broken::any\n    " + hunt +
                            ":5:3: expected an expression, found end of query\n"));
}

TEST_CASE("test: a hunt using ago() needs now:, which makes its result fixed") {
  TempDir d;
  put(d.path(), "recent.kql", "DeviceFileEvents | where Timestamp > ago(1d) | project FileName");
  const std::string events =
      R"({"Timestamp":"2024-03-12T00:00:00Z","FileName":"new.exe","FileOriginUrl":"u"})"
      "\n"
      R"({"Timestamp":"2024-03-10T00:00:00Z","FileName":"old.exe","FileOriginUrl":"u"})"
      "\n";
  put(d.path(), "recent.tests/no-now/inputs/DeviceFileEvents.ndjson", events);
  put(d.path(), "recent.tests/no-now/case.yaml", "expect_rows: 1\n");
  put(d.path(), "recent.tests/with-now/inputs/DeviceFileEvents.ndjson", events);
  put(d.path(), "recent.tests/with-now/case.yaml", "now: 2024-03-12T12:00:00Z\n");
  put(d.path(), "recent.tests/with-now/expected.csv", "FileName\nnew.exe\n");
  const auto r = run_huntq({"test", d.path().string()});
  INFO(r.out);
  CHECK(r.status == 2);
  CHECK(contains(r.out, "ERROR  recent::no-now\n"));
  CHECK(contains(r.out, "the hunt uses now() or ago(): give `now:`"));
  CHECK(contains(r.out, "PASS   recent::with-now ("));
}

TEST_CASE("test: an input named after a table is read as that table") {
  TempDir d;
  put(d.path(), "names.kql", "DeviceEvents | project DeviceName");
  // DeviceName and FileName are in five tables: the content alone does not tell which.
  const std::string rows = R"([{"DeviceName":"pc-1","FileName":"a.exe"}])";
  put(d.path(), "names.tests/named/inputs/DeviceEvents.json", rows);
  put(d.path(), "names.tests/named/case.yaml", "expect_rows: 1\n");
  put(d.path(), "names.tests/folder/inputs/DeviceEvents/part-1.json", rows);
  put(d.path(), "names.tests/folder/case.yaml", "expect_rows: 1\n");
  put(d.path(), "names.tests/unnamed/inputs/export.json", rows);
  put(d.path(), "names.tests/unnamed/case.yaml", "expect_rows: 1\n");
  const auto r = run_huntq({"test", d.path().string()});
  INFO(r.out);
  CHECK(contains(r.out, "PASS   names::named ("));
  CHECK(contains(r.out, "PASS   names::folder ("));
  CHECK(contains(r.out,
                 "ERROR  names::unnamed\n    no input files: all 1 paths found were skipped ("));
  CHECK(contains(r.out, "export.json"));  // the skipped path and why
  CHECK(contains(r.out, ") (a sample named after its table, such as DeviceEvents.ndjson"));
  // Named in `inputs:` as TABLE=PATH, the same file reads.
  put(d.path(), "names.tests/unnamed/case.yaml",
      "expect_rows: 1\ninputs: [DeviceEvents=inputs/export.json]\n");
  const auto fixed = run_huntq({"test", "-k", "unnamed", d.path().string()});
  INFO(fixed.out);
  CHECK(fixed.status == 0);
  CHECK(contains(fixed.out, "PASS   names::unnamed ("));
}

TEST_CASE("test: a symbolic link loop is walked once, and said so") {
  Repo repo;
  put(repo.dir.path(), "hunts/downloads.tests/changed-row/expected.csv", kDownloadsCsv);
  fs::create_directory_symlink("..", repo.dir.path() / "hunts" / "up");
  const auto r = run_huntq({"test", repo.path("hunts")});
  INFO(r.out + r.err);
  CHECK(r.status == 0);
  CHECK(contains(r.err, "/hunts/up/hunts: walked already"));
  CHECK(contains(r.out, "huntq test: 1 passed ("));
}

TEST_CASE("test: hostile cells are shown escaped in the diff") {
  TempDir d;
  put(d.path(), "h.kql", "DeviceFileEvents | project FileName");
  put(d.path(), "h.tests/esc/inputs/DeviceFileEvents.ndjson",
      R"({"FileName":"a\u001b]0;owned\u0007.exe","FileOriginUrl":"u"})"
      "\n");
  put(d.path(), "h.tests/esc/expected.csv", "FileName\nb.exe\n");
  const auto r = run_huntq({"test", d.path().string()});
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find('\x07') == std::string::npos);
  CHECK(contains(r.out, "+ result row 1: a\u27e8ESC\u27e9]0;owned\u27e8BEL\u27e9.exe\n"));
}

namespace {

// What the JUnit formats require, from Ant's JUnit schema (the stricter: every testsuite's
// name, tests, failures, errors, time, timestamp, hostname, id and package; properties,
// system-out and system-err; each testcase's name, classname and time; a failure's or error's
// type) and Jenkins' junit-10.xsd (testsuites holding testsuite elements).
const char* kJunitXsd = R"(<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:complexType name="problem">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:attribute name="message" type="xs:string"/>
        <xs:attribute name="type" type="xs:string" use="required"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:complexType name="case">
    <xs:sequence>
      <xs:choice minOccurs="0">
        <xs:element name="failure" type="problem"/>
        <xs:element name="error" type="problem"/>
      </xs:choice>
      <xs:element name="system-out" type="xs:string" minOccurs="0"/>
      <xs:element name="system-err" type="xs:string" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="name" type="xs:string" use="required"/>
    <xs:attribute name="classname" type="xs:string" use="required"/>
    <xs:attribute name="time" type="xs:decimal" use="required"/>
    <xs:attribute name="file" type="xs:string"/>
  </xs:complexType>
  <xs:complexType name="suite">
    <xs:sequence>
      <xs:element name="properties">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="property" minOccurs="0" maxOccurs="unbounded">
              <xs:complexType>
                <xs:attribute name="name" type="xs:string" use="required"/>
                <xs:attribute name="value" type="xs:string" use="required"/>
              </xs:complexType>
            </xs:element>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="testcase" type="case" minOccurs="0" maxOccurs="unbounded"/>
      <xs:element name="system-out" type="xs:string"/>
      <xs:element name="system-err" type="xs:string"/>
    </xs:sequence>
    <xs:attribute name="name" use="required">
      <xs:simpleType><xs:restriction base="xs:string"><xs:minLength value="1"/></xs:restriction></xs:simpleType>
    </xs:attribute>
    <xs:attribute name="package" type="xs:string" use="required"/>
    <xs:attribute name="id" type="xs:int" use="required"/>
    <xs:attribute name="tests" type="xs:nonNegativeInteger" use="required"/>
    <xs:attribute name="failures" type="xs:nonNegativeInteger" use="required"/>
    <xs:attribute name="errors" type="xs:nonNegativeInteger" use="required"/>
    <xs:attribute name="skipped" type="xs:nonNegativeInteger"/>
    <xs:attribute name="time" type="xs:decimal" use="required"/>
    <xs:attribute name="timestamp" use="required">
      <xs:simpleType>
        <xs:restriction base="xs:dateTime">
          <xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"/>
        </xs:restriction>
      </xs:simpleType>
    </xs:attribute>
    <xs:attribute name="hostname" use="required">
      <xs:simpleType><xs:restriction base="xs:token"><xs:minLength value="1"/></xs:restriction></xs:simpleType>
    </xs:attribute>
  </xs:complexType>
  <xs:element name="testsuites">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="testsuite" type="suite" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:attribute name="name" type="xs:string"/>
      <xs:attribute name="tests" type="xs:nonNegativeInteger" use="required"/>
      <xs:attribute name="failures" type="xs:nonNegativeInteger" use="required"/>
      <xs:attribute name="errors" type="xs:nonNegativeInteger" use="required"/>
      <xs:attribute name="skipped" type="xs:nonNegativeInteger"/>
      <xs:attribute name="time" type="xs:decimal" use="required"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
)";

// xmllint's status validating `xml` against kJunitXsd, or -1 when xmllint is not installed.
int validate_junit(const TempDir& d, const std::string& xml) {
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) return -1;
  const auto xsd = d.write("junit.xsd", kJunitXsd);
  const auto file = d.write("candidate.xml", xml);
  const int raw = std::system(
      ("xmllint --noout --schema " + shell_quote(xsd) + " " + shell_quote(file) + " 2>/dev/null")
          .c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

}  // namespace

TEST_CASE("test: --junit writes JUnit XML with a suite per hunt, valid against the schema") {
  Repo repo;
  // A passing case whose name needs escaping, a failing one, and one that cannot run.
  put(repo.dir.path(), "hunts/downloads.tests/a<b&\"c\"/inputs/DeviceFileEvents.ndjson",
      kFileEvents);
  put(repo.dir.path(), "hunts/downloads.tests/a<b&\"c\"/expected.csv", kDownloadsCsv);
  put(repo.dir.path(), "hunts/downloads.tests/no-inputs/case.yaml", "expect_rows: 1\n");
  const std::string report = repo.path("report.xml");
  const auto r = run_huntq({"test", "--junit", report, repo.path("hunts")});
  INFO(r.out);
  CHECK(r.status == 2);
  const std::string xml = slurp(report);
  INFO(xml);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"huntq test\" "
                  "tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\" time=\"",
                  0) == 0);
  CHECK(contains(xml,
                 "<testsuite name=\"downloads\" package=\"downloads\" id=\"0\" tests=\"3\" "
                 "failures=\"1\" errors=\"1\" skipped=\"0\" time=\""));
  CHECK(
      contains(xml, "<testcase name=\"a&lt;b&amp;&quot;c&quot;\" classname=\"downloads\" time=\""));
  CHECK(contains(xml, "<failure message=\"" + repo.expected +
                          ": 1 row changed, 1 row missing, 1 row extra (rows compared as a "
                          "multiset: the hunt does not sort)\" type=\"RowsDiffer\">"));
  CHECK(contains(xml,
                 "FileOriginUrl: &quot;https://a.example/a.msi&quot; → "
                 "&quot;https://a.example/a.exe&quot;"));
  CHECK(contains(xml, "<error message=\""));
  CHECK(contains(xml, "no inputs: give an inputs/ folder"));

  const int valid = validate_junit(repo.dir, xml);
  if (valid < 0) {
    WARN("xmllint is not installed (Debian: libxml2-utils): the schema check is skipped");
    return;
  }
  CHECK(valid == 0);
  // The schema can fail: a testcase without classname is refused.
  std::string broken = xml;
  for (auto at = broken.find(" classname=\""); at != std::string::npos;
       at = broken.find(" classname=\""))
    broken.erase(at, broken.find('"', at + 12) + 1 - at);
  CHECK(validate_junit(repo.dir, broken) != 0);
}
