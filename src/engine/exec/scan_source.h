// Where rows start: scans of input files (split into tasks), constant rows, ranges.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "hash_join.h"
#include "huntq/engine/executor.h"
#include "operator.h"

namespace huntq::engine {

class GroupPrefilter;
class KeyPrefilter;

class Source {
 public:
  virtual ~Source() = default;
  virtual std::size_t tasks() const = 0;
  /// Pushes task `t`'s rows into `head` as slot `slot`.
  virtual void run(std::size_t t, Operator& head, std::size_t slot) = 0;
};

/// What a scan reports per input file, merged over its tasks.
struct ScanCounts {
  input::SourceStats source;
  std::uint64_t prefiltered = 0;
  bool read = false;
};

class ScanSource final : public Source {
 public:
  ScanSource(const PlanNode& scan, const std::vector<input::InputInfo>& inputs,
             const ExecOptions& options);
  ~ScanSource() override;
  std::size_t tasks() const override { return tasks_.size(); }
  void run(std::size_t t, Operator& head, std::size_t slot) override;
  /// Records must hold one of the build keys of `table` in the scan column `column` (a join's
  /// probe side whose unmatched rows produce nothing).
  void set_key_filter(const JoinTable* table, std::size_t column) {
    key_table_ = table;
    key_column_ = column;
  }
  /// Per-input counts, once every task has run.
  std::vector<ScanCounts> counts() const;

 private:
  struct Task {
    std::size_t input = 0;
    std::uint64_t begin = 0, end = UINT64_MAX;
  };
  const PlanNode& scan_;
  const std::vector<input::InputInfo>& inputs_;
  const ExecOptions& options_;
  input::Projection projection_;
  std::vector<Task> tasks_;
  std::vector<ScanCounts> task_counts_;
  const JoinTable* key_table_ = nullptr;
  std::size_t key_column_ = 0;
  // The pre-filters, built once per escaping by the first task that needs them (a join's keys
  // are known only once its build side ran) and shared by all tasks.
  struct Filters;
  const Filters& filters(input::Escaping escaping);
  std::once_flag filters_once_[2];
  std::unique_ptr<Filters> filters_[2];
};

/// Rows already in memory (a breaker's output, a materialized table, print, datatable): one task.
class RowsSource final : public Source {
 public:
  RowsSource(std::shared_ptr<std::vector<Row>> rows, bool copy)
      : rows_(std::move(rows)), copy_(copy) {}
  std::size_t tasks() const override { return 1; }
  void run(std::size_t, Operator& head, std::size_t slot) override;

 private:
  std::shared_ptr<std::vector<Row>> rows_;
  bool copy_;
};

/// range x from a to b step c, generated as it is pushed (memory stays flat).
class RangeSource final : public Source {
 public:
  explicit RangeSource(const PlanNode& n) : node_(n) {}
  std::size_t tasks() const override { return 1; }
  void run(std::size_t, Operator& head, std::size_t slot) override;

 private:
  const PlanNode& node_;
};

}  // namespace huntq::engine
