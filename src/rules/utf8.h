// UTF-8 validity, as the rule loader and the KQL writer need it.
#pragma once

#include <cstddef>
#include <string_view>

namespace huntq::rules {

/// Length (1-4) of the valid UTF-8 sequence starting at s[i]; 0 when it is not valid
/// (overlong forms, surrogates and code points past U+10FFFF are not).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

/// Offset of the first byte of `s` that does not start a valid UTF-8 sequence, or s.size().
std::size_t first_invalid_utf8(std::string_view s);

}  // namespace huntq::rules
