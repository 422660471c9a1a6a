// JSON output: one array of objects (json) or one object per line (ndjson), same row encoding.
#include <vector>

#include "output_buffer.h"
#include "writers.h"

namespace huntq::output {

namespace {

// Dynamic text may arrive unquoted (huntq::to_string unwraps a JSON string), so only text that
// can begin a JSON value of its own is written raw; anything else is written as a string.
bool looks_like_json_text(std::string_view t) {
  if (t.empty()) return true;  // written as null
  const char c = t.front();
  return c == '{' || c == '[' || c == '"' || is_json_number(t) || t == "true" || t == "false" ||
         t == "null";
}

// On a terminal strings also escape invisible characters; to a file they are as json_quote makes
// them.
void append_string(std::string& out, std::string_view text, bool for_terminal) {
  if (for_terminal)
    append_json_quoted_for_terminal(out, text);
  else
    append_json_quoted(out, text);
}

void append_json_value(std::string& out, Type type, const Cell& cell, bool for_terminal) {
  if (cell.null) {
    out += "null";
    return;
  }
  switch (type) {
    case Type::Int:
    case Type::Long:
    case Type::Real:
      // Real NaN/infinity have no JSON number; they stay readable as strings.
      if (is_json_number(cell.text))
        out.append(cell.text);
      else
        append_string(out, cell.text, for_terminal);
      return;
    case Type::Bool:
      if (cell.text == "true" || cell.text == "True" || cell.text == "1")
        out += "true";
      else if (cell.text == "false" || cell.text == "False" || cell.text == "0")
        out += "false";
      else
        append_string(out, cell.text, for_terminal);
      return;
    case Type::Dynamic:
      if (looks_like_json_text(cell.text))
        append_json_text(out, cell.text, for_terminal);
      else
        append_string(out, cell.text, for_terminal);
      return;
    case Type::DateTime:
    case Type::TimeSpan:
    case Type::Guid:
    case Type::String:
      append_string(out, cell.text, for_terminal);
      return;
  }
}

// Encodes rows as compact objects; the keys are escaped once, in begin().
class JsonRowEncoder {
 public:
  explicit JsonRowEncoder(bool for_terminal) : for_terminal_(for_terminal) {}

  void set_columns(std::span<const Column> columns) {
    keys_.clear();
    types_.clear();
    for (const Column& c : columns) {
      std::string key;
      append_string(key, c.name, for_terminal_);
      keys_.push_back(key + ':');
      types_.push_back(c.type);
    }
  }

  std::size_t columns() const { return keys_.size(); }

  void append_object(std::string& out, std::span<const Cell> cells) const {
    check_row_width(cells.size(), keys_.size());
    out += '{';
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out += ',';
      out += keys_[c];
      append_json_value(out, types_[c], cells[c], for_terminal_);
    }
    out += '}';
  }

 private:
  bool for_terminal_;
  std::vector<std::string> keys_;
  std::vector<Type> types_;
};

class JsonArrayWriter final : public RowWriter {
 public:
  JsonArrayWriter(std::FILE* out, const WriterOptions& options)
      : out_(out), encoder_(options.to_terminal) {}

  void begin(std::span<const Column> columns) override { encoder_.set_columns(columns); }

  void row(std::span<const Cell> cells) override {
    check_row_width(cells.size(), encoder_.columns());  // before the separator goes out
    std::string& text = out_.text();
    text += rows_ == 0 ? "[\n  " : ",\n  ";
    encoder_.append_object(text, cells);
    ++rows_;
    out_.maybe_flush();
  }

  void finish() override {
    out_.text() += rows_ == 0 ? "[]\n" : "\n]\n";
    out_.finish();
  }

 private:
  OutputBuffer out_;
  JsonRowEncoder encoder_;
  std::size_t rows_ = 0;
};

class NdjsonWriter final : public RowWriter {
 public:
  NdjsonWriter(std::FILE* out, const WriterOptions& options)
      : out_(out), encoder_(options.to_terminal) {}

  void begin(std::span<const Column> columns) override { encoder_.set_columns(columns); }

  void row(std::span<const Cell> cells) override {
    encoder_.append_object(out_.text(), cells);
    out_.text() += '\n';
    out_.maybe_flush();
  }

  void finish() override { out_.finish(); }

 private:
  OutputBuffer out_;
  JsonRowEncoder encoder_;
};

}  // namespace

std::unique_ptr<RowWriter> make_json_array_writer(std::FILE* out, const WriterOptions& options) {
  return std::make_unique<JsonArrayWriter>(out, options);
}

std::unique_ptr<RowWriter> make_ndjson_writer(std::FILE* out, const WriterOptions& options) {
  return std::make_unique<NdjsonWriter>(out, options);
}

}  // namespace huntq::output
