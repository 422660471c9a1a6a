// The default format: an aligned plain-text table, every cell escaped for the terminal, fitted to
// the terminal's width when it goes to one.
#include <vector>

#include "display_units.h"
#include "huntq/output/cell_elision.h"
#include "huntq/output/column_fit.h"
#include "output_buffer.h"
#include "writers.h"

namespace huntq::output {

namespace {

// Narrowest a column shrinks to before columns are left out: "2024…" still says something.
constexpr std::size_t kMinColumnWidth = 6;

class TableWriter final : public RowWriter {
 public:
  TableWriter(std::FILE* out, const WriterOptions& options)
      : out_(out), color_(options.color), fit_width_(options.wide ? 0 : options.terminal_width) {}

  void begin(std::span<const Column> columns) override {
    columns_ = columns.size();
    natural_.assign(columns_, 0);
    for (const Column& c : columns) add_cell(c.name, false);
  }

  void row(std::span<const Cell> cells) override {
    check_row_width(cells.size(), columns_);
    for (const Cell& c : cells) add_cell(c.text, c.null);
  }

  void finish() override {
    if (columns_ > 0) write_table();
    out_.finish();
  }

  WriterReport report() const override { return report_; }

 private:
  // Cells are kept escaped, whole, in one string: their widths are known only at the end.
  void add_cell(std::string_view raw, bool null) {
    const std::size_t start = cells_.size();
    if (!null) append_terminal_text(cells_, raw);
    const std::size_t width = display_width(std::string_view(cells_).substr(start));
    const std::size_t column = cell_ends_.size() % columns_;
    if (width > natural_[column]) natural_[column] = width;
    cell_ends_.push_back(cells_.size());
    cell_widths_.push_back(width);
  }

  void write_table() {
    ColumnFit fit;
    if (fit_width_ > 0) {
      fit = fit_columns(natural_, fit_width_, kColumnGap.size(), kMinColumnWidth);
    } else {
      fit.widths = natural_;
      fit.shown = columns_;
    }
    report_.hidden_columns = columns_ - fit.shown;
    std::string& text = out_.text();
    if (color_) text += kBold;
    append_line(0, fit);
    if (color_) text += kReset;
    text += '\n';
    for (std::size_t c = 0; c < fit.shown; ++c) {
      if (c > 0) text += kColumnGap;
      text.append(fit.widths[c], '-');
    }
    if (report_.hidden_columns > 0) text.append(kColumnGap).append("-");
    text += '\n';
    const std::size_t rows = cell_widths_.size() / columns_;
    for (std::size_t r = 1; r < rows; ++r) {
      append_line(r, fit);
      text += '\n';
      out_.maybe_flush();
    }
  }

  // Row 0 is the header. The last column is not padded, so lines have no trailing spaces.
  void append_line(std::size_t row, const ColumnFit& fit) {
    std::string& text = out_.text();
    const bool hidden = fit.shown < columns_;
    for (std::size_t c = 0; c < fit.shown; ++c) {
      const std::size_t k = row * columns_ + c;
      const std::size_t start = k == 0 ? 0 : cell_ends_[k - 1];
      std::string_view cell = std::string_view(cells_).substr(start, cell_ends_[k] - start);
      std::size_t width = cell_widths_[k];
      std::string elided;
      if (width > fit.widths[c]) {
        // Headers are names: their start says most. Cells keep a URL's host, a file's name.
        elided = row == 0 ? fit_to_width(cell, fit.widths[c]) : elide_cell(cell, fit.widths[c]);
        cell = elided;
        width = display_width(cell);
        if (row > 0) ++report_.cells_elided;
      }
      if (c > 0) text += kColumnGap;
      if (color_)
        append_highlighted(text, cell);
      else
        text.append(cell);
      if (c + 1 < fit.shown || hidden) text.append(fit.widths[c] - width, ' ');
    }
    if (hidden) text.append(kColumnGap).append(kEllipsis);
  }

  OutputBuffer out_;
  bool color_;
  std::size_t fit_width_;  // 0: print cells whole
  std::size_t columns_ = 0;
  std::vector<std::size_t> natural_;  // per column: its widest cell, header included
  std::string cells_;
  std::vector<std::size_t> cell_ends_;
  std::vector<std::size_t> cell_widths_;
  WriterReport report_;
};

}  // namespace

std::unique_ptr<RowWriter> make_table_writer(std::FILE* out, const WriterOptions& options) {
  return std::make_unique<TableWriter>(out, options);
}

}  // namespace huntq::output
