// libFuzzer target for the input readers, through sniffing: the fuzz bytes are a file; whatever
// shape sniff_input() finds, every record is read and a projection of each table decoded. Then
// the same file is read again with a small buffer (InputOptions::buffer_bytes), and gzipped (in
// one or two members): each must give exactly the same records, cells, counters and errors.
// Options that do not change the result (forced table, the locale time format) are picked from
// a hash of the input, so every input replays the same way.
//
// Build and run: scripts/fuzz.sh [SECONDS] input_readers (seeds: tests/fuzz/corpus/input_readers,
// every export shape made from samples/ by tests/fuzz/make_input_seeds.py).
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "huntq/error.h"
#include "huntq/input/record_source.h"
#include "huntq/value/schema.h"
#include "input_transcript.h"

namespace {

using huntq::fuzz::fail;
using huntq::fuzz::Transcript;

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

void deflate_member(std::string& out, std::string_view text) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    fail("deflateInit2 failed");
  }
  std::string buf(deflateBound(&zs, static_cast<uLong>(text.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = reinterpret_cast<Bytef*>(buf.data());
  zs.avail_out = static_cast<uInt>(buf.size());
  if (deflate(&zs, Z_FINISH) != Z_STREAM_END) fail("deflate failed");
  out.append(buf.data(), zs.total_out);
  deflateEnd(&zs);
}

struct Sniffed {
  huntq::input::InputInfo info;
  std::string error;  // sniff_input's message (path replaced), or empty
};

Sniffed sniff(const std::string& path, const huntq::TableDef* forced,
              const huntq::input::InputOptions& options) {
  Sniffed s;
  try {
    s.info = huntq::input::sniff_input(path, forced, options);
  } catch (const huntq::Error& e) {
    s.error = huntq::fuzz::without_path(e.what(), path);
  }
  return s;
}

std::string describe(const huntq::input::InputInfo& info) {
  std::string out = std::string(shape_name(info.shape)) + " table " +
                    (info.table ? std::string(info.table->name) : "per record") + " columns";
  for (const std::string& c : info.columns) out += " " + c;
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static huntq::fuzz::ScratchFile plain_file("readers.bin");
  static huntq::fuzz::ScratchFile gzip_file("readers.gz");
  const std::string_view text = huntq::fuzz::as_text(data, size);
  const std::uint64_t h = fnv1a(text);

  // The fuzzer's inputs (max_len 16 KiB) fit a 64 KiB buffer whole, as they fit the 4 MiB
  // default: the same reads, without zeroing 4 MiB per source.
  huntq::input::InputOptions options;
  options.buffer_bytes = std::size_t{64} << 10;
  if (h & 1) {
    options.time_format = "%d/%m/%Y, %I:%M:%S.%f %p";  // the portal's en-GB export
    options.time_zone_offset_minutes = 60;
  }
  const huntq::TableDef* forced = nullptr;
  if ((h >> 1) % 4 == 1) forced = &huntq::device_events();
  if ((h >> 1) % 4 == 2) forced = &huntq::device_file_events();

  const Sniffed ref = sniff(plain_file.write(text), forced, options);
  const Transcript whole =
      ref.error.empty() ? huntq::fuzz::read_transcript(ref.info) : Transcript{};

  // A small buffer: every record crosses refills, long ones make it grow.
  huntq::input::InputOptions small = options;
  small.buffer_bytes = 64 + (h >> 8) % 200;
  const Sniffed small_sniff = sniff(plain_file.path(), forced, small);
  if (small_sniff.error != ref.error) fail("small buffer: sniffing differs", small_sniff.error);
  if (ref.error.empty()) {
    if (describe(small_sniff.info) != describe(ref.info)) {
      fail("small buffer: sniffing differs", describe(small_sniff.info));
    }
    huntq::fuzz::require_same(whole, huntq::fuzz::read_transcript(small_sniff.info),
                              "small buffer gives other records");
  }

  // gzip, in one member or two (split at a point the hash picks), unless it already is gzip.
  // For one input in four: each gzip source allocates megabytes (inflater window, read-ahead
  // blocks), which would slow the whole target down.
  if ((h >> 16) % 4 != 0) return 0;
  if (text.empty() || (text.size() >= 2 && text[0] == '\x1f' && text[1] == '\x8b')) return 0;
  std::string packed;
  if ((h >> 20) & 1) {
    const std::size_t cut = (h >> 24) % (text.size() + 1);
    deflate_member(packed, text.substr(0, cut));
    deflate_member(packed, text.substr(cut));
  } else {
    deflate_member(packed, text);
  }
  const Sniffed gz = sniff(gzip_file.write(packed), forced, options);
  if (!ref.error.empty() || !gz.error.empty()) {
    // The gzip file is never empty on disk: its message says so after decompression. The
    // .xlsx hint looks at the raw bytes only (a gzipped workbook is an unknown shape).
    const bool both_empty = ref.error.find("file is empty") != std::string::npos &&
                            gz.error.find("file is empty") != std::string::npos;
    const bool workbook =
        ref.error.find("Excel workbook") != std::string::npos && !gz.error.empty();
    if (gz.error != ref.error && !both_empty && !workbook) {
      fail("gzip: sniffing differs", "'" + ref.error + "' vs '" + gz.error + "'");
    }
    return 0;
  }
  if (!gz.info.gzip) fail("gzip: not seen as gzip");
  if (describe(gz.info) != describe(ref.info)) fail("gzip: sniffing differs", describe(gz.info));
  huntq::fuzz::require_same(whole, huntq::fuzz::read_transcript(gz.info),
                            "gzip gives other records");
  return 0;
}
