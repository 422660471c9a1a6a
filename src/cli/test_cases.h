// Finding a hunt's test cases on disk and reading their settings (the layout in test_command.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "huntq/error.h"

namespace huntq::cli {

struct TestCase {
  std::string hunt_id;              ///< the hunt's file stem or built-in id: the JUnit suite
  std::string name;                 ///< the case folder's name or `name:`
  std::string where;                ///< for messages: the case folder, or NAME.tests.yaml:line
  std::string file;                 ///< the case folder or NAME.tests.yaml (JUnit's file attribute)
  std::filesystem::path hunt_file;  ///< empty for a built-in hunt (then hunt_id names it)
  std::vector<std::string> hunt_rules;  ///< the hunt's NAME.rules beside it

  std::vector<std::string> inputs;  ///< paths, or TABLE=PATH
  std::vector<std::string> rules;   ///< the case's own rules, then `rules:` entries
  bool use_hunt_rules = true;       ///< `hunt_rules: false` turns the hunt's rules off
  bool show_excluded = false;
  std::string now;       ///< `now:`, or empty
  unsigned threads = 0;  ///< 0: all cores
  std::optional<std::uint64_t> expect_rows;
  SourceLocation expect_rows_at;   ///< where the number is written, for --update
  std::filesystem::path expected;  ///< expected.csv or .ndjson (it may not exist yet)
  bool expected_exists = false;
  std::filesystem::path folder;  ///< the case folder (empty for NAME.tests.yaml cases)

  bool path_problem = false;  ///< stands for a path given on the command line: never deselected
  std::vector<std::string> notes;  ///< things the user should know (entries not read)
  /// Set when the case cannot run as written (a bad case.yaml, no hunt): the message to report.
  std::optional<Error> error;

  std::string id() const { return hunt_id + "::" + name; }
};

/// The cases under `paths` (hunt files, NAME.tests folders, case folders, NAME.tests.yaml files,
/// or folders searched for them), in path order. Problems in a case's settings are recorded in
/// TestCase::error, never thrown; a path that does not exist or holds no case becomes an error
/// case too, so that nothing is skipped silently.
std::vector<TestCase> find_test_cases(const std::vector<std::string>& paths);

}  // namespace huntq::cli
