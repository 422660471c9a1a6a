// Enumerated option values (`--format csv`, `--color never`): accepted in any letter case, and
// readable back from the CLI11 definition so completions and the man page test list them.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace huntq::cli {

/// A CLI11 transform for `option->transform(one_of({...}))`: accepts one of `names` in any
/// letter case and stores it as spelled here; anything else fails naming the values and the
/// nearest one. Its description is `{a,b,c}`, as CLI::IsMember's.
CLI::Validator one_of(std::vector<std::string> names);

/// The values `option` accepts when one_of (or CLI::IsMember) checks it; empty otherwise.
std::vector<std::string> option_choices(CLI::Option& option);

}  // namespace huntq::cli
