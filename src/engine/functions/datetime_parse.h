// The datetime text forms todatetime() and datetime() accept (implemented in
// datetime_functions.cpp, shared with the conversion functions).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace huntq::engine {

/// ISO 8601 first (the value layer's parse_datetime), then RFC 822, RFC 850, sortable and the
/// other forms of scalar-data-types/datetime.md and kql-semantics.md T-DT-2. Ticks, or nullopt.
std::optional<std::int64_t> parse_datetime_text(std::string_view text);

}  // namespace huntq::engine
