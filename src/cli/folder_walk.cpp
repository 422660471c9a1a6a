#include "folder_walk.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "huntq/output/terminal_text.h"

namespace huntq::cli {

namespace fs = std::filesystem;

std::optional<FolderListing> list_folder_once(const fs::path& dir, std::set<std::string>& walked,
                                              std::string_view command) {
  std::error_code ec;
  // Symbolic links are followed; a folder reached again (a link loop) is walked once.
  const fs::path real = fs::canonical(dir, ec);
  if (!ec && !walked.insert(real.string()).second) {
    fmt::print(stderr, "{}: skipping {}: walked already (a symbolic link loop?)\n", command,
               output::escape_for_terminal(dir.string()));
    return std::nullopt;
  }
  FolderListing out;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->path().filename().string().starts_with("."))  // .git, .github: not hunts
      out.entries.push_back(*it);
  }
  if (ec) {
    out.entries.clear();
    out.error = "cannot list the folder: " + ec.message();
    return out;
  }
  std::sort(out.entries.begin(), out.entries.end(),
            [](const auto& a, const auto& b) { return a.path() < b.path(); });
  return out;
}

}  // namespace huntq::cli
