// libFuzzer target for gzip decompression: the fuzz bytes are a (usually broken) gzip file. The
// two inflaters huntq carries, zlib and ISA-L, must agree: the same bytes out, or both fail; and
// reading through read_ahead() (the thread the readers use) must give the same result again.
//
// Build and run: scripts/fuzz.sh [SECONDS] gzip_stream (seeds: tests/fuzz/corpus/gzip_stream).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "huntq/error.h"
#include "huntq/input/byte_stream.h"

namespace {

constexpr std::size_t kEnough = std::size_t{8} << 20;

struct Inflated {
  std::string bytes;
  bool failed = false;
};

// Reads in uneven pieces so that the inflaters stop and resume at many places.
Inflated inflate_all(const std::string& path, huntq::input::GzipBackend backend,
                     std::size_t read_ahead_block) {
  Inflated out;
  try {
    auto stream = huntq::input::open_gzip_stream(huntq::input::open_file_stream(path, "fuzz.gz"),
                                                 "fuzz.gz", backend);
    if (read_ahead_block) stream = huntq::input::read_ahead(std::move(stream), read_ahead_block);
    char buf[1031];
    std::size_t ask = 1;
    for (;;) {
      const std::size_t got = stream->read(buf, ask);
      if (got > ask) huntq::fuzz::fail("read() returned more than asked");
      if (got == 0) break;
      out.bytes.append(buf, got);
      if (out.bytes.size() > kEnough) break;  // a bomb: this much is enough to compare
      ask = (ask + 97) % sizeof buf + 1;      // 1..sizeof buf: never more than buf holds
    }
    if (out.bytes.size() > kEnough) out.bytes.resize(kEnough);
  } catch (const huntq::Error&) {
    out.failed = true;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static huntq::fuzz::ScratchFile file("stream.gz");
  const std::string& path = file.write(huntq::fuzz::as_text(data, size));
  const Inflated zlib = inflate_all(path, huntq::input::GzipBackend::Zlib, 0);
  const Inflated isal = inflate_all(path, huntq::input::GzipBackend::IsaL, 0);
  if (zlib.failed != isal.failed) {
    huntq::fuzz::fail(zlib.failed ? "only zlib fails" : "only ISA-L fails");
  }
  if (!zlib.failed && zlib.bytes != isal.bytes) {
    huntq::fuzz::fail(
        "zlib and ISA-L inflate to different bytes",
        std::to_string(zlib.bytes.size()) + " vs " + std::to_string(isal.bytes.size()) + " bytes");
  }
  const Inflated ahead = inflate_all(path, huntq::input::default_gzip_backend(), 333);
  if (ahead.failed != isal.failed || (!ahead.failed && ahead.bytes != isal.bytes)) {
    huntq::fuzz::fail("read_ahead() changes what is read");
  }
  return 0;
}
