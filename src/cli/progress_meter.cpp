#include "progress_meter.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>

namespace huntq::cli {
namespace {

constexpr auto kInterval = std::chrono::milliseconds(100);  // at most 10 redraws a second

std::string human_duration(double seconds) {
  const auto s = static_cast<std::uint64_t>(std::ceil(seconds));
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

std::size_t terminal_columns(int fd) {
  winsize ws{};
  if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

void write_all(int fd, const std::string& s) {
  std::size_t off = 0;
  while (off < s.size()) {
    const ssize_t n = ::write(fd, s.data() + off, s.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a meter that cannot be drawn is no reason to stop the run
    off += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::string human_bytes(double bytes) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  if (bytes < 1024) return fmt::format("{} bytes", static_cast<std::uint64_t>(bytes));
  std::size_t u = 0;
  bytes /= 1024;
  // 1023.96 would print as "1024.0 MiB": move up a unit where one decimal rounds to 1024.
  while (bytes >= 1023.95 && u + 1 < std::size(kUnits)) {
    bytes /= 1024;
    ++u;
  }
  return fmt::format("{:.1f} {}", bytes, kUnits[u]);
}

std::string progress_line(std::uint64_t done, std::uint64_t total, double elapsed_seconds,
                          std::size_t width) {
  std::string line = "huntq: " + human_bytes(static_cast<double>(done));
  if (done <= total && total > 0)
    line +=
        fmt::format(" of {} ({}%)", human_bytes(static_cast<double>(total)), done * 100 / total);
  if (elapsed_seconds > 0 && done > 0) {
    const double rate = static_cast<double>(done) / elapsed_seconds;
    line += ", " + human_bytes(rate) + "/s";
    if (done < total)
      line += ", " + human_duration(static_cast<double>(total - done) / rate) + " left";
  }
  // Never wrap: a wrapped line could not be redrawn in place.
  if (width > 1 && line.size() > width - 1) line.resize(width - 1);
  return line;
}

ProgressMeter::ProgressMeter(int fd, std::uint64_t total_bytes,
                             std::function<std::uint64_t()> bytes_read,
                             std::chrono::milliseconds delay)
    : fd_(fd),
      total_(total_bytes),
      bytes_read_(std::move(bytes_read)),
      start_bytes_(bytes_read_()),
      start_(std::chrono::steady_clock::now()),
      delay_(delay) {
  if (delay_.count() == 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    draw_locked();
  }
  thread_ = std::thread([this] { loop(); });
}

ProgressMeter::~ProgressMeter() {
  stop();
}

void ProgressMeter::stop() {
  std::lock_guard<std::mutex> once(stop_mutex_);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  if (drawn_) {
    write_all(fd_, "\r\x1b[K");
    drawn_ = false;
  }
}

void ProgressMeter::draw_locked() {
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const std::uint64_t done = bytes_read_() - start_bytes_;
  write_all(fd_, "\r" + progress_line(done, total_, elapsed, terminal_columns(fd_)) + "\x1b[K");
  drawn_ = true;
}

void ProgressMeter::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  auto next = drawn_ ? std::chrono::steady_clock::now() + kInterval : start_ + delay_;
  while (!wake_.wait_until(lock, next, [this] { return stopping_; })) {
    draw_locked();
    next = std::chrono::steady_clock::now() + kInterval;
  }
}

}  // namespace huntq::cli
