// Byte searches for the record pre-filters, the hottest loop of a scan: each runs over every
// byte of the input that is not parsed, so they use SIMD where the target has it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace huntq::engine {

/// Finds a fixed needle. Compares the needle's first and last bytes 16 or 32 positions at a time
/// and checks the few candidate positions in full (W. Muła's "SIMD-friendly" substring search),
/// so the needle needs no per-call setup, unlike memmem's.
class SubstringSearch {
 public:
  explicit SubstringSearch(std::string needle);
  bool found_in(std::string_view haystack) const;
  /// Whether `a` or `b` occurs, in one pass over the haystack (both needles at least 2 bytes).
  static bool either_found_in(std::string_view haystack, const SubstringSearch& a,
                              const SubstringSearch& b);
  const std::string& needle() const noexcept { return needle_; }

 private:
  std::string needle_;
};

/// Whether `lower` (a needle in ASCII lower case) occurs in `haystack` ignoring ASCII letter
/// case. The same first-and-last-byte filter as SubstringSearch, on bytes whose letters are
/// folded (a letter compared with its 0x20 bit set; any other byte exactly), then a folded check
/// of the few candidates: linear in the haystack whatever its letters.
bool found_folded(std::string_view haystack, std::string_view lower);

/// Bit i of the result is set when text[i] == c; word w covers bytes [64w, 64w+64).
/// Returns whether the text holds the two bytes `\u` (a JSON \uXXXX escape), found in the same
/// pass.
bool byte_positions(std::string_view text, char c, std::vector<std::uint64_t>& bits);

}  // namespace huntq::engine
