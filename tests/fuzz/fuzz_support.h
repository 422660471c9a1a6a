// Shared by the fuzz targets: failing a property, UTF-8 checks, and a scratch file per process.
//
// Every helper is inline (or in an unnamed namespace of its target) because the replay test
// (replay_test.cpp) compiles all targets into one binary.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "huntq/value/utf8.h"

namespace huntq::fuzz {

/// A property does not hold: print why and abort, so libFuzzer (or the replay test) reports the
/// input. `detail` is cut short: it may hold the whole input.
[[noreturn]] inline void fail(std::string_view what, std::string_view detail = {}) {
  std::string message = "fuzz property failed: " + std::string(what) + "\n  " +
                        std::string(detail.substr(0, 400)) + "\n";
  std::fputs(message.c_str(), stderr);
  std::abort();
}

inline void check(bool ok, std::string_view what, std::string_view detail = {}) {
  if (!ok) fail(what, detail);
}

inline bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    if (decode_utf8(s, i, len) < 0) return false;
    i += len;
  }
  return true;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Reads a little-endian unsigned number of `n` bytes from the front of `s` (fewer if shorter)
/// and removes them: lets a target take parameters from the fuzz input.
inline std::uint64_t take_number(std::string_view& s, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n && !s.empty(); ++i) {
    v |= std::uint64_t{static_cast<unsigned char>(s.front())} << (8 * i);
    s.remove_prefix(1);
  }
  return v;
}

/// A file in the temporary directory, named after this process, rewritten for every input and
/// removed at exit.
class ScratchFile {
 public:
  explicit ScratchFile(std::string_view name) {
    path_ = (std::filesystem::temp_directory_path() /
             ("huntq-fuzz-" + std::to_string(::getpid()) + "-" + std::string(name)))
                .string();
  }
  ~ScratchFile() { std::remove(path_.c_str()); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  const std::string& write(std::string_view bytes) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) fail("cannot write the scratch file", path_);
    return path_;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace huntq::fuzz
