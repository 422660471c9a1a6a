// Listing a folder for `huntq check` and `huntq test`: once per real folder, in name order.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace huntq::cli {

/// The visible entries of a folder (no dot names), sorted by path.
struct FolderListing {
  std::vector<std::filesystem::directory_entry> entries;
  std::string error;  ///< why the folder could not be listed ("" when it was)
};

/// Lists `dir`, or returns nullopt when its real path was walked already (a symbolic link loop),
/// saying so on stderr as `COMMAND: skipping DIR: ...`. `walked` holds the canonical paths seen.
std::optional<FolderListing> list_folder_once(const std::filesystem::path& dir,
                                              std::set<std::string>& walked,
                                              std::string_view command);

}  // namespace huntq::cli
