// The default format: an aligned plain-text table, every cell escaped for the terminal.
#include <vector>

#include "output_buffer.h"
#include "writers.h"

namespace huntq::output {

namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kGap = "  ";

class TableWriter final : public RowWriter {
 public:
  TableWriter(std::FILE* out, const WriterOptions& options) : out_(out), color_(options.color) {}

  void begin(std::span<const Column> columns) override {
    columns_ = columns.size();
    widths_.assign(columns_, 0);
    for (const Column& c : columns) add_cell(c.name, false);
  }

  void row(std::span<const Cell> cells) override {
    check_row_width(cells.size(), columns_);
    for (const Cell& c : cells) add_cell(c.text, c.null);
  }

  void finish() override {
    if (columns_ > 0) {
      const std::size_t rows = widths_of_cells_.size() / columns_;
      std::string& text = out_.text();
      if (color_) text += kBold;
      append_line(0);
      if (color_) text += kReset;
      text += '\n';
      for (std::size_t c = 0; c < columns_; ++c) {
        if (c > 0) text += kGap;
        text.append(widths_[c], '-');
      }
      text += '\n';
      for (std::size_t r = 1; r < rows; ++r) {
        append_line(r);
        text += '\n';
        out_.maybe_flush();
      }
    }
    out_.finish();
  }

 private:
  // Cells are kept escaped and fitted, in one string, so finish() only pads and copies.
  void add_cell(std::string_view raw, bool null) {
    const std::string shown =
        null ? std::string() : fit_to_width(escape_for_terminal(raw), kMaxTableCellWidth);
    const std::size_t width = display_width(shown);
    const std::size_t column = widths_of_cells_.size() % columns_;
    if (width > widths_[column]) widths_[column] = width;
    cells_.append(shown);
    cell_ends_.push_back(cells_.size());
    widths_of_cells_.push_back(width);
  }

  // Row 0 is the header. The last column is not padded, so lines have no trailing spaces.
  void append_line(std::size_t row) {
    std::string& text = out_.text();
    for (std::size_t c = 0; c < columns_; ++c) {
      const std::size_t k = row * columns_ + c;
      const std::size_t start = k == 0 ? 0 : cell_ends_[k - 1];
      if (c > 0) text += kGap;
      text.append(cells_, start, cell_ends_[k] - start);
      if (c + 1 < columns_) text.append(widths_[c] - widths_of_cells_[k], ' ');
    }
  }

  OutputBuffer out_;
  bool color_;
  std::size_t columns_ = 0;
  std::vector<std::size_t> widths_;  // per column
  std::string cells_;
  std::vector<std::size_t> cell_ends_;
  std::vector<std::size_t> widths_of_cells_;
};

}  // namespace

std::unique_ptr<RowWriter> make_table_writer(std::FILE* out, const WriterOptions& options) {
  return std::make_unique<TableWriter>(out, options);
}

}  // namespace huntq::output
