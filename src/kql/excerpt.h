// User text quoted in messages: cut short and made safe to print.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace huntq::kql {

/// `'text'`, at most `max_bytes` of it (then "..."), control and hidden characters escaped.
std::string quote_excerpt(std::string_view text, std::size_t max_bytes = 40);

}  // namespace huntq::kql
