// User text quoted in messages: cut short, so a 200 KB value is never echoed whole.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace huntq::input {

/// `text` as a JSON-quoted string (controls escaped), cut after about `max` bytes at a character
/// boundary with "..." and the full length: "abc..." (200000 bytes).
std::string quote_cut(std::string_view text, std::size_t max = 64);

}  // namespace huntq::input
