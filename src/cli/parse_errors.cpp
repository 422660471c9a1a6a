#include "parse_errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "huntq/cli/app.h"
#include "huntq/output/terminal_text.h"
#include "nearest_name.h"
#include "option_choices.h"

namespace huntq::cli {
namespace {

constexpr std::size_t kQuotedMax = 40;  // an argument is echoed only this far

std::string quoted(const std::string& word) {
  return word.size() <= kQuotedMax ? "'" + word + "'" : "'" + word.substr(0, kQuotedMax) + "'...";
}

// The subcommand the command line selected (the deepest), or `app` itself.
CLI::App& selected_command(CLI::App& app) {
  CLI::App* command = &app;
  while (!command->get_subcommands().empty()) command = command->get_subcommands().front();
  return *command;
}

// The command holding the arguments nobody took: the selected one, or the root when they came
// before the subcommand (`huntq --format csv run`).
CLI::App& command_with_extras(CLI::App& selected) {
  for (CLI::App* c = &selected; c; c = c->get_parent())
    if (!c->remaining().empty()) return *c;
  return selected;
}

// "huntq run" for the run subcommand.
std::string command_path(const CLI::App& command) {
  std::string path = command.get_name();
  for (const CLI::App* p = command.get_parent(); p; p = p->get_parent())
    path = p->get_name() + " " + path;
  return path;
}

std::vector<std::string> visible_subcommand_names(CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub :
       app.get_subcommands([](CLI::App* s) { return !s->get_group().empty(); }))
    names.push_back(sub->get_name());
  return names;
}

std::vector<std::string> visible_option_names(CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    if (option->get_group().empty()) continue;  // hidden
    for (const std::string& s : option->get_snames()) names.push_back("-" + s);
    for (const std::string& l : option->get_lnames()) names.push_back("--" + l);
  }
  return names;
}

bool looks_like_option(const std::string& word) {
  return word.size() > 1 && word[0] == '-';
}

// An option given before the subcommand it belongs to: `huntq --format csv run`.
std::string misplaced_option(CLI::App& app, const std::string& name) {
  std::vector<std::string> owners;
  for (CLI::App* sub : app.get_subcommands([](CLI::App* s) { return !s->get_group().empty(); })) {
    const std::vector<std::string> names = visible_option_names(*sub);
    if (std::find(names.begin(), names.end(), name) != names.end())
      owners.push_back("'" + command_path(*sub) + "'");
  }
  if (owners.empty()) return fmt::format("unknown option {}", quoted(name));
  return fmt::format("unknown option {} before the subcommand: it is an option of {}, after it",
                     quoted(name), fmt::join(owners, " and "));
}

// CLI11 says "--format: 1 required TEXT:{table,...} missing".
std::string missing_value(CLI::App& command, const std::string& message) {
  const std::string name = message.substr(0, message.find(':'));
  const std::string suffix = " missing";
  if (message.size() < suffix.size() ||
      message.compare(message.size() - suffix.size(), suffix.size(), suffix) != 0)
    return "";
  CLI::Option* option = command.get_option_no_throw(name);
  if (!option) return "";
  const std::vector<std::string> choices = option_choices(*option);
  return fmt::format("option {} needs a value{}", name,
                     choices.empty() ? "" : fmt::format(": {}", fmt::join(choices, ", ")));
}

// Why CLI11 stopped, in words; empty when its own message says it.
std::string describe(CLI::App& app, CLI::App& command, const CLI::ParseError& e) {
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) return missing_value(command, e.what());
  const bool unexpected = dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr;
  const bool no_subcommand = &command == &app && dynamic_cast<const CLI::RequiredError*>(&e);
  if (!unexpected && !no_subcommand) return "";
  const std::vector<std::string> extras = command.remaining();
  for (const std::string& word : extras) {
    if (!looks_like_option(word)) continue;
    const std::string name = word.substr(0, word.find('='));
    const std::string guess = nearest_name(name, visible_option_names(command));
    if (&command == &app && guess.empty()) return misplaced_option(app, name);
    return fmt::format("unknown option {}{}{}", quoted(name),
                       &command == &app ? "" : " for '" + command_path(command) + "'",
                       guess.empty() ? "" : "; did you mean " + guess + "?");
  }
  if (&command == &app) {
    if (!extras.empty()) return unknown_subcommand_message(app, extras.front());
    return fmt::format("no subcommand given: {}", fmt::join(visible_subcommand_names(app), ", "));
  }
  if (!extras.empty())
    return fmt::format("unexpected argument {} for '{}'", quoted(extras.front()),
                       command_path(command));
  return "";
}

}  // namespace

std::string unknown_subcommand_message(CLI::App& app, const std::string& word) {
  const std::string guess = nearest_name(word, visible_subcommand_names(app));
  return fmt::format(
      "unknown subcommand {}{}", quoted(word),
      guess.empty() ? " ('huntq help' lists them)" : "; did you mean '" + guess + "'?");
}

int report_parse_error(CLI::App& app, const CLI::ParseError& e) {
  if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
    app.exit(e);  // --help, --help-all, --version
    return kRowsPrinted;
  }
  CLI::App& command = command_with_extras(selected_command(app));
  std::string message = describe(app, command, e);
  if (message.empty()) message = e.what();
  std::fflush(stdout);
  fmt::print(stderr, "huntq: error: {}\nTry '{} --help' for more information.\n",
             output::escape_for_terminal(message), command_path(command));
  return kError;
}

}  // namespace huntq::cli
