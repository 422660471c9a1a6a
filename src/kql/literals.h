// Decoding of KQL literal texts into values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace huntq::kql {

enum class DecodeStatus { Ok, Invalid, Overflow };

/// A Long token ("123", "0x1F"), negated if `negative`: Overflow outside int64.
DecodeStatus decode_long(std::string_view text, bool negative, std::int64_t& out);

/// A signed decimal integer as written inside long(...) / int(...) ("-5", "+7", "0x10").
DecodeStatus decode_signed_integer(std::string_view text, std::int64_t& out);

/// A Real token or the inside of real(...): "1.5", "1e5", "-2.", "nan", "+inf", "-inf".
DecodeStatus decode_real(std::string_view text, double& out);

/// A Timespan token ("1.5h", "100ms", "2days"), negated if `negative`, in ticks (100 ns);
/// fractions of a tick are truncated toward zero.
DecodeStatus decode_timespan_token(std::string_view text, bool negative, std::int64_t& ticks);

/// The inside of time(...) / timespan(...): a token form ("2d", "15 seconds"), a number of days
/// ("2"), or .NET's [-][d.]hh:mm[:ss[.fffffff]] and [-]d:hh:mm:ss[.fffffff].
DecodeStatus decode_timespan_text(std::string_view text, std::int64_t& ticks);

/// Whitespace trimmed from both ends (Kusto's whitespace set).
std::string_view trim_kql_whitespace(std::string_view text);

}  // namespace huntq::kql
