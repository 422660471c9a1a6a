#include "program.h"

#include <fmt/format.h>

#include <atomic>
#include <exception>
#include <thread>

#include "huntq/error.h"

namespace huntq::engine {

Program::Program(const std::vector<input::InputInfo>& inputs, const ExecOptions& options)
    : inputs_(inputs), options_(options), budget_(options.max_memory) {}

void Program::compile(const PlanPtr& root, ResultSink& out) {
  keep_alive_.push_back(root);
  result_ = &out;
  // bag_unpack's columns are known once it has seen its rows: it announces them itself.
  if (root->kind != PlanKind::BagUnpack) out.begin(root->schema);
  auto* sink = make<ResultStreamSink>(out, budget_);
  sink->open(build(root, sink, 0, {}));
}

std::size_t Program::add_pipeline(std::unique_ptr<Source> source, Operator* down, std::size_t base,
                                  ScanSource* scan) {
  const std::size_t n = source->tasks();
  pipelines_.push_back({std::move(source), down, base, scan});
  steps_.push_back({pipelines_.size() - 1, {}});
  return n;
}

std::size_t Program::emit_rows(std::shared_ptr<std::vector<Row>> rows, bool copy, Operator* down,
                               std::size_t base) {
  return add_pipeline(std::make_unique<RowsSource>(std::move(rows), copy), down, base);
}

std::uint64_t Program::estimate_bytes(const PlanNode& n) const {
  switch (n.kind) {
    case PlanKind::Scan: {
      // A scan with literal pre-filters keeps few records: guess a tenth.
      std::uint64_t total = 0;
      for (const auto& in : inputs_)
        if (in.table == nullptr || in.table == n.table) total += in.size;
      return n.prefilter.empty() ? total : total / 10;
    }
    case PlanKind::Values:
      return n.rows.size() * 64;
    case PlanKind::Range:
      return 1 << 20;
    case PlanKind::Filter:
      return estimate_bytes(*n.children[0]) / 2;
    case PlanKind::Summarize:
      return estimate_bytes(*n.children[0]) / 10;
    case PlanKind::Take:
    case PlanKind::Top:
      return std::min<std::uint64_t>(estimate_bytes(*n.children[0]),
                                     static_cast<std::uint64_t>(n.limit) * 256);
    default: {
      std::uint64_t total = 0;
      for (const auto& c : n.children) total += estimate_bytes(*c);
      return total;
    }
  }
}

namespace {

// The column `c` of `n`'s output, as a column of the input below when it passes unchanged.
std::optional<std::size_t> through(const PlanNode& n, std::size_t c) {
  switch (n.kind) {
    case PlanKind::Filter:
    case PlanKind::Exclude:
      return c;
    case PlanKind::Project:
      if (n.exprs[c]->kind == ExprKind::Column) return n.exprs[c]->column;
      return std::nullopt;
    case PlanKind::MvExpand:
      for (const auto& e : n.expand)
        if (e.column == c) return std::nullopt;
      if (n.item_index_slot && *n.item_index_slot == c) return std::nullopt;
      return c;
    case PlanKind::Parse:
      return c < n.children[0]->schema.size() ? std::optional<std::size_t>(c) : std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace

std::size_t Program::build(const PlanPtr& np, Operator* down, std::size_t base, KeyHint hint) {
  const PlanNode& n = *np;
  keep_alive_.push_back(np);
  auto pass_hint = [&](std::size_t child_column_count) -> KeyHint {
    (void)child_column_count;
    if (!hint.table) return {};
    auto c = through(n, hint.column);
    return c ? KeyHint{hint.table, *c} : KeyHint{};
  };
  switch (n.kind) {
    case PlanKind::Scan: {
      auto source = std::make_unique<ScanSource>(n, inputs_, options_);
      if (source->tasks() == 0)
        throw Error(fmt::format("no input holds {} rows; name a file with --table {}=PATH",
                                n.table->name, n.table->name));
      if (hint.table && n.schema[hint.column].type == Type::String)
        source->set_key_filter(hint.table, hint.column);
      ScanSource* raw = source.get();
      return add_pipeline(std::move(source), down, base, raw);
    }
    case PlanKind::Values: {
      auto rows = std::make_shared<std::vector<Row>>(n.rows);
      return emit_rows(rows, false, down, base);
    }
    case PlanKind::Range:
      return add_pipeline(std::make_unique<RangeSource>(n), down, base);
    case PlanKind::Filter: {
      auto* op = make<FilterOp>(n);
      op->set_next(down);
      return build(n.children[0], op, base, pass_hint(0));
    }
    case PlanKind::Project: {
      auto* op = make<ProjectOp>(n);
      op->set_next(down);
      return build(n.children[0], op, base, pass_hint(0));
    }
    case PlanKind::MvExpand: {
      auto* op = make<MvExpandOp>(n);
      op->set_next(down);
      return build(n.children[0], op, base, pass_hint(0));
    }
    case PlanKind::Parse: {
      auto* op = make<ParseOp>(n);
      op->set_next(down);
      return build(n.children[0], op, base, pass_hint(0));
    }
    case PlanKind::Exclude: {
      auto* op = make<ExcludeOp>(n);
      op->set_next(down);
      excludes_.push_back(op);
      return build(n.children[0], op, base, {});
    }
    case PlanKind::Union: {
      std::size_t total = 0;
      for (const auto& c : n.children) total += build(c, down, base + total, hint);
      return total;
    }
    case PlanKind::Sort: {
      auto* sink = make<SortSink>(n, budget_);
      sink->open(build(n.children[0], sink, 0, {}));
      auto rows = std::make_shared<std::vector<Row>>();
      steps_.push_back({SIZE_MAX, [sink, rows] { *rows = sink->finish(); }});
      return emit_rows(rows, false, down, base);
    }
    case PlanKind::Top: {
      auto* sink = make<TopSink>(n, budget_);
      sink->open(build(n.children[0], sink, 0, {}));
      auto rows = std::make_shared<std::vector<Row>>();
      steps_.push_back({SIZE_MAX, [sink, rows] { *rows = sink->finish(); }});
      return emit_rows(rows, false, down, base);
    }
    case PlanKind::Take: {
      auto* sink = make<TakeSink>(n, budget_);
      sink->open(build(n.children[0], sink, 0, {}));
      auto rows = std::make_shared<std::vector<Row>>();
      steps_.push_back({SIZE_MAX, [sink, rows] { *rows = sink->finish(); }});
      return emit_rows(rows, false, down, base);
    }
    case PlanKind::Summarize: {
      auto* sink = make<SummarizeSink>(n, budget_);
      sink->open(build(n.children[0], sink, 0, {}));
      auto rows = std::make_shared<std::vector<Row>>();
      steps_.push_back({SIZE_MAX, [sink, rows] { *rows = sink->finish(); }});
      return emit_rows(rows, false, down, base);
    }
    case PlanKind::Materialize: {
      auto it = materialized_.find(&n);
      if (it == materialized_.end()) {
        auto* sink = make<CollectSink>(budget_, "materialize");
        sink->open(build(n.children[0], sink, 0, {}));
        auto rows = std::make_shared<std::vector<Row>>();
        steps_.push_back({SIZE_MAX, [sink, rows] { *rows = sink->take_all(); }});
        it = materialized_.emplace(&n, rows).first;
      }
      return emit_rows(it->second, true, down, base);
    }
    case PlanKind::BagUnpack: {
      if (np.get() != keep_alive_.front().get())
        throw Error("'evaluate bag_unpack' must end the query");
      auto* collect = make<CollectSink>(budget_, "bag_unpack");
      collect->open(build(n.children[0], collect, 0, {}));
      auto rows = std::make_shared<std::vector<Row>>();
      ResultSink* out = result_;
      steps_.push_back({SIZE_MAX, [collect, rows, out, &n] {
                          Schema schema;
                          *rows = unpack_bags(n, collect->take_all(), schema);
                          out->begin(schema);
                        }});
      return emit_rows(rows, false, down, base);
    }
    case PlanKind::Join: {
      // innerunique keeps one left row per key, so its left side builds; other kinds build the
      // side estimated smaller.
      const bool build_left = n.join_kind == JoinKind::InnerUnique ||
                              estimate_bytes(*n.children[0]) <= estimate_bytes(*n.children[1]);
      tables_.push_back(std::make_unique<JoinTable>(n, build_left, budget_));
      JoinTable* table = tables_.back().get();
      auto* collect = make<CollectSink>(budget_, "join");
      const PlanPtr& build_side = n.children[build_left ? 0 : 1];
      const PlanPtr& probe_side = n.children[build_left ? 1 : 0];
      collect->open(build(build_side, collect, 0, {}));
      steps_.push_back({SIZE_MAX, [collect, table] { table->build(collect->take_all()); }});
      auto* probe = make<ProbeOp>(*table);
      probe->set_next(down);
      KeyHint probe_hint;
      if (probe_misses_are_silent(n.join_kind, build_left) &&
          (build_left ? n.right_keys : n.left_keys).size() == 1)
        probe_hint = {table, (build_left ? n.right_keys : n.left_keys)[0]};
      std::size_t slots = build(probe_side, probe, base, probe_hint);
      auto rows = std::make_shared<std::vector<Row>>();
      steps_.push_back({SIZE_MAX, [table, rows] { *rows = build_side_rows(*table); }});
      slots += emit_rows(rows, false, down, base + slots);
      return slots;
    }
  }
  throw Error("internal: an operator the executor does not know");
}

void Program::run_pipeline(Pipeline& p) {
  const std::size_t n = p.source->tasks();
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  auto worker = [&] {
    for (std::size_t t; !failed && (t = next++) < n;) {
      try {
        p.source->run(t, *p.head, p.slot_base + t);
        p.head->slot_done(p.slot_base + t);
      } catch (...) {
        errors[t] = std::current_exception();
        failed = true;
      }
    }
  };
  const unsigned threads =
      std::max(1u, std::min<unsigned>(options_.threads, static_cast<unsigned>(n)));
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();
  for (auto& e : errors)  // the first failing task in input order, whatever thread saw it
    if (e) std::rethrow_exception(e);
}

void Program::run() {
  for (Step& s : steps_) {
    if (s.pipeline == SIZE_MAX) {
      s.action();
    } else {
      run_pipeline(pipelines_[s.pipeline]);
    }
  }
}

ExecStats Program::stats() const {
  ExecStats st;
  for (const auto& in : inputs_) {
    FileReport f;
    f.name = in.display_name;
    f.shape = in.shape;
    f.table = in.table ? std::string(in.table->name) : "per record";
    st.files.push_back(std::move(f));
  }
  // A file read by several scans (both sides of a join on a mixed file) is counted once.
  for (const auto& p : pipelines_) {
    if (!p.scan) continue;
    const auto counts = p.scan->counts();
    for (std::size_t i = 0; i < counts.size(); ++i) {
      auto& f = st.files[i];
      const auto& c = counts[i];
      if (!c.read || f.read) continue;
      f.read = true;
      f.records = c.source.records;
      f.malformed = c.source.malformed;
      f.other_table = c.source.other_table;
      f.bad_datetimes = c.source.bad_datetimes;
      f.reasons = c.source.first_reasons;
      for (const auto& b : c.source.first_bad_datetimes) f.reasons.push_back(b);
      f.prefiltered = c.prefiltered;
    }
  }
  for (const ExcludeOp* e : excludes_) {
    for (auto& r : e->report()) st.rules.push_back(std::move(r));
    st.rows_before_exclusions += e->seen();
  }
  return st;
}

}  // namespace huntq::engine
