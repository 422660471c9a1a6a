// KQL text -> tokens, following Kusto.Language's TokenParser (comments `//` to end of line,
// no block comments; ASCII letters; numbers, timespans and typed literals scanned its way).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "huntq/kql/source_text.h"
#include "huntq/kql/token.h"

namespace huntq::kql {

/// All tokens of the text, ending with one End token. Throws huntq::Error (located through
/// `map`) on an unterminated string or typed literal, an invalid escape, or a character that
/// is not part of KQL.
std::vector<Token> tokenize(const SourceText& source, const SourceMap& map);

/// The value of one String token's text (escapes decoded, verbatim quotes undoubled, h prefix
/// and quotes removed). The token must come from tokenize().
std::string decode_string_literal(std::string_view token_text);

}  // namespace huntq::kql
