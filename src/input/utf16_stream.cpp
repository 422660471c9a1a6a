// UTF-16 text (PowerShell's Out-File and Excel's "Unicode text" write it) turned into UTF-8 as it
// is read, so every reader sees UTF-8.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "huntq/input/byte_stream.h"

namespace huntq::input {
namespace {

class Utf16Stream final : public ByteStream {
 public:
  Utf16Stream(std::unique_ptr<ByteStream> in, bool big_endian)
      : in_(std::move(in)), big_endian_(big_endian), raw_(kChunk) {}

  std::size_t read(char* dst, std::size_t n) override {
    std::size_t produced = 0;
    while (produced < n) {
      if (out_pos_ < out_.size()) {
        const std::size_t k = std::min(n - produced, out_.size() - out_pos_);
        std::memcpy(dst + produced, out_.data() + out_pos_, k);
        out_pos_ += k;
        produced += k;
        continue;
      }
      if (!convert_more()) break;
    }
    return produced;
  }

 private:
  static constexpr std::size_t kChunk = 64 * 1024;

  // Decodes the next chunk into out_; false at the end.
  bool convert_more() {
    out_.clear();
    out_pos_ = 0;
    if (eof_) return false;
    std::size_t len = carry_;  // an odd byte left from the last read
    const std::size_t got = in_->read(raw_.data() + len, raw_.size() - len);
    if (got == 0) {
      eof_ = true;
      if (high_ != 0 || len != 0) put(0xFFFD);  // a dangling surrogate or half a unit
      high_ = 0;
      carry_ = 0;
      return !out_.empty();
    }
    len += got;
    std::size_t i = 0;
    for (; i + 1 < len; i += 2) {
      const auto a = static_cast<unsigned char>(raw_[i]);
      const auto b = static_cast<unsigned char>(raw_[i + 1]);
      const char32_t u = big_endian_ ? (a << 8 | b) : (b << 8 | a);
      if (high_ != 0) {
        if (u >= 0xDC00 && u <= 0xDFFF) {
          put(0x10000 + ((high_ - 0xD800) << 10) + (u - 0xDC00));
          high_ = 0;
          continue;
        }
        put(0xFFFD);
        high_ = 0;
      }
      if (u >= 0xD800 && u <= 0xDBFF) {
        high_ = u;
      } else if (u >= 0xDC00 && u <= 0xDFFF) {
        put(0xFFFD);
      } else {
        put(u);
      }
    }
    carry_ = len - i;
    if (carry_) raw_[0] = raw_[i];
    return true;
  }

  void put(char32_t cp) {
    if (cp < 0x80) {
      out_ += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out_ += static_cast<char>(0xC0 | (cp >> 6));
      out_ += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out_ += static_cast<char>(0xE0 | (cp >> 12));
      out_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out_ += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out_ += static_cast<char>(0xF0 | (cp >> 18));
      out_ += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out_ += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::unique_ptr<ByteStream> in_;
  bool big_endian_;
  std::vector<char> raw_;
  std::size_t carry_ = 0;
  char32_t high_ = 0;
  std::string out_;
  std::size_t out_pos_ = 0;
  bool eof_ = false;
};

}  // namespace

std::unique_ptr<ByteStream> open_utf16_stream(std::unique_ptr<ByteStream> in, bool big_endian) {
  return std::make_unique<Utf16Stream>(std::move(in), big_endian);
}

}  // namespace huntq::input
