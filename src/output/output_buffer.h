// Collects output text and hands it to a FILE* in large fwrite calls.
#pragma once

#include <cstdio>
#include <string>

namespace huntq::output {

class OutputBuffer {
 public:
  explicit OutputBuffer(std::FILE* out);
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;
  /// Best effort: a writer abandoned by an exception still gets its rows out, errors ignored.
  ~OutputBuffer();

  /// Append here, then call maybe_flush() at a row boundary.
  std::string& text() { return text_; }
  void maybe_flush() {
    if (text_.size() >= kFlushAt) flush_text();
  }
  /// Writes everything and flushes the FILE; throws huntq::Error if the output cannot be written.
  void finish();

 private:
  static constexpr std::size_t kFlushAt = 64 * 1024;
  void flush_text();

  std::FILE* out_;
  std::string text_;
};

}  // namespace huntq::output
