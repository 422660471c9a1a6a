#include "huntq/output/row_writer.h"

#include <fmt/format.h>

#include "huntq/error.h"
#include "writers.h"

namespace huntq::output {

Format parse_format(std::string_view name) {
  if (name == "table") return Format::Table;
  if (name == "csv") return Format::Csv;
  if (name == "json") return Format::Json;
  if (name == "ndjson") return Format::Ndjson;
  throw Error(fmt::format("unknown output format \"{}\" (expected table, csv, json or ndjson)",
                          escape_for_terminal(name)));
}

std::unique_ptr<RowWriter> make_writer(Format format, std::FILE* out,
                                       const WriterOptions& options) {
  switch (format) {
    case Format::Table:
      return make_table_writer(out, options);
    case Format::Csv:
      return make_csv_writer(out, options);
    case Format::Json:
      return make_json_array_writer(out);
    case Format::Ndjson:
      return make_ndjson_writer(out);
  }
  throw Error("unknown output format");
}

void check_row_width(std::size_t cells, std::size_t columns) {
  if (cells != columns)
    throw Error(fmt::format("internal error: a row has {} cells for {} columns", cells, columns));
}

}  // namespace huntq::output
