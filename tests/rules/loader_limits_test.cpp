// Hostile rule files: each limit of the loader, fed input past it, fails with a clear message
// while memory stays small. Each load runs in a forked child with a cap on its address space
// (not under AddressSanitizer, which reserves terabytes of it) and reports how much its peak
// resident memory grew, so that a loader that blows up kills the child, not the test run.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <cstring>
#include <string>

#include "rules_test_support.h"

using huntq::rules::RuleLimits;
using huntq::rules::RuleSet;
using huntq::rules::testing::kColumns;
using huntq::rules::testing::kToday;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAsan = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAsan = true;
#else
constexpr bool kAsan = false;
#endif
#else
constexpr bool kAsan = false;
#endif

struct Outcome {
  bool exited = false;  ///< the child ran to its end (no crash, no kill)
  std::string error;    ///< what() of the huntq::Error, or "" when the load succeeded
  long grown_kb = 0;    ///< growth of the child's peak resident memory during the load
};

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/// Loads `yaml` in a child process limited to 1 GiB of address space and 60 seconds.
Outcome load_isolated(const std::string& yaml, RuleLimits limits = {}) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    if (!kAsan) {
      const rlimit cap{rlim_t{1} << 30, rlim_t{1} << 30};
      setrlimit(RLIMIT_AS, &cap);
    }
    alarm(60);
    std::string error;
    const long before = peak_rss_kb();
    try {
      RuleSet set(limits);
      set.load_text(yaml, "rules.yaml", kColumns, kToday);
    } catch (const huntq::Error& e) {
      error = e.what();
    }
    const std::string report = std::to_string(peak_rss_kb() - before) + "\n" + error;
    const ssize_t ignored = write(fds[1], report.data(), report.size());
    (void)ignored;
    _exit(0);
  }
  close(fds[1]);
  std::string report;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) report.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  Outcome out;
  out.exited = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  const auto nl = report.find('\n');
  if (nl != std::string::npos) {
    out.grown_kb = std::stol(report.substr(0, nl));
    out.error = report.substr(nl + 1);
  }
  return out;
}

// Peak memory a refused file may add: the text itself (a few MiB) and the parser's work. ASan
// keeps freed memory in quarantine (256 MiB by default) and pads every block, so there the bound
// only catches runaways; the release build, which CI also runs, checks the real one.
constexpr long kSmallKb = (kAsan ? 8 : 1) * 64 * 1024;

void require_refused(const std::string& yaml, const std::string& expected_start,
                     RuleLimits limits = {}) {
  const Outcome o = load_isolated(yaml, limits);
  INFO("error: " << o.error << "\npeak memory grew by " << o.grown_kb << " KiB");
  REQUIRE(o.exited);
  CHECK(o.error.starts_with(expected_start));
  CHECK(o.grown_kb < kSmallKb);
}

std::string rule(const std::string& id) {
  return "id: " + id + "\ntitle: t\nexclude:\n  s:\n    FileName: a\n";
}

}  // namespace

TEST_CASE("the one-byte file ',' is a syntax error, not a runaway", "[rules][limits]") {
  // yaml-cpp 0.7 allocates without bound on this input (4 GB in seconds).
  require_refused(",", "rules.yaml:1:1: YAML syntax error: did not find expected node content");
}

TEST_CASE("a file past the size limit is refused before parsing", "[rules][limits]") {
  std::string big = rule("r");
  while (big.size() <= (std::size_t{4} << 20)) big += "# padding padding padding padding\n";
  require_refused(big,
                  "rules.yaml: the file is larger than the 4194304 bytes a rule file may hold");
}

TEST_CASE("nesting past the depth limit is refused", "[rules][limits]") {
  // The rule's mapping and 32 lists in it: 33 levels, one past the limit, found on the parser's
  // events at the 32nd '['.
  const std::string flow =
      "id: r\ntitle: t\nexclude: " + std::string(32, '[') + std::string(32, ']') + "\n";
  require_refused(flow, "rules.yaml:3:41: mappings and lists nest more than 32 levels deep");
  const std::string ok =
      "id: r\ntitle: t\nexclude: " + std::string(31, '[') + std::string(31, ']') + "\n";
  CHECK(load_isolated(ok).error.find("nest more than") == std::string::npos);
  std::string block = "id: r\ntitle: t\nexclude:\n";
  for (int i = 0; i < 40; ++i) {
    block += std::string(2 * i + 2, ' ') + "k" + std::to_string(i) + ":\n";
  }
  require_refused(block, "rules.yaml:");
  CHECK(load_isolated(block).error.find("nest more than 32 levels deep") != std::string::npos);
  // 100,000 '[': refused before libfyaml reads ahead through all of them (1.4 GB for 4 MB).
  const std::string deep = "id: r\ntitle: t\nexclude: " + std::string(100000, '[') + "\n";
  require_refused(deep, "rules.yaml:3:1010: more than 1000 '[' and '{' are open at once");
  const std::string mixed = "a: " + std::string(2000000, '{') + std::string(2000000, '[');
  require_refused(mixed, "rules.yaml:1:1004: more than 1000 '[' and '{' are open at once");
}

TEST_CASE("aliases that multiply one string ('billion laughs') are refused", "[rules][limits]") {
  // One 10 KB string, each level four times the one before: 10 KB * 4^9 = 2.6 GB expanded.
  std::string yaml = "a: &a ['" + std::string(10000, 'x') + "']\n";
  std::string previous = "a";
  for (char level = 'b'; level <= 'j'; ++level) {
    yaml += std::string(1, level) + ": &" + level + " [*" + previous + ", *" + previous + ", *" +
            previous + ", *" + previous + "]\n";
    previous = std::string(1, level);
  }
  // Level g holds 4^5 copies (40 MB), past the 16 MiB of text; line 7, where its first alias is.
  require_refused(yaml, "rules.yaml:7:");
  CHECK(load_isolated(yaml).error.find("this alias expands the file past 16777216 bytes of text") !=
        std::string::npos);
}

TEST_CASE("aliases that multiply nodes are refused", "[rules][limits]") {
  // Ten times more nodes at each level: level f stands for 10^5 lists of 10 values.
  std::string yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string previous = "a";
  for (char level = 'b'; level <= 'h'; ++level) {
    yaml += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 10; ++i) yaml += (i ? ", *" : "*") + previous;
    yaml += "]\n";
    previous = std::string(1, level);
  }
  require_refused(yaml, "rules.yaml:6:");
  CHECK(load_isolated(yaml).error.find("this alias expands the file past 200000 YAML nodes") !=
        std::string::npos);
}

TEST_CASE("a file past the node limit is refused", "[rules][limits]") {
  std::string yaml = "id: r\ntitle: t\nexclude:\n  s:\n    FileName: [";
  for (int i = 0; i < 200001; ++i) yaml += "x,";
  yaml += "x]\n";
  require_refused(yaml, "rules.yaml:5:");
  CHECK(load_isolated(yaml).error.find("holds more than 200000 YAML nodes") != std::string::npos);
}

TEST_CASE("more rules than the limit are refused", "[rules][limits]") {
  std::string yaml;
  for (int i = 0; i <= 10000; ++i) yaml += rule("r" + std::to_string(i)) + "---\n";
  // Rule 10001 starts on line 6 * 10000 + 1.
  require_refused(yaml, "rules.yaml:60001: more than 10000 exclusion rules");
  RuleLimits three;
  three.max_rules = 3;
  require_refused(rule("a") + "---\n" + rule("b") + "---\n" + rule("c") + "---\n" + rule("d"),
                  "rules.yaml:19: more than 3 exclusion rules", three);
}

TEST_CASE("a field with more values than the limit is refused", "[rules][limits]") {
  std::string yaml = "id: r\ntitle: t\nexclude:\n  s:\n    MD5:\n";
  for (int i = 0; i <= 10000; ++i) yaml += "      - h" + std::to_string(i) + "\n";
  require_refused(yaml, "rules.yaml:6:7: 'MD5' has 10001 values; a field takes at most 10000");
}

TEST_CASE("aliases to unknown or enclosing anchors are errors", "[rules][limits]") {
  require_refused("id: *nope\n", "rules.yaml:1:5: alias '*nope' names no anchor defined before it");
  require_refused("a: &x [1, *x]\n", "rules.yaml:1:11: alias '*x' is inside the node it names");
  // Anchors do not reach into the next document.
  require_refused(rule("a") + "x: &y 1\n---\nid: *y\n", "rules.yaml:");
}

TEST_CASE("aliases within the limits work as plain copies", "[rules][limits]") {
  const auto set = huntq::rules::testing::load(
      "id: r\ntitle: t\nexclude:\n"
      "  a:\n    FileName: &names [a.exe, b.exe]\n"
      "  b:\n    InitiatingProcessFileName: *names\n"
      "  condition: a and b\n");
  using huntq::rules::testing::Row;
  CHECK(set.match(Row{{"FileName", "b.exe"}, {"InitiatingProcessFileName", "a.exe"}}) == 0);
  CHECK(set.match(Row{{"FileName", "b.exe"}, {"InitiatingProcessFileName", "c.exe"}}) == -1);
}

TEST_CASE("invalid UTF-8 is refused before libfyaml sees it", "[rules][limits]") {
  // Found by tests/fuzz/rules_loader_fuzz.cpp: libfyaml 0.7.12 loops forever on invalid UTF-8
  // in a directive line.
  require_refused(
      "id: !r\ntitle: |\n%exc a:\xec"
      "ogu_\x0e f",
      "rules.yaml:3:8: the file is not valid UTF-8 (byte 0xec)");
  require_refused("%x \xed\xa0\x80", "rules.yaml:1:4: the file is not valid UTF-8 (byte 0xed)");
  require_refused("id: r\ntitle: caf\xc3\xa9 \xc0\x80\n",
                  "rules.yaml:2:13: the file is not valid UTF-8 (byte 0xc0)");
}
