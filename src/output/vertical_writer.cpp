// One line per field ("Name: value"), for rows too wide for a table; like psql's \x.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <vector>

#include "output_buffer.h"
#include "writers.h"

namespace huntq::output {

namespace {

class VerticalWriter final : public RowWriter {
 public:
  VerticalWriter(std::FILE* out, const WriterOptions& options) : out_(out), color_(options.color) {}

  void begin(std::span<const Column> columns) override {
    names_.clear();
    pads_.clear();
    std::size_t widest = 0;
    for (const Column& c : columns) {
      names_.push_back(escape_for_terminal(c.name));
      pads_.push_back(display_width(names_.back()));
      widest = std::max(widest, pads_.back());
    }
    for (std::size_t& pad : pads_) pad = widest - pad;
  }

  void row(std::span<const Cell> cells) override {
    check_row_width(cells.size(), names_.size());
    std::string& text = out_.text();
    ++rows_;
    // Every record opens with its number, so one can be found and told from the next.
    fmt::format_to(std::back_inserter(text), "-[ RECORD {} ]-\n", rows_);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      // Names right-aligned: the values start in one column.
      text.append(pads_[c], ' ');
      if (color_) {
        text += kBold;
        append_highlighted(text, names_[c]);
        text += kReset;
      } else {
        text += names_[c];
      }
      text += ':';
      if (!cells[c].null && !cells[c].text.empty()) {
        text += ' ';
        value_.clear();
        append_terminal_text(value_, cells[c].text);
        if (color_)
          append_highlighted(text, value_);
        else
          text += value_;
      }
      text += '\n';
    }
    out_.maybe_flush();
  }

  void finish() override { out_.finish(); }

 private:
  OutputBuffer out_;
  bool color_;
  std::vector<std::string> names_;  // escaped
  std::vector<std::size_t> pads_;   // spaces before each name
  std::size_t rows_ = 0;
  std::string value_;  // reused
};

}  // namespace

std::unique_ptr<RowWriter> make_vertical_writer(std::FILE* out, const WriterOptions& options) {
  return std::make_unique<VerticalWriter>(out, options);
}

}  // namespace huntq::output
