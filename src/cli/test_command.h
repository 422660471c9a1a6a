// `huntq test`: each hunt run over its test cases' sample exports, its rows compared with the
// expected ones, and a row diff printed when they differ.
//
// Cases of a hunt NAME (NAME.yaml, NAME.yml or NAME.kql beside them, else the built-in hunt NAME):
//
//   NAME.tests/CASE/             one folder per case:
//     inputs/                    exports of any shape; a file or folder named after a table
//                                (DeviceEvents.ndjson, DeviceFileEvents/) is read as that table
//     case.yaml                  optional: now, threads, expect_rows, inputs, rules, hunt_rules,
//                                show_excluded, description
//     rules/ or rules.yaml       optional: rules for this case, added to the hunt's NAME.rules
//     expected.csv or expected.ndjson
//                                the rows as `huntq run --format csv|ndjson` prints them
//   NAME.tests.yaml              or all cases in one file: `tests:` a list of mappings holding
//                                `name:`, `inputs:`, `expected:` and the keys of case.yaml
//
// Rows compare as a multiset unless the hunt ends in a sort or top (then in order).
#pragma once

#include <string>
#include <vector>

namespace huntq::cli {

struct TestOptions {
  std::vector<std::string> paths;     ///< hunts, NAME.tests folders or files, case folders, folders
  bool update = false;                ///< --update: rewrite expectations from the results
  std::string junit;                  ///< --junit FILE
  std::vector<std::string> patterns;  ///< -k: run cases whose HUNT::CASE id matches one
};

/// Prints each case's outcome, and a row diff for each failure, on stdout. Returns 0 when every
/// case passed (or was updated), 1 when any failed, 2 when any could not run.
int test_command(const TestOptions& options);

}  // namespace huntq::cli
