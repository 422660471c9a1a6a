// Shared rules for scanning string literals (the lexer and typed-literal contents).
#pragma once

#include <cstddef>
#include <string_view>

namespace huntq::kql {

/// Length of the escape sequence at text[pos] == '\\' (\\ \' \" \a \b \f \n \r \t \v \uXXXX
/// \UXXXXXXXX \xHH and octal \o, \oo, \ooo with the first digit 0-3), or 0 if Kusto does not
/// accept it.
std::size_t string_escape_length(std::string_view text, std::size_t pos);

/// True if `text` is exactly one string literal ("..", '..', @"..", h'..', ```..```).
bool is_single_string_literal(std::string_view text);

}  // namespace huntq::kql
