// A plan compiled into steps: pipelines (a source pushing into a chain of operators) and the
// actions between them (building a join's table, sorting...), run in order, each pipeline's
// tasks spread over threads.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "hash_join.h"
#include "memory_budget.h"
#include "ordered_sinks.h"
#include "row_operators.h"
#include "scan_source.h"
#include "summarize_sink.h"

namespace huntq::engine {

class Program {
 public:
  Program(const std::vector<input::InputInfo>& inputs, const ExecOptions& options);
  /// Compiles `root`, its rows going to `out`.
  void compile(const PlanPtr& root, ResultSink& out);
  void run();
  ExecStats stats() const;

 private:
  /// A join probe side's key column, followed down to a scan column if it gets there unchanged.
  struct KeyHint {
    const JoinTable* table = nullptr;
    std::size_t column = 0;
  };
  struct Pipeline {
    std::unique_ptr<Source> source;
    Operator* head = nullptr;
    std::size_t slot_base = 0;
    ScanSource* scan = nullptr;
  };
  struct Step {
    std::size_t pipeline = SIZE_MAX;
    std::function<void()> action;
  };

  /// Compiles `n` so that its rows reach `down` as slots [base, base + result).
  std::size_t build(const PlanPtr& n, Operator* down, std::size_t base, KeyHint hint);
  std::size_t emit_rows(std::shared_ptr<std::vector<Row>> rows, bool copy, Operator* down,
                        std::size_t base);
  std::size_t add_pipeline(std::unique_ptr<Source> source, Operator* down, std::size_t base,
                           ScanSource* scan = nullptr);
  void run_pipeline(Pipeline& p);
  std::uint64_t estimate_bytes(const PlanNode& n) const;

  template <class T, class... A>
  T* make(A&&... args) {
    auto op = std::make_unique<T>(std::forward<A>(args)...);
    T* raw = op.get();
    ops_.push_back(std::move(op));
    return raw;
  }

  const std::vector<input::InputInfo>& inputs_;
  const ExecOptions& options_;
  MemoryBudget budget_;
  std::vector<std::unique_ptr<Operator>> ops_;
  std::vector<std::unique_ptr<JoinTable>> tables_;
  std::vector<Pipeline> pipelines_;
  std::vector<Step> steps_;
  std::vector<ExcludeOp*> excludes_;
  std::map<const PlanNode*, std::shared_ptr<std::vector<Row>>> materialized_;
  std::vector<PlanPtr> keep_alive_;
  ResultSink* result_ = nullptr;
};

}  // namespace huntq::engine
