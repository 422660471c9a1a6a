// RFC 4180 CSV: comma-separated, CRLF line ends, with the formula-injection guard.
#include <vector>

#include "output_buffer.h"
#include "writers.h"

namespace huntq::output {

namespace {

class CsvWriter final : public RowWriter {
 public:
  CsvWriter(std::FILE* out, const WriterOptions& options)
      : out_(out), guard_(options.csv_formula_guard), to_terminal_(options.to_terminal) {}

  void begin(std::span<const Column> columns) override {
    numeric_.clear();
    std::string& text = out_.text();
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) text += ',';
      append(text, columns[c].name, guard_);
      numeric_.push_back(huntq::is_numeric(columns[c].type));
    }
    text += "\r\n";
  }

  void row(std::span<const Cell> cells) override {
    check_row_width(cells.size(), numeric_.size());
    std::string& text = out_.text();
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) text += ',';
      if (cells[c].null) continue;
      // A number huntq rendered (-1, -2.5e3) is no formula; guarding it would turn it into text.
      const bool plain_number = numeric_[c] && is_json_number(cells[c].text);
      const CsvFieldRepairs repairs = append(text, cells[c].text, guard_ && !plain_number);
      if (repairs.any()) {
        ++report_.cells_changed;
        report_.cells_with_nul += repairs.nul;
        report_.cells_with_invalid_utf8 += repairs.invalid_utf8;
      }
    }
    text += "\r\n";
    out_.maybe_flush();
  }

  void finish() override { out_.finish(); }

  WriterReport report() const override { return report_; }

 private:
  CsvFieldRepairs append(std::string& text, std::string_view field, bool guard) const {
    if (!to_terminal_) return append_csv_field(text, field, guard);
    append_csv_field_for_terminal(text, field, guard);  // shown, not changed
    return {};
  }

  OutputBuffer out_;
  bool guard_;
  bool to_terminal_;
  std::vector<bool> numeric_;  // per column
  WriterReport report_;
};

}  // namespace

std::unique_ptr<RowWriter> make_csv_writer(std::FILE* out, const WriterOptions& options) {
  return std::make_unique<CsvWriter>(out, options);
}

}  // namespace huntq::output
