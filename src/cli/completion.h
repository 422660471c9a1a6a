// `huntq completion bash|zsh|fish`: shell completion scripts written from the CLI11 definition,
// so an option or subcommand added there is completed without editing a script.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace huntq::cli {

/// One option as completions see it.
struct OptionSpec {
  std::vector<std::string> names;    ///< "-f", "--format"
  bool takes_value = false;          ///< false for flags
  std::vector<std::string> choices;  ///< enumerated values (one_of), else any value or a file
  bool repeatable = false;
  std::string help;  ///< its description's first sentence
};

/// One command: the root (name empty) or a subcommand.
struct CommandSpec {
  std::string name;
  std::string help;
  std::vector<OptionSpec> options;
  bool takes_operands = false;               ///< positional arguments (files, unless choices)
  std::vector<std::string> operand_choices;  ///< `completion`'s shells, `help`'s commands
};

/// The root and its visible subcommands, in definition order; hidden options are left out.
std::vector<CommandSpec> describe_commands(CLI::App& app);

/// The completion script for `shell` (bash, zsh or fish).
std::string completion_script(CLI::App& app, const std::string& shell);

}  // namespace huntq::cli
