// "Did you mean": the known name nearest to a mistyped one (`rnu` -> `run`, `--fromat` ->
// `--format`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace huntq::cli {

/// The candidate nearest to `word` ignoring letter case: a unique candidate `word` is a prefix
/// of, else the one fewest edits away (insertions, deletions, substitutions, swaps of adjacent
/// letters) when that is close enough to be a typo (a third of its letters, at most 3; only case
/// or dashes for one or two letters). Empty
/// when none is.
std::string nearest_name(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace huntq::cli
