// Portal CSV exports (RFC 4180): quoted fields may hold commas, doubled quotes and newlines, so
// records are found by a quote-aware scan (and the file cannot be split). The header row names
// the columns.
#include <cstring>

#include "fmt/format.h"
#include "huntq/input/chunk_buffer.h"
#include "huntq/input/json_row_decoder.h"
#include "huntq/input/readers.h"
#include "huntq/value/schema.h"

namespace huntq::input {
namespace {

class CsvSource final : public SourceBase {
 public:
  explicit CsvSource(const InputInfo& info)
      : SourceBase(info),
        buf_(open_input_bytes(info), info.options.buffer_bytes, info.options.max_record_bytes),
        cells_(info_.options) {}

  bool next() override {
    if (!started_) start();
    while (!done_) {
      switch (scan_record()) {
        case Scan::End:
          done_ = true;
          return false;
        case Scan::Blank:
          continue;
        case Scan::TooLong:
          count_skipped_malformed(rec_line_, 0,
                                  fmt::format("record longer than {} bytes", buf_.max_record()));
          continue;
        case Scan::Unterminated:
          count_skipped_malformed(rec_line_, 0,
                                  "unterminated quoted field at end of file (truncated file?)");
          done_ = true;
          return false;
        case Scan::Record:
          if (fields_.size() != header_.size()) {
            count_skipped_malformed(
                rec_line_, 0,
                fmt::format("expected {} fields, found {}", header_.size(), fields_.size()));
            continue;
          }
          rec_.line = rec_line_;
          start_record();
          return true;
      }
    }
    return false;
  }

  Escaping escaping() const override { return Escaping::Csv; }

  bool describe(std::vector<std::string>& columns, std::string& label, std::string&) override {
    columns = header_;
    label.clear();
    if (type_position_ >= 0 && static_cast<std::size_t>(type_position_) < fields_.size()) {
      label = std::string(field(static_cast<std::size_t>(type_position_)));
    }
    return true;
  }

  std::vector<std::string> declared_columns() const override { return header_; }

 protected:
  Decoded decode_current(const Projection& projection, std::vector<Value>& out,
                         CellIssues& issues) override {
    prepare(projection);
    out.resize(projection.columns.size());
    std::vector<char> filled(projection.columns.size(), 0);
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      const int slot = slots_[i];
      if (slot < 0) continue;
      const ColumnDef& col = projection.columns[static_cast<std::size_t>(slot)];
      cells_.from_text(out[static_cast<std::size_t>(slot)], col.type, field(i), col.name, issues);
      filled[static_cast<std::size_t>(slot)] = 1;
    }
    for (std::size_t s = 0; s < out.size(); ++s) {
      if (filled[s]) continue;
      const Type t = projection.columns[s].type;
      out[s] = t == Type::String ? Value::string({}) : Value::null_of(t);
    }
    Decoded d;
    d.table = projection.table;
    if (type_position_ >= 0) {
      const std::string_view label = field(static_cast<std::size_t>(type_position_));
      const TableDef* t = table_from_label(label);
      if (t == nullptr || (projection.table != nullptr && t != projection.table)) {
        d.status = Decoded::Status::OtherTable;
      }
      d.table = t;
    }
    return d;
  }

 private:
  enum class Scan { Record, Blank, End, TooLong, Unterminated };
  struct Field {
    std::size_t begin, size;  // in the buffer, or in unquoted_ when `unquoted`
    bool unquoted;
  };

  std::string_view field(std::size_t i) const {
    const Field& f = fields_[i];
    return f.unquoted ? std::string_view(unquoted_).substr(f.begin, f.size)
                      : std::string_view(buf_.data() + f.begin, f.size);
  }

  void start() {
    started_ = true;
    pos_ -= buf_.refill(0);
    if (buf_.size() >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
    Scan s;
    do {
      s = scan_record();
    } while (s == Scan::Blank);
    if (s != Scan::Record) {
      done_ = true;
      return;
    }
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      header_.emplace_back(field(i));
      if (iequals(normalise_column_name(header_.back()), "Type") && type_position_ < 0) {
        type_position_ = static_cast<int>(i);
      }
    }
  }

  void prepare(const Projection& projection) {
    bool same = prepared_ && projection.columns.size() == last_.size();
    for (std::size_t i = 0; same && i < last_.size(); ++i) {
      same = last_[i].name == projection.columns[i].name;
    }
    if (same) return;
    last_ = projection.columns;
    slots_ = positional_slots(header_, projection);
    prepared_ = true;
  }

  // Finds the record at pos_ and its fields. A record cut by the buffer end is scanned again
  // from its start once more bytes are in (rare: only at buffer boundaries).
  Scan scan_record() {
    for (;;) {
      if (pos_ >= buf_.size()) {
        if (buf_.eof()) return Scan::End;
        pos_ -= buf_.refill(pos_);
        continue;
      }
      fields_.clear();
      unquoted_.clear();
      const char* d = buf_.data();
      const std::size_t n = buf_.size();
      std::size_t p = pos_;
      std::size_t field_start = p;
      std::uint64_t newlines = 0;
      bool complete = false, quoted_field = false;
      std::size_t unq_start = 0;
      while (p < n) {
        const char c = d[p];
        if (c == '"' && p == field_start) {
          // A quoted field: copy its content, undoubling quotes.
          quoted_field = true;
          unq_start = unquoted_.size();
          ++p;
          bool closed = false;
          while (p < n) {
            const char q = d[p];
            if (q == '"') {
              if (p + 1 >= n && !buf_.eof()) break;  // need the next byte to decide
              if (p + 1 < n && d[p + 1] == '"') {
                unquoted_ += '"';
                p += 2;
                continue;
              }
              ++p;
              closed = true;
              break;
            }
            if (q == '\n') ++newlines;
            unquoted_ += q;
            ++p;
          }
          if (!closed) {
            if (buf_.eof() && p >= n) return unterminated();
            break;  // refill and rescan
          }
          continue;  // after the closing quote: ',' or end of line (anything else is kept)
        }
        if (c == ',' || c == '\n') {
          add_field(field_start, p, quoted_field, unq_start);
          quoted_field = false;
          ++p;
          field_start = p;
          if (c == '\n') {
            complete = true;
            break;
          }
          continue;
        }
        if (quoted_field) unquoted_ += c;  // stray text after a closing quote
        ++p;
      }
      if (!complete && p >= n && buf_.eof()) {
        add_field(field_start, p, quoted_field, unq_start);
        complete = true;
      }
      if (complete) {
        const std::size_t record_end = p;
        rec_line_ = line_;
        line_ += newlines + (record_end > 0 && d[record_end - 1] == '\n' ? 1 : 0);
        std::string_view bytes(d + pos_, record_end - pos_);
        while (!bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r')) {
          bytes.remove_suffix(1);
        }
        rec_.bytes = bytes;
        rec_.offset = buf_.base_offset() + pos_;
        pos_ = record_end;
        if (bytes.empty() || (fields_.size() == 1 && field(0).empty() && !fields_[0].unquoted)) {
          return Scan::Blank;
        }
        return Scan::Record;
      }
      if (buf_.size() - pos_ >= buf_.max_record()) return skip_long_record();
      pos_ -= buf_.refill(pos_);
    }
  }

  void add_field(std::size_t start, std::size_t end, bool quoted, std::size_t unq_start) {
    if (quoted) {
      fields_.push_back({unq_start, unquoted_.size() - unq_start, true});
      return;
    }
    // The last field of a CRLF line: the '\r' belongs to the line end.
    if (end > start && buf_.data()[end - 1] == '\r') --end;
    fields_.push_back({start, end - start, false});
  }

  Scan unterminated() {
    rec_line_ = line_;
    pos_ = buf_.size();
    return Scan::Unterminated;
  }

  // Past the limit: skip to the end of the record, minding quotes, without keeping it.
  Scan skip_long_record() {
    rec_line_ = line_;
    bool in_quotes = false, at_field_start = true;
    for (;;) {
      while (pos_ < buf_.size()) {
        const char c = buf_.data()[pos_++];
        if (c == '\n') ++line_;
        if (in_quotes) {
          if (c == '"') in_quotes = false;  // a doubled quote re-enters on the next byte
          continue;
        }
        if (c == '"' && at_field_start) {
          in_quotes = true;
        } else if (c == '"') {
          in_quotes = true;  // the second quote of a doubled pair inside a quoted field
        } else if (c == '\n') {
          return Scan::TooLong;
        }
        at_field_start = c == ',';
      }
      if (buf_.eof()) return Scan::TooLong;
      pos_ -= buf_.refill(pos_);
    }
  }

  ChunkBuffer buf_;
  CellConverter cells_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1, rec_line_ = 1;
  bool started_ = false, done_ = false, prepared_ = false;
  std::vector<std::string> header_;
  int type_position_ = -1;
  std::vector<Field> fields_;
  std::string unquoted_;
  std::vector<ColumnDef> last_;
  std::vector<int> slots_;
};

}  // namespace

std::unique_ptr<SourceBase> make_csv_source(const InputInfo& info) {
  return std::make_unique<CsvSource>(info);
}

}  // namespace huntq::input
