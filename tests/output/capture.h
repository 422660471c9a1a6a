// Runs a RowWriter into memory so tests can compare its exact output.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

#include "huntq/output/row_writer.h"

namespace huntq::output::test {

/// A row of cells; std::nullopt-like nulls are spelled with Null{}.
struct Null {};

struct TestCell {
  TestCell(const char* t) : text(t) {}
  TestCell(std::string t) : text(std::move(t)) {}
  TestCell(Null) : null(true) {}
  std::string text;
  bool null = false;
};

/// Writes `columns` and `rows` with a writer of `format` and returns everything it printed; its
/// report goes to `report` when given.
inline std::string render(Format format, const std::vector<Column>& columns,
                          const std::vector<std::vector<TestCell>>& rows,
                          WriterOptions options = {}, WriterReport* report = nullptr) {
  char* data = nullptr;
  std::size_t size = 0;
  std::FILE* f = open_memstream(&data, &size);
  {
    auto writer = make_writer(format, f, options);
    writer->begin(columns);
    for (const auto& r : rows) {
      std::vector<Cell> cells;
      for (const TestCell& c : r) cells.push_back(Cell{c.text, c.null});
      writer->row(cells);
    }
    writer->finish();
    if (report) *report = writer->report();
  }
  std::fclose(f);
  std::string out(data, size);
  std::free(data);
  return out;
}

/// `options` for a terminal `width` columns wide.
inline WriterOptions terminal(std::size_t width) {
  WriterOptions options;
  options.terminal_width = width;
  options.to_terminal = true;
  return options;
}

/// String columns named as given.
inline std::vector<Column> string_columns(std::initializer_list<const char*> names) {
  std::vector<Column> columns;
  for (const char* n : names) columns.push_back(Column{n, Type::String});
  return columns;
}

}  // namespace huntq::output::test
