// Portal CSV exports (RFC 4180): quoted fields may hold commas, doubled quotes and newlines, so
// records are found by a quote-aware scan (and the file cannot be split). The header row names
// the columns.
#include <cstring>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include "fmt/format.h"
#include "huntq/error.h"
#include "huntq/input/chunk_buffer.h"
#include "huntq/input/json_row_decoder.h"
#include "huntq/input/readers.h"
#include "huntq/value/schema.h"

namespace huntq::input {
namespace {

// Bits of the 64 bytes at p equal to c.
std::uint64_t byte_mask64(const char* p, char c) {
#if defined(__AVX2__)
  const __m256i v = _mm256_set1_epi8(c);
  const auto lo = static_cast<std::uint32_t>(_mm256_movemask_epi8(
      _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)), v)));
  const auto hi = static_cast<std::uint32_t>(_mm256_movemask_epi8(
      _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32)), v)));
  return std::uint64_t{lo} | (std::uint64_t{hi} << 32);
#elif defined(__SSE2__)
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

// What find_csv_record() found from a record start.
struct CsvScan {
  std::size_t end = 0;               // the '\n' ending the record, or n when the buffer ends first
  std::size_t error = SIZE_MAX;      // first byte breaking RFC 4180 before `end`, if any
  bool error_after_quote = false;    // the error is text after a closing quote (else a stray quote)
  bool in_quotes = false;            // at n: inside a quoted field
  std::uint64_t inner_newlines = 0;  // newlines passed inside quotes before `end`
};

// One 64-byte block of the record scan. Quotes toggle quoting (a doubled quote toggles twice);
// RFC 4180 as the portal writes it: a quote opens a field only at its start (after ',' or a line
// end, or right after a closing quote as the second of a doubled pair), and a closing quote is
// followed by ',', a line end, or the second quote of a pair.
struct CsvBlockState {
  bool in_quotes = false;
  bool prev_sep = true;      // the byte before the block was ',' or '\n' (or the record start)
  bool prev_closer = false;  // the byte before the block was a closing quote
};

// Scans d[p, n) for the end of the record starting at p (64 bytes at a time with bit masks, since
// this runs over every byte of the file), checking the quoting as it goes.
CsvScan find_csv_record(const char* d, std::size_t p, std::size_t n) {
  CsvScan r;
  CsvBlockState st;
  alignas(64) char tail[64];
  while (p < n) {
    const char* block = d + p;
    std::size_t valid = 64;
    if (n - p < 64) {  // the last bytes: a zero-filled copy (the buffer's padding is stale)
      valid = n - p;
      std::memset(tail, 0, sizeof tail);
      std::memcpy(tail, d + p, valid);
      block = tail;
    }
    const std::uint64_t in_range =
        valid == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << valid) - 1;
    const std::uint64_t quotes = byte_mask64(block, '"') & in_range;
    const std::uint64_t newlines = byte_mask64(block, '\n') & in_range;
    const std::uint64_t inside = prefix_xor(quotes) ^ (st.in_quotes ? ~std::uint64_t{0} : 0);
    const std::uint64_t ends = newlines & ~inside;
    std::uint64_t closers = 0;
    // Quoting is checked only in blocks with quotes (or right after a closing quote): most
    // blocks of an export have none.
    if (quotes != 0 || st.prev_closer) {
      const std::uint64_t commas = byte_mask64(block, ',') & in_range;
      const std::uint64_t crs = byte_mask64(block, '\r') & in_range;
      const std::uint64_t openers = quotes & inside;
      closers = quotes & ~inside;
      // Bits up to and including the record end (or all valid bits).
      std::uint64_t upto = in_range;
      if (ends) {
        const unsigned at = static_cast<unsigned>(__builtin_ctzll(ends));
        upto = at == 63 ? ~std::uint64_t{0} : (std::uint64_t{1} << (at + 1)) - 1;
      }
      const std::uint64_t seps = commas | newlines;
      const std::uint64_t before_sep = (seps << 1) | (st.prev_sep ? 1 : 0);
      const std::uint64_t before_closer = (closers << 1) | (st.prev_closer ? 1 : 0);
      const std::uint64_t bad_openers = openers & ~(before_sep | before_closer) & upto;
      // A closing quote's next byte: ',', '\r', '\n' or an opening quote. The last valid
      // byte's next is unknown here: checked with the next block (or fine at the data's end).
      const std::uint64_t next_ok = ((seps | crs | openers) >> 1) | (~in_range >> 1) |
                                    (std::uint64_t{1} << 63) | (in_range & ~(in_range >> 1));
      const std::uint64_t bad_closers = closers & ~next_ok & upto;
      std::uint64_t bad = bad_openers | bad_closers;
      // The previous block ended with a closing quote: this block's first byte must fit.
      if (st.prev_closer && !((seps | crs | openers) & 1) && (in_range & 1)) bad |= 1;
      if (bad) {
        const unsigned at = static_cast<unsigned>(__builtin_ctzll(bad));
        const std::uint64_t bit = std::uint64_t{1} << at;
        r.error = p + at;
        r.error_after_quote = (bad_closers & bit) != 0 || (at == 0 && st.prev_closer);
        if ((bad_closers & bit) != 0) r.error = p + at + 1;  // the stray text
        r.end = n;
        return r;
      }
    }
    if (ends) {
      const unsigned at = static_cast<unsigned>(__builtin_ctzll(ends));
      const std::uint64_t before = at ? newlines & (~std::uint64_t{0} >> (64 - at)) : 0;
      r.inner_newlines += static_cast<std::uint64_t>(__builtin_popcountll(before));
      r.end = p + at;
      return r;
    }
    r.inner_newlines += static_cast<std::uint64_t>(__builtin_popcountll(newlines));
    st.in_quotes ^= (__builtin_popcountll(quotes) & 1) != 0;
    if (valid == 64) {
      st.prev_sep = block[63] == ',' || block[63] == '\n';
      st.prev_closer = (closers >> 63) & 1;
    }
    p += valid;
  }
  r.end = n;
  r.in_quotes = st.in_quotes;
  return r;
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
        case Scan::Broken:
          count_skipped_malformed(rec_line_, broken_column_, broken_why_);
          continue;
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

  std::vector<DeclaredColumn> declared_columns() const override {
    std::vector<DeclaredColumn> out;
    for (const auto& h : header_) out.push_back({h, {}});
    return out;
  }

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
    filled_.assign(projection.columns.size(), 0);
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      const int slot = slots_[i];
      if (slot < 0) continue;
      const auto k = static_cast<std::size_t>(slot);
      const std::string_view text = field(i);
      // A union export's X_string and X_dynamic: the first with a value wins.
      if (filled_[k] == 1 || (filled_[k] == 2 && text.empty())) continue;
      const ColumnDef& col = projection.columns[k];
      cells_.from_text(out[k], col.type, text, col.name, issues);
      filled_[k] = text.empty() ? 2 : 1;
    }
    for (std::size_t k = 0; k < out.size(); ++k) {
      if (filled_[k]) continue;
      const Type t = projection.columns[k].type;
      out[k] = is_string_like(t) ? Value::string({}) : Value::null_of(t);
    }
    d.table = projection.table;
    if (type_position_ >= 0 && check_labels()) {
      const std::string_view label = field(static_cast<std::size_t>(type_position_));
      if (!label.empty() &&
          (projection.table == nullptr || !label_names(*projection.table, label))) {
        d.status = Decoded::Status::OtherTable;
        d.table = table_from_label(label);
      }
    }
    return d;
  }

  bool record_label(std::string& label) override {
    std::string why;
    if (type_position_ < 0 || !split_fields(why)) return false;
    label.assign(field(static_cast<std::size_t>(type_position_)));
    return true;
  }

  bool record_vote(RowTableVote& vote) override {
    std::string why;
    if (!split_fields(why)) return false;
    for (std::size_t i = 0; i < fields_.size() && i < header_.size(); ++i) {
      const std::string_view text = field(i);
      vote.add(header_[i], !text.empty());
      if (!text.empty() && iequals(normalise_column_name(header_[i]), "ActionType")) {
        vote.set_action_type(text);
      }
    }
    return true;
  }

 private:
  enum class Scan { Record, Blank, End, TooLong, Broken };
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
    if (s == Scan::End) {
      done_ = true;
      return;
    }
    std::string why;
    if (s != Scan::Record || !split_fields(why)) {
      throw Error(SourceLocation{info_.display_name, rec_line_, broken_column_},
                  "the CSV header row cannot be read: " +
                      (broken_why_.empty() ? std::string("too long") : broken_why_));
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
  // buffer end is looked for again from its start once more bytes are in. A record that breaks
  // RFC 4180, never ends, or is too long is given up at the end of its first line: the next
  // line is tried as a record start, so one stray quote costs one record, not the rest.
  Scan scan_record() {
    for (;;) {
      if (pos_ >= buf_.size()) {
        if (buf_.eof()) return Scan::End;
        pos_ -= buf_.refill(pos_);
        continue;
      }
      const char* d = buf_.data();
      const std::size_t n = buf_.size();
      const CsvScan found = find_csv_record(d, pos_, n);
      if (found.error != SIZE_MAX) return broken(found);
      if (found.end == n && !buf_.eof()) {
        if (n - pos_ >= buf_.max_record()) return give_up_line(Scan::TooLong, {}, 0);
        pos_ -= buf_.refill(pos_);
        continue;
      }
      if (found.end == n && found.in_quotes) {
        return give_up_line(Scan::Broken,
                            "unterminated quoted field (a stray '\"', or a truncated file)", 0);
      }
      const std::size_t end = found.end;
      rec_line_ = line_;
      line_ += found.inner_newlines + (end < n ? 1 : 0);
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

  Scan broken(const CsvScan& found) {
    const std::size_t at = found.error;
    // The column, when the error is on the record's first line.
    const char* d = buf_.data();
    const void* nl = std::memchr(d + pos_, '\n', at - pos_);
    const std::uint64_t column = nl == nullptr ? at - pos_ + 1 : 0;
    return give_up_line(Scan::Broken,
                        found.error_after_quote
                            ? "text after the closing quote of a field (RFC 4180: a quoted field "
                              "ends at ',' or the line end; a quote inside is doubled)"
                            : "a '\"' inside a field that does not start with one (RFC 4180: "
                              "quote the field and double the quote)",
                        column);
  }

  // Skips the current record's first line (streaming past it whatever its length).
  Scan give_up_line(Scan why, std::string_view reason, std::uint64_t column) {
    rec_line_ = line_;
    broken_why_.assign(reason);
    broken_column_ = column;
    for (;;) {
      const void* nl = std::memchr(buf_.data() + pos_, '\n', buf_.size() - pos_);
      if (nl != nullptr) {
        pos_ = static_cast<std::size_t>(static_cast<const char*>(nl) - buf_.data()) + 1;
        ++line_;
        return why;
      }
      pos_ = buf_.size();
      if (buf_.eof()) return why;
      pos_ -= buf_.refill(pos_);
    }
  }

  // Splits the current record into fields (quoted ones copied without their doubled quotes),
  // and checks their count against the header once it is known. False with `why` if wrong.
  // The record finder has checked the quoting already.
  bool split_fields(std::string& why) {
    if (split_) return split_ok_;
    split_ = true;
    fields_.clear();
    unquoted_.clear();
    const char* d = buf_.data();
    const std::size_t base = static_cast<std::size_t>(rec_.bytes.data() - d);
    const std::size_t n = base + rec_.bytes.size();
    std::size_t p = base;
    for (;;) {
      if (p < n && d[p] == '"') {
        const std::size_t unq_start = unquoted_.size();
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
        ++p;                               // past the closing quote
        while (p < n && d[p] != ',') ++p;  // nothing but a '\r' (checked by the finder)
        fields_.push_back({unq_start, unquoted_.size() - unq_start, true});
      } else {
        const void* comma = std::memchr(d + p, ',', n - p);
        std::size_t end = comma ? static_cast<std::size_t>(static_cast<const char*>(comma) - d) : n;
        std::size_t e = end;
        if (e > p && d[e - 1] == '\r') --e;  // a CRLF line's '\r' belongs to the line end
        fields_.push_back({p, e - p, false});
        p = end;
      }
      if (p >= n) break;
      ++p;  // the ','
    }
    split_ok_ = header_.empty() || fields_.size() == header_.size();
    if (!split_ok_)
      why = fmt::format("expected {} fields, found {}", header_.size(), fields_.size());
    return split_ok_;
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
  std::vector<char> filled_;
  std::string broken_why_;
  std::uint64_t broken_column_ = 0;
};

}  // namespace

std::unique_ptr<SourceBase> make_csv_source(const InputInfo& info) {
  return std::make_unique<CsvSource>(info);
}

}  // namespace huntq::input
