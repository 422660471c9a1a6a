// Kusto guid values: kept as canonical lowercase text, so equal guids compare equal as text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace huntq {

/// Accepts `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (any letter case, optionally in braces or
/// parentheses) and 32 hex digits without dashes; returns the lowercase dashed form.
std::optional<std::string> parse_guid(std::string_view text);

}  // namespace huntq
