// The binder's inner workings, shared by its files: scopes of names, and one Binder object per
// query that binds statements (bind_statements.cpp), scalar expressions (bind_scalar.cpp) and
// tabular operators (bind_tabular.cpp), naming columns as Kusto does (column_naming.cpp).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
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

// column_naming.cpp: Kusto's result-column names (Kusto.Language's Binder and ProjectionBuilder).

/// How Kusto names the unnamed result of a built-in function's call (its ResultNameKind).
struct FunctionNaming {
  enum class Kind : std::uint8_t {
    Default,                     ///< no name from the call: the caller's fallback (ColumnN)
    FirstArgument,               ///< the first argument's name (tostring(x) -> x)
    PrefixAndFirstArgument,      ///< prefix_arg (dcount(x) -> dcount_x, strlen(x) -> strlen_x)
    PrefixAndOnlyArgument,       ///< prefix_arg when there is exactly one argument
    FirstArgumentValueIfColumn,  ///< column_ifexists("x", d): x when the row has a column x
    PrefixOnly,                  ///< the prefix
    OnlyArgument,                ///< the argument's name when there is exactly one
  };
  Kind kind = Kind::Default;
  /// The prefix of PrefixAnd*/PrefixOnly; for aggregates that give several columns (argmax,
  /// argmin, any), the prefix each column's name gets.
  std::string_view prefix;
};
const FunctionNaming& function_naming(std::string_view name);

/// What naming needs from the binder: the row (for column_ifexists) and which names are user
/// functions (never named after their arguments).
struct NameScope {
  const Schema* row = nullptr;
  std::function<bool(std::string_view)> is_user_function;
};

/// Kusto's GetExpressionResultName: the name of an unnamed expression's column, or `fallback`
/// (nullopt: the caller makes a ColumnN). Names: a column or let name; `a.b` and `a["b"]` give
/// a_b; calls are named by FunctionNaming.
std::optional<std::string> expression_result_name(const Expr& e,
                                                  const std::optional<std::string>& fallback,
                                                  const NameScope& scope);
std::optional<std::string> function_result_name(const CallExpr& c,
                                                const std::optional<std::string>& fallback,
                                                const NameScope& scope);
/// A call argument's name: its own (`bin(Day = Timestamp, 1d)` gives Day), else its expression's.
std::optional<std::string> argument_result_name(const NamedExpr& arg,
                                                const std::optional<std::string>& fallback,
                                                const NameScope& scope);

/// Kusto's UniqueNameTable: a name already taken gets the smallest free numeric suffix above
/// the last one it was given (a, a1, a2...).
class UniqueNames {
 public:
  std::string get_or_add(const std::string& name);
  void add(const std::string& name);

 private:
  std::map<std::string, int, std::less<>> last_suffix_;
};

/// Kusto's ProjectionBuilder: the columns an operator outputs, in order. `add` makes a repeated
/// name unique (a1, a2...) or, with `replace`, replaces the column of that name in place;
/// `declare` is for names the user wrote (and plain column references): declaring a name twice is
/// an error. Columns given an identity (an input column's position) that was marked
/// `do_not_add` are skipped, as Kusto skips re-adding an input column extend already has.
class ProjectionBuilder {
 public:
  struct Column {
    std::string name;
    Type type = Type::String;
    ExprPtr expr;
  };
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// Returns the column's position, or npos when it was skipped.
  std::size_t add(std::string name, Type type, ExprPtr expr, bool replace, int identity = -1);
  /// The column's position (npos when skipped), or nullopt when `name` was already declared.
  std::optional<std::size_t> declare(std::string name, Type type, ExprPtr expr, bool replace,
                                     int identity = -1);
  void do_not_add(int identity) { do_not_add_.insert(identity); }
  bool has(std::string_view name) const;
  const std::vector<Column>& columns() const { return columns_; }

 private:
  std::vector<Column> columns_;
  std::map<std::string, std::size_t, std::less<>> index_;
  std::set<std::string, std::less<>> declared_;
  std::set<int> do_not_add_;
  UniqueNames names_;
};

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
  /// Input positions of the by keys that are columns, which `arg_max(x, *)` leaves out.
  std::set<int> by_columns;
  /// How each item's output columns are named (Kusto.Language's aggregate signatures).
  struct Naming {
    /// The call gives a tuple (arg_max, take_any, percentile...): each output is added under its
    /// own name, `prefix_name` when the function has a prefix (argmax: max_).
    bool tuple = false;
    std::string prefix;
    /// Per output: its name; for a single output, nullopt when Kusto makes a ColumnN.
    std::vector<std::optional<std::string>> names;
  };
  std::vector<Naming> naming;
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

  /// Kusto's default column name: Column1, Column2... counted over the whole query (a user
  /// function's body counts from 1 again), skipping names that would bind: lets and, when
  /// `row` is given (extend), the row's columns.
  std::string default_column_name(const ScopePtr& scope, const Schema* row);
  NameScope name_scope(const ScopePtr& scope, const Schema* row) const;
  /// How projection columns are added (Kusto.Language's ProjectionStyle).
  enum class Style : std::uint8_t { Default, Extend, Replace, Summarize, Print };
  /// Adds a non-tuple item of project/extend/by/distinct/mv-expand/print, bound over `row` as
  /// `e`, to `b` as Kusto's CreateProjectionColumns does. `column_type` overrides the column's
  /// type (mv-expand); `print_name` is print's print_N; `stored` is the expression the column
  /// holds when not `e` (a summarize key).
  /// Returns the column's position (ProjectionBuilder::npos when skipped).
  std::size_t project_item(ProjectionBuilder& b, const NamedExpr& item, ExprPtr e, Style style,
                           const Schema& row, const ScopePtr& scope,
                           std::optional<Type> column_type = std::nullopt,
                           const std::string* print_name = nullptr, ExprPtr stored = nullptr);

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
  int depth_ = 0;                  ///< user function expansion depth (recursion guard)
  int default_column_suffix_ = 1;  ///< the next ColumnN (Kusto.Language counts per query)
  friend struct DepthGuard;
  friend struct FunctionBodyGuard;
};

struct DepthGuard {
  Binder& b;
  DepthGuard(Binder& binder, std::uint32_t at) : b(binder) {
    if (++b.depth_ > 64) b.fail(at, "functions call each other more than 64 deep (recursion?)");
  }
  ~DepthGuard() { --b.depth_; }
};

/// A user function's body is bound with its own ColumnN count, from 1 (Kusto.Language binds each
/// expansion apart); the caller's count goes on afterwards.
struct FunctionBodyGuard {
  Binder& b;
  int saved;
  explicit FunctionBodyGuard(Binder& binder) : b(binder), saved(binder.default_column_suffix_) {
    b.default_column_suffix_ = 1;
  }
  ~FunctionBodyGuard() { b.default_column_suffix_ = saved; }
};

/// The input column an expression stands for, as Kusto's GetResultColumn sees it: a column
/// name, or a conversion of a column to its own type (tostring(StringColumn)); else -1.
int column_identity(const Expr& syntax, const engine::Expr& bound, const Schema& row);
/// A number as Kusto writes it into a column name (percentile(x, 99.5) -> percentile_x_99_5):
/// .NET's text of the value, other than letters and digits made '_'.
std::string name_fragment(const Value& v);

/// Without enclosing parentheses.
const Expr& without_parens(const Expr& e);

/// Kusto's wildcard match for project-away/-keep/-reorder and union: `*` is any run,
/// case-sensitive.
bool wildcard_match(std::string_view pattern, std::string_view name);

// Helpers shared by the files.
Type to_type(ScalarType t, const Binder& b, std::uint32_t at);
Value literal_value(const LiteralExpr& lit, const Binder& b);

}  // namespace huntq::kql
