#include <catch2/catch.hpp>

#include "huntq/value/json_quote.h"

using huntq::is_hidden_format_char;

TEST_CASE("is_hidden_format_char covers bidi, zero-width and separators", "[value]") {
  for (char32_t cp : {0x202AU, 0x202EU, 0x2066U, 0x2069U, 0x200BU, 0x200FU, 0x2028U, 0x2029U,
                      0xFEFFU, 0x061CU, 0xE0041U})
    CHECK(is_hidden_format_char(cp));
  for (char32_t cp : {0x41U, 0xE9U, 0x200AU, 0x2030U, 0x206AU, 0xFF1DU, 0x9BU})
    CHECK_FALSE(is_hidden_format_char(cp));
}
