// The commands about huntq itself: `huntq help [SUBCOMMAND]`, `huntq version` and
// `huntq completion bash|zsh|fish`. They read the CLI11 definition when they run, so every
// subcommand and option is listed wherever it was defined.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace huntq::cli {

class MetaCommands {
 public:
  /// Adds the three subcommands to `app`.
  explicit MetaCommands(CLI::App& app);
  MetaCommands(const MetaCommands&) = delete;  // CLI11 holds pointers to the members
  MetaCommands& operator=(const MetaCommands&) = delete;

  /// After `app.parse`: runs the one given and returns its exit status, or nothing when another
  /// subcommand was given.
  std::optional<int> run();

 private:
  CLI::App& app_;
  CLI::App* help_;
  CLI::App* version_;
  CLI::App* completion_;
  std::string topic_;  ///< help's SUBCOMMAND
  std::string shell_;  ///< completion's SHELL
};

}  // namespace huntq::cli
