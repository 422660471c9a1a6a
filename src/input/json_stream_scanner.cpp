#include "huntq/input/json_stream_scanner.h"

#include <cstring>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include "huntq/error.h"

namespace huntq::input {
namespace {

// Inside a string only '"', '\\' and (in broken input) '\n' matter: skip to the next of them
// 16 bytes at a time. String values are most of an export's bytes.
std::size_t skip_string_bytes(const char* d, std::size_t p, std::size_t n) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                newline = _mm_set1_epi8('\n');
  for (; p + 16 <= n; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + p));
    const int m = _mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                     _mm_cmpeq_epi8(v, newline)));
    if (m) return p + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(m)));
  }
#endif
  while (p < n && d[p] != '"' && d[p] != '\\' && d[p] != '\n') ++p;
  return p;
}

}  // namespace

JsonStreamScanner::JsonStreamScanner(std::unique_ptr<ByteStream> in, std::size_t buffer_bytes,
                                     std::size_t max_value_bytes, std::string display_name)
    : buf_(std::move(in), buffer_bytes, max_value_bytes), display_name_(std::move(display_name)) {}

void JsonStreamScanner::fail(const std::string& what) const {
  fail_at(line_, what);
}

void JsonStreamScanner::fail_at(std::uint64_t line, const std::string& what) const {
  throw Error(SourceLocation{display_name_, line}, what);
}

bool JsonStreamScanner::more() {
  if (buf_.eof()) return false;
  const std::size_t keep = capturing_ ? keep_ : pos_;
  const std::size_t old_size = buf_.size() - keep;
  const std::size_t dropped = buf_.refill(keep);
  pos_ -= dropped;
  if (capturing_) keep_ -= dropped;
  return buf_.size() > old_size;
}

int JsonStreamScanner::peek() {
  if (!started_) {
    started_ = true;
    more();
    if (buf_.size() >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  }
  for (;;) {
    while (pos_ < buf_.size()) {
      const char c = buf_.data()[pos_];
      if (c == '\n') {
        ++line_;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return static_cast<unsigned char>(c);
      }
      ++pos_;
    }
    if (!more()) return -1;
  }
}

std::string JsonStreamScanner::read_string(std::string_view context) {
  std::string out;
  ++pos_;  // the opening quote
  for (;;) {
    while (pos_ < buf_.size()) {
      const char c = buf_.data()[pos_++];
      if (c == '"') return out;
      if (c == '\\') {
        if (pos_ >= buf_.size() && !more()) break;
        out += c;
        out += buf_.data()[pos_++];
        continue;
      }
      if (c == '\n') ++line_;
      if (out.size() < 4096) out += c;  // keys are short; a huge one is simply cut
    }
    if (!more()) fail(std::string(context) + ": the file ends inside a string");
  }
}

JsonStreamScanner::Value JsonStreamScanner::capture_value() {
  return scan(true);
}
JsonStreamScanner::Value JsonStreamScanner::skip_value() {
  return scan(false);
}

JsonStreamScanner::Value JsonStreamScanner::scan(bool capture) {
  Value v;
  v.line = line_;
  v.offset = offset();
  capturing_ = capture;
  keep_ = pos_;
  const std::size_t limit = buf_.max_record();
  const char first = pos_ < buf_.size() ? buf_.data()[pos_] : '\0';
  // Nesting and string state survive buffer refills.
  int depth = 0;
  bool in_string = false, escaped = false;
  const bool scalar = first != '{' && first != '[' && first != '"';
  bool done = false;
  while (!done) {
    const char* data = buf_.data();
    std::size_t p = pos_;
    const std::size_t n = buf_.size();
    if (scalar) {
      while (p < n) {
        const char c = data[p];
        if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
          done = true;
          break;
        }
        ++p;
      }
    } else {
      while (p < n) {
        if (in_string && !escaped) {
          p = skip_string_bytes(data, p, n);
          if (p >= n) break;
        }
        const char c = data[p++];
        if (c == '\n') ++line_;
        if (in_string) {
          if (escaped) {
            escaped = false;
          } else if (c == '\\') {
            escaped = true;
          } else if (c == '"') {
            in_string = false;
            if (depth == 0) {  // a top-level string value
              done = true;
              break;
            }
          }
        } else if (c == '"') {
          in_string = true;
        } else if (c == '{' || c == '[') {
          ++depth;
        } else if (c == '}' || c == ']') {
          if (--depth == 0) {
            done = true;
            break;
          }
        }
      }
    }
    pos_ = p;
    if (done) break;
    if (capturing_ && pos_ - keep_ >= limit) {
      capturing_ = false;  // past the limit: finish the value without keeping it
      v.too_long = true;
    }
    if (!more()) {
      if (scalar && pos_ > keep_) break;  // a scalar may end at the end of the file
      v.truncated = true;
      break;
    }
  }
  if (capturing_ && !v.truncated) {
    v.bytes = std::string_view(buf_.data() + keep_, pos_ - keep_);
  }
  capturing_ = false;
  return v;
}

}  // namespace huntq::input
