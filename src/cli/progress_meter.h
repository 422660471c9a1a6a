// A one-line progress meter on stderr for long runs: bytes read of the total, rate, time left.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace huntq::cli {

/// The meter's line for `done` of `total` bytes after `elapsed_seconds`, at most `width` columns
/// (e.g. "huntq: 1.2 GiB of 10.0 GiB (12%), 340.0 MiB/s, 27s left"). The rate and time left are
/// shown once there is a rate; past the total (a file read twice) only the bytes and rate.
std::string progress_line(std::uint64_t done, std::uint64_t total, double elapsed_seconds,
                          std::size_t width);

/// "812 bytes", "1.2 KiB", "340.0 MiB", "10.0 GiB": as `huntq inspect` gives sizes.
std::string human_bytes(double bytes);

/// Draws progress_line() on a terminal from a thread of its own: first after `delay`, then at
/// most 10 times a second, each time over the last (carriage return, erase to end of line); the
/// line is erased by stop(). `bytes_read` is sampled, never pushed: the readers only add to a
/// counter. Nothing is drawn when the run ends within `delay`; a zero delay draws the first line
/// before the constructor returns (so tests see it however short the run).
class ProgressMeter {
 public:
  ProgressMeter(int fd, std::uint64_t total_bytes, std::function<std::uint64_t()> bytes_read,
                std::chrono::milliseconds delay = std::chrono::milliseconds(1000));
  ~ProgressMeter();
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  /// Stops drawing and erases the line; safe to call more than once, from any thread but the
  /// meter's.
  void stop();

 private:
  void loop();
  void draw_locked();

  int fd_;
  std::uint64_t total_;
  std::function<std::uint64_t()> bytes_read_;
  std::uint64_t start_bytes_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::milliseconds delay_;
  std::mutex stop_mutex_;  // one stop() joins the thread
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool drawn_ = false;
  std::thread thread_;
};

}  // namespace huntq::cli
