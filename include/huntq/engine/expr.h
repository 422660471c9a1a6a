// Bound scalar expressions: what `where`, `extend`, `summarize` keys and the like compute per row.
//
// The binder turns KQL syntax into these: names are resolved to column positions in the input row,
// calls to one overload of a registry function with explicit conversions, constants folded. So an
// expression is typed, checked and cheap to evaluate; it never looks anything up by name.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "huntq/engine/functions.h"
#include "huntq/value/value.h"

namespace huntq::engine {

struct Column {
  std::string name;
  Type type = Type::String;
};
using Schema = std::vector<Column>;

std::vector<std::string> column_names(const Schema& schema);
/// Position of the column with this exact name, or -1.
int find_column(const Schema& schema, std::string_view name);

struct PlanNode;
using PlanPtr = std::shared_ptr<const PlanNode>;

enum class ExprKind : std::uint8_t {
  Column,    ///< the input row's cell at `column`
  Constant,  ///< `value`
  Call,      ///< a registry function or operator: `function`, `call`, `args`
  Convert,   ///< args[0] converted to `type` (the binder's implicit conversions)
  And,       ///< three-valued and over args (null-values.md; E-9)
  Or,        ///< three-valued or over args
  Member,    ///< args[0].key on a dynamic (D-2, D-3)
  Index,     ///< args[0][args[1]] on a dynamic: a number indexes an array, a string a bag
  Subquery,  ///< toscalar(plan) or a list from `in (T | ...)`: resolved to a Constant before run
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
  ExprKind kind = ExprKind::Constant;
  Type type = Type::String;
  std::size_t column = 0;                    ///< Column
  Value value;                               ///< Constant
  const ScalarFunction* function = nullptr;  ///< Call
  std::shared_ptr<const ResolvedCall> call;  ///< Call
  std::string key;                           ///< Member
  std::vector<ExprPtr> args;
  PlanPtr subquery;            ///< Subquery
  bool subquery_list = false;  ///< Subquery: the first column as a dynamic array
};

// Builders. Each returns an immutable node.
ExprPtr column_ref(std::size_t index, Type type);
ExprPtr constant(Value v);
/// Resolves `f` for these arguments (wrapping conversions), and folds it into a constant when
/// every argument is one and `f` is not volatile. Throws huntq::Error (without a location).
ExprPtr call(const ScalarFunction& f, std::vector<ExprPtr> args);
/// By registry name; throws if the function is unknown.
ExprPtr call(std::string_view name, std::vector<ExprPtr> args);
ExprPtr convert(ExprPtr e, Type to);
ExprPtr and_of(std::vector<ExprPtr> args);
ExprPtr or_of(std::vector<ExprPtr> args);
ExprPtr member(ExprPtr object, std::string key);
ExprPtr index(ExprPtr object, ExprPtr at);
ExprPtr subquery(PlanPtr plan, Type type, bool as_list);

bool is_constant(const Expr& e) noexcept;

/// Evaluates over a row of the input schema the expression was bound to.
Value eval(const Expr& e, std::span<const Value> row);
/// The value, without copying when it is a column or constant: `tmp` holds computed results.
const Value& eval_ref(const Expr& e, std::span<const Value> row, Value& tmp);
/// A predicate: true only for a non-null true, or a dynamic holding true (E-10).
bool eval_true(const Expr& e, std::span<const Value> row);

/// Kusto's truth value of a bool or dynamic operand: 1 true, 0 false, -1 null/not a bool.
int truth(const Value& v) noexcept;

/// Marks the input columns `e` reads.
void mark_columns(const Expr& e, std::vector<bool>& used);
/// The same expression reading column `map[i]` where it read column i (map[i] must be valid
/// for every column the expression reads).
ExprPtr remap_columns(const ExprPtr& e, const std::vector<std::size_t>& map);
/// Replaces Subquery nodes whose plan has been run (by the callback) with constants.
ExprPtr replace_subqueries(const ExprPtr& e, const std::function<Value(const Expr&)>& resolve);
bool has_subquery(const Expr& e) noexcept;

/// The expression as KQL text over `input`'s column names (for --explain and messages).
std::string to_kql(const Expr& e, const Schema& input);
/// A value as a KQL literal that reads back as the same value.
std::string kql_literal(const Value& v);

}  // namespace huntq::engine
