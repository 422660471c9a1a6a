#include "huntq/input/spool.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <vector>

#include "fmt/format.h"
#include "huntq/error.h"

namespace huntq::input {
namespace {

constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

std::string temp_dir() {
  const char* tmpdir = std::getenv("TMPDIR");
  return tmpdir && *tmpdir ? tmpdir : "/tmp";
}

// The most that may be copied into `dir` now: the option's limit, and no more than leaves 1 GiB
// and 5% of the file system free.
std::uint64_t spool_limit(const std::string& dir, const InputOptions& options) {
  std::uint64_t limit = options.max_spool_bytes ? options.max_spool_bytes : UINT64_MAX;
  struct statvfs vfs {};
  if (::statvfs(dir.c_str(), &vfs) == 0) {
    const std::uint64_t avail = static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
    const std::uint64_t total = static_cast<std::uint64_t>(vfs.f_blocks) * vfs.f_frsize;
    const std::uint64_t reserve = std::max(kGiB, total / 20);
    limit = std::min(limit, avail > reserve ? avail - reserve : 0);
  }
  return limit;
}

std::string human_bytes(std::uint64_t n) {
  if (n >= kGiB) return fmt::format("{:.1f} GiB", static_cast<double>(n) / kGiB);
  if (n >= (1u << 20)) return fmt::format("{:.1f} MiB", static_cast<double>(n) / (1u << 20));
  return fmt::format("{} bytes", n);
}

}  // namespace

std::string spool_stream(int fd, const std::string& key, const std::string& display_name,
                         const InputOptions& options) {
  static std::mutex mu;
  static std::map<std::string, std::string> spooled;
  std::lock_guard lock(mu);
  if (auto it = spooled.find(key); it != spooled.end()) return it->second;

  const std::string dir = temp_dir();
  std::string templ = dir + "/huntq-spool-XXXXXX";
  const int out = ::mkstemp(templ.data());
  if (out < 0) {
    throw Error(SourceLocation{display_name},
                fmt::format("cannot create a temporary file in {}: {}", dir, std::strerror(errno)));
  }
  ::unlink(templ.c_str());
  const std::uint64_t limit = spool_limit(dir, options);
  std::vector<char> chunk(std::size_t{1} << 20);
  std::uint64_t total = 0;
  auto fail = [&](const std::string& why) {
    ::close(out);
    throw Error(SourceLocation{display_name}, why);
  };
  for (;;) {
    const ssize_t got = ::read(fd, chunk.data(), chunk.size());
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      fail(fmt::format("read error: {}", std::strerror(errno)));
    }
    if (total + static_cast<std::uint64_t>(got) > limit) {
      fail(fmt::format(
          "more than {} to copy: huntq copies a stream (standard input, a pipe) to {} to read it "
          "more than once, and stops before that fills the disk; name the file instead, or set "
          "TMPDIR to a folder with more room",
          human_bytes(limit), dir));
    }
    for (ssize_t done = 0; done < got;) {
      const ssize_t put = ::write(out, chunk.data() + done, static_cast<std::size_t>(got - done));
      if (put < 0) {
        if (errno == EINTR) continue;
        fail(fmt::format("cannot copy the stream to {}: {}", dir, std::strerror(errno)));
      }
      done += put;
    }
    total += static_cast<std::uint64_t>(got);
  }
  // The descriptor stays open for the run; the file vanishes with the process.
  const std::string path = fmt::format("/proc/self/fd/{}", out);
  spooled.emplace(key, path);
  return path;
}

std::string spool_path(const std::string& path, const std::string& display_name,
                       const InputOptions& options) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw Error(SourceLocation{display_name}, fmt::format("cannot open: {}", std::strerror(errno)));
  }
  try {
    std::string copy = spool_stream(fd, path, display_name, options);
    ::close(fd);
    return copy;
  } catch (...) {
    ::close(fd);
    throw;
  }
}

}  // namespace huntq::input
