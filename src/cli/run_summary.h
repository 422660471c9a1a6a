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
  /// --since/--until: bounds as ISO datetimes (empty: open), and the tables left unfiltered.
  bool windowed = false;
  std::string window_since, window_until;
  std::vector<std::string> unfiltered_tables;
  std::vector<engine::FileReport> files;
  std::uint64_t matched = 0;  ///< rows the hunt gave, before exclusions (kUnknown: not counted)
  std::vector<RuleCount> rules;
  std::uint64_t printed = 0;
  std::uint64_t withheld = 0;     ///< rows past the terminal's row limit, not shown
  bool printed_excluded = false;  ///< --show-excluded: the printed rows are the removed ones
  output::WriterReport writer;    ///< what the writer had to change or cut
};

/// The summary as text, one fact a line.
void print_summary(std::FILE* out, const RunSummary& s);

/// The same counts in one line, plus a line for each file with skipped records and for each
/// note: for a terminal on stderr while the rows go to a pager or a file.
void print_summary_short(std::FILE* out, const RunSummary& s);

/// The same counts as one JSON object on one line (--summary json); see summary_json.cpp.
void print_summary_json(std::FILE* out, const RunSummary& s);

}  // namespace huntq::cli
