// A rules path that is a folder loads its *.yml and *.yaml files, not its subfolders, in name
// order; a folder with none is an error.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "rules_test_support.h"

using huntq::rules::RuleSet;
using huntq::rules::testing::kColumns;
using huntq::rules::testing::kToday;

namespace {

namespace fs = std::filesystem;

/// A fresh empty folder under the system's temporary folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("huntq-rules-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name, std::ios::binary) << text;
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

std::string rule(const std::string& id) {
  return "id: " + id + "\ntitle: t\nexclude:\n  s:\n    FileName: " + id + ".exe\n";
}

std::vector<std::string> ids(const RuleSet& set) {
  std::vector<std::string> out;
  for (const auto& r : set.rules()) out.push_back(r.id);
  return out;
}

}  // namespace

TEST_CASE("a folder loads its rule files in name order", "[rules][folder]") {
  TempDir dir;
  dir.write("20-second.yaml", rule("b"));
  dir.write("10-first.yml", rule("a") + "---\n" + rule("a2"));
  dir.write("30-third.YML", rule("c"));
  dir.write("README.md", "not rules");
  dir.write("sub/40-nested.yml", rule("nested"));
  RuleSet set;
  set.load_path(dir.path(), kColumns, kToday);
  CHECK(ids(set) == std::vector<std::string>{"a", "a2", "b", "c"});
  CHECK(set.rules()[0].where.file == dir.path() + "/10-first.yml");
  // The README and the subfolder are not read, and the user is told so.
  REQUIRE(set.warnings().size() == 1);
  CHECK(set.warnings()[0] == dir.path() +
                                 ": read 3 rule files; ignored 2 other entries (only *.yml and "
                                 "*.yaml files are read, not subfolders)");
  // load_file takes a folder too (the CLI's -x calls it).
  RuleSet via_file;
  via_file.load_file(dir.path(), kColumns, kToday);
  CHECK(via_file.rules().size() == 4);
}

TEST_CASE("a folder without rule files is an error", "[rules][folder]") {
  TempDir dir;
  dir.write("notes.txt", "x");
  dir.write("sub/rules.yml", rule("a"));
  RuleSet set;
  try {
    set.load_path(dir.path(), kColumns, kToday);
    FAIL("no error for a folder without rule files");
  } catch (const huntq::Error& e) {
    CHECK(std::string(e.what()) ==
          dir.path() +
              ": the folder holds no rule files (*.yml or *.yaml; subfolders are not read)");
  }
  CHECK(set.rules().empty());
}

TEST_CASE("an error in one file of a folder names it and loads nothing", "[rules][folder]") {
  TempDir dir;
  dir.write("a.yml", rule("a"));
  dir.write("b.yml", "id: b\ntitle: t\nexclude:\n  s:\n    NoSuchColumn: x\n");
  RuleSet set;
  try {
    set.load_path(dir.path(), kColumns, kToday);
    FAIL("no error for a bad rule in a folder");
  } catch (const huntq::Error& e) {
    CHECK(e.where().file == dir.path() + "/b.yml");
    CHECK(e.where().line == 5);
  }
  CHECK(set.rules().empty());
  // Duplicate ids across the files of a folder name both places.
  TempDir dup;
  dup.write("a.yml", rule("same"));
  dup.write("b.yml", rule("same"));
  try {
    set.load_path(dup.path(), kColumns, kToday);
    FAIL("no error for a duplicate id");
  } catch (const huntq::Error& e) {
    CHECK(std::string(e.what()) == dup.path() +
                                       "/b.yml:1: duplicate rule id 'same': already "
                                       "defined at " +
                                       dup.path() + "/a.yml:1");
  }
}

TEST_CASE("an empty rule file in a folder is reported, not silently skipped", "[rules][folder]") {
  TempDir dir;
  dir.write("a.yml", rule("a"));
  dir.write("b.yml", "# nothing yet\n");
  RuleSet set;
  set.load_path(dir.path(), kColumns, kToday);
  CHECK(ids(set) == std::vector<std::string>{"a"});
  REQUIRE(set.warnings().size() == 1);
  CHECK(set.warnings()[0] == dir.path() + "/b.yml: holds no exclusion rules");
}
