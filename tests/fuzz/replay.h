// The replay test's one step: every file of a target's committed seed corpus and regression
// inputs, through the target's entry point (no libFuzzer needed), in every build.
#pragma once

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace huntq::fuzz {

using EntryPoint = int (*)(const std::uint8_t*, std::size_t);

/// Runs `entry` on every file of tests/fuzz/corpus/<target>/ and tests/fuzz/regressions/<target>/
/// (in name order). A finding aborts the test binary (Catch2 reports the signal and the input).
inline void replay_target(const std::string& target, EntryPoint entry) {
  const std::filesystem::path root = std::filesystem::path(HUNTQ_SOURCE_DIR) / "tests" / "fuzz";
  std::size_t corpus_files = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    const std::filesystem::path dir = root / kind / target;
    if (!std::filesystem::is_directory(dir)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    if (std::string(kind) == "corpus") corpus_files = files.size();
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      const std::vector<char> bytes{std::istreambuf_iterator<char>(in),
                                    std::istreambuf_iterator<char>()};
      INFO("input " << file.string());  // Catch2 shows it also when a finding aborts
      const int rc = entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      CHECK(rc == 0);
    }
  }
  CHECK(corpus_files > 0);  // every target has committed seeds
}

}  // namespace huntq::fuzz
