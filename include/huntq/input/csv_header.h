// Recognising a CSV header row of Defender columns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace huntq::input {

/// The fields of one CSV line (RFC 4180 quoting; the line holds no record separator).
std::vector<std::string> split_csv_line(std::string_view line);

/// A header row: non-empty names, none that looks like data, and at least one column huntq
/// knows (a DeviceEvents / DeviceFileEvents column, TimeGenerated or Type).
bool looks_like_csv_header(std::string_view first_line);

}  // namespace huntq::input
