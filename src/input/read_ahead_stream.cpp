// Reading one buffer ahead on a thread of its own: decompression (the slow part of a gzip input,
// which cannot be split between scan threads) then overlaps parsing on a second core.
#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "huntq/input/byte_stream.h"

namespace huntq::input {
namespace {

class ReadAheadStream final : public ByteStream {
 public:
  ReadAheadStream(std::unique_ptr<ByteStream> inner, std::size_t block_bytes)
      : inner_(std::move(inner)) {
    for (auto& b : blocks_) b.data.resize(block_bytes);
    worker_ = std::thread([this] { fill_loop(); });
  }

  ~ReadAheadStream() override {
    {
      std::lock_guard lock(m_);
      stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
  }

  std::size_t read(char* dst, std::size_t n) override {
    Block& b = blocks_[consume_];
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return b.filled; });
    if (b.error) std::rethrow_exception(b.error);
    if (b.len == 0) return 0;  // the end, and it stays the end
    lock.unlock();
    const std::size_t k = std::min(n, b.len - pos_);
    std::copy_n(b.data.data() + pos_, k, dst);
    pos_ += k;
    if (pos_ == b.len) {
      pos_ = 0;
      consume_ ^= 1;
      lock.lock();
      b.filled = false;
      lock.unlock();
      cv_.notify_all();
    }
    return k;
  }

 private:
  struct Block {
    std::vector<char> data;
    std::size_t len = 0;
    bool filled = false;
    std::exception_ptr error;
  };

  void fill_loop() {
    for (int i = 0;; i ^= 1) {
      Block& b = blocks_[i];
      {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return stop_ || !b.filled; });
        if (stop_) return;
      }
      std::size_t len = 0;
      std::exception_ptr error;
      try {
        while (len < b.data.size()) {
          const std::size_t got = inner_->read(b.data.data() + len, b.data.size() - len);
          if (got == 0) break;
          len += got;
        }
      } catch (...) {
        error = std::current_exception();
      }
      {
        std::lock_guard lock(m_);
        b.len = len;
        b.error = error;
        b.filled = true;
      }
      cv_.notify_all();
      if (len == 0 || error) return;  // the end (or an error) is final
    }
  }

  std::unique_ptr<ByteStream> inner_;
  Block blocks_[2];
  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
  int consume_ = 0;
  std::size_t pos_ = 0;
  std::thread worker_;
};

}  // namespace

std::unique_ptr<ByteStream> read_ahead(std::unique_ptr<ByteStream> inner, std::size_t block_bytes) {
  return std::make_unique<ReadAheadStream>(std::move(inner), block_bytes);
}

}  // namespace huntq::input
