// Making hostile text safe to show on a terminal, and measuring it for column alignment.
//
// How characters that must not reach a terminal raw are shown ("marks"):
//
//   C0 controls and DEL    by their ASCII name: ⟨ESC⟩ ⟨NUL⟩ ⟨BEL⟩ ⟨LF⟩ ⟨CR⟩ ⟨TAB⟩ ⟨DEL⟩ …
//   other code points      ⟨U+202E⟩ (4 to 6 upper-case hex digits): C1 controls, Unicode's
//                          Default_Ignorable_Code_Point set, format characters (Cf, which holds
//                          every bidi control), line/paragraph separators, unassigned code points
//   invalid UTF-8          one mark per byte: ⟨\xFF⟩
//   a literal ⟨ (U+27E8)   ⟨U+27E8⟩, so that every ⟨ that is printed opens a mark
//
// Everything else, backslashes included, prints as typed: C:\Users\a.lee pastes back unchanged.
// The marks use U+27E8/U+27E9 (MATHEMATICAL ANGLE BRACKETS, narrow in every terminal) instead of a
// backslash because log text is full of backslashes and a typed "\x1b" must not pass for a real
// ESC. Since a literal ⟨ is itself shown as a mark, the shown text decodes one way only: a typed
// "⟨ESC⟩" prints as "⟨U+27E8⟩ESC⟩", a typed "\x1b" as "\x1b", a real ESC as "⟨ESC⟩". With colour
// on, writers also print marks in reverse video (highlight_marks), which no log text can produce.
// The character set comes from Unicode's data through utf8proc (Unicode 15 in Debian 12), not
// from a hand list.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace huntq::output {

/// True for code points that must not reach a terminal raw: C0, DEL, C1,
/// Default_Ignorable_Code_Point (soft hyphen, variation selectors, Hangul fillers, zero-width and
/// bidi characters, tags…), general category Cf, Zl, Zp, Cs and Cn (unassigned, so not known to be
/// visible).
bool is_hidden_or_control(char32_t cp) noexcept;

/// Appends `text` with every character that is_hidden_or_control(), every invalid UTF-8 byte and
/// every U+27E8 replaced by its mark (see above). The result is valid UTF-8.
void append_terminal_text(std::string& out, std::string_view text);
std::string escape_for_terminal(std::string_view text);

/// Appends escaped text with each run of marks in reverse video (SGR 7 ... SGR 27, which leaves
/// bold alone), for output with colour on.
void append_highlighted(std::string& out, std::string_view escaped);

/// Display columns of escape_for_terminal() output, from Unicode's East Asian Width (wide and
/// full-width characters count 2, combining marks 0) via utf8proc_charwidth.
std::size_t display_width(std::string_view escaped);

/// `escaped` cut at the end to at most `max_columns` display columns, ending with "…" when cut.
/// Never splits a mark or a character from its combining marks.
std::string fit_to_width(std::string_view escaped, std::size_t max_columns);

}  // namespace huntq::output
