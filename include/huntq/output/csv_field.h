// One RFC 4180 CSV field, guarded against spreadsheet formula injection.
#pragma once

#include <string>
#include <string_view>

namespace huntq::output {

/// True when a spreadsheet would take `text` as a formula: it starts with = + - @ TAB or CR, or a
/// full-width ＝ ＋ － ＠ (U+FF1D U+FF0B U+FF0D U+FF20), per OWASP's CSV-injection guidance.
bool looks_like_formula(std::string_view text) noexcept;

/// Appends `text` as a CSV field: invalid UTF-8 replaced by U+FFFD, a leading `'` when
/// `formula_guard` and looks_like_formula(), then quoted (inner `"` doubled) when it holds
/// , " CR or LF or starts or ends with a space or TAB.
void append_csv_field(std::string& out, std::string_view text, bool formula_guard);

}  // namespace huntq::output
