// The concrete writers behind make_writer(), one per format.
#pragma once

#include <cstdio>
#include <memory>

#include "huntq/output/row_writer.h"

namespace huntq::output {

std::unique_ptr<RowWriter> make_table_writer(std::FILE* out, const WriterOptions& options);
std::unique_ptr<RowWriter> make_csv_writer(std::FILE* out, const WriterOptions& options);
std::unique_ptr<RowWriter> make_json_array_writer(std::FILE* out);
std::unique_ptr<RowWriter> make_ndjson_writer(std::FILE* out);

/// Throws huntq::Error unless a row has one cell per column.
void check_row_width(std::size_t cells, std::size_t columns);

}  // namespace huntq::output
