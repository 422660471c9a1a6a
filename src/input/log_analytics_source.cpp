// Log Analytics query responses: {"tables":[{"name","columns":[{"name","type"}],"rows":[[..]]}]}.
// Rows are positional and streamed one by one; each table's columns must come before its rows.
#include <simdjson.h>

#include "fmt/format.h"
#include "huntq/error.h"
#include "huntq/input/json_peek.h"
#include "huntq/input/json_row_decoder.h"
#include "huntq/input/json_stream_scanner.h"
#include "huntq/input/quote_cut.h"
#include "huntq/input/readers.h"
#include "huntq/value/schema.h"

namespace huntq::input {
namespace {

class LogAnalyticsSource final : public SourceBase {
 public:
  explicit LogAnalyticsSource(const InputInfo& info)
      : SourceBase(info),
        scanner_(open_input_bytes(info), info.options.buffer_bytes, info.options.max_record_bytes,
                 info.display_name),
        decoder_(info_.options, check_labels()) {}

  bool next() override {
    for (;;) {
      switch (state_) {
        case State::Start:
          expect('{', "to start the Log Analytics response");
          first_key_ = true;
          state_ = State::TopKeys;
          break;
        case State::TopKeys: {
          std::string key;
          if (!next_key(key, State::End)) break;
          if (key == "tables" && scanner_.peek() == '[') {
            scanner_.advance();
            first_element_ = true;
            state_ = State::Tables;
          } else {
            skip(key);
          }
          break;
        }
        case State::Tables: {
          if (!next_element(State::TopKeys)) break;
          expect('{', "to start a table");
          ++table_index_;
          columns_.clear();
          declared_.clear();
          type_position_ = -1;
          first_key_ = true;
          state_ = State::TableKeys;
          break;
        }
        case State::TableKeys: {
          std::string key;
          if (!next_key(key, State::Tables)) break;
          if (iequals(key, "columns") && scanner_.peek() == '[') {
            auto v = scanner_.capture_value();
            if (v.truncated) truncated("inside \"columns\"");
            if (v.too_long) {
              scanner_.fail_at(v.line, fmt::format("the \"columns\" of table {} are longer than {} "
                                                   "bytes",
                                                   table_index_, info_.options.max_record_bytes));
            }
            read_columns(v.bytes);
          } else if (iequals(key, "rows") && scanner_.peek() == '[') {
            if (columns_.empty()) {
              scanner_.fail(fmt::format(
                  "table {} of the Log Analytics response has its rows before its columns; "
                  "huntq streams rows and needs the columns first",
                  table_index_));
            }
            scanner_.advance();
            first_element_ = true;
            rows_ = 0;
            state_ = State::Rows;
          } else {
            skip(key);
          }
          break;
        }
        case State::Rows: {
          if (!next_element(State::TableKeys)) break;
          auto v = scanner_.capture_value();
          ++rows_;
          if (v.truncated) {
            scanner_.fail_at(v.line, fmt::format("truncated JSON array \"rows\": the file ends "
                                                 "inside row {} of table {}",
                                                 rows_, table_index_));
          }
          if (v.too_long) {
            count_skipped_malformed(
                v.line, 0,
                fmt::format("record longer than {} bytes", info_.options.max_record_bytes));
            break;
          }
          rec_.bytes = v.bytes;
          rec_.line = v.line;
          rec_.offset = v.offset;
          start_record();
          return true;
        }
        case State::End:
          if (scanner_.peek() >= 0)
            scanner_.fail("unexpected content after the Log Analytics response");
          state_ = State::Done;
          break;
        case State::Done:
          return false;
      }
    }
  }

  Escaping escaping() const override { return Escaping::Json; }

  bool describe(std::vector<std::string>& columns, std::string& label, std::string& why) override {
    columns = columns_;
    label.clear();
    if (type_position_ < 0) return true;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (auto e = parser.parse(rec_.bytes.data(), rec_.bytes.size(), true).get(doc)) {
      why = fmt::format("invalid JSON: {}", simdjson::error_message(e));
      return true;
    }
    std::string_view s;
    if (doc.at(static_cast<std::size_t>(type_position_)).get_string().get(s) == simdjson::SUCCESS) {
      label = std::string(s);
    }
    return true;
  }

  std::vector<DeclaredColumn> declared_columns() const override { return declared_; }

 protected:
  bool record_label(std::string& label) override {
    if (type_position_ < 0) return false;
    const auto token = peek_element(rec_.bytes, static_cast<std::size_t>(type_position_));
    if (!token) return false;
    std::string scratch;
    const auto text = json_string_text(*token, scratch);
    if (!text) return false;
    label.assign(*text);
    return true;
  }
  bool record_vote(RowTableVote& vote) override {
    return decoder_.vote_positional(rec_.bytes, columns_, vote);
  }

  Decoded decode_current(const Projection& projection, std::vector<Value>& out,
                         CellIssues& issues) override {
    bool same = slots_table_ == table_index_ && last_.size() == projection.columns.size();
    for (std::size_t i = 0; same && i < last_.size(); ++i) {
      same = last_[i].name == projection.columns[i].name;
    }
    if (!same) {
      slots_ = positional_slots(columns_, projection);
      last_ = projection.columns;
      slots_table_ = table_index_;
    }
    return decoder_.decode_positional(rec_.bytes, slots_, type_position_, columns_, projection, out,
                                      issues);
  }

 private:
  enum class State { Start, TopKeys, Tables, TableKeys, Rows, End, Done };

  void expect(char c, std::string_view what) {
    const int got = scanner_.peek();
    if (got == c) {
      scanner_.advance();
      return;
    }
    if (got < 0) truncated(what);
    scanner_.fail(fmt::format("expected '{}' {}", c, what));
  }

  [[noreturn]] void truncated(std::string_view where) {
    scanner_.fail(fmt::format("truncated Log Analytics response: the file ends {}", where));
  }

  // The next key of the current object, or false (and state `after`) at its closing '}'.
  bool next_key(std::string& key, State after) {
    int c = scanner_.peek();
    if (c == '}') {
      scanner_.advance();
      state_ = after;
      first_element_ = false;
      first_key_ = false;
      return false;
    }
    if (!first_key_) {
      if (c != ',') {
        if (c < 0) truncated("inside an object");
        scanner_.fail("expected ',' or '}' in the Log Analytics response");
      }
      scanner_.advance();
      c = scanner_.peek();
    }
    first_key_ = false;
    if (c != '"') {
      if (c < 0) truncated("inside an object");
      scanner_.fail("expected a key in the Log Analytics response");
    }
    key = scanner_.read_string("Log Analytics response");
    expect(':', "after a key");
    if (scanner_.peek() < 0) truncated("after a key");
    return true;
  }

  // Positions on the next array element, or false (and state `after`) at the closing ']'.
  bool next_element(State after) {
    int c = scanner_.peek();
    if (!first_element_ && c == ',') {
      scanner_.advance();
      c = scanner_.peek();
    } else if (!first_element_ && c != ']') {
      if (c < 0) truncated("inside an array");
      scanner_.fail("expected ',' or ']' in the Log Analytics response");
    }
    first_element_ = false;
    if (c == ']') {
      scanner_.advance();
      state_ = after;
      first_key_ = false;
      return false;
    }
    if (c < 0) truncated("inside an array");
    return true;
  }

  void skip(const std::string& key) {
    if (scanner_.skip_value().truncated) truncated(fmt::format("inside {}", quote_cut(key)));
  }

  void read_columns(std::string_view bytes) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (auto e = parser.parse(bytes.data(), bytes.size(), true).get(doc)) {
      scanner_.fail(fmt::format("invalid \"columns\" in table {}: {}", table_index_,
                                simdjson::error_message(e)));
    }
    simdjson::dom::array list;
    if (doc.get_array().get(list)) scanner_.fail("\"columns\" is not an array");
    for (auto entry : list) {
      DeclaredColumn column;
      simdjson::dom::object o;
      if (entry.get_object().get(o) == simdjson::SUCCESS) {
        for (auto field : o) {
          std::string_view s;
          if (field.value.get_string().get(s) != simdjson::SUCCESS) continue;
          if (iequals(field.key, "name")) column.name = std::string(s);
          if (iequals(field.key, "type")) column.type = std::string(s);
        }
      }
      if (iequals(normalise_column_name(column.name), "Type") && type_position_ < 0) {
        type_position_ = static_cast<int>(columns_.size());
      }
      columns_.push_back(column.name);
      declared_.push_back(std::move(column));
    }
  }

  JsonStreamScanner scanner_;
  JsonRowDecoder decoder_;
  State state_ = State::Start;
  bool first_key_ = true, first_element_ = true;
  int table_index_ = 0;
  std::uint64_t rows_ = 0;
  std::vector<std::string> columns_;
  std::vector<DeclaredColumn> declared_;
  int type_position_ = -1;
  std::vector<int> slots_;
  std::vector<ColumnDef> last_;
  int slots_table_ = -1;
};

}  // namespace

std::unique_ptr<SourceBase> make_log_analytics_source(const InputInfo& info) {
  return std::make_unique<LogAnalyticsSource>(info);
}

}  // namespace huntq::input
