// gzip decompression behind ByteStream, with zlib or ISA-L. Both read every member of
// concatenated gzip (pigz/bgzip output, appended logs) and stop quietly at trailing zero
// padding (tape and block-device copies add it). Any other data after the last member is an
// error: it is not gzip, so reading it would be guessing, and ignoring it would drop it unseen.
#include <isa-l/igzip_lib.h>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "fmt/format.h"
#include "huntq/error.h"
#include "huntq/input/byte_stream.h"

namespace huntq::input {
namespace {

constexpr std::size_t kInputChunk = std::size_t{1} << 20;

/// What both inflaters share: the compressed input window and the member boundary rule.
class GzipStreamBase : public ByteStream {
 public:
  GzipStreamBase(std::unique_ptr<ByteStream> in, std::string display_name)
      : in_(std::move(in)), display_name_(std::move(display_name)), buf_(kInputChunk) {}

 protected:
  /// Refills the input window when it is empty; false at the end of the compressed file.
  bool ensure_input() {
    if (pos_ < len_) return true;
    if (in_eof_) return false;
    base_ += len_;
    len_ = in_->read(buf_.data(), buf_.size());
    pos_ = 0;
    if (len_ == 0) in_eof_ = true;
    return len_ > 0;
  }
  /// After a member ends: another member follows only if the next bytes are gzip magic.
  bool next_member_follows() {
    if (!ensure_input()) return false;
    if (len_ - pos_ < 2 && !in_eof_) {  // keep the first magic byte and read one more
      const char first = buf_[pos_];
      base_ += pos_;
      buf_[0] = first;
      const std::size_t got = in_->read(buf_.data() + 1, buf_.size() - 1);
      pos_ = 0;
      len_ = 1 + got;
      if (got == 0) in_eof_ = true;
    }
    if (has_gzip_magic(buf_.data() + pos_, len_ - pos_)) return true;
    check_trailing_zeros();
    return false;
  }
  /// After the last member: only zero bytes may follow.
  void check_trailing_zeros() {
    for (;;) {
      for (std::size_t i = pos_; i < len_; ++i) {
        if (buf_[i] != 0) {
          fail(fmt::format(
              "data after the end of the gzip stream, at byte {} of the compressed file: not "
              "another gzip member (a damaged file, or another file appended to it)",
              base_ + i));
        }
      }
      pos_ = len_;
      if (!ensure_input()) return;
    }
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(SourceLocation{display_name_}, what);
  }

  std::unique_ptr<ByteStream> in_;
  std::string display_name_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, len_ = 0;
  std::uint64_t base_ = 0;  // offset of buf_[0] in the compressed file
  bool in_eof_ = false;
  bool done_ = false;
};

class ZlibStream final : public GzipStreamBase {
 public:
  ZlibStream(std::unique_ptr<ByteStream> in, std::string display_name)
      : GzipStreamBase(std::move(in), std::move(display_name)) {
    std::memset(&zs_, 0, sizeof zs_);
    if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) fail("cannot start gzip decompression");
  }
  ~ZlibStream() override { inflateEnd(&zs_); }

  std::size_t read(char* dst, std::size_t n) override {
    std::size_t produced = 0;
    while (produced < n && !done_) {
      // Without input, one more call may still flush output the inflater holds back.
      const bool have_input = ensure_input();
      const std::size_t before = produced;
      zs_.next_in = reinterpret_cast<Bytef*>(buf_.data() + pos_);
      zs_.avail_in = static_cast<uInt>(have_input ? len_ - pos_ : 0);
      zs_.next_out = reinterpret_cast<Bytef*>(dst + produced);
      zs_.avail_out = static_cast<uInt>(std::min<std::size_t>(n - produced, 1u << 30));
      const int rc = inflate(&zs_, Z_NO_FLUSH);
      produced = static_cast<std::size_t>(reinterpret_cast<char*>(zs_.next_out) - dst);
      pos_ = static_cast<std::size_t>(reinterpret_cast<char*>(zs_.next_in) - buf_.data());
      if (!have_input && rc != Z_STREAM_END && produced == before) {
        fail("truncated gzip stream (unexpected end of file)");
      }
      if (rc == Z_STREAM_END) {
        if (next_member_follows()) {
          inflateReset(&zs_);
        } else {
          done_ = true;
        }
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        fail(fmt::format("corrupt gzip data: {}", zs_.msg ? zs_.msg : "inflate failed"));
      }
    }
    return produced;
  }

 private:
  z_stream zs_;
};

class IsalStream final : public GzipStreamBase {
 public:
  IsalStream(std::unique_ptr<ByteStream> in, std::string display_name)
      : GzipStreamBase(std::move(in), std::move(display_name)),
        st_(std::make_unique<inflate_state>()) {
    isal_inflate_init(st_.get());
    st_->crc_flag = ISAL_GZIP;
  }

  std::size_t read(char* dst, std::size_t n) override {
    std::size_t produced = 0;
    while (produced < n && !done_) {
      if (st_->block_state == ISAL_BLOCK_FINISH) {
        if (next_member_follows()) {
          isal_inflate_reset(st_.get());
          st_->crc_flag = ISAL_GZIP;
        } else {
          done_ = true;
        }
        continue;
      }
      const bool have_input = ensure_input();
      const std::size_t before = produced;
      st_->next_in = reinterpret_cast<std::uint8_t*>(buf_.data() + pos_);
      st_->avail_in = static_cast<std::uint32_t>(have_input ? len_ - pos_ : 0);
      st_->next_out = reinterpret_cast<std::uint8_t*>(dst + produced);
      st_->avail_out = static_cast<std::uint32_t>(std::min<std::size_t>(n - produced, 1u << 30));
      const int rc = isal_inflate(st_.get());
      produced = static_cast<std::size_t>(reinterpret_cast<char*>(st_->next_out) - dst);
      pos_ = static_cast<std::size_t>(reinterpret_cast<char*>(st_->next_in) - buf_.data());
      if (rc < 0) fail(fmt::format("corrupt gzip data (ISA-L error {})", rc));
      if (!have_input && st_->block_state != ISAL_BLOCK_FINISH && produced == before) {
        fail("truncated gzip stream (unexpected end of file)");
      }
    }
    return produced;
  }

 private:
  std::unique_ptr<inflate_state> st_;
};

}  // namespace

// Measured on a 200 MB NDJSON gzip (see the input-layer report): ISA-L inflates several times
// faster than zlib, so it is the default.
GzipBackend default_gzip_backend() {
  return GzipBackend::IsaL;
}

std::unique_ptr<ByteStream> open_gzip_stream(std::unique_ptr<ByteStream> compressed,
                                             const std::string& display_name, GzipBackend backend) {
  if (backend == GzipBackend::Zlib) {
    return std::make_unique<ZlibStream>(std::move(compressed), display_name);
  }
  return std::make_unique<IsalStream>(std::move(compressed), display_name);
}

}  // namespace huntq::input
