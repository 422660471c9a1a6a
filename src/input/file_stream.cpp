#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

#include "fmt/format.h"
#include "huntq/error.h"
#include "huntq/input/byte_stream.h"

namespace huntq::input {
namespace {

std::atomic<std::uint64_t> g_file_bytes_read{0};

class FileStream final : public ByteStream {
 public:
  FileStream(const std::string& path, std::string display_name, std::uint64_t begin,
             std::uint64_t count_from, std::uint64_t count_to)
      : display_name_(std::move(display_name)),
        offset_(begin),
        count_from_(count_from),
        count_to_(count_to) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      throw Error(SourceLocation{display_name_},
                  fmt::format("cannot open: {}", std::strerror(errno)));
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
  ~FileStream() override {
    ::close(fd_);
  }
  FileStream(const FileStream&) = delete;
  FileStream& operator=(const FileStream&) = delete;

  std::size_t read(char* dst, std::size_t n) override {
    for (;;) {
      const ssize_t got = ::pread(fd_, dst, n, static_cast<off_t>(offset_));
      if (got >= 0) {
        const std::uint64_t from = std::max(offset_, count_from_);
        offset_ += static_cast<std::uint64_t>(got);
        const std::uint64_t to = std::min(offset_, count_to_);
        if (to > from) g_file_bytes_read.fetch_add(to - from, std::memory_order_relaxed);
        return static_cast<std::size_t>(got);
      }
      if (errno != EINTR) {
        throw Error(SourceLocation{display_name_},
                    fmt::format("read error: {}", std::strerror(errno)));
      }
    }
  }

 private:
  std::string display_name_;
  int fd_ = -1;
  std::uint64_t offset_;
  std::uint64_t count_from_, count_to_;
};

}  // namespace

std::unique_ptr<ByteStream> open_file_stream(const std::string& path,
                                             const std::string& display_name, std::uint64_t begin,
                                             std::uint64_t count_from, std::uint64_t count_to) {
  return std::make_unique<FileStream>(path, display_name, begin, count_from, count_to);
}

std::uint64_t file_bytes_read() noexcept {
  return g_file_bytes_read.load(std::memory_order_relaxed);
}

bool has_gzip_magic(const char* bytes, std::size_t n) {
  return n >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

}  // namespace huntq::input
