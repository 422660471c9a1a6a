#include "output_buffer.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "huntq/error.h"

namespace huntq::output {

namespace {

[[noreturn]] void throw_write_error() {
  throw Error(fmt::format("cannot write output: {}", std::strerror(errno)));
}

}  // namespace

OutputBuffer::OutputBuffer(std::FILE* out) : out_(out) {
  text_.reserve(kFlushAt + 4096);
}

OutputBuffer::~OutputBuffer() {
  if (!text_.empty()) std::fwrite(text_.data(), 1, text_.size(), out_);
}

void OutputBuffer::flush_text() {
  if (text_.empty()) return;
  const std::size_t written = std::fwrite(text_.data(), 1, text_.size(), out_);
  const bool ok = written == text_.size();
  text_.clear();  // also on failure, so the destructor does not retry
  if (!ok) throw_write_error();
}

void OutputBuffer::finish() {
  flush_text();
  if (std::fflush(out_) != 0) throw_write_error();
}

}  // namespace huntq::output
