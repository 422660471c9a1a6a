// Characters that are valid and "printable" yet hide or reorder text, so no writer shows them raw.
#pragma once

namespace huntq::output {

/// Bidi controls (U+061C, U+200E/F, U+202A-202E, U+2066-2069), zero-width and invisible
/// characters (U+180E, U+200B-200D, U+2060-2064, U+FEFF), line/paragraph separators
/// (U+2028/2029) and tag characters (U+E0001, U+E0020-E007F, used to smuggle hidden text).
bool is_hidden_format_char(char32_t cp) noexcept;

}  // namespace huntq::output
