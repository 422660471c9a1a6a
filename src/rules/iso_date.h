// Calendar dates written YYYY-MM-DD (the `expires:` key).
#pragma once

#include <string_view>

namespace huntq::rules {

/// True for a real date written exactly YYYY-MM-DD (so "2025-02-30" is false). Such dates
/// compare correctly as text.
bool is_iso_date(std::string_view text);

}  // namespace huntq::rules
