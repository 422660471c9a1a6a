// JsonArray, StreamingArray, ApiResponse and StreamingWrapped: the rows are the elements of one
// array (the whole document, its "Results"/"results", or its "records"), streamed one element
// at a time. JsonObjects and StreamingObjects: the records are top-level values one after
// another (pretty-printed, or run together as jq prints them).
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

std::string_view printable(int c) {
  static thread_local char buf[8];
  if (c < 0) return "the end of the file";
  if (c >= 0x20 && c < 0x7f) {
    buf[0] = '\'';
    buf[1] = static_cast<char>(c);
    buf[2] = '\'';
    return std::string_view(buf, 3);
  }
  return "a control or non-ASCII byte";
}

class JsonContainerSource final : public SourceBase {
 public:
  explicit JsonContainerSource(const InputInfo& info)
      : SourceBase(info),
        scanner_(open_input_bytes(info), info.options.buffer_bytes, info.options.max_record_bytes,
                 info.display_name),
        decoder_(info_.options, check_labels()),
        streaming_(is_streaming(info.shape)) {
    kind_ = is_array()                         ? "JSON array"
            : info.shape == Shape::ApiResponse ? "API response"
            : is_sequence()                    ? "JSON objects"
                                               : "streaming records";
  }

  bool next() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          const int c = scanner_.peek();
          if (is_sequence()) {
            if (c < 0) {
              state_ = State::Done;
              break;
            }
            if (c != '{') {
              scanner_.fail(
                  fmt::format("expected '{{' to start a JSON object after {} records, "
                              "found {}",
                              elements_, printable(c)));
            }
            auto v = scanner_.capture_value();
            ++elements_;
            if (v.truncated) {
              scanner_.fail_at(v.line, fmt::format("truncated JSON object: the file ends inside "
                                                   "record {}",
                                                   elements_));
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
          if (is_array()) {
            if (c != '[')
              scanner_.fail(
                  fmt::format("expected '[' to start a JSON array, found {}", printable(c)));
            scanner_.advance();
            state_ = State::FirstElement;
          } else {
            if (c < 0 && objects_ > 0) {
              state_ = State::Done;
              break;
            }
            if (c != '{') {
              scanner_.fail(fmt::format("expected '{{' to start the {} object, found {}", kind_,
                                        printable(c)));
            }
            scanner_.advance();
            ++objects_;
            first_key_ = true;
            state_ = State::Keys;
          }
          break;
        }
        case State::Keys:
          key_step();
          break;
        case State::FirstElement:
        case State::AfterElement: {
          int c = scanner_.peek();
          if (state_ == State::AfterElement) {
            if (c == ',') {
              scanner_.advance();
              c = scanner_.peek();
            } else if (c != ']') {
              truncated_or_unexpected(c, "',' or ']'");
            }
          }
          if (c == ']') {
            scanner_.advance();
            state_ = is_array() ? State::End : State::Keys;
            first_key_ = false;
            break;
          }
          if (c < 0) truncated_or_unexpected(c, "an element");
          auto v = scanner_.capture_value();
          ++elements_;
          state_ = State::AfterElement;
          if (v.truncated) {
            scanner_.fail_at(v.line, fmt::format("truncated {}: the file ends inside element {}",
                                                 array_name(), elements_));
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
        case State::End: {
          const int c = scanner_.peek();
          if (c >= 0) {
            scanner_.fail(fmt::format("unexpected {} after the end of the {}", printable(c),
                                      is_array() ? "array" : "object"));
          }
          state_ = State::Done;
          break;
        }
        case State::Done:
          return false;
      }
    }
  }

  Escaping escaping() const override { return Escaping::Json; }

  bool describe(std::vector<std::string>& columns, std::string& label, std::string& why) override {
    return decoder_.describe(rec_.bytes, streaming_, columns, label, why);
  }

  /// Columns from an API response's Schema (or Graph's schema), when it came before the rows.
  std::vector<DeclaredColumn> declared_columns() const override { return schema_columns_; }

 protected:
  Decoded decode_current(const Projection& projection, std::vector<Value>& out,
                         CellIssues& issues) override {
    return streaming_ ? decoder_.decode_streaming(rec_.bytes, projection, out, issues)
                      : decoder_.decode_object(rec_.bytes, projection, out, issues);
  }
  bool record_label(std::string& label) override {
    return peek_record_label(rec_.bytes, streaming_, label);
  }
  bool record_vote(RowTableVote& vote) override {
    return decoder_.vote(rec_.bytes, streaming_, vote);
  }

 private:
  enum class State { Start, Keys, FirstElement, AfterElement, End, Done };

  bool is_array() const {
    return info_.shape == Shape::JsonArray || info_.shape == Shape::StreamingArray;
  }
  bool is_sequence() const {
    return info_.shape == Shape::JsonObjects || info_.shape == Shape::StreamingObjects;
  }

  std::string array_name() const {
    return is_array()                          ? "JSON array"
           : info_.shape == Shape::ApiResponse ? "JSON array \"Results\""
                                               : "JSON array \"records\"";
  }

  [[noreturn]] void truncated_or_unexpected(int c, std::string_view expected) {
    if (c < 0) {
      scanner_.fail(fmt::format("truncated {}: the file ends after {} element(s), expected {}",
                                array_name(), elements_, expected));
    }
    scanner_.fail(fmt::format("in the {}: expected {} after element {}, found {}", array_name(),
                              expected, elements_, printable(c)));
  }

  bool is_rows_key(std::string_view key) const {
    if (info_.shape == Shape::ApiResponse) return iequals(key, "Results");
    return key == "records";
  }

  // One step through the keys of the top-level object: a key and its value, or the closing '}'.
  void key_step() {
    int c = scanner_.peek();
    if (c == '}') {
      scanner_.advance();
      // Event Hub captures may hold one {"records":[...]} object per line.
      state_ = info_.shape == Shape::StreamingWrapped ? State::Start : State::End;
      return;
    }
    if (!first_key_) {
      if (c != ',') {
        if (c < 0)
          scanner_.fail(
              fmt::format("truncated {}: the file ends inside the top-level object", kind_));
        scanner_.fail(
            fmt::format("expected ',' or '}}' in the {} object, found {}", kind_, printable(c)));
      }
      scanner_.advance();
      c = scanner_.peek();
    }
    first_key_ = false;
    if (c != '"') {
      if (c < 0)
        scanner_.fail(
            fmt::format("truncated {}: the file ends inside the top-level object", kind_));
      scanner_.fail(fmt::format("expected a key in the {} object, found {}", kind_, printable(c)));
    }
    const std::string key = scanner_.read_string(kind_);
    c = scanner_.peek();
    if (c != ':') {
      scanner_.fail(
          fmt::format("expected ':' after key {}, found {}", quote_cut(key), printable(c)));
    }
    scanner_.advance();
    c = scanner_.peek();
    if (c < 0)
      scanner_.fail(fmt::format("truncated {}: the file ends after key {}", kind_, quote_cut(key)));
    if (is_rows_key(key) && c == '[') {
      scanner_.advance();
      elements_ = 0;
      state_ = State::FirstElement;
      return;
    }
    if (info_.shape == Shape::ApiResponse && iequals(key, "Schema") && c == '[') {
      auto v = scanner_.capture_value();
      if (v.truncated)
        scanner_.fail_at(v.line, "truncated API response: the file ends inside \"Schema\"");
      if (v.too_long) {
        scanner_.fail_at(v.line, fmt::format("the API response's \"Schema\" is longer than {} "
                                             "bytes",
                                             info_.options.max_record_bytes));
      }
      read_schema(v.bytes);
      return;
    }
    auto v = scanner_.skip_value();
    if (v.truncated) {
      scanner_.fail_at(v.line,
                       fmt::format("truncated {}: the file ends inside {}", kind_, quote_cut(key)));
    }
  }

  void read_schema(std::string_view bytes) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(bytes.data(), bytes.size(), true).get(doc)) return;  // names come from rows
    simdjson::dom::array entries;
    if (doc.get_array().get(entries)) return;
    for (auto entry : entries) {
      simdjson::dom::object o;
      if (entry.get_object().get(o)) continue;
      DeclaredColumn column;
      for (auto field : o) {
        std::string_view text;
        if (field.value.get_string().get(text) != simdjson::SUCCESS) continue;
        if (iequals(field.key, "Name")) column.name = std::string(text);
        if (iequals(field.key, "Type")) column.type = std::string(text);
      }
      if (!column.name.empty()) schema_columns_.push_back(std::move(column));
    }
  }

  JsonStreamScanner scanner_;
  JsonRowDecoder decoder_;
  std::string kind_;
  State state_ = State::Start;
  bool first_key_ = true;
  std::uint64_t elements_ = 0;
  std::uint64_t objects_ = 0;
  bool streaming_;
  std::vector<DeclaredColumn> schema_columns_;
};

}  // namespace

std::unique_ptr<SourceBase> make_json_container_source(const InputInfo& info) {
  return std::make_unique<JsonContainerSource>(info);
}

}  // namespace huntq::input
