// Errors in the command line itself, told as huntq tells every error: `huntq: error:`, what was
// wrong, the nearest valid spelling, and where to read more. Exit status 2.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace huntq::cli {

/// Prints `e` (from `app.parse`) and returns the exit status: 0 for --help and --version,
/// which CLI11 reports as errors too, else 2.
int report_parse_error(CLI::App& app, const CLI::ParseError& e);

/// "unknown subcommand 'rnu'; did you mean 'run'?" for a word naming none of `app`'s
/// subcommands (also used by `huntq help WORD`).
std::string unknown_subcommand_message(CLI::App& app, const std::string& word);

}  // namespace huntq::cli
