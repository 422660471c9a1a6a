// Expanding the paths a user names into the input files to read.
#pragma once

#include <string>
#include <vector>

namespace huntq::input {

/// Files stay as named ("-" is standard input); folders are walked recursively, sorted by path,
/// skipping hidden entries (names starting with '.') and empty files. The streaming storage
/// layout (insights-logs-advancedhunting-<table>/tenantId=.../PT1H.json) is read by naming its
/// root. Throws huntq::Error naming a path that does not exist.
std::vector<std::string> expand_inputs(const std::vector<std::string>& paths);

}  // namespace huntq::input
