// JSON text for the writers: dynamic cells and numbers (strings: huntq::json_quote).
#pragma once

#include <string>
#include <string_view>

#include "huntq/value/json_quote.h"

namespace huntq::output {

/// Appends JSON text (a Dynamic value's, already valid JSON) while enforcing the same guarantees
/// inside its strings; outside strings, anything but printable ASCII and JSON whitespace becomes a
/// space. Empty text is written as `null`. `for_terminal`: strings also escape as
/// append_json_quoted_for_terminal() does.
void append_json_text(std::string& out, std::string_view json, bool for_terminal = false);

/// For JSON shown on a terminal: huntq::append_json_quoted(), and every other character that
/// is_hidden_or_control() (soft hyphen, variation selectors, Hangul fillers, U+FFF9…, see
/// terminal_text.h) escaped as \uXXXX too (a surrogate pair above U+FFFF): the same JSON value,
/// with nothing invisible left raw.
void append_json_quoted_for_terminal(std::string& out, std::string_view text);

/// True when `text` is exactly a JSON number (-?int[.frac][e[+-]exp]).
bool is_json_number(std::string_view text) noexcept;

}  // namespace huntq::output
