// Case folding as Kusto's case-insensitive string operators do it, and the searches built on it.
//
// Kusto folds ASCII letters only: "Case-insensitive operators are currently supported only for
// ASCII-text. For non-ASCII comparison, use the tolower() function"
// (includes/in-operator-comparison.md). So `=~`, `contains`, `has`, `in~`, `startswith`... compare
// every byte that is not an ASCII letter exactly, and UTF-8 text is searched byte-wise (a
// multi-byte character never folds and never matches half of another). The record pre-filters
// fold with the same functions, so a filter can never reject a row the operator accepts.
// tolower() and toupper() are different: they map every letter (Unicode simple case mapping).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace huntq {

/// 'A'..'Z' to 'a'..'z'; every other byte unchanged.
constexpr char fold_ascii(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

/// Eight bytes folded at once (SWAR): 'A'..'Z' become 'a'..'z', other bytes are unchanged.
constexpr std::uint64_t fold_ascii8(std::uint64_t x) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const std::uint64_t low7 = x & ~kHigh;
  const std::uint64_t at_least_a = low7 + (0x80 - 'A') * kOnes;  // high bit: byte >= 'A'
  const std::uint64_t past_z = low7 + (0x80 - 'Z' - 1) * kOnes;  // high bit: byte > 'Z'
  const std::uint64_t upper = at_least_a & ~past_z & ~x & kHigh;
  return x | (upper >> 2);
}

/// `in` with ASCII letters folded to lowercase, into `out` (its capacity is reused).
void fold_ascii_into(std::string_view in, std::string& out);
std::string fold_ascii(std::string_view in);

/// Equality ignoring the case of ASCII letters (`=~`).
bool equals_ignore_case(std::string_view a, std::string_view b) noexcept;
/// The same, `folded` already folded (no work spent on its side).
bool equals_folded(std::string_view text, std::string_view folded) noexcept;
bool starts_with_ignore_case(std::string_view text, std::string_view prefix) noexcept;
bool ends_with_ignore_case(std::string_view text, std::string_view suffix) noexcept;

/// The first position at or after `from` where `needle` occurs ignoring ASCII case, for needles
/// that change per row. Needles up to 32 bytes are compared in place; longer ones are searched
/// in folded per-thread copies with a linear-time algorithm, so the time stays linear in the
/// text. npos when absent.
std::size_t find_ignore_case(std::string_view haystack, std::string_view needle,
                             std::size_t from = 0);

/// A needle prepared once and searched for in many haystacks, with or without case. Compares
/// the needle's first and last bytes 16 or 32 positions at a time and checks the few candidates
/// in full (W. Muła's SIMD-friendly substring search), folding ASCII letters when `ignore_case`.
class StringFinder {
 public:
  StringFinder() = default;
  StringFinder(std::string_view needle, bool ignore_case);

  /// The first match at or after `from`, or npos. An empty needle matches at `from`.
  std::size_t find(std::string_view haystack, std::size_t from = 0) const noexcept;
  bool found_in(std::string_view haystack) const noexcept {
    return find(haystack) != std::string_view::npos;
  }
  /// The needle as searched for (folded when ignoring case).
  const std::string& needle() const noexcept { return needle_; }
  bool ignore_case() const noexcept { return ignore_case_; }

 private:
  bool matches_at(const char* p) const noexcept;

  std::string needle_;
  bool ignore_case_ = false;
  // Byte i matches the needle's first (last) byte when (byte | or) == value.
  char first_or_ = 0, first_value_ = 0, last_or_ = 0, last_value_ = 0;
};

/// tolower() / toupper(): Unicode simple case mapping (UnicodeData.txt) of every code point, as
/// .NET's invariant culture does it (U+0130 and U+0131, the Turkish dotted and dotless I, are not
/// mapped). Bytes that are not valid UTF-8 are copied unchanged. The UTF-8 length may change.
void to_lower_unicode_into(std::string_view in, std::string& out);
void to_upper_unicode_into(std::string_view in, std::string& out);
char32_t to_lower_code_point(char32_t c) noexcept;
char32_t to_upper_code_point(char32_t c) noexcept;

}  // namespace huntq
