// Running a plan over input files: pipelines of push operators, split into tasks over threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "huntq/engine/plan.h"
#include "huntq/engine/row.h"
#include "huntq/input/record_source.h"

namespace huntq::engine {

struct ExecOptions {
  unsigned threads = 1;
  bool strict = false;                      ///< stop at the first malformed record (exit status 2)
  bool prefilter = true;                    ///< skip records by literal search before parsing them
  std::uint64_t split_bytes = 32ull << 20;  ///< split splittable files into ranges of this size
};

/// What reading one input file found, for the run summary.
struct FileReport {
  std::string name;
  input::Shape shape = input::Shape::Ndjson;
  std::string table;                ///< table name, or "per record" for streaming files
  std::uint64_t records = 0;        ///< records seen (blank lines are not records)
  std::uint64_t prefiltered = 0;    ///< records ruled out by the literal pre-filter without parsing
  std::uint64_t malformed = 0;      ///< skipped: could not be read (reasons below)
  std::uint64_t other_table = 0;    ///< records of a table the hunt does not read
  std::uint64_t bad_datetimes = 0;  ///< datetime cells that could not be read (left null)
  std::vector<std::string> reasons;  ///< first few "file:line[:col]: why"
};

struct ExecStats {
  std::vector<FileReport> files;
};

struct ResultSet {
  Schema schema;
  std::vector<Row> rows;
  ExecStats stats;
};

/// Runs an optimized plan over `inputs`. A scan of table T reads every input whose table is T
/// and every input whose records name their own table. Throws huntq::Error on fatal input errors,
/// and in strict mode on the first malformed record.
ResultSet execute(const PlanNode& root, const std::vector<input::InputInfo>& inputs,
                  const ExecOptions& options);

}  // namespace huntq::engine
