// UTF-8 decoding that never trusts its input: every hostile byte sequence has one defined reading.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace huntq {

/// Decodes one code point at s[pos]. Returns the code point and sets `len` to the bytes it used;
/// for an invalid sequence (stray continuation, overlong form, surrogate, > U+10FFFF, truncated)
/// returns -1 and sets `len` to 1, so callers can escape that byte and go on.
std::int32_t decode_utf8(std::string_view s, std::size_t pos, std::size_t& len) noexcept;

}  // namespace huntq
