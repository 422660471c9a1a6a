// Byte streams under the readers: a plain file read with pread(), or gzip decompressed on the fly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace huntq::input {

/// A forward-only source of bytes.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  /// Reads up to `n` bytes into `dst`; returns how many, 0 only at the end. Throws huntq::Error.
  virtual std::size_t read(char* dst, std::size_t n) = 0;
};

/// The file from byte `begin` on, read with pread() (no mmap: memory stays flat). Only the bytes
/// in [count_from, count_to) add to file_bytes_read(): a byte range's reader reads on past its
/// end to finish its last record, and those bytes are the next range's.
std::unique_ptr<ByteStream> open_file_stream(const std::string& path,
                                             const std::string& display_name,
                                             std::uint64_t begin = 0, std::uint64_t count_from = 0,
                                             std::uint64_t count_to = UINT64_MAX);

/// Bytes every file stream of this process has read so far, within each stream's counted range
/// (pread() calls, so compressed bytes for gzip inputs; sniffing too). One relaxed atomic add per
/// read() call, which moves a whole chunk: cheap enough to leave on. The progress meter samples it.
std::uint64_t file_bytes_read() noexcept;

/// Text in UTF-16 (after its byte-order mark) as UTF-8; an unpaired surrogate becomes U+FFFD.
std::unique_ptr<ByteStream> open_utf16_stream(std::unique_ptr<ByteStream> in, bool big_endian);

/// The two inflaters huntq carries; both read concatenated gzip members. Zero bytes after the
/// last member (padding) are ignored; any other data after it is an error naming its offset.
enum class GzipBackend { Zlib, IsaL };
/// The faster one on this project's measurements (see gzip_stream.cpp).
GzipBackend default_gzip_backend();

/// Decompresses a gzip stream as it is read; never holds more than one input chunk.
std::unique_ptr<ByteStream> open_gzip_stream(std::unique_ptr<ByteStream> compressed,
                                             const std::string& display_name,
                                             GzipBackend backend = default_gzip_backend());

/// Runs `inner`'s reads on a thread of its own, up to two blocks of `block_bytes` ahead of the
/// reader, so decompressing overlaps parsing. Errors reach the reader at the point they occur.
std::unique_ptr<ByteStream> read_ahead(std::unique_ptr<ByteStream> inner, std::size_t block_bytes);

/// True when the bytes start with the gzip magic 1f 8b.
bool has_gzip_magic(const char* bytes, std::size_t n);

}  // namespace huntq::input
