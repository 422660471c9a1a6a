// Running a query: subqueries first, then the optimized plan as a program of pipelines.
#include "huntq/engine/executor.h"

#include <map>

#include "exec/program.h"
#include "huntq/engine/optimizer.h"
#include "huntq/error.h"
#include "huntq/value/dynamic.h"

namespace huntq::engine {
namespace {

class CollectResult final : public ResultSink {
 public:
  Schema schema;
  std::vector<Row> rows;
  // bag_unpack's columns are known only once its rows are: the schema comes from begin().
  void begin(const Schema& s) override { schema = s; }
  void row(Row& r) override { rows.push_back(std::move(r)); }
};

using SubqueryMemo = std::map<const PlanNode*, Value>;

PlanPtr resolve(const PlanPtr& n, const std::vector<input::InputInfo>& inputs,
                const ExecOptions& options, SubqueryMemo& values,
                std::map<const PlanNode*, PlanPtr>& done);

Value run_subquery(const Expr& e, const std::vector<input::InputInfo>& inputs,
                   const ExecOptions& options, SubqueryMemo& values,
                   std::map<const PlanNode*, PlanPtr>& done) {
  auto it = values.find(e.subquery.get());
  if (it == values.end()) {
    PlanPtr plan = optimize(resolve(e.subquery, inputs, options, values, done));
    Program program(inputs, options);
    CollectResult rows;
    program.compile(plan, rows);
    program.run();
    Value v;
    if (e.subquery_list) {
      // `x in (T | project y)`: the first column's values.
      Dynamic::Array items;
      for (const auto& r : rows.rows) items.push_back(Dynamic::from_value(r[0]));
      v = Value::dynamic(Dynamic::array(std::move(items)));
    } else {
      // toscalar(): the first row's first column; null when there is no row.
      v = rows.rows.empty() ? Value::null_of(e.type) : rows.rows[0][0];
    }
    it = values.emplace(e.subquery.get(), std::move(v)).first;
  }
  return it->second;
}

PlanPtr resolve(const PlanPtr& n, const std::vector<input::InputInfo>& inputs,
                const ExecOptions& options, SubqueryMemo& values,
                std::map<const PlanNode*, PlanPtr>& done) {
  if (auto it = done.find(n.get()); it != done.end()) return it->second;
  auto c = std::make_shared<PlanNode>(*n);
  auto fix = [&](ExprPtr& e) {
    if (e && has_subquery(*e))
      e = replace_subqueries(
          e, [&](const Expr& s) { return run_subquery(s, inputs, options, values, done); });
  };
  fix(c->predicate);
  fix(c->parse_source);
  for (auto& e : c->exprs) fix(e);
  for (auto& e : c->keys) fix(e);
  for (auto& a : c->aggregates) {
    for (auto& e : a.args) fix(e);
    fix(a.predicate);
  }
  for (auto& r : c->rules) fix(r.predicate);
  for (auto& child : c->children) child = resolve(child, inputs, options, values, done);
  PlanPtr out = c;
  done[n.get()] = out;
  return out;
}

}  // namespace

PlanPtr prepare_plan(const PlanPtr& root, const std::vector<input::InputInfo>& inputs,
                     const ExecOptions& options) {
  SubqueryMemo values;
  std::map<const PlanNode*, PlanPtr> done;
  return optimize(resolve(root, inputs, options, values, done));
}

ExecStats execute(const PlanPtr& root, const std::vector<input::InputInfo>& inputs,
                  const ExecOptions& options, ResultSink& out) {
  const PlanPtr plan = prepare_plan(root, inputs, options);
  Program program(inputs, options);
  program.compile(plan, out);
  program.run();
  return program.stats();
}

ResultSet execute_collect(const PlanPtr& root, const std::vector<input::InputInfo>& inputs,
                          const ExecOptions& options) {
  ResultSet r;
  CollectResult rows;
  r.stats = execute(root, inputs, options, rows);
  r.schema = std::move(rows.schema);
  r.rows = std::move(rows.rows);
  return r;
}

}  // namespace huntq::engine
