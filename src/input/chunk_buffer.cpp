#include "huntq/input/chunk_buffer.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

namespace huntq::input {

// Only the padding after the bytes is zeroed: zeroing a whole buffer grown for a 200 MB record
// touched every page of it, and doubling by copy held two of them; realloc moves large blocks
// by remapping pages.
ChunkBuffer::ChunkBuffer(std::unique_ptr<ByteStream> in, std::size_t initial_bytes,
                         std::size_t max_record_bytes)
    : in_(std::move(in)),
      capacity_(std::max<std::size_t>(initial_bytes, 64)),
      max_record_(max_record_bytes) {
  buf_.reset(static_cast<char*>(std::malloc(capacity_ + simdjson::SIMDJSON_PADDING)));
  if (!buf_) throw std::bad_alloc();
  std::memset(buf_.get() + capacity_, 0, simdjson::SIMDJSON_PADDING);
}

void ChunkBuffer::grow() {
  const std::size_t limit = max_record_ + (max_record_ / 4) + 64;
  const std::size_t wanted = std::min(capacity_ * 2, std::max(limit, capacity_ + 1));
  char* bigger = static_cast<char*>(std::realloc(buf_.get(), wanted + simdjson::SIMDJSON_PADDING));
  if (bigger == nullptr) throw std::bad_alloc();
  (void)buf_.release();
  buf_.reset(bigger);
  capacity_ = wanted;
  std::memset(buf_.get() + capacity_, 0, simdjson::SIMDJSON_PADDING);
}

std::size_t ChunkBuffer::refill(std::size_t keep_from) {
  keep_from = std::min(keep_from, size_);
  if (keep_from > 0) {
    std::memmove(buf_.get(), buf_.get() + keep_from, size_ - keep_from);
    size_ -= keep_from;
    base_ += keep_from;
  }
  if (eof_) return keep_from;
  if (size_ == capacity_) grow();
  // One read per call: pread and the inflaters fill as much as they can.
  const std::size_t got = in_->read(buf_.get() + size_, capacity_ - size_);
  if (got == 0) eof_ = true;
  size_ += got;
  // The padding simdjson may read after the last record is defined bytes, not leftovers of
  // nothing (the region past capacity_ was zeroed when allocated).
  std::memset(buf_.get() + size_, 0,
              std::min<std::size_t>(simdjson::SIMDJSON_PADDING, capacity_ - size_));
  return keep_from;
}

}  // namespace huntq::input
