#include "meta_commands.h"

#include <fmt/format.h>

#include <cstdio>

#include "completion.h"
#include "huntq/cli/app.h"
#include "huntq/output/terminal_text.h"
#include "huntq/version.h"
#include "option_choices.h"
#include "parse_errors.h"

namespace huntq::cli {

MetaCommands::MetaCommands(CLI::App& app) : app_(app) {
  help_ = app.add_subcommand("help", "Print the help of huntq, or of one subcommand.");
  help_->add_option("subcommand", topic_, "The subcommand to describe, e.g. run");
  version_ = app.add_subcommand("version", "Print huntq's version.");
  completion_ =
      app.add_subcommand("completion", "Print the shell completion script for bash, zsh or fish.");
  completion_->footer(
      "Packages install the scripts. To try one in the current shell:\n"
      "  source <(huntq completion bash)\n"
      "To install one for yourself:\n"
      "  huntq completion bash > ~/.local/share/bash-completion/completions/huntq\n"
      "  huntq completion zsh > ~/.zfunc/_huntq    # with fpath+=~/.zfunc in ~/.zshrc\n"
      "  huntq completion fish > ~/.config/fish/completions/huntq.fish");
  completion_->add_option("shell", shell_, "bash, zsh or fish")
      ->required()
      ->transform(one_of({"bash", "zsh", "fish"}));
}

std::optional<int> MetaCommands::run() {
  if (*version_) {
    fmt::print("huntq {}\n", HUNTQ_VERSION);
    return kRowsPrinted;
  }
  if (*completion_) {
    fmt::print("{}", completion_script(app_, shell_));
    return kRowsPrinted;
  }
  if (!*help_) return std::nullopt;
  if (topic_.empty()) {
    // app_.help() would describe the selected subcommand, help itself.
    fmt::print("{}",
               app_.get_formatter()->make_help(&app_, app_.get_name(), CLI::AppFormatMode::Normal));
    return kRowsPrinted;
  }
  CLI::App* sub = nullptr;
  try {
    sub = app_.get_subcommand(topic_);
  } catch (const CLI::OptionNotFound&) {
    fmt::print(stderr, "huntq: error: {}\n",
               output::escape_for_terminal(unknown_subcommand_message(app_, topic_)));
    return kError;
  }
  fmt::print("{}", sub->help(app_.get_name()));
  return kRowsPrinted;
}

}  // namespace huntq::cli
