// Kusto's dynamic functions over JSON text (kql-semantics.md D-1..D-4).
#pragma once

#include <string>
#include <string_view>

#include "huntq/value/json_quote.h"
#include "huntq/value/value.h"

namespace huntq {

/// parse_json(x) (D-1): a dynamic is returned as is; "" gives dynamic null; valid JSON is parsed
/// (surrounding whitespace allowed); anything else is a dynamic string holding the text.
Value parse_json(const Value& v);

/// d.key / d["key"] (D-2, D-3): null when d is null, not an object, or has no such key.
/// Keys are case-sensitive. With duplicate keys the first one is taken (simdjson's find_field).
Value dynamic_member(const Value& d, std::string_view key);

/// tostring(v) (D-4): null gives ""; a dynamic string is unquoted; numbers and bools their JSON
/// text (bools lowercase); objects and arrays compact JSON; datetimes with 7 fraction digits.
std::string to_string(const Value& v);

}  // namespace huntq
