// User text inside error messages and KQL comments: quoted, cut short, and with control
// characters escaped so that it can neither flood nor rewrite the terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace huntq::rules {

/// `s` between single quotes, control characters written \xNN, and cut after `max_bytes`
/// bytes (at a UTF-8 boundary) with "...(N bytes)" saying how long it was.
std::string quote_text(std::string_view s, std::size_t max_bytes = 120);

/// `s` on one line, for a `//` comment: control characters and Unicode line or paragraph
/// separators become spaces, so nothing after them can be read as code. Cut like quote_text().
std::string one_line(std::string_view s, std::size_t max_bytes = 300);

}  // namespace huntq::rules
