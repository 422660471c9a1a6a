// The concrete writers behind make_writer(), one per format.
#pragma once

#include <cstdio>
#include <memory>
#include <string_view>

#include "huntq/output/row_writer.h"

namespace huntq::output {

std::unique_ptr<RowWriter> make_table_writer(std::FILE* out, const WriterOptions& options);
std::unique_ptr<RowWriter> make_vertical_writer(std::FILE* out, const WriterOptions& options);
std::unique_ptr<RowWriter> make_csv_writer(std::FILE* out, const WriterOptions& options);
std::unique_ptr<RowWriter> make_json_array_writer(std::FILE* out, const WriterOptions& options);
std::unique_ptr<RowWriter> make_ndjson_writer(std::FILE* out, const WriterOptions& options);

/// Throws huntq::Error unless a row has one cell per column.
void check_row_width(std::size_t cells, std::size_t columns);

/// The gap between table columns, and the header's and marks' SGR codes for colour.
inline constexpr std::string_view kColumnGap = "  ";
inline constexpr std::string_view kBold = "\x1b[1m";
inline constexpr std::string_view kReset = "\x1b[0m";

}  // namespace huntq::output
