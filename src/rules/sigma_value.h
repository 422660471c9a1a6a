// Sigma's string values: `*` matches any run of characters, `?` exactly one, and a backslash
// escapes `*`, `?` and itself; any other backslash is literal.
#pragma once

#include <string>
#include <string_view>

namespace huntq::rules {

struct SigmaValue {
  bool wildcard = false;  ///< holds an unescaped `*` or `?`
  std::string text;       ///< not wildcard: the value with its escapes resolved
  std::string regex;      ///< wildcard: the same as an unanchored regular expression, no flags
};

SigmaValue parse_sigma_value(std::string_view written);

/// `literal` as a regular expression matching exactly it, in syntax that RE2 and Kusto's
/// regex dialect read alike: meta characters get a backslash, control characters are \xNN,
/// everything else (UTF-8 included) stands for itself.
std::string regex_escape(std::string_view literal);

}  // namespace huntq::rules
