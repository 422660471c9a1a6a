// One RFC 4180 CSV field, guarded against spreadsheet formula injection.
#pragma once

#include <string>
#include <string_view>

namespace huntq::output {

/// True when a spreadsheet would take `text` as a formula: it starts with = + - @ TAB or CR, or a
/// full-width ＝ ＋ － ＠ (U+FF1D U+FF0B U+FF0D U+FF20), per OWASP's CSV-injection guidance.
bool looks_like_formula(std::string_view text) noexcept;

/// What append_csv_field() had to change in a field's text.
struct CsvFieldRepairs {
  bool nul = false;           ///< NUL bytes written as U+FFFD
  bool invalid_utf8 = false;  ///< invalid UTF-8 bytes written as U+FFFD, one each
  bool any() const { return nul || invalid_utf8; }
};

/// Appends `text` as a CSV field, byte for byte except for the repairs it returns (NUL bytes and
/// invalid UTF-8 bytes become U+FFFD: spreadsheet tools and C-string readers cut text at a NUL, so
/// the file keeps a visible sign instead). Then a leading `'` when `formula_guard` and
/// looks_like_formula(), and quotes (inner `"` doubled) when the field holds , " CR or LF or starts
/// or ends with a space or TAB.
CsvFieldRepairs append_csv_field(std::string& out, std::string_view text, bool formula_guard);

/// For CSV shown on a terminal: the field's text as append_terminal_text() shows it (marks for
/// control and invisible characters and invalid bytes, so one record is one line), guarded when
/// the original text looks like a formula, then quoted by the same rules.
void append_csv_field_for_terminal(std::string& out, std::string_view text, bool formula_guard);

}  // namespace huntq::output
