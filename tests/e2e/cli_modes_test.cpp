// `huntq run` modes for people and for CI: -q, --summary json, the progress meter (under a
// pseudo-terminal, and never without one), and the --since/--until time window.
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "../../src/cli/progress_meter.h"
#include "run_binary.h"
#include "run_in_pty.h"

using namespace huntq::testing;

namespace {

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Five DeviceEvents rows around 2024-03-12T10:00:00Z; d4 is one tick before it, d5 exactly on it.
const char* kTimedEvents =
    "{\"Timestamp\":\"2024-03-10T00:00:00Z\",\"DeviceName\":\"d1\",\"ActionType\":\"A\"}\n"
    "{\"Timestamp\":\"2024-03-11T00:00:00Z\",\"DeviceName\":\"d2\",\"ActionType\":\"A\"}\n"
    "{\"Timestamp\":\"2024-03-12T00:00:00Z\",\"DeviceName\":\"d3\",\"ActionType\":\"A\"}\n"
    "{\"Timestamp\":\"2024-03-12T09:59:59.9999999Z\",\"DeviceName\":\"d4\",\"ActionType\":\"A\"}\n"
    "{\"Timestamp\":\"2024-03-12T10:00:00Z\",\"DeviceName\":\"d5\",\"ActionType\":\"A\"}\n";

struct Events {
  TempDir dir;
  std::string path = dir.write("events.json", kTimedEvents);
  std::vector<std::string> args(const std::string& query) const {
    return {"run", "-f", "csv", "--query", query, "--table", "DeviceEvents=" + path};
  }
};

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

// ---- -q / --quiet ----------------------------------------------------------------------------

TEST_CASE("quiet: the same rows and status, nothing on stderr") {
  Events e;
  const auto loud = run_huntq(e.args("DeviceEvents | project DeviceName"));
  const auto quiet = run_huntq(with(e.args("DeviceEvents | project DeviceName"), {"-q"}));
  REQUIRE(loud.status == 0);
  CHECK(loud.err.find("huntq: summary of") != std::string::npos);
  CHECK(quiet.status == 0);
  CHECK(quiet.out == loud.out);
  CHECK(quiet.out == "DeviceName\r\nd1\r\nd2\r\nd3\r\nd4\r\nd5\r\n");
  CHECK(quiet.err.empty());
  const auto long_form = run_huntq(with(e.args("DeviceEvents | project DeviceName"), {"--quiet"}));
  CHECK(long_form.err.empty());
}

TEST_CASE("quiet: a folder's skipped files are still warned about, one line each") {
  // samples/ holds README.md, exclusions.yaml and make_samples.py besides the two exports.
  const auto r = run_huntq({"run", "-q", "-f", "csv", "samples"});
  CHECK(r.status == 0);
  std::size_t lines = 0;
  for (std::size_t p = 0; p < r.err.size(); p = r.err.find('\n', p) + 1) {
    CHECK(r.err.compare(p, 16, "huntq: warning: ") == 0);
    ++lines;
  }
  CHECK(lines == 3);
}

TEST_CASE("quiet: notes go, warnings and errors stay") {
  Events e;
  // `render` is a client hint, ignored with a note.
  const auto note = run_huntq(e.args("DeviceEvents | count | render table"));
  CHECK(note.err.find("huntq: note: ") != std::string::npos);
  const auto no_note = run_huntq(with(e.args("DeviceEvents | count | render table"), {"-q"}));
  CHECK(no_note.status == 0);
  CHECK(no_note.err.empty());
  // Nothing within a day of 2030: the now() warning is a warning, and -q keeps it.
  const auto warn = run_huntq(with(e.args("DeviceEvents | where Timestamp > ago(1d)"),
                                   {"-q", "--now", "2030-01-01T00:00:00Z"}));
  CHECK(warn.status == 1);
  CHECK(warn.err.find("huntq: warning: no rows") != std::string::npos);
  CHECK(warn.err.find("summary") == std::string::npos);
  const auto error = run_huntq(with(e.args("DeviceEvents | where"), {"-q"}));
  CHECK(error.status == 2);
  CHECK(error.err.find("huntq: error: ") != std::string::npos);
}

// ---- --summary json --------------------------------------------------------------------------

TEST_CASE("summary json: one object, the text summary's counts") {
  TempDir dir;
  // Four records: two A, one B, one broken.
  const auto path = dir.write("de.json",
                              "{\"DeviceName\":\"d1\",\"ActionType\":\"A\"}\n"
                              "{\"DeviceName\":\"d2\",\"ActionType\":\"B\"}\n"
                              "{not json\n"
                              "{\"DeviceName\":\"d3\",\"ActionType\":\"A\"}\n");
  const std::vector<std::string> args{
      "run",     "-f",
      "csv",     "--no-prefilter",
      "--query", "DeviceEvents | where ActionType == 'A' | project DeviceName",
      "--table", "DeviceEvents=" + path};
  const auto text = run_huntq(args);
  const auto json = run_huntq(with(args, {"--summary", "json"}));
  REQUIRE(text.status == 0);
  REQUIRE(json.status == 0);
  CHECK(json.out == text.out);
  INFO(text.err);
  INFO(json.err);
  CHECK(text.err.find("DeviceEvents: 4 records, 1 malformed skipped") != std::string::npos);
  CHECK(text.err.find("rows     DeviceEvents: 4\n") != std::string::npos);
  CHECK(text.err.find("matched  2 rows") != std::string::npos);
  CHECK(text.err.find("printed  2 rows") != std::string::npos);
  // One line, and nothing else on stderr.
  REQUIRE(json.err.back() == '\n');
  CHECK(count_of(json.err, "\n") == 1);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(json.err).get(doc) == simdjson::SUCCESS);
  CHECK(std::string_view(doc["hunt"].get_string().value()) == "--query");
  CHECK(doc["now"].is_null());
  CHECK(doc["window"].is_null());
  const auto files = doc["files"].get_array().value();
  REQUIRE(files.size() == 1);
  const auto f = files.at(0).value();
  CHECK(std::string_view(f["name"].get_string().value()) == path);
  CHECK(std::string_view(f["table"].get_string().value()) == "DeviceEvents");
  CHECK(f["read"].get_bool().value());
  CHECK(f["records"].get_uint64().value() == 4);
  CHECK(f["malformed"].get_uint64().value() == 1);
  CHECK(f["prefiltered"].get_uint64().value() == 0);
  CHECK(f["skipped"].get_array().value().size() == 1);
  CHECK(doc["rows"]["DeviceEvents"].get_uint64().value() == 4);
  CHECK(doc["matched"].get_uint64().value() == 2);
  CHECK(doc["printed"].get_uint64().value() == 2);
  CHECK(doc["withheld"].get_uint64().value() == 0);
  CHECK(doc["excluded"].get_array().value().size() == 0);
  CHECK_FALSE(doc["printed_excluded"].get_bool().value());
}

TEST_CASE("summary json: exclusion counts and an unknown matched count") {
  // samples/README.md: the flagship hunt matches 19 sample rows; the sample rules remove rows.
  const auto text = run_huntq({"run", "-f", "csv", "-x", "samples/exclusions.yaml", "samples"});
  const auto json = run_huntq(
      {"run", "-f", "csv", "-x", "samples/exclusions.yaml", "--summary", "json", "samples"});
  REQUIRE(text.status == 0);
  REQUIRE(json.status == 0);
  const auto line_start = json.err.rfind('{', json.err.find("\"hunt\""));
  REQUIRE(line_start != std::string::npos);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(json.err.substr(line_start)).get(doc) == simdjson::SUCCESS);
  CHECK(doc["matched"].get_uint64().value() == 19);
  CHECK(text.err.find("matched  19 rows") != std::string::npos);
  std::uint64_t removed = 0;
  const simdjson::dom::array excluded = doc["excluded"].get_array();
  for (simdjson::dom::element r : excluded) {
    const std::string id(std::string_view(r["rule"].get_string()));
    const std::uint64_t n = r["rows"].get_uint64();
    removed += n;
    CHECK(text.err.find("excluded " + std::to_string(n) + " by rule " + id) != std::string::npos);
  }
  CHECK(doc["printed"].get_uint64().value() == 19 - removed);
  // --then makes the matched count unknown: null, as the text leaves its line out.
  const auto then =
      run_huntq({"run", "-f", "csv", "--then", "count", "--summary", "json", "samples"});
  CHECK(then.err.find("\"matched\":null") != std::string::npos);
}

TEST_CASE("summary: -q with --summary, and bad values, are usage errors") {
  Events e;
  const auto both = run_huntq(with(e.args("DeviceEvents"), {"-q", "--summary", "json"}));
  CHECK(both.status == 2);
  CHECK(both.err.find("give -q or --summary json, not both") != std::string::npos);
  const auto bad = run_huntq(with(e.args("DeviceEvents"), {"--summary", "xml"}));
  CHECK(bad.status == 2);
  CHECK(bad.err.find("--summary: 'xml' is not one of text, json") != std::string::npos);
  const auto upper = run_huntq(with(e.args("DeviceEvents | count"), {"--summary", "JSON"}));
  CHECK(upper.status == 0);
  CHECK(upper.err.find("{\"hunt\":") == 0);
}

// ---- progress meter ----------------------------------------------------------------------------

TEST_CASE("progress line: bytes of total, rate, time left, never wider than the terminal") {
  using huntq::cli::progress_line;
  // 1.2 GiB of 10 GiB in 4 s: 307.2 MiB/s; 9448928051 bytes left / 322122547.25 B/s = 29.3 s.
  CHECK(progress_line(1288490189, 10737418240ull, 4.0, 200) ==
        "huntq: 1.2 GiB of 10.0 GiB (12%), 307.2 MiB/s, 30s left");
  // 1000000 bytes = 976.6 KiB; 999000 bytes left at 1000 B/s = 999 s.
  CHECK(progress_line(1000, 1000000, 1.0, 200) ==
        "huntq: 1000 bytes of 976.6 KiB (0%), 1000 bytes/s, 16m39s left");
  CHECK(progress_line(1, 10001, 1.0, 200) ==
        "huntq: 1 bytes of 9.8 KiB (0%), 1 bytes/s, 2h46m left");
  CHECK(progress_line(0, 1000000, 0.0, 200) == "huntq: 0 bytes of 976.6 KiB (0%)");
  // Past the total (a file read twice): bytes and rate only.
  CHECK(progress_line(2000, 1000, 2.0, 200) == "huntq: 2.0 KiB, 1000 bytes/s");
  CHECK(progress_line(1288490189, 10737418240ull, 4.0, 20) == "huntq: 1.2 GiB of 1");
  // 1073700000 bytes = 1023.96 MiB: one decimal would make it 1024.0 MiB.
  CHECK(huntq::cli::human_bytes(1073700000) == "1.0 GiB");
  CHECK(huntq::cli::human_bytes(1023) == "1023 bytes");
  CHECK(huntq::cli::human_bytes(1024) == "1.0 KiB");
}

TEST_CASE("progress: drawn on a terminal, erased before the summary") {
  Events e;
  const auto size = std::filesystem::file_size(e.path);
  REQUIRE(size < 512);
  const auto start = std::chrono::steady_clock::now();
  const auto r = run_huntq_in_pty(
      with(e.args("DeviceEvents | project DeviceName"), {"--progress-after-ms", "0"}), false);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(r.terminal);
  REQUIRE(r.status == 0);
  CHECK(r.out == "DeviceName\r\nd1\r\nd2\r\nd3\r\nd4\r\nd5\r\n");
  // The first line is drawn before any byte is read.
  const std::string first = "\rhuntq: 0 bytes of " + std::to_string(size) + " bytes (0%)\x1b[K";
  CHECK(r.terminal.find(first) == 0);
  const auto erase = r.terminal.find("\r\x1b[Khuntq: summary of");
  CHECK(erase != std::string::npos);
  CHECK(r.terminal.rfind("\x1b[K") == erase + 1);
  // At most ten draws a second (and the first), each within the 100 columns.
  const std::size_t draws = count_of(r.terminal, "\x1b[K") - 1;
  CHECK(draws >= 1);
  CHECK(draws <= 2 + static_cast<std::size_t>(seconds * 10));
  for (auto p = r.terminal.find('\r'); p != std::string::npos && p < erase;
       p = r.terminal.find('\r', p + 1)) {
    const auto end = r.terminal.find("\x1b[K", p);
    CHECK(end - p - 1 <= 99);
  }
}

TEST_CASE("progress: the total is what the scans read, a file read twice counted twice") {
  Events e;
  const auto size = std::filesystem::file_size(e.path);
  const auto r = run_huntq_in_pty(
      with(e.args("DeviceEvents | join kind=inner (DeviceEvents | project DeviceName) on "
                  "DeviceName | count"),
           {"--progress-after-ms", "0"}),
      false);
  INFO(r.terminal);
  CHECK(r.terminal.find("\rhuntq: 0 bytes of " + std::to_string(2 * size) + " bytes (0%)") == 0);
}

TEST_CASE("progress: never with -q, never without a terminal, not for a short run") {
  Events e;
  const auto args = with(e.args("DeviceEvents | project DeviceName"), {"--progress-after-ms", "0"});
  const auto quiet = run_huntq_in_pty(with(args, {"-q"}), false);
  CHECK(quiet.status == 0);
  CHECK(quiet.terminal.empty());
  const auto piped = run_huntq(args);
  CHECK(piped.status == 0);
  CHECK(piped.err.find('\r') == std::string::npos);
  CHECK(piped.err.find("\x1b[K") == std::string::npos);
  CHECK(piped.err.find("huntq: summary of") == 0);
  // The default waits a second: a run of five rows ends before it.
  const auto quick = run_huntq_in_pty(e.args("DeviceEvents | project DeviceName"), false);
  CHECK(quick.status == 0);
  CHECK(quick.terminal.find("\x1b[K") == std::string::npos);
  CHECK(quick.terminal.find("huntq: summary of") == 0);
}

TEST_CASE("progress: rows streamed to the same terminal come after the meter is erased") {
  Events e;
  const auto r = run_huntq_in_pty(
      with(e.args("DeviceEvents | project DeviceName"), {"--progress-after-ms", "0"}), true);
  INFO(r.terminal);
  REQUIRE(r.status == 0);
  const auto erased = r.terminal.find("\r\x1b[K");
  const auto rows = r.terminal.find("DeviceName\r\n");
  REQUIRE(erased != std::string::npos);
  REQUIRE(rows != std::string::npos);
  CHECK(erased < rows);
  CHECK(r.terminal.find("\x1b[K", erased + 4) == std::string::npos);
}

// ---- --since / --until -----------------------------------------------------------------------

TEST_CASE("window: since inclusive, until exclusive, dates, datetimes and zones") {
  Events e;
  const auto q = e.args("DeviceEvents | project DeviceName");
  const auto r = run_huntq(with(q, {"--since", "2024-03-11", "--until", "2024-03-12T10:00:00Z"}));
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "DeviceName\r\nd2\r\nd3\r\nd4\r\n");
  CHECK(r.err.find("window   2024-03-11T00:00:00Z <= Timestamp < 2024-03-12T10:00:00Z\n") !=
        std::string::npos);
  // 11:00 at UTC+01:00 is 10:00Z: d5 only.
  const auto zoned = run_huntq(with(q, {"--since", "2024-03-12T11:00:00+01:00"}));
  CHECK(zoned.out == "DeviceName\r\nd5\r\n");
  CHECK(zoned.err.find("window   2024-03-12T10:00:00Z <= Timestamp\n") != std::string::npos);
  const auto none = run_huntq(with(q, {"--until", "2024-03-10"}));
  CHECK(none.status == 1);
  CHECK(none.out == "DeviceName\r\n");
}

TEST_CASE("window: durations count back from --now") {
  Events e;
  const auto q =
      with(e.args("DeviceEvents | project DeviceName"), {"--now", "2024-03-12T10:00:00Z"});
  // since 2024-03-10T10:00:00Z
  CHECK(run_huntq(with(q, {"--since", "2d"})).out == "DeviceName\r\nd2\r\nd3\r\nd4\r\nd5\r\n");
  // until 2024-03-11T10:00:00Z
  CHECK(run_huntq(with(q, {"--until", "1d"})).out == "DeviceName\r\nd1\r\nd2\r\n");
  // since 2024-03-12T00:00:00Z, until 2024-03-12T09:59:59Z
  const auto r = run_huntq(with(q, {"--since", "10h", "--until", "1s"}));
  CHECK(r.out == "DeviceName\r\nd3\r\n");
  CHECK(r.err.find("window   2024-03-12T00:00:00Z <= Timestamp < 2024-03-12T09:59:59Z") !=
        std::string::npos);
  CHECK(run_huntq(with(q, {"--since", "1.5h"})).out == "DeviceName\r\nd4\r\nd5\r\n");
}

TEST_CASE("window: every scan, in joins, subqueries and materialize") {
  Events e;
  const std::vector<std::string> w{"--since", "2024-03-11", "--until", "2024-03-12T10:00:00Z"};
  CHECK(run_huntq(with(e.args("print n = toscalar(DeviceEvents | count)"), w)).out == "n\r\n3\r\n");
  CHECK(run_huntq(with(e.args("DeviceEvents | where DeviceName in (DeviceEvents | project "
                              "DeviceName) | count"),
                       w))
            .out == "Count\r\n3\r\n");
  CHECK(run_huntq(with(e.args("DeviceEvents | project DeviceName | join kind=leftouter "
                              "(DeviceEvents | project DeviceName, Seen = 1) on DeviceName | "
                              "project DeviceName, Seen"),
                       w))
            .out == "DeviceName,Seen\r\nd2,1\r\nd3,1\r\nd4,1\r\n");
  CHECK(run_huntq(with(e.args("let m = materialize(DeviceEvents); m | union m | count"), w)).out ==
        "Count\r\n6\r\n");
  const auto plan = run_huntq(
      with(e.args("DeviceEvents | project DeviceName"), {"--explain", "--since", "2024-03-11"}));
  INFO(plan.out);
  CHECK(plan.out.find("Timestamp >= datetime(2024-03-11") != std::string::npos);
}

TEST_CASE("window: a table without Timestamp is left unfiltered, with a note") {
  TempDir dir;
  const auto tvm = dir.write("tvm.json",
                             "{\"DeviceId\":\"1\",\"DeviceName\":\"a\",\"CveId\":\"CVE-1\"}\n"
                             "{\"DeviceId\":\"2\",\"DeviceName\":\"b\",\"CveId\":\"CVE-2\"}\n");
  const auto r =
      run_huntq({"run", "-f", "csv", "--query", "DeviceTvmSoftwareVulnerabilities | count",
                 "--table", "DeviceTvmSoftwareVulnerabilities=" + tvm, "--since", "1d"});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "Count\r\n2\r\n");
  CHECK(r.err.find("huntq: note: --since/--until: DeviceTvmSoftwareVulnerabilities has no "
                   "Timestamp column, so its rows are not filtered by time") != std::string::npos);
  CHECK(r.err.find("window   not applied to DeviceTvmSoftwareVulnerabilities") !=
        std::string::npos);
  const auto json = run_huntq({"run", "-f", "csv", "--query", "DeviceTvmSoftwareVulnerabilities",
                               "--table", "DeviceTvmSoftwareVulnerabilities=" + tvm, "--until",
                               "2024-01-01", "--summary", "json"});
  CHECK(json.err.find("\"window\":{\"column\":\"Timestamp\",\"since\":null,\"until\":"
                      "\"2024-01-01T00:00:00Z\",\"unfiltered_tables\":["
                      "\"DeviceTvmSoftwareVulnerabilities\"]}") != std::string::npos);
}

TEST_CASE("window: a Timestamp read as text is compared as a datetime") {
  TempDir dir;
  // A table outside the 27, with no declared types: every column is a string.
  const auto logs = dir.write("logs.json",
                              "{\"Timestamp\":\"2024-03-11T00:00:00Z\",\"x\":\"in\"}\n"
                              "{\"Timestamp\":\"2024-03-09T00:00:00Z\",\"x\":\"before\"}\n"
                              "{\"Timestamp\":\"not a time\",\"x\":\"unreadable\"}\n");
  const auto r = run_huntq({"run", "-f", "csv", "--query", "MyLogs | project x", "--table",
                            "MyLogs=" + logs, "--since", "2024-03-10"});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "x\r\nin\r\n");
}

TEST_CASE("window: bad bounds are usage errors") {
  Events e;
  const auto q = e.args("DeviceEvents");
  const auto word = run_huntq(with(q, {"--since", "yesterday"}));
  CHECK(word.status == 2);
  CHECK(word.err.find("huntq: error: --since takes an ISO 8601 date or datetime") !=
        std::string::npos);
  const auto bare = run_huntq(with(q, {"--until", "5"}));
  CHECK(bare.status == 2);
  CHECK(bare.err.find("--until takes an ISO 8601 date") != std::string::npos);
  const auto negative = run_huntq(with(q, {"--since=-1d"}));
  CHECK(negative.status == 2);
  CHECK(negative.err.find("so a positive one") != std::string::npos);
  const auto empty = run_huntq(with(q, {"--since", "2024-03-12", "--until", "2024-03-12"}));
  CHECK(empty.status == 2);
  CHECK(empty.err.find("the time window is empty") != std::string::npos);
  const auto emit = run_huntq({"run", "--emit-kql", "--since", "7d", "samples"});
  CHECK(emit.status == 2);
  CHECK(emit.err.find("--emit-kql") != std::string::npos);
}
