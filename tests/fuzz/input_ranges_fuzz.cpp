// libFuzzer target for byte ranges (how the executor splits a splittable file between threads):
// the records of [0,a) + [a,b) + [b,end) must be exactly the whole file's records, with the same
// offsets, lines, bytes, cells and counters. The first four input bytes pick a and b (two
// little-endian 16-bit numbers, taken modulo the file size); the rest is the file.
//
// Build and run: scripts/fuzz.sh [SECONDS] input_ranges (seeds: tests/fuzz/corpus/input_ranges,
// made by tests/fuzz/make_input_seeds.py).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "huntq/error.h"
#include "huntq/input/record_source.h"
#include "input_transcript.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static huntq::fuzz::ScratchFile file("ranges.bin");
  std::string_view text = huntq::fuzz::as_text(data, size);
  const std::uint64_t x = huntq::fuzz::take_number(text, 2);
  const std::uint64_t y = huntq::fuzz::take_number(text, 2);

  huntq::input::InputInfo info;
  try {
    huntq::input::InputOptions options;
    options.buffer_bytes = std::size_t{64} << 10;  // holds any fuzz input whole, as 4 MiB does
    info = huntq::input::sniff_input(file.write(text), nullptr, options);
  } catch (const huntq::Error&) {
    return 0;
  }
  if (!info.splittable) return 0;
  const std::uint64_t a = std::min(x, y) % (text.size() + 1);
  const std::uint64_t b = std::max<std::uint64_t>(a, std::max(x, y) % (text.size() + 1));

  const huntq::fuzz::Transcript whole = huntq::fuzz::read_transcript(info);
  huntq::fuzz::Transcript parts;
  for (const auto& [begin, end] :
       {std::pair{std::uint64_t{0}, a}, std::pair{a, b}, std::pair{b, std::uint64_t{UINT64_MAX}}}) {
    huntq::fuzz::Transcript t = huntq::fuzz::read_transcript(info, begin, end);
    if (!t.error.empty() && parts.error.empty()) parts.error = t.error;
    parts.records.insert(parts.records.end(), t.records.begin(), t.records.end());
    parts.stats.merge(t.stats);
  }
  huntq::fuzz::require_same(whole, parts,
                            "byte ranges [0," + std::to_string(a) + ") [" + std::to_string(a) +
                                "," + std::to_string(b) + ") [" + std::to_string(b) +
                                ",end) give other records than the whole file");
  return 0;
}
