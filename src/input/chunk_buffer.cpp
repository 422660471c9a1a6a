#include "huntq/input/chunk_buffer.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

namespace huntq::input {

ChunkBuffer::ChunkBuffer(std::unique_ptr<ByteStream> in, std::size_t initial_bytes,
                         std::size_t max_record_bytes)
    : in_(std::move(in)),
      capacity_(std::max<std::size_t>(initial_bytes, 64)),
      max_record_(max_record_bytes) {
  // Zeroed once so the padding simdjson may read is never uninitialised memory.
  buf_.reset(new char[capacity_ + simdjson::SIMDJSON_PADDING]());
}

void ChunkBuffer::grow() {
  const std::size_t limit = max_record_ + (max_record_ / 4) + 64;
  const std::size_t wanted = std::min(capacity_ * 2, std::max(limit, capacity_ + 1));
  std::unique_ptr<char[]> bigger(new char[wanted + simdjson::SIMDJSON_PADDING]());
  std::memcpy(bigger.get(), buf_.get(), size_);
  buf_ = std::move(bigger);
  capacity_ = wanted;
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
  return keep_from;
}

}  // namespace huntq::input
