#include "huntq/engine/executor.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "huntq/error.h"
#include "operators.h"
#include "record_prefilter.h"

namespace huntq::engine {
namespace {

struct ScanPipeline {
  const PlanNode* scan = nullptr;
  Operator* head = nullptr;
  const HashTable* key_source = nullptr;  // probe side: records must hold one of its keys
};

// A step of the program: run a scan pipeline, or act at a pipeline breaker.
struct Step {
  std::size_t pipeline = SIZE_MAX;
  std::function<void()> action;
};

std::vector<std::size_t> slots_of(const Schema& schema, const std::vector<std::string>& names) {
  std::vector<std::size_t> out;
  for (const auto& n : names)
    out.push_back(
        static_cast<std::size_t>(std::find_if(schema.begin(), schema.end(),
                                              [&](const PlanColumn& c) { return c.name == n; }) -
                                 schema.begin()));
  return out;
}

// True when `column` reaches the top of `n` unchanged from a scan, so a byte search for its values
// in the scanned records is sound.
bool column_from_scan(const PlanNode& n, const std::string& column) {
  switch (n.kind) {
    case NodeKind::Scan:
      return true;
    case NodeKind::Filter:
    case NodeKind::Sort:
    case NodeKind::ProjectAway:
      return column_from_scan(*n.children[0], column);
    case NodeKind::Extend:
    case NodeKind::Project:
      for (const auto& item : n.items)
        if (item.name == column)
          return item.expr->op == Op::Column && column_from_scan(*n.children[0], item.expr->name);
      return n.kind == NodeKind::Extend && column_from_scan(*n.children[0], column);
    case NodeKind::Join:
      return false;
  }
  return false;
}

class Program {
 public:
  std::vector<ScanPipeline> pipelines;
  std::vector<Step> steps;
  CollectSink result;

  void compile_root(const PlanNode& root) { compile(root, &result, nullptr); }

 private:
  std::vector<std::unique_ptr<Operator>> ops_;
  std::vector<std::unique_ptr<HashTable>> tables_;

  template <class T, class... Args>
  T* make(Operator* next, Args&&... args) {
    auto op = std::make_unique<T>(std::forward<Args>(args)...);
    op->set_next(next);
    T* raw = op.get();
    ops_.push_back(std::move(op));
    return raw;
  }

  void compile(const PlanNode& n, Operator* downstream, const HashTable* key_source) {
    switch (n.kind) {
      case NodeKind::Scan:
        pipelines.push_back({&n, downstream, key_source});
        steps.push_back({pipelines.size() - 1, {}});
        return;
      case NodeKind::Filter:
        compile(*n.children[0], make<FilterOp>(downstream, n.predicate, n.children[0]->schema),
                key_source);
        return;
      case NodeKind::Extend:
      case NodeKind::Project:
        compile(*n.children[0], make<ComputeOp>(downstream, n, n.children[0]->schema), key_source);
        return;
      case NodeKind::ProjectAway:
        compile(*n.children[0], make<ProjectAwayOp>(downstream, n.children[0]->schema, n.schema),
                key_source);
        return;
      case NodeKind::Sort: {
        auto* sink = make<CollectSink>(nullptr);
        compile(*n.children[0], sink, key_source);
        steps.push_back({SIZE_MAX, [sink, downstream, &n] {
                           auto rows = sink->merge();
                           sort_rows(rows, n.schema, n.sort_keys);
                           downstream->prepare(1);
                           for (auto& r : rows) downstream->push(r, 0);
                         }});
        return;
      }
      case NodeKind::Join: {
        const PlanNode& left = *n.children[0];
        const PlanNode& right = *n.children[1];
        auto* build = make<CollectSink>(nullptr);
        tables_.push_back(
            std::make_unique<HashTable>(slots_of(left.schema, n.left_keys), n.join_kind));
        HashTable* table = tables_.back().get();
        compile(left, build, key_source);  // the build side runs first
        steps.push_back({SIZE_MAX, [build, table] { table->build(build->merge()); }});
        auto* probe =
            make<HashJoinProbeOp>(downstream, *table, slots_of(right.schema, n.right_keys));
        const bool prunable = n.right_keys.size() == 1 && column_from_scan(right, n.right_keys[0]);
        compile(right, probe, prunable ? table : nullptr);
        return;
      }
    }
  }
};

struct Task {
  std::size_t input = 0;
  std::uint64_t begin = 0, end = UINT64_MAX;
};

struct TaskReport {
  input::SourceStats source;  // the reader's own counts: records, malformed, other tables
  std::uint64_t prefiltered = 0;
};

class ScanRunner {
 public:
  ScanRunner(const ScanPipeline& p, const std::vector<input::InputInfo>& inputs,
             const ExecOptions& options)
      : p_(p), inputs_(inputs), options_(options) {
    projection_.table = p.scan->table;
    for (const auto& c : p.scan->scan_columns) projection_.columns.push_back({c.name, c.type});
  }

  /// Runs the pipeline; returns per-input reports (indexed like `inputs`).
  std::vector<TaskReport> run() {
    std::vector<Task> tasks;
    for (std::size_t i = 0; i < inputs_.size(); ++i) {
      const auto& in = inputs_[i];
      if (in.table != nullptr && in.table != p_.scan->table) continue;
      if (in.splittable && in.size > options_.split_bytes + options_.split_bytes / 2) {
        for (std::uint64_t b = 0; b < in.size; b += options_.split_bytes)
          tasks.push_back({i, b, std::min(in.size, b + options_.split_bytes)});
      } else {
        tasks.push_back({i, 0, UINT64_MAX});
      }
    }
    if (tasks.empty())
      throw Error("no input holds " + std::string(p_.scan->table->name) +
                  " rows; name one with --table " + std::string(p_.scan->table->name) + "=PATH");
    p_.head->prepare(tasks.size());
    std::vector<TaskReport> reports(tasks.size());
    std::vector<std::exception_ptr> errors(tasks.size());
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    auto worker = [&] {
      for (std::size_t t; !failed && (t = next++) < tasks.size();) {
        try {
          run_task(tasks[t], t, reports[t]);
        } catch (...) {
          errors[t] = std::current_exception();
          failed = true;
        }
      }
    };
    const unsigned n =
        std::max(1u, std::min<unsigned>(options_.threads, static_cast<unsigned>(tasks.size())));
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < n; ++i) threads.emplace_back(worker);
    worker();
    for (auto& th : threads) th.join();
    for (auto& e : errors)  // the first failing task in input order, whatever thread saw it
      if (e) std::rethrow_exception(e);
    std::vector<TaskReport> per_input(inputs_.size());
    for (std::size_t t = 0; t < tasks.size(); ++t) {
      auto& dst = per_input[tasks[t].input];
      dst.source.merge(reports[t].source);
      dst.prefiltered += reports[t].prefiltered;
    }
    return per_input;
  }

 private:
  void run_task(const Task& task, std::size_t t, TaskReport& report) {
    const auto& in = inputs_[task.input];
    auto source = input::open_source(in, task.begin, task.end);
    const LiteralPrefilter literals(
        options_.prefilter ? p_.scan->literals : std::vector<std::string>{}, source->escaping());
    KeyPrefilter keys;
    if (options_.prefilter && p_.key_source && p_.key_source->string_keys())
      keys = KeyPrefilter(*p_.key_source->string_keys(), source->escaping());
    Row row;
    while (source->next()) {
      const input::RawRecord& rec = source->record();
      if (!literals.may_match(rec.bytes) || !keys.may_match(rec.bytes)) {
        ++report.prefiltered;
        continue;
      }
      const input::Decoded d = source->decode(projection_, row.cells);
      if (d.status == input::Decoded::Status::OtherTable) continue;
      if (d.status == input::Decoded::Status::Malformed) {
        if (options_.strict)
          throw Error({in.display_name, source->current_line(), d.column}, d.why);
        continue;  // the reader counted it, with its reason
      }
      row.lineage.assign(1, make_lineage(task.input, rec.offset));
      p_.head->push(row, t);
    }
    report.source = source->stats();
    if (options_.strict && report.source.malformed > 0)  // found by the reader, not by decode()
      throw Error(report.source.first_reasons.empty() ? in.display_name + ": malformed record"
                                                      : report.source.first_reasons.front());
  }

  const ScanPipeline& p_;
  const std::vector<input::InputInfo>& inputs_;
  const ExecOptions& options_;
  input::Projection projection_;
};

}  // namespace

ResultSet execute(const PlanNode& root, const std::vector<input::InputInfo>& inputs,
                  const ExecOptions& options) {
  Program program;
  program.compile_root(root);
  ResultSet result;
  result.schema = root.schema;
  for (const auto& in : inputs) {
    FileReport f;
    f.name = in.display_name;
    f.shape = in.shape;
    f.table = in.table ? std::string(in.table->name) : "per record";
    result.stats.files.push_back(std::move(f));
  }
  std::vector<bool> counted(inputs.size(), false);
  for (const Step& step : program.steps) {
    if (step.pipeline == SIZE_MAX) {
      step.action();
      continue;
    }
    auto per_input = ScanRunner(program.pipelines[step.pipeline], inputs, options).run();
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      auto& f = result.stats.files[i];
      const auto& r = per_input[i];
      if (r.source.records == 0 && r.source.malformed == 0) continue;
      // A file whose records name their own table is read once per table: count it once.
      if (!counted[i]) {
        f.records = r.source.records, f.malformed = r.source.malformed;
        f.other_table = r.source.other_table;  // tables no hunt reads (the reader's count)
        f.bad_datetimes = r.source.bad_datetimes;
        f.reasons = r.source.first_reasons;
        for (const auto& b : r.source.first_bad_datetimes) f.reasons.push_back(b);
        f.prefiltered = r.prefiltered;
        counted[i] = true;
      }
    }
  }
  // Rows reach the result sink either straight from a pipeline or from a sort step.
  result.rows = program.result.merge();
  return result;
}

}  // namespace huntq::engine
