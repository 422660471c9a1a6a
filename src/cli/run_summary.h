// The summary every `huntq run` ends with, on stderr: nothing is dropped without a count.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "huntq/engine/executor.h"
#include "huntq/output/row_writer.h"

namespace huntq::cli {

struct RuleCount {
  std::string id;
  std::uint64_t removed = 0;
};

inline constexpr std::uint64_t kUnknown = UINT64_MAX;

struct RunSummary {
  std::string hunt;
  std::string now;  ///< the instant now() meant, when the query used it
  std::vector<engine::FileReport> files;
  std::uint64_t matched = 0;  ///< rows the hunt gave, before exclusions (kUnknown: not counted)
  std::vector<RuleCount> rules;
  std::uint64_t printed = 0;
  std::uint64_t withheld = 0;  ///< rows past the terminal's row limit, not shown
  bool printed_excluded = false;
  output::WriterReport writer;  ///< what the writer had to change or cut  ///< --show-excluded: the
                                ///< printed rows are the removed ones
};

void print_summary(std::FILE* out, const RunSummary& s);

}  // namespace huntq::cli
