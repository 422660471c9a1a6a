// The binder's inner workings, shared by its files: scopes of names, and one Binder object per
// query that binds statements (bind_statements.cpp), scalar expressions (bind_scalar.cpp) and
// tabular operators (bind_tabular.cpp), naming columns as Kusto does (column_naming.cpp).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/engine/plan.h"
#include "huntq/error.h"
#include "huntq/kql/binder.h"
#include "huntq/kql/syntax.h"

namespace huntq::kql {

using engine::ExprPtr;
using engine::PlanPtr;
using engine::Schema;

/// What a name in a scope stands for.
struct Symbol {
  enum class Kind : std::uint8_t { Scalar, Tabular, Function };
  Kind kind = Kind::Scalar;
  ExprPtr scalar;   ///< Scalar: a constant (or a parameter's bound argument)
  PlanPtr tabular;  ///< Tabular
  const FunctionDecl* function = nullptr;
  std::shared_ptr<const struct Scope> closure;  ///< Function: the scope it was declared in
  std::string name;
};

/// Names visible at a point of the query: lets, function parameters. Immutable once built, so
/// a function keeps the scope it was declared in (KQL functions see the lets before them).
struct Scope {
  std::shared_ptr<const Scope> parent;
  std::map<std::string, Symbol, std::less<>> names;

  const Symbol* find(std::string_view name) const {
    for (const Scope* s = this; s; s = s->parent.get()) {
      auto it = s->names.find(name);
      if (it != s->names.end()) return &it->second;
    }
    return nullptr;
  }
};
using ScopePtr = std::shared_ptr<const Scope>;

/// The columns an expression may name: the operator's input, and in a join's `on` clause both
/// sides. `aggregates` is set inside summarize, where aggregate calls are collected instead of
/// evaluated.
struct RowScope {
  const Schema* columns = nullptr;
  const Schema* left = nullptr;   ///< join on: $left
  const Schema* right = nullptr;  ///< join on: $right
  struct AggregateSink* aggregates = nullptr;
};

/// Collects aggregate calls found while binding summarize items; each becomes hidden output
/// columns that the item's expression then reads.
struct AggregateSink {
  std::vector<engine::AggregateItem> items;
  std::vector<std::vector<engine::Column>> outputs;  ///< per item: its output columns
  std::size_t first_output = 0;                      ///< position of the first aggregate output
  std::size_t total_outputs = 0;
  const Schema* input = nullptr;
  std::vector<std::string> by_names;  ///< key names, which `arg_max(x, *)` leaves out
};

class Binder {
 public:
  Binder(const Script& script, const Catalog& catalog, const BindOptions& options, BoundQuery& out)
      : script_(script), catalog_(catalog), options_(options), out_(out) {}

  // bind_statements.cpp
  PlanPtr bind_script_query();
  ScopePtr bind_lets(const std::vector<const Statement*>& statements, ScopePtr scope);
  PlanPtr call_tabular_function(const Symbol& fn, const CallExpr* call, PlanPtr piped,
                                const ScopePtr& scope, const RowScope* row, std::uint32_t at);
  ExprPtr call_scalar_function(const Symbol& fn, const CallExpr& call, const ScopePtr& scope,
                               const RowScope* row);

  // bind_scalar.cpp
  ExprPtr scalar(const Expr& e, const ScopePtr& scope, const RowScope* row);
  /// A constant value (take counts, range bounds...), with `what` naming it in errors.
  Value constant_value(const Expr& e, const ScopePtr& scope, std::string_view what);
  /// True when `e` denotes rows (a table, a tabular let, a pipe...), not a scalar.
  bool is_tabular(const Expr& e, const ScopePtr& scope, const RowScope* row) const;
  ExprPtr predicate(const Expr& e, const ScopePtr& scope, const RowScope& row);

  // bind_tabular.cpp
  PlanPtr tabular(const Expr& e, const ScopePtr& scope);
  PlanPtr apply(PlanPtr input, const QueryOp& op, const ScopePtr& scope);

  [[noreturn]] void fail(std::uint32_t offset, const std::string& message) const {
    throw Error(script_.locate(offset), message);
  }
  /// Runs `f`, turning an Error without a location (from the registry) into one at `offset`.
  template <class F>
  auto located(std::uint32_t offset, F&& f) const -> decltype(f()) {
    try {
      return f();
    } catch (const Error& e) {
      if (!e.where().file.empty()) throw;
      fail(offset, e.what_only());
    }
  }

  BoundQuery& out() { return out_; }
  const BindOptions& options() const { return options_; }
  const Catalog& catalog() const { return catalog_; }
  const Script& script() const { return script_; }

 private:
  // bind_tabular.cpp helpers
  PlanPtr source_name(const NameExpr& n, const ScopePtr& scope);
  PlanPtr table_scan(const TableDef& table, std::uint32_t at);
  PlanPtr bind_extend(PlanPtr input, const ExtendOp& op, const ScopePtr& scope);
  PlanPtr bind_project(PlanPtr input, const ProjectOp& op, const ScopePtr& scope);
  PlanPtr bind_summarize(PlanPtr input, const std::vector<NamedExpr>& aggs,
                         const std::vector<NamedExpr>& by, const ScopePtr& scope, std::uint32_t at);
  PlanPtr bind_join(PlanPtr left, const JoinOp& op, const ScopePtr& scope, bool lookup);
  PlanPtr bind_union(std::optional<PlanPtr> piped, const UnionOp& op, const ScopePtr& scope);
  PlanPtr bind_sort(PlanPtr input, const std::vector<SortItem>& items, const ScopePtr& scope,
                    std::optional<std::int64_t> top);
  PlanPtr bind_mv_expand(PlanPtr input, const MvExpandOp& op, const ScopePtr& scope);
  PlanPtr bind_parse(PlanPtr input, const ParseOp& op, const ScopePtr& scope);
  PlanPtr bind_print(const PrintOp& op, const ScopePtr& scope);
  PlanPtr bind_range(const RangeOp& op, const ScopePtr& scope);
  PlanPtr bind_datatable(const DatatableExpr& d, const ScopePtr& scope);
  PlanPtr bind_evaluate(std::optional<PlanPtr> input, const EvaluateOp& op, const ScopePtr& scope);

  // bind_scalar.cpp helpers
  ExprPtr name_ref(const NameExpr& n, const ScopePtr& scope, const RowScope* row);
  ExprPtr call_expr(const CallExpr& c, const ScopePtr& scope, const RowScope* row);
  ExprPtr aggregate_call(const CallExpr& c, const ScopePtr& scope, const RowScope& row);
  ExprPtr in_list(const InListExpr& e, const ScopePtr& scope, const RowScope* row);
  ExprPtr dynamic_literal(const Expr& e, const ScopePtr& scope);

  const Script& script_;
  const Catalog& catalog_;
  const BindOptions& options_;
  BoundQuery& out_;
  int depth_ = 0;  ///< user function expansion depth (recursion guard)
  friend struct DepthGuard;
};

struct DepthGuard {
  Binder& b;
  DepthGuard(Binder& binder, std::uint32_t at) : b(binder) {
    if (++b.depth_ > 64) b.fail(at, "functions call each other more than 64 deep (recursion?)");
  }
  ~DepthGuard() { --b.depth_; }
};

// column_naming.cpp: Kusto's default result names.
enum class NamingContext : std::uint8_t { Extend, Project, SummarizeBy, Aggregate, Print };
/// The name Kusto gives an unnamed expression, or "" when it gets a fresh ColumnN.
std::string default_name(const Expr& e, NamingContext ctx);
/// A fresh `ColumnN` not among `taken`, counting from *counter.
std::string fresh_column_name(int& counter, const std::vector<std::string>& taken);
/// Kusto's wildcard match for project-away/-keep/-reorder and union: `*` is any run,
/// case-sensitive.
bool wildcard_match(std::string_view pattern, std::string_view name);

// Helpers shared by the files.
Type to_type(ScalarType t, const Binder& b, std::uint32_t at);
Value literal_value(const LiteralExpr& lit, const Binder& b);

}  // namespace huntq::kql
