// A data file compiled into the binary (cmake/EmbedFiles.cmake).
#pragma once

#include <string_view>

namespace huntq {

struct EmbeddedFile {
  std::string_view name;     ///< the file's name, without folders
  std::string_view content;  ///< its bytes
};

}  // namespace huntq
