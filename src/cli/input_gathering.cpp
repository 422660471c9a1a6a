#include "input_gathering.h"

#include <fmt/format.h>

#include <array>
#include <cstdio>

#include "huntq/input/input_set.h"
#include "huntq/output/row_writer.h"

namespace huntq::cli {

std::vector<input::InputInfo> gather_cli_inputs(const std::vector<std::string>& paths,
                                                const std::vector<std::string>& table_specs,
                                                const input::InputOptions& options,
                                                bool skip_unreadable, bool quiet) {
  input::GatherRequest request;
  request.paths = paths;
  request.table_specs = table_specs;
  request.options = options;
  request.skip_unreadable = skip_unreadable;
  input::InputSet set = input::gather_inputs(request);
  auto safe = [](const std::string& t) { return output::escape_for_terminal(t); };
  for (const auto& w : set.warnings) fmt::print(stderr, "huntq: warning: {}\n", safe(w));
  std::array<std::size_t, 7> counts{};
  for (const auto& s : set.skipped) {
    ++counts[static_cast<std::size_t>(s.kind)];
    if (s.kind == input::SkipKind::Hidden || s.kind == input::SkipKind::Empty) continue;
    fmt::print(stderr, "huntq: warning: skipping {}: {}\n", safe(s.where.to_string()), safe(s.why));
  }
  if (!set.skipped.empty() && !quiet) {
    static constexpr const char* kNames[] = {
        "hidden",       "empty",          "not an export", "not a regular file",
        "broken links", "walked already", "unreadable"};
    std::string parts;
    for (std::size_t k = 0; k < counts.size(); ++k) {
      if (counts[k] == 0) continue;
      parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", counts[k], kNames[k]);
    }
    fmt::print(stderr, "huntq: skipped {} path{} ({})\n", set.skipped.size(),
               set.skipped.size() == 1 ? "" : "s", parts);
  }
  return std::move(set.inputs);
}

}  // namespace huntq::cli
