// The one JSON string escaper, used by both JSON writers.
#pragma once

#include <string>
#include <string_view>

namespace huntq::output {

/// `text` as a quoted JSON string that is valid UTF-8 and safe to print and to embed in
/// JavaScript: escapes `"` `\`, every C0 control (\b \f \n \r \t, others \u00XX), DEL and C1
/// (\u00XX), U+2028/2029 and the other invisible formatting characters (\uXXXX); each byte of
/// invalid UTF-8 becomes \ufffd.
std::string json_string(std::string_view text);
void append_json_string(std::string& out, std::string_view text);

/// Appends JSON text (a Dynamic value's, already valid JSON) while enforcing the same guarantees
/// inside its strings; outside strings, anything but printable ASCII and JSON whitespace becomes a
/// space. Empty text is written as `null`.
void append_json_text(std::string& out, std::string_view json);

/// True when `text` is exactly a JSON number (-?int[.frac][e[+-]exp]).
bool is_json_number(std::string_view text) noexcept;

}  // namespace huntq::output
