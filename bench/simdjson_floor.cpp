// huntq-floor: the parsing floor for the hunt on NDJSON.
//
// One thread, simdjson On-Demand iterate_many over each file, reading ActionType and MD5 of every
// record and counting AntivirusDetection rows. The file is loaded first (padded_string::load) and
// only the scan is timed, so this is a floor for parsing, not for I/O.
//
// usage: huntq-floor FILE.ndjson...
//        huntq-floor --inflate FILE.gz...   (the decompression floor: ISA-L inflate, output
//        discarded)

#include <isa-l/igzip_lib.h>
#include <simdjson.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string_view>
#include <vector>

namespace {

struct Counts {
  uint64_t records = 0, detections = 0, with_md5 = 0;
};

// Returns false on a parse error (reported on stderr).
bool scan(simdjson::ondemand::parser& parser, const simdjson::padded_string& json, Counts& c) {
  simdjson::ondemand::document_stream docs;
  // 1 MiB batches are ample for 1–2 KB records; the batch must exceed the largest record.
  if (auto err = parser.iterate_many(json, 1 << 20).get(docs)) {
    std::fprintf(stderr, "huntq-floor: %s\n", simdjson::error_message(err));
    return false;
  }
  for (auto doc : docs) {
    simdjson::ondemand::object obj;
    if (auto err = doc.get_object().get(obj)) {
      std::fprintf(stderr, "huntq-floor: record %llu: %s\n",
                   static_cast<unsigned long long>(c.records), simdjson::error_message(err));
      return false;
    }
    ++c.records;
    std::string_view action, md5;
    // Unordered lookup: the reader must not assume column order.
    if (obj["ActionType"].get_string().get(action) != simdjson::SUCCESS) action = {};
    if (obj["MD5"].get_string().get(md5) != simdjson::SUCCESS) md5 = {};
    if (action == "AntivirusDetection") ++c.detections;
    if (!md5.empty()) ++c.with_md5;
  }
  if (docs.truncated_bytes() != 0) {
    std::fprintf(stderr, "huntq-floor: %zu truncated bytes at the end\n", docs.truncated_bytes());
    return false;
  }
  return true;
}

// Decompresses each gzip file (all members) and discards the output; times the whole read.
int inflate_floor(int argc, char** argv) {
  constexpr size_t kIn = 1 << 20, kOut = 4 << 20;
  std::vector<uint8_t> in(kIn), out(kOut);
  uint64_t bytes_in = 0, bytes_out = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int k = 2; k < argc; ++k) {
    std::FILE* f = std::fopen(argv[k], "rb");
    if (!f) {
      std::fprintf(stderr, "huntq-floor: cannot open %s\n", argv[k]);
      return 2;
    }
    auto st = std::make_unique<inflate_state>();
    isal_inflate_init(st.get());
    st->crc_flag = ISAL_GZIP;
    size_t n;
    while ((n = std::fread(in.data(), 1, kIn, f)) > 0) {
      bytes_in += n;
      st->next_in = in.data();
      st->avail_in = static_cast<uint32_t>(n);
      while (st->avail_in > 0) {
        st->next_out = out.data();
        st->avail_out = kOut;
        if (isal_inflate(st.get()) != ISAL_DECOMP_OK) {
          std::fprintf(stderr, "huntq-floor: %s: bad gzip data\n", argv[k]);
          return 2;
        }
        bytes_out += kOut - st->avail_out;
        if (st->block_state == ISAL_BLOCK_FINISH && st->avail_in > 0) {  // next gzip member
          uint32_t left = st->avail_in;
          uint8_t* next = st->next_in;
          isal_inflate_reset(st.get());
          st->crc_flag = ISAL_GZIP;
          st->next_in = next;
          st->avail_in = left;
        }
      }
    }
    std::fclose(f);
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("inflate: in=%llu out=%llu seconds=%.3f MB/s(out)=%.0f\n",
              static_cast<unsigned long long>(bytes_in), static_cast<unsigned long long>(bytes_out),
              s, static_cast<double>(bytes_out) / s / 1e6);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: huntq-floor FILE.ndjson... | huntq-floor --inflate FILE.gz...\n");
    return 2;
  }
  if (std::string_view(argv[1]) == "--inflate") return inflate_floor(argc, argv);
  simdjson::ondemand::parser parser;
#ifdef SIMDJSON_THREADS_ENABLED
  parser.threaded = false;  // a floor for one core: no stage-1 worker thread
#endif
  Counts total;
  uint64_t bytes = 0;
  double seconds = 0;
  for (int k = 1; k < argc; ++k) {
    simdjson::padded_string json;
    if (auto err = simdjson::padded_string::load(argv[k]).get(json)) {
      std::fprintf(stderr, "huntq-floor: %s: %s\n", argv[k], simdjson::error_message(err));
      return 2;
    }
    Counts c;
    auto t0 = std::chrono::steady_clock::now();
    if (!scan(parser, json, c)) return 2;
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%s: bytes=%zu seconds=%.3f GB/s=%.3f records=%llu detections=%llu md5=%llu\n",
                argv[k], json.size(), s, static_cast<double>(json.size()) / s / 1e9,
                static_cast<unsigned long long>(c.records),
                static_cast<unsigned long long>(c.detections),
                static_cast<unsigned long long>(c.with_md5));
    bytes += json.size();
    seconds += s;
    total.records += c.records;
    total.detections += c.detections;
    total.with_md5 += c.with_md5;
  }
  std::printf(
      "total: bytes=%llu seconds=%.3f GB/s=%.3f MB/s=%.0f records=%llu detections=%llu\n",
      static_cast<unsigned long long>(bytes), seconds, static_cast<double>(bytes) / seconds / 1e9,
      static_cast<double>(bytes) / seconds / 1e6, static_cast<unsigned long long>(total.records),
      static_cast<unsigned long long>(total.detections));
  std::printf("implementation: %s\n", simdjson::get_active_implementation()->name().c_str());
  return 0;
}
