// `huntq run`: run a hunt or a KQL query over exports, apply exclusions, print rows and a summary.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "huntq/input/record_source.h"

namespace huntq::cli {

struct RunOptions {
  std::string query;              ///< --query KQL
  std::string query_file;         ///< --query-file FILE ("-": stdin)
  std::string hunt;               ///< --hunt ID|FILE (default: the flagship)
  std::vector<std::string> then;  ///< --then KQL operators, in order
  bool schema = false;            ///< --schema: print the result's columns, read no data
  bool emit_kql = false;  ///< --emit-kql: print the hunt, its exclusions and --then as one query
  std::string now;        ///< --now DATETIME
  std::vector<std::string> inputs;        ///< files, folders, "-"
  std::vector<std::string> table_inputs;  ///< "Table=PATH" from --table
  std::string format = "table";
  bool wide = false;  ///< --wide: table cells whole even on a terminal
  std::vector<std::string> exclusions;
  bool show_excluded = false;
  bool strict = false;
  bool skip_unreadable = false;  ///< read what can be read when some input cannot be
  bool explain = false;
  bool csv_formula_guard = true;
  std::string color = "auto";  ///< auto | always | never
  std::string datetime_format = "trimmed";
  std::string time_format;  ///< locale-formatted CSV timestamps
  int time_zone_offset_minutes = 0;
  unsigned threads = 0;  ///< 0: all cores
  bool prefilter = true;
  std::uint64_t split_bytes = 32ull << 20;  ///< hidden: lets tests split small files
  std::string max_memory;                   ///< --max-memory, e.g. 4G; default half of RAM
  bool quiet = false;   ///< -q: on stderr only warnings and errors (no notes, summary, progress)
  std::string summary;  ///< --summary text|json (empty: text)
  std::string since;    ///< --since DATE|DATETIME|DURATION: keep Timestamp >= this
  std::string until;    ///< --until DATE|DATETIME|DURATION: keep Timestamp < this
  int progress_after_ms = 1000;  ///< hidden: when the progress meter first draws (tests use 0)
};

/// Returns the exit status (0 rows printed, 1 none); throws huntq::Error for status 2.
int run_command(const RunOptions& options);

/// `huntq hunts`: the built-in hunts.
int hunts_command();

}  // namespace huntq::cli
