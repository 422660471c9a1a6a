// huntq-floor: the parsing floor of a hunt on NDJSON.
//
// One thread, simdjson On-Demand (iterate_many) over each file, read in 16 MiB blocks (no load of
// the whole file), reading exactly the fields the hunt reads and no others, as lazily as a hunt
// can: per table a few stages, each reading its fields (by name, in any order) only for records
// that passed the previous stage's test. Strings are unescaped, as a hunt must. It prints the
// records and the matches of each stage, the whole time and the time spent parsing alone.
//
// usage: huntq-floor [--hunt ID] FILE...    (one NDJSON file per table the hunt reads, in order;
//                                             default: av-detections-with-source, DeviceEvents
//                                             then DeviceFileEvents)
//        huntq-floor --inflate FILE.gz...   (the decompression floor: ISA-L inflate, output
//                                             discarded)

#include <fcntl.h>
#include <isa-l/igzip_lib.h>
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}
bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}
bool icontains(std::string_view s, std::string_view needle) {
  if (needle.size() > s.size()) return false;
  for (size_t i = 0; i + needle.size() <= s.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && lower(s[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

// The values of one stage's fields, in the stage's order ("" when missing, null or not a string).
using Values = std::vector<std::string_view>;

struct Stage {
  std::vector<const char*> fields;
  std::function<bool(const Values&)> pass;  // empty: always passes (the last stage)
};
using Scan = std::vector<Stage>;  // per table

struct Hunt {
  const char* id;
  std::vector<Scan> tables;
};

// What each hunt of the bench reads (bench/README.md), stage by stage.
std::vector<Hunt> hunts() {
  auto eq = [](const char* v) { return [v](const Values& x) { return x[0] == v; }; };
  const Stage detections{
      {"Timestamp", "DeviceName", "FileName", "FolderPath", "MD5", "AdditionalFields"}, {}};
  const std::vector<const char*> dfe_all = {"Timestamp",
                                            "DeviceId",
                                            "DeviceName",
                                            "ActionType",
                                            "FileName",
                                            "FolderPath",
                                            "SHA1",
                                            "SHA256",
                                            "MD5",
                                            "FileOriginIP",
                                            "PreviousFolderPath",
                                            "PreviousFileName",
                                            "FileSize",
                                            "InitiatingProcessAccountDomain",
                                            "InitiatingProcessAccountName",
                                            "InitiatingProcessAccountSid",
                                            "InitiatingProcessAccountUpn",
                                            "InitiatingProcessAccountObjectId",
                                            "InitiatingProcessMD5",
                                            "InitiatingProcessSHA1",
                                            "InitiatingProcessSHA256",
                                            "InitiatingProcessFolderPath",
                                            "InitiatingProcessFileSize",
                                            "InitiatingProcessVersionInfoCompanyName",
                                            "InitiatingProcessVersionInfoProductName",
                                            "InitiatingProcessVersionInfoProductVersion",
                                            "InitiatingProcessVersionInfoInternalFileName",
                                            "InitiatingProcessVersionInfoOriginalFileName",
                                            "InitiatingProcessVersionInfoFileDescription",
                                            "InitiatingProcessId",
                                            "InitiatingProcessCommandLine",
                                            "InitiatingProcessCreationTime",
                                            "InitiatingProcessIntegrityLevel",
                                            "InitiatingProcessTokenElevation",
                                            "InitiatingProcessParentId",
                                            "InitiatingProcessParentFileName",
                                            "InitiatingProcessParentCreationTime",
                                            "RequestProtocol",
                                            "RequestSourceIP",
                                            "RequestSourcePort",
                                            "RequestAccountName",
                                            "RequestAccountDomain",
                                            "RequestAccountSid",
                                            "ShareName",
                                            "SensitivityLabel",
                                            "SensitivitySubLabel",
                                            "IsAzureInfoProtectionApplied",
                                            "ReportId",
                                            "AppGuardContainerId",
                                            "AdditionalFields",
                                            "InitiatingProcessSessionId",
                                            "IsInitiatingProcessRemoteSession",
                                            "InitiatingProcessRemoteSessionDeviceName",
                                            "InitiatingProcessRemoteSessionIP"};
  return {
      {"av-detections-with-source",
       {{{{"ActionType"}, eq("AntivirusDetection")}, detections},
        {{{"MD5", "FileOriginUrl", "FileOriginReferrerUrl"},
          [](const Values& x) { return !x[0].empty() && (!x[1].empty() || !x[2].empty()); }},
         {{"InitiatingProcessFileName", "InitiatingProcessParentFileName"}, {}}}}},
      {"icedid-delivery",
       {{{{"InitiatingProcessFileName"},
          [](const Values& x) {
            for (const char* n : {"msedge.exe", "chrome.exe", "explorer.exe", "7zFM.exe",
                                  "firefox.exe", "browser_broker.exe"})
              if (iequals(x[0], n)) return true;
            return false;
          }},
         {{"FileOriginReferrerUrl", "FileOriginUrl"},
          [](const Values& x) {  // substrings: a superset of the term matches
            return icontains(x[0], ".php") && icontains(x[0], ".top") &&
                   (icontains(x[1], "google") || icontains(x[1], "docs"));
          }},
         {dfe_all, {}}}}},
      {"remote-file-creation-with-psexec",
       {{{{"InitiatingProcessCommandLine"},
          [](const Values& x) { return icontains(x[0], "accepteula"); }},
         {{"Timestamp", "DeviceId", "FileName", "FolderPath", "SHA1", "InitiatingProcessFileName"},
          {}}}}},
      {"system-guard-security-level-drop",
       {{{{"ActionType"}, eq("DeviceBootAttestationInfo")},
         {{"Timestamp", "DeviceId", "ReportId", "AdditionalFields"}, {}}}}},
      {"system-guard-security-level-baseline",
       {{{{"ActionType"}, eq("DeviceBootAttestationInfo")},
         {{"Timestamp", "DeviceName", "AdditionalFields"}, {}}}}},
  };
}

struct Counts {
  uint64_t records = 0;
  std::array<uint64_t, 4> passed{};  // records that passed stage k
};

// Reads one field as a hunt would: strings unescaped, numbers and booleans parsed, objects and
// arrays kept as raw JSON (a dynamic column), null and missing as "".
simdjson::error_code read_field(simdjson::ondemand::object& obj, const char* name,
                                std::string_view& out) {
  out = {};
  simdjson::ondemand::value v;
  auto err = obj.find_field_unordered(name).get(v);
  if (err == simdjson::NO_SUCH_FIELD) return simdjson::SUCCESS;
  if (err) return err;
  simdjson::ondemand::json_type t;
  if ((err = v.type().get(t))) return err;
  switch (t) {
    case simdjson::ondemand::json_type::string:
      return v.get_string().get(out);
    case simdjson::ondemand::json_type::number: {
      int64_t i;
      if (v.get_int64().get(i) == simdjson::SUCCESS) return simdjson::SUCCESS;
      double d;
      return v.get_double().get(d);
    }
    case simdjson::ondemand::json_type::boolean: {
      bool b;
      return v.get_bool().get(b);
    }
    case simdjson::ondemand::json_type::null:
      return simdjson::SUCCESS;
    case simdjson::ondemand::json_type::object: {
      simdjson::ondemand::object o;
      if ((err = v.get_object().get(o))) return err;
      return o.raw_json().get(out);
    }
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array a;
      if ((err = v.get_array().get(a))) return err;
      return a.raw_json().get(out);
    }
  }
  return simdjson::SUCCESS;
}

bool scan_block(simdjson::ondemand::parser& parser, const uint8_t* data, size_t len,
                const Scan& scan, Counts& c) {
  simdjson::ondemand::document_stream docs;
  if (auto err = parser.iterate_many(data, len, 4 << 20).get(docs)) {
    std::fprintf(stderr, "huntq-floor: %s\n", simdjson::error_message(err));
    return false;
  }
  Values values;
  for (auto doc : docs) {
    simdjson::ondemand::object obj;
    if (auto err = doc.get_object().get(obj)) {
      std::fprintf(stderr, "huntq-floor: record %llu: %s\n",
                   static_cast<unsigned long long>(c.records), simdjson::error_message(err));
      return false;
    }
    ++c.records;
    for (size_t s = 0; s < scan.size(); ++s) {
      values.assign(scan[s].fields.size(), {});
      for (size_t f = 0; f < scan[s].fields.size(); ++f) {
        if (auto err = read_field(obj, scan[s].fields[f], values[f])) {
          std::fprintf(stderr, "huntq-floor: record %llu, %s: %s\n",
                       static_cast<unsigned long long>(c.records), scan[s].fields[f],
                       simdjson::error_message(err));
          return false;
        }
      }
      if (scan[s].pass && !scan[s].pass(values)) break;
      ++c.passed[s];
    }
  }
  return true;
}

// Scans a file in blocks: whole lines of each block go to iterate_many, the rest moves on.
bool scan_file(const char* path, const Scan& scan, Counts& c, uint64_t& bytes,
               double& parse_seconds) {
  int fd = ::open(path, O_RDONLY);
  if (fd < 0) {
    std::fprintf(stderr, "huntq-floor: cannot open %s\n", path);
    return false;
  }
  size_t cap = 16 << 20, have = 0;
  auto buf = std::make_unique<uint8_t[]>(cap + simdjson::SIMDJSON_PADDING);
  simdjson::ondemand::parser parser;
#ifdef SIMDJSON_THREADS_ENABLED
  parser.threaded = false;  // a floor for one core: no stage-1 worker thread
#endif
  for (bool eof = false; !eof;) {
    if (have == cap) {  // a line longer than the block: grow it
      auto bigger = std::make_unique<uint8_t[]>(2 * cap + simdjson::SIMDJSON_PADDING);
      std::memcpy(bigger.get(), buf.get(), have);
      buf = std::move(bigger);
      cap *= 2;
    }
    ssize_t n = ::read(fd, buf.get() + have, cap - have);
    if (n < 0) {
      std::fprintf(stderr, "huntq-floor: %s: read failed\n", path);
      ::close(fd);
      return false;
    }
    eof = n == 0;
    have += static_cast<size_t>(n);
    bytes += static_cast<uint64_t>(n);
    size_t end = have;
    if (!eof) {
      const uint8_t* nl = static_cast<const uint8_t*>(memrchr(buf.get(), '\n', have));
      if (!nl) continue;
      end = static_cast<size_t>(nl - buf.get()) + 1;
    }
    if (end > 0) {
      auto t0 = Clock::now();
      bool ok = scan_block(parser, buf.get(), end, scan, c);
      parse_seconds += std::chrono::duration<double>(Clock::now() - t0).count();
      if (!ok) {
        ::close(fd);
        return false;
      }
    }
    std::memmove(buf.get(), buf.get() + end, have - end);
    have -= end;
  }
  ::close(fd);
  return true;
}

// Decompresses each gzip file (all members) and discards the output; times the whole read.
int inflate_floor(int argc, char** argv) {
  constexpr size_t kIn = 1 << 20, kOut = 4 << 20;
  std::vector<uint8_t> in(kIn), out(kOut);
  uint64_t bytes_in = 0, bytes_out = 0;
  auto t0 = Clock::now();
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
  double s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("inflate: in=%llu out=%llu seconds=%.3f MB/s(out)=%.0f\n",
              static_cast<unsigned long long>(bytes_in), static_cast<unsigned long long>(bytes_out),
              s, static_cast<double>(bytes_out) / s / 1e6);
  return 0;
}

int usage() {
  std::fprintf(stderr,
               "usage: huntq-floor [--hunt ID] FILE... | huntq-floor --inflate FILE.gz...\nhunts:");
  for (const Hunt& h : hunts()) std::fprintf(stderr, " %s (%zu files)", h.id, h.tables.size());
  std::fprintf(stderr, "\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  if (std::string_view(argv[1]) == "--inflate") return inflate_floor(argc, argv);
  std::string_view id = "av-detections-with-source";
  int first = 1;
  if (std::string_view(argv[1]) == "--hunt") {
    if (argc < 3) return usage();
    id = argv[2];
    first = 3;
  }
  const std::vector<Hunt> all = hunts();
  auto h = std::find_if(all.begin(), all.end(), [&](const Hunt& x) { return x.id == id; });
  if (h == all.end() || static_cast<size_t>(argc - first) != h->tables.size()) return usage();

  uint64_t bytes = 0, records = 0;
  double parse = 0;
  auto t0 = Clock::now();
  for (int k = first; k < argc; ++k) {
    const Scan& scan = h->tables[static_cast<size_t>(k - first)];
    Counts c;
    uint64_t file_bytes = 0;
    double file_parse = 0;
    if (!scan_file(argv[k], scan, c, file_bytes, file_parse)) return 2;
    std::printf("%s: bytes=%llu parse_seconds=%.3f records=%llu", argv[k],
                static_cast<unsigned long long>(file_bytes), file_parse,
                static_cast<unsigned long long>(c.records));
    for (size_t s = 0; s < scan.size(); ++s)
      std::printf(" stage%zu=%llu", s + 1, static_cast<unsigned long long>(c.passed[s]));
    std::printf("\n");
    bytes += file_bytes;
    parse += file_parse;
    records += c.records;
  }
  double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("total: hunt=%s bytes=%llu seconds=%.3f parse_seconds=%.3f MB/s=%.0f records=%llu\n",
              h->id, static_cast<unsigned long long>(bytes), seconds, parse,
              static_cast<double>(bytes) / parse / 1e6, static_cast<unsigned long long>(records));
  std::printf("implementation: %s\n", simdjson::get_active_implementation()->name().c_str());
  return 0;
}
