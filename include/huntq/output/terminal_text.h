// Making hostile text safe to show on a terminal, and measuring it for column alignment.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace huntq::output {

/// Text made safe to show on a terminal. Backslash becomes "\\"; ESC "\e"; LF, CR, TAB "\n",
/// "\r", "\t"; other C0 controls and DEL "\xNN"; each byte of invalid UTF-8 "\xNN"; C1 controls
/// (U+0080-009F) and is_hidden_format_char() characters "\u{NNNN}" (at least four lowercase hex
/// digits). The result is valid UTF-8 with no control or invisible formatting characters.
std::string escape_for_terminal(std::string_view text);

/// Display columns of escape_for_terminal() output: one per code point, two for East Asian
/// Wide/Fullwidth ones (CJK, Hangul, full-width forms, most emoji). Combining marks count one
/// (slight over-estimate, never under), which is enough to keep columns aligned in practice.
std::size_t display_width(std::string_view escaped);

/// `escaped` cut to at most `max_columns` display columns (max_columns >= 1), ending with "…" when
/// cut. Never splits an escape such as "\u{202e}", so what is shown stays unambiguous.
std::string fit_to_width(std::string_view escaped, std::size_t max_columns);

}  // namespace huntq::output
