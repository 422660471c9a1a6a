#include "huntq/input/input_paths.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "fmt/format.h"
#include "huntq/error.h"

namespace huntq::input {

namespace fs = std::filesystem;

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& path : paths) {
    if (path == "-") {
      out.push_back(path);
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      throw Error(SourceLocation{path}, "no such file or directory");
    }
    if (!fs::is_directory(st)) {
      out.push_back(path);  // named explicitly: read even if empty (sniffing says so)
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw Error(SourceLocation{path}, fmt::format("cannot read folder: {}", ec.message()));
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec)
        throw Error(SourceLocation{path}, fmt::format("cannot read folder: {}", ec.message()));
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      std::error_code fe;
      if (!it->is_regular_file(fe)) continue;
      if (it->file_size(fe) == 0 || fe) continue;
      found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace huntq::input
