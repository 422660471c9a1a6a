// JSON string literals that are valid UTF-8 and safe to print, whatever bytes the logs held.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace huntq {

/// `text` as a quoted JSON string that is valid UTF-8 and safe to print and to embed in
/// JavaScript: escapes `"` `\`, every C0 control (\b \f \n \r \t, others \u00XX), DEL and C1
/// (\u00XX), U+2028/2029 and the other hidden formatting characters (\uXXXX); each byte of
/// invalid UTF-8 becomes \ufffd.
std::string json_quote(std::string_view text);
void append_json_quoted(std::string& out, std::string_view text);

/// Appends the escaped form of the character at text[i] (a byte, or a UTF-8 sequence) as inside
/// a JSON string; returns the bytes consumed.
std::size_t append_json_escaped_char(std::string& out, std::string_view text, std::size_t i);

/// Characters that are valid and "printable" yet hide or reorder text, so no writer shows them
/// raw: bidi controls (U+061C, U+200E/F, U+202A-202E, U+2066-2069), zero-width and invisible
/// characters (U+180E, U+200B-200D, U+2060-2064, U+FEFF), line/paragraph separators
/// (U+2028/2029) and tag characters (U+E0001, U+E0020-E007F, used to smuggle hidden text).
bool is_hidden_format_char(char32_t cp) noexcept;

}  // namespace huntq
