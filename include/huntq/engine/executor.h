// Running a plan over input files: pipelines of push operators, split into tasks over threads.
//
// Every stream of rows is a sequence of tasks (a file, or a byte range of one) in input order;
// operators keep each task's rows in order and pipeline breakers combine tasks in that order, so
// the rows and their order are the same at every thread count and split size.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "huntq/engine/plan.h"
#include "huntq/input/record_source.h"

namespace huntq::engine {

using Row = std::vector<Value>;

struct ExecOptions {
  unsigned threads = 1;
  bool strict = false;                      ///< stop at the first malformed record (exit status 2)
  bool prefilter = true;                    ///< skip records by literal search before parsing them
  std::uint64_t split_bytes = 32ull << 20;  ///< split splittable files into ranges of this size
  /// What hash tables, sorts, aggregation states and collected results may hold; past it the
  /// query stops with an error naming the operator.
  std::uint64_t max_memory = 8ull << 30;
};

/// What reading one input file found, for the run summary.
struct FileReport {
  std::string name;
  input::Shape shape = input::Shape::Ndjson;
  std::string table;                ///< table name, or "per record" for mixed files
  std::uint64_t records = 0;        ///< records seen (blank lines are not records)
  std::uint64_t prefiltered = 0;    ///< records ruled out by the literal pre-filter without parsing
  std::uint64_t malformed = 0;      ///< skipped: could not be read (reasons below)
  std::uint64_t other_table = 0;    ///< records of tables the query does not read
  std::uint64_t bad_datetimes = 0;  ///< datetime cells that could not be read (left null)
  std::vector<std::string> reasons;  ///< first few "file:line[:col]: why"
  bool read = false;                 ///< some scan of the query read this file
};

/// Rows each exclusion rule removed (or, with show_excluded, matched), by rule.
struct RuleReport {
  std::string id;
  std::uint64_t matched = 0;
};

struct ExecStats {
  std::vector<FileReport> files;
  std::vector<RuleReport> rules;
  std::uint64_t rows_before_exclusions = 0;  ///< rows reaching the exclusion rules
};

/// Receives the query's result rows in order, as they become final (memory stays bounded for
/// queries whose result streams).
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  /// The result's columns, before the first row (for bag_unpack, once the data told them).
  virtual void begin(const Schema& schema) { (void)schema; }
  virtual void row(Row& row) = 0;
};

/// Runs `root` over `inputs`, streaming result rows to `out`. Subqueries (toscalar, `in (T)`) run
/// first; the plan is optimized (optimizer.h) before it runs. Throws huntq::Error on fatal input
/// errors, on a table no input holds, past the memory budget, and with `strict` on the first
/// malformed record.
ExecStats execute(const PlanPtr& root, const std::vector<input::InputInfo>& inputs,
                  const ExecOptions& options, ResultSink& out);

/// Convenience for tests: the whole result in memory.
struct ResultSet {
  Schema schema;
  std::vector<Row> rows;
  ExecStats stats;
};
ResultSet execute_collect(const PlanPtr& root, const std::vector<input::InputInfo>& inputs,
                          const ExecOptions& options);

/// The plan after subquery resolution and optimization, as execute() would run it (--explain).
PlanPtr prepare_plan(const PlanPtr& root, const std::vector<input::InputInfo>& inputs,
                     const ExecOptions& options);

}  // namespace huntq::engine
