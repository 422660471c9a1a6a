// JSON text for the writers: dynamic cells and numbers (strings: huntq::json_quote).
#pragma once

#include <string>
#include <string_view>

#include "huntq/value/json_quote.h"

namespace huntq::output {

/// Appends JSON text (a Dynamic value's, already valid JSON) while enforcing the same guarantees
/// inside its strings; outside strings, anything but printable ASCII and JSON whitespace becomes a
/// space. Empty text is written as `null`.
void append_json_text(std::string& out, std::string_view json);

/// True when `text` is exactly a JSON number (-?int[.frac][e[+-]exp]).
bool is_json_number(std::string_view text) noexcept;

}  // namespace huntq::output
