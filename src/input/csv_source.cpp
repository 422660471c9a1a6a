// Portal CSV exports (RFC 4180): quoted fields may hold commas, doubled quotes and newlines, so
// records are found by a quote-aware scan (and the file cannot be split). The header row names
// the columns.
#include <cstring>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include "fmt/format.h"
#include "huntq/input/chunk_buffer.h"
#include "huntq/input/json_row_decoder.h"
#include "huntq/input/readers.h"
#include "huntq/value/schema.h"

namespace huntq::input {
namespace {

// Bits of the 64 bytes at p equal to c.
std::uint64_t byte_mask64(const char* p, char c) {
#if defined(__SSE2__)
  const __m128i v = _mm_set1_epi8(c);
  std::uint64_t m = 0;
  for (int k = 0; k < 4; ++k)
    m |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(
             _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k)), v)))}
         << (16 * k);
  return m;
#else
  std::uint64_t m = 0;
  for (int i = 0; i < 64; ++i) m |= std::uint64_t{p[i] == c} << i;
  return m;
#endif
}

// Bit i set when an odd number of bits in [0, i] of x are set.
std::uint64_t prefix_xor(std::uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

// Finds the newline ending the CSV record that starts at d[p]: the first one outside quotes,
// where every '"' toggles quoting (RFC 4180: quotes only appear in quoted fields, doubled
// inside them, so a doubled quote toggles twice). 64 bytes at a time with bit masks, since this
// runs over every byte of the file. Returns n when the buffer ends first; `in_quotes` then says
// whether it ended inside quotes, and `inner_newlines` counts newlines passed inside quotes.
std::size_t find_csv_record_end(const char* d, std::size_t p, std::size_t n, bool& in_quotes,
                                std::uint64_t& inner_newlines) {
  in_quotes = false;
  inner_newlines = 0;
  for (; p + 64 <= n; p += 64) {
    const std::uint64_t quotes = byte_mask64(d + p, '"');
    const std::uint64_t newlines = byte_mask64(d + p, '\n');
    const std::uint64_t inside = prefix_xor(quotes) ^ (in_quotes ? ~std::uint64_t{0} : 0);
    const std::uint64_t ends = newlines & ~inside;
    if (ends) {
      const unsigned at = static_cast<unsigned>(__builtin_ctzll(ends));
      const std::uint64_t before = at ? newlines & (~std::uint64_t{0} >> (64 - at)) : 0;
      inner_newlines += static_cast<std::uint64_t>(__builtin_popcountll(before));
      return p + at;
    }
    inner_newlines += static_cast<std::uint64_t>(__builtin_popcountll(newlines));
    in_quotes ^= (__builtin_popcountll(quotes) & 1) != 0;
  }
  for (; p < n; ++p) {
    if (d[p] == '"') {
      in_quotes = !in_quotes;
    } else if (d[p] == '\n') {
      if (!in_quotes) return p;
      ++inner_newlines;
    }
  }
  return n;
}

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
          // Fields are split, and their count checked, only when the record is decoded: the
          // scan's pre-filter rules most records out from their raw bytes alone.
          rec_.line = rec_line_;
          start_record();
          return true;
      }
    }
    return false;
  }

  Escaping escaping() const override { return Escaping::Csv; }

  bool describe(std::vector<std::string>& columns, std::string& label, std::string& why) override {
    columns = header_;
    label.clear();
    if (!split_fields(why)) return false;
    if (type_position_ >= 0 && static_cast<std::size_t>(type_position_) < fields_.size()) {
      label = std::string(field(static_cast<std::size_t>(type_position_)));
    }
    return true;
  }

  std::vector<std::string> declared_columns() const override { return header_; }

 protected:
  Decoded decode_current(const Projection& projection, std::vector<Value>& out,
                         CellIssues& issues) override {
    Decoded d;
    if (!split_fields(d.why)) {
      d.status = Decoded::Status::Malformed;
      return d;
    }
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
    std::string why;
    if (s != Scan::Record || !split_fields(why)) {
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

  // Finds the record at pos_ (its bytes and lines, not yet its fields). A record cut by the
  // buffer end is looked for again from its start once more bytes are in.
  Scan scan_record() {
    for (;;) {
      if (pos_ >= buf_.size()) {
        if (buf_.eof()) return Scan::End;
        pos_ -= buf_.refill(pos_);
        continue;
      }
      const char* d = buf_.data();
      const std::size_t n = buf_.size();
      bool in_quotes = false;
      std::uint64_t inner_newlines = 0;
      const std::size_t end = find_csv_record_end(d, pos_, n, in_quotes, inner_newlines);
      if (end == n && !buf_.eof()) {
        if (n - pos_ >= buf_.max_record()) return skip_long_record();
        pos_ -= buf_.refill(pos_);
        continue;
      }
      if (end == n && in_quotes) return unterminated();
      rec_line_ = line_;
      line_ += inner_newlines + (end < n ? 1 : 0);
      std::string_view bytes(d + pos_, end - pos_);
      while (!bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r'))
        bytes.remove_suffix(1);
      rec_.bytes = bytes;
      rec_.offset = buf_.base_offset() + pos_;
      pos_ = end < n ? end + 1 : end;
      split_ = false;
      if (bytes.empty()) return Scan::Blank;
      return Scan::Record;
    }
  }

  // Splits the current record into fields (quoted ones copied without their doubled quotes),
  // and checks their count against the header once it is known. False with `why` if wrong.
  bool split_fields(std::string& why) {
    if (split_) return split_ok_;
    split_ = true;
    fields_.clear();
    unquoted_.clear();
    const char* d = buf_.data();
    const std::size_t base = static_cast<std::size_t>(rec_.bytes.data() - d);
    const std::size_t n = base + rec_.bytes.size();
    std::size_t p = base, field_start = base, unq_start = 0;
    bool quoted_field = false;
    while (p < n) {
      const char c = d[p];
      if (c == '"' && p == field_start) {
        quoted_field = true;
        unq_start = unquoted_.size();
        for (++p; p < n; ++p) {
          if (d[p] == '"') {
            if (p + 1 < n && d[p + 1] == '"') {
              unquoted_ += '"';
              ++p;
              continue;
            }
            break;
          }
          unquoted_ += d[p];
        }
        ++p;  // past the closing quote: ',' or the end follows (anything else is kept)
        continue;
      }
      if (c == ',') {
        add_field(field_start, p, quoted_field, unq_start);
        quoted_field = false;
        field_start = ++p;
        continue;
      }
      if (quoted_field) unquoted_ += c;  // stray text after a closing quote
      ++p;
    }
    add_field(field_start, n, quoted_field, unq_start);
    split_ok_ = header_.empty() || fields_.size() == header_.size();
    if (!split_ok_)
      why = fmt::format("expected {} fields, found {}", header_.size(), fields_.size());
    return split_ok_;
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
  bool split_ = false, split_ok_ = false;  // fields of the current record split / count right
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
