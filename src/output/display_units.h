// Escaped text cut into the pieces that elision may keep or drop but never split.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace huntq::output {

/// A mark (⟨…⟩), or a character with the zero-width characters (combining marks) after it.
struct DisplayUnit {
  std::size_t begin;  // byte offsets in the escaped text
  std::size_t end;
  std::size_t width;  // display columns
};

/// `escaped` (escape_for_terminal() output) as display units, in order.
std::vector<DisplayUnit> split_display_units(std::string_view escaped);

/// Columns one code point takes: utf8proc_charwidth, and 1 for an invalid byte.
std::size_t code_point_width(std::string_view text, std::size_t i, std::size_t& len);

inline constexpr std::string_view kMarkOpen = "\u27e8";   // ⟨
inline constexpr std::string_view kMarkClose = "\u27e9";  // ⟩
inline constexpr std::string_view kEllipsis = "\u2026";   // …

}  // namespace huntq::output
