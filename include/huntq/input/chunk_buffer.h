// A reused, padded read buffer: the readers scan records inside it and hand them out in place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "huntq/input/byte_stream.h"

namespace huntq::input {

/// Holds a window of the stream. Bytes [0, size()) are valid; at least SIMDJSON_PADDING readable
/// (initialised, not necessarily zero) bytes follow the window (simdjson parses records in place).
/// The buffer grows (doubling) only when one record does not fit, never past the record limit plus
/// one chunk.
class ChunkBuffer {
 public:
  ChunkBuffer(std::unique_ptr<ByteStream> in, std::size_t initial_bytes,
              std::size_t max_record_bytes);

  const char* data() const { return buf_.get(); }
  std::size_t size() const { return size_; }
  bool eof() const { return eof_; }
  std::size_t max_record() const { return max_record_; }
  /// Stream offset of data()[0].
  std::uint64_t base_offset() const { return base_; }

  /// Drops the bytes before `keep_from`, moves the rest to the front and reads more. Returns the
  /// number of bytes dropped (subtract it from indices into the buffer). Afterwards size() grew
  /// unless the stream has ended (then eof() is true).
  std::size_t refill(std::size_t keep_from);

 private:
  void grow();

  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  std::unique_ptr<ByteStream> in_;
  std::unique_ptr<char, Free> buf_;
  std::size_t capacity_ = 0;  // usable bytes, padding not included
  std::size_t size_ = 0;
  std::size_t max_record_;
  std::uint64_t base_ = 0;
  bool eof_ = false;
};

}  // namespace huntq::input
