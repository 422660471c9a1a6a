// Gathering inputs from command-line paths (issue 9, defect 4): folders, links, globs, duplicates
// and paths that cannot be read, none passed over without a count.
#include "huntq/input/input_set.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "huntq/error.h"
#include "input_test_support.h"

using namespace huntq;
using namespace huntq::input;
using namespace huntq::input::testing;

namespace {

const char* kDe = "{\"ActionType\":\"A\",\"ProcessRemoteSessionIP\":\"k\"}\n";
const char* kDfe = "{\"MD5\":\"m\",\"FileOriginReferrerUrl\":\"\"}\n";

InputSet gather(std::vector<std::string> paths, std::vector<std::string> specs = {},
                bool skip_unreadable = false) {
  GatherRequest r;
  r.paths = std::move(paths);
  r.table_specs = std::move(specs);
  r.skip_unreadable = skip_unreadable;
  return gather_inputs(r);
}

std::vector<std::string> paths_of(const InputSet& set) {
  std::vector<std::string> out;
  for (const auto& i : set.inputs) out.push_back(i.path);
  return out;
}

std::size_t count(const InputSet& set, SkipKind kind) {
  std::size_t n = 0;
  for (const auto& s : set.skipped) n += s.kind == kind;
  return n;
}

// Runs `body` as an unprivileged user (root reads every file whatever its mode): in a child
// process that gives up root when there is root to give up. Returns the child's exit status.
template <class F>
int as_unprivileged(F body) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(99);
    ::_exit(body());
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 98;
}

}  // namespace

TEST_CASE("gather: folders recursively, sorted; hidden, empty and non-exports counted",
          "[input][gather]") {
  TempDir dir;
  dir.write("b/PT1H.json", kDe);
  dir.write("a/y=2026/m=07/PT1H.json", kDfe);
  dir.write("a/.hidden.json", kDe);
  dir.write(".git/config", "x\n");
  dir.write("a/empty.json", "");
  dir.write("a/README.md", "# notes\n");
  const std::string single = dir.write("single.json", kDe);
  const InputSet set = gather({dir.path() + "/a", dir.path() + "/b", single});
  CHECK(paths_of(set) == std::vector<std::string>{dir.path() + "/a/y=2026/m=07/PT1H.json",
                                                  dir.path() + "/b/PT1H.json", single});
  CHECK(count(set, SkipKind::Hidden) == 1);
  CHECK(count(set, SkipKind::Empty) == 1);
  CHECK(count(set, SkipKind::NotExport) == 1);
  REQUIRE(set.skipped.size() == 3);
  // A named file must read; a missing path is an error naming it.
  CHECK_THROWS_WITH(gather({dir.path() + "/a/README.md"}),
                    Catch::StartsWith(dir.path() + "/a/README.md:1: unknown shape"));
  CHECK_THROWS_WITH(gather({dir.path() + "/nope"}),
                    dir.path() + "/nope: no such file or directory");
  CHECK_THROWS_WITH(gather({dir.path() + "/a/empty.json"}),
                    dir.path() + "/a/empty.json: file is empty");
}

TEST_CASE("gather: symbolic links to folders are followed, loops walked once", "[input][gather]") {
  TempDir dir;
  dir.write("real/de.json", kDe);
  dir.write("top/dfe.json", kDfe);
  namespace fs = std::filesystem;
  fs::create_directory_symlink(dir.path() + "/real", dir.path() + "/top/link");
  fs::create_directory_symlink(dir.path() + "/top", dir.path() + "/top/loop");  // a loop
  fs::create_symlink(dir.path() + "/missing", dir.path() + "/top/dangling");
  const InputSet set = gather({dir.path() + "/top"});
  // Before: a linked folder was skipped without a word.
  CHECK(paths_of(set) ==
        std::vector<std::string>{dir.path() + "/top/dfe.json", dir.path() + "/top/link/de.json"});
  CHECK(count(set, SkipKind::AlreadyWalked) == 1);
  CHECK(count(set, SkipKind::BrokenLink) == 1);
}

TEST_CASE("gather: the same file reached twice is read once, with a warning", "[input][gather]") {
  TempDir dir;
  const std::string de = dir.write("x/de.json", kDe);
  std::filesystem::create_symlink(de, dir.path() + "/alias.json");
  const InputSet set = gather({de, dir.path() + "/x", dir.path() + "/alias.json", de});
  CHECK(paths_of(set) == std::vector<std::string>{de});
  REQUIRE(set.warnings.size() == 3);
  CHECK(set.warnings[0] == de + " is the same file as " + de + ": read once");
  CHECK(set.warnings[1] == dir.path() + "/alias.json is the same file as " + de + ": read once");
  // Named with --table as well: read once, as that table.
  const InputSet forced = gather({de}, {"DeviceFileEvents=" + de});
  REQUIRE(forced.inputs.size() == 1);
  CHECK(forced.inputs[0].table == &device_file_events());
  CHECK(forced.warnings.back().find("read once, as DeviceFileEvents") != std::string::npos);
}

TEST_CASE("gather: --table names any table; a bad spec says what it takes", "[input][gather]") {
  TempDir dir;
  const std::string vague = dir.write("v.json", "{\"MD5\":\"a\",\"FileName\":\"b\"}\n");
  CHECK_THROWS_WITH(gather({vague}), Catch::Contains("--table NAME=PATH"));
  const InputSet set = gather({}, {"devicefileevents=" + vague});
  REQUIRE(set.inputs.size() == 1);
  CHECK(set.inputs[0].table == &device_file_events());
  // A table huntq does not know: its columns as the export has them, all strings.
  const InputSet custom = gather({}, {"MyTable_CL=" + vague});
  REQUIRE(custom.inputs.size() == 1);
  const TableDef* t = custom.inputs[0].table;
  REQUIRE(t != nullptr);
  CHECK(t->name == "MyTable_CL");
  CHECK_FALSE(t->built_in);
  REQUIRE(t->columns.size() == 2);
  CHECK(t->columns[0].name == "MD5");
  CHECK(t->columns[1].type == Type::String);
  REQUIRE(custom.warnings.size() == 1);
  CHECK(custom.warnings[0].find("not a Defender table") != std::string::npos);
  CHECK_THROWS_WITH(gather({}, {"DeviceEvents"}), Catch::StartsWith("--table takes NAME=PATH"));
  CHECK_THROWS_WITH(gather({}, {"=x"}), Catch::StartsWith("--table takes NAME=PATH"));
  // A 200 KB spec is not echoed whole.
  try {
    gather({}, {std::string(200000, 'x')});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).size() < 300);
  }
  CHECK_THROWS_WITH(gather({}), Catch::StartsWith("no input files"));
}

TEST_CASE("gather: quoted globs match as ripgrep -g does", "[input][gather]") {
  TempDir dir;
  dir.write("exports/a.json", kDe);
  dir.write("exports/b.csv", "ActionType,ProcessRemoteSessionIP\nA,k\n");
  dir.write("exports/sub/c.json", kDfe);
  dir.write("exports/sub/deeper/PT1H.json", kDfe);
  const std::string e = dir.path() + "/exports";
  CHECK(paths_of(gather({e + "/*.json"})) == std::vector<std::string>{e + "/a.json"});
  CHECK(paths_of(gather({e + "/**/*.json"})) ==
        std::vector<std::string>{e + "/a.json", e + "/sub/c.json", e + "/sub/deeper/PT1H.json"});
  CHECK(paths_of(gather({e + "/**/PT1H.json"})) ==
        std::vector<std::string>{e + "/sub/deeper/PT1H.json"});
  CHECK(paths_of(gather({e + "/*.{json,csv}"})) ==
        std::vector<std::string>{e + "/a.json", e + "/b.csv"});
  CHECK(paths_of(gather({e + "/s?b/[a-c].json"})) == std::vector<std::string>{e + "/sub/c.json"});
  CHECK_THROWS_WITH(gather({e + "/*.parquet"}), e + "/*.parquet: no file matches this glob");
}

TEST_CASE("glob_match: ripgrep's rules", "[input][gather]") {
  CHECK(glob_match("*.json", "a/b/c.json"));  // no '/': the name, at any depth
  CHECK_FALSE(glob_match("*.json", "a/b/c.csv"));
  CHECK(glob_match("a/*.json", "a/x.json"));
  CHECK_FALSE(glob_match("a/*.json", "a/b/x.json"));  // '*' stops at '/'
  CHECK(glob_match("a/**/x.json", "a/x.json"));       // '**' matches no folder too
  CHECK(glob_match("a/**/x.json", "a/b/c/x.json"));
  CHECK(glob_match("a/**", "a/b/c"));
  CHECK(glob_match("**/PT1H.json", "y=2026/m=07/PT1H.json"));
  CHECK(glob_match("a/[!b]?.json", "a/cd.json"));
  CHECK_FALSE(glob_match("a/[!b]?.json", "a/bd.json"));
  CHECK(glob_match("a/\\*.json", "a/*.json"));
  CHECK_FALSE(glob_match("a/\\*.json", "a/x.json"));
  CHECK(glob_match("./a/*.json", "a/x.json"));
  CHECK(expand_braces("a.{json,csv}") == std::vector<std::string>{"a.json", "a.csv"});
  CHECK(expand_braces("{a,b{c,d}}") == std::vector<std::string>{"a", "bc", "bd"});
  CHECK(expand_braces("{a}") == std::vector<std::string>{"{a}"});
  // A pathological pattern stays fast (no exponential backtracking).
  CHECK_FALSE(glob_match(std::string(30, '*') + "b", std::string(5000, 'a')));
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "**/";
  CHECK_FALSE(glob_match(deep + "x", std::string(200, 'a') + "/y"));
}

TEST_CASE("gather: unreadable files and folders fail the run unless skipped", "[input][gather]") {
  TempDir dir;
  ::chmod(dir.path().c_str(), 0755);
  const std::string de = dir.write("ok/de.json", kDe);
  const std::string locked_file = dir.write("ok/locked.json", kDfe);
  const std::string inner = dir.write("ok/closed/inner.json", kDfe);
  for (const auto& f : {de, locked_file, inner}) ::chmod(f.c_str(), 0644);
  ::chmod((dir.path() + "/ok").c_str(), 0755);
  ::chmod(locked_file.c_str(), 0);
  ::chmod((dir.path() + "/ok/closed").c_str(), 0);
  // Each check is one bit of the child's exit status.
  const int status = as_unprivileged([&] {
    int failed = 0;
    try {
      gather({dir.path() + "/ok"});
      failed |= 1;
    } catch (const Error& e) {
      const std::string what = e.what();
      if (what.find("cannot read 2 paths that could hold rows") == std::string::npos) failed |= 2;
      if (what.find("closed: cannot read folder: Permission denied") == std::string::npos)
        failed |= 4;
      if (what.find("--skip-unreadable") == std::string::npos) failed |= 8;
    }
    const InputSet set = gather({dir.path() + "/ok"}, {}, true);
    if (paths_of(set) != std::vector<std::string>{de}) failed |= 16;
    if (count(set, SkipKind::Unreadable) != 2) failed |= 32;
    // Named on the command line: the same rule.
    try {
      gather({locked_file});
      failed |= 64;
    } catch (const Error&) {
    }
    return failed;
  });
  ::chmod((dir.path() + "/ok/closed").c_str(), 0755);
  CHECK(status == 0);
}
