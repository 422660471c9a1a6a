// Ndjson and StreamingRecords: one record per line, LF or CRLF, so byte ranges can be read
// apart (each range starts after the first newline at or after begin-1).
#include <cstring>

#include "fmt/format.h"
#include "huntq/input/chunk_buffer.h"
#include "huntq/input/json_peek.h"
#include "huntq/input/json_row_decoder.h"
#include "huntq/input/readers.h"

namespace huntq::input {
namespace {

bool is_blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

class LineSource final : public SourceBase {
 public:
  LineSource(const InputInfo& info, std::uint64_t begin, std::uint64_t end)
      : SourceBase(info),
        buf_(open_input_bytes(info, begin > 0 ? begin - 1 : 0, begin, end),
             info.options.buffer_bytes, info.options.max_record_bytes),
        begin_(begin),
        stream_start_(begin > 0 ? begin - 1 : 0),
        end_(end),
        streaming_(info.shape == Shape::StreamingRecords),
        decoder_(info_.options, check_labels()) {
    line_base_known_ = begin == 0;
  }

  bool next() override {
    if (!started_) start();
    for (;;) {
      if (done_) return false;
      if (pos_ >= buf_.size()) {
        if (buf_.eof()) {
          done_ = true;
          return false;
        }
        pos_ -= buf_.refill(pos_);
        scanned_ = 0;
        continue;
      }
      const std::uint64_t offset = stream_start_ + buf_.base_offset() + pos_;
      // The range a line belongs to is decided by where the line starts (before any BOM).
      const std::uint64_t line_start = (bom_ && offset == 3) ? 0 : offset;
      if (line_start >= end_) {  // the next range's record
        done_ = true;
        return false;
      }
      const char* data = buf_.data();
      const std::size_t from = pos_ + scanned_;
      const void* nl = std::memchr(data + from, '\n', buf_.size() - from);
      std::size_t len, next_pos;
      bool unterminated = false;
      if (nl == nullptr) {
        if (!buf_.eof()) {
          if (buf_.size() - pos_ >= buf_.max_record()) {
            skip_long_line();
            continue;
          }
          scanned_ = buf_.size() - pos_;
          pos_ -= buf_.refill(pos_);
          continue;
        }
        len = buf_.size() - pos_;
        next_pos = buf_.size();
        unterminated = true;
      } else {
        len = static_cast<std::size_t>(static_cast<const char*>(nl) - (data + pos_));
        next_pos = pos_ + len + 1;
      }
      scanned_ = 0;
      std::string_view bytes(data + pos_, len);
      const std::uint64_t local_line = ++lines_;
      pos_ = next_pos;
      if (!bytes.empty() && bytes.back() == '\r') bytes.remove_suffix(1);
      if (is_blank(bytes)) continue;  // blank lines are no records
      rec_.bytes = bytes;
      rec_.offset = offset;
      local_line_ = local_line;
      rec_.line = line_base_known_ ? line_base_ + local_line : 0;
      unterminated_ = unterminated;
      start_record();
      return true;
    }
  }

  Escaping escaping() const override { return Escaping::Json; }

  std::uint64_t current_line() override {
    if (!line_base_known_) {
      line_base_ = count_newlines_before(first_record_offset_);
      line_base_known_ = true;
    }
    rec_.line = line_base_ + local_line_;
    return rec_.line;
  }

  bool describe(std::vector<std::string>& columns, std::string& label, std::string& why) override {
    return decoder_.describe(rec_.bytes, streaming_, columns, label, why);
  }

 protected:
  bool record_label(std::string& label) override {
    return peek_record_label(rec_.bytes, streaming_, label);
  }
  bool record_vote(RowTableVote& vote) override {
    return decoder_.vote(rec_.bytes, streaming_, vote);
  }

  Decoded decode_current(const Projection& projection, std::vector<Value>& out,
                         CellIssues& issues) override {
    Decoded d = streaming_ ? decoder_.decode_streaming(rec_.bytes, projection, out, issues)
                           : decoder_.decode_object(rec_.bytes, projection, out, issues);
    if (d.status == Decoded::Status::Malformed && unterminated_) {
      d.why = "truncated record at end of file? (" + d.why + ")";
    }
    return d;
  }

 private:
  void start() {
    started_ = true;
    pos_ -= buf_.refill(0);
    if (begin_ == 0) {
      // A UTF-8 BOM at the start of the file is no part of the first record.
      if (buf_.size() >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) {
        pos_ = 3;
        bom_ = true;
      }
      first_record_offset_ = 0;
      return;
    }
    // Skip to just after the first newline at or after begin-1: a record starting exactly at
    // `begin` belongs to this range, one that starts earlier to the range before.
    skip_past_newline();
    first_record_offset_ = stream_start_ + buf_.base_offset() + pos_;
  }

  // Moves pos_ just past the next newline (or to the end of the input), refilling as needed.
  void skip_past_newline() {
    for (;;) {
      const void* nl = std::memchr(buf_.data() + pos_, '\n', buf_.size() - pos_);
      if (nl != nullptr) {
        pos_ = static_cast<std::size_t>(static_cast<const char*>(nl) - buf_.data()) + 1;
        break;
      }
      pos_ = buf_.size();
      if (buf_.eof()) break;
      pos_ -= buf_.refill(pos_);
    }
  }

  // A line past the record limit: counted malformed, then skipped up to its newline.
  void skip_long_line() {
    const std::uint64_t local_line = ++lines_;
    local_line_ = local_line;
    skip_past_newline();
    scanned_ = 0;
    count_skipped_malformed(current_line(), 0,
                            fmt::format("record longer than {} bytes", buf_.max_record()));
  }

  std::uint64_t count_newlines_before(std::uint64_t offset) const {
    auto in = open_input_bytes(info_, 0, 0, 0);  // for a message: not progress
    std::vector<char> chunk(std::size_t{1} << 20);
    std::uint64_t seen = 0, newlines = 0;
    while (seen < offset) {
      const std::size_t want =
          static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), offset - seen));
      const std::size_t got = in->read(chunk.data(), want);
      if (got == 0) break;
      for (std::size_t i = 0; i < got; ++i) newlines += chunk[i] == '\n';
      seen += got;
    }
    return newlines;
  }

  ChunkBuffer buf_;
  std::uint64_t begin_;
  std::uint64_t stream_start_;  // file offset of the stream's first byte
  std::uint64_t end_;
  bool streaming_;
  JsonRowDecoder decoder_;
  std::size_t pos_ = 0;
  std::size_t scanned_ = 0;  // bytes after pos_ already searched for '\n'
  bool started_ = false, done_ = false, unterminated_ = false, bom_ = false;
  std::uint64_t lines_ = 0;  // lines started in this range so far
  std::uint64_t local_line_ = 0;
  std::uint64_t first_record_offset_ = 0;
  bool line_base_known_ = false;
  std::uint64_t line_base_ = 0;  // lines before the range's first record
};

}  // namespace

std::unique_ptr<SourceBase> make_line_source(const InputInfo& info, std::uint64_t begin,
                                             std::uint64_t end) {
  return std::make_unique<LineSource>(info, begin, end);
}

}  // namespace huntq::input
