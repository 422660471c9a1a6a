// Finding one value in a JSON record without parsing all of it: a byte walk that tracks strings
// and nesting only. Used to tell a record's table (its Type or category) before the scan decides
// whether to parse it. It does not validate: on broken JSON it gives nothing or a wrong answer,
// never reads out of bounds; the record is validated when it is decoded.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace huntq::input {

/// The raw bytes of the value of the first key equal to `key` (ASCII case-insensitive) at the top
/// level of the JSON object `object`, or nullopt.
std::optional<std::string_view> peek_member(std::string_view object, std::string_view key);

/// The raw bytes of element `index` of the JSON array `array`, or nullopt.
std::optional<std::string_view> peek_element(std::string_view array, std::size_t index);

/// A record's table label: a row's top-level `Type`, or a streaming record's `category` (also
/// inside an Event Hub `body`). False when it has none.
bool peek_record_label(std::string_view record, bool streaming, std::string& label);

/// The text of a JSON string token (with its quotes): escapes decoded (into `scratch` when it has
/// any). nullopt when `token` is not one valid JSON string.
std::optional<std::string_view> json_string_text(std::string_view token, std::string& scratch);

}  // namespace huntq::input
