// found_folded: the single-needle case-insensitive literal search (in~, =~, has pre-filters).
#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "../../src/engine/byte_search.h"

using huntq::engine::found_folded;
const auto found_ignoring_case = found_folded;

TEST_CASE("case-insensitive literal search finds the needle in any letter case, anywhere") {
  CHECK(found_ignoring_case("msedge.exe", "msedge.exe"));
  CHECK(found_ignoring_case("\"MSEdge.EXE\"", "msedge.exe"));
  CHECK(found_ignoring_case("xxxxMsEdGe.ExE", "msedge.exe"));   // at the very end
  CHECK(found_ignoring_case("msedge.exexxxx", "msedge.exe"));   // at the very start
  CHECK_FALSE(found_ignoring_case("msedge.ex", "msedge.exe"));  // shorter than the needle
  CHECK_FALSE(found_ignoring_case("msedgeXexe", "msedge.exe"));
  CHECK(found_ignoring_case("anything", ""));
  // A first character that is not a letter has one case only.
  CHECK(found_ignoring_case("http://x.TOP/a.PhP", ".php"));
  CHECK_FALSE(found_ignoring_case("http://x.top/a,php", ".php"));
  // Candidates of both cases interleaved; the match starts at an upper-case one.
  CHECK(found_ignoring_case("e E eX Ex EXPLORER.EXE", "explorer.exe"));
  CHECK(found_ignoring_case("E e Ex eX explorer.EXE", "explorer.exe"));
  CHECK_FALSE(found_ignoring_case("E e Ex eX explorer.EX", "explorer.exe"));
  // Only ASCII letters fold: the Kelvin sign is not K.
  CHECK_FALSE(
      found_ignoring_case("\xE2\x84\xAA"
                          "ey",
                          "key"));
}

TEST_CASE("case-insensitive literal search at every position across SIMD blocks") {
  for (std::size_t pad = 0; pad < 100; ++pad) {
    for (const std::string needle : {"explorer.exe", ".php", "a", "x[y", "`q`"}) {
      std::string word = needle;  // the needle in upper case where it has letters
      for (char& c : word)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      const std::string hay = std::string(pad, '.') + word + std::string(pad % 9, 'e');
      CHECK(found_ignoring_case(hay, needle));
      // Change the last byte: letters by one, others to what their 0x20 bit would fold from.
      std::string broken = hay;
      char& c = broken[pad + word.size() - 1];
      c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c == 'Z' ? 'Y' : c + 1)
                                 : static_cast<char>(c ^ 0x20);
      CHECK_FALSE(found_ignoring_case(broken, needle));
      // and the first
      std::string broken_first = hay;
      char& d = broken_first[pad];
      d = (d >= 'A' && d <= 'Z') ? static_cast<char>(d == 'Z' ? 'Y' : d + 1)
                                 : static_cast<char>(d ^ 0x20);
      if (needle.size() > 1 || d != needle[0])
        CHECK_FALSE(found_ignoring_case(broken_first, needle));
    }
  }
}

TEST_CASE("case-insensitive literal search stays linear when one letter case is frequent") {
  // 1 MB of 'e' without an 'E': each 'e' is a candidate. Searching the rest of the text for the
  // other case again at every candidate (as the first version did) reads 500 GB, a linear scan
  // takes milliseconds.
  std::string hay(1u << 20, 'e');
  const auto t0 = std::chrono::steady_clock::now();
  CHECK_FALSE(found_ignoring_case(hay, "explorer.exe"));
  hay.replace(hay.size() - 12, 12, "EXPLORER.exe");
  CHECK(found_ignoring_case(hay, "explorer.exe"));
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(s < 5.0);
}
