// `huntq check`: every hunt and rule file of a detection-as-code repository parsed and bound
// against the Defender schemas, each problem reported as file:line:col, all of them listed.
//
// The layout both `check` and `test` read, beside a hunt NAME.yaml (or NAME.yml, NAME.kql):
//   NAME.rules/ or NAME.rules.yaml   the hunt's exclusion rules, loaded against its output columns
//   NAME.tests/ or NAME.tests.yaml   its test cases (test_command.h)
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace huntq::cli {

struct CheckOptions {
  std::vector<std::string> paths;  ///< hunt files, rule files, folders of them
};

/// Prints each problem as `file:line:col: message` on stdout and a one-line summary on stderr.
/// Returns 0 when every hunt and rule file is valid, 2 otherwise (throws only for usage errors).
int check_command(const CheckOptions& options);

/// True for the names of hunt files: *.yaml, *.yml, *.kql (not NAME.rules.yaml, NAME.tests.yaml).
bool is_hunt_file_name(const std::filesystem::path& path);

/// The hunt's exclusion rules that sit beside it: NAME.rules/ then NAME.rules.yaml/.yml, as
/// paths for RuleSet::load_path (empty when there are none).
std::vector<std::string> rules_beside(const std::filesystem::path& hunt_file);

/// Registers `huntq check` and `huntq test` on `app`. The returned function, called after `app`
/// has parsed the command line, runs the one given and returns its exit status, or nullopt when
/// neither was given.
std::function<std::optional<int>()> add_hunts_as_code_commands(CLI::App& app);

}  // namespace huntq::cli
