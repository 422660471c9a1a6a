// libFuzzer target for the exclusion-rule loader: any bytes must load or fail with
// huntq::Error, never crash, hang or grow without bound. Also renders each loaded rule's KQL
// and runs it on a row, so the writer and the matcher see what the loader accepts.
//
// Build and run from the repository root (clang 14, Debian 12):
//   clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
//     tests/fuzz/rules_loader_fuzz.cpp src/rules/*.cpp src/value/error.cpp \
//     -lfyaml -lre2 -lfmt -o /tmp/rules_loader_fuzz
//   /tmp/rules_loader_fuzz -max_len=65536 -rss_limit_mb=2048 -max_total_time=600 \
//     /tmp/rules_corpus tests/fuzz/corpus/rules_loader
// (the first corpus folder, empty at first, receives what the fuzzer finds; the committed seeds
// are the sample rules split one per file and the hostile inputs of tests/rules).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/error.h"
#include "huntq/rules/exclusion_rules.h"

namespace {

const std::vector<std::string> kColumns = {"Timestamp",
                                           "DeviceName",
                                           "ThreatName",
                                           "FileName",
                                           "FolderPath",
                                           "MD5",
                                           "FileOriginUrl",
                                           "FileOriginReferrerUrl",
                                           "InitiatingProcessFileName",
                                           "InitiatingProcessParentFileName"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  huntq::rules::RuleSet set;
  set.set_kql_types({"datetime"});
  try {
    set.load_text(text, "fuzz.yaml", kColumns, "2026-01-01");
  } catch (const huntq::Error&) {
    return 0;
  }
  // A row made of the input's own bytes, so that values in the rules can match it.
  std::vector<std::string_view> row(kColumns.size(), text.substr(0, 256));
  row[6] = "https://update.microsoft.com/x";
  volatile int hit = set.match(row);
  (void)hit;
  std::size_t total = 0;
  for (const auto& r : set.rules()) total += r.kql.size() + r.kql_comment.size();
  volatile std::size_t sink = total;
  (void)sink;
  return 0;
}
