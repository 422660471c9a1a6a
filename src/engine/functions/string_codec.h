// URL percent-encoding and base64, as the .NET encoders Kusto's functions follow.
#pragma once

#include <string>
#include <string_view>

namespace huntq::engine {

/// url_encode (space as '+') and url_encode_component (space as "%20"): the UTF-8 bytes of every
/// character but ASCII letters, digits and - _ . ! * ( ) become %xx with lowercase hex digits, as
/// .NET's HttpUtility.UrlEncode does (url-encode-function.md: "https%3a%2f%2fwww.bing.com%2f...").
std::string url_encode(std::string_view text, bool space_as_plus);

/// url_decode: %xx bytes and %uXXXX characters are decoded and '+' becomes a space, as
/// HttpUtility.UrlDecode does; a '%' not followed by hex digits stays as it is. Decoded bytes
/// that are not valid UTF-8 become U+FFFD.
std::string url_decode(std::string_view text);

std::string base64_encode(std::string_view bytes);
/// Standard base64 with '=' padding, whitespace ignored (.NET's Convert.FromBase64String).
/// False, with `out` unspecified, for anything else.
bool base64_decode(std::string_view text, std::string& out);

/// The bytes with each invalid UTF-8 sequence replaced by U+FFFD.
std::string replace_invalid_utf8(std::string_view bytes);

}  // namespace huntq::engine
