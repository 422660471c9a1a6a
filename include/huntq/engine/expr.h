// Scalar expressions of the plan: what `where`, `extend` and `project` compute per row.
//
// Expressions are built by name (as a KQL front end would) and bound to a row layout before they
// run; binding checks column names and types, so a misspelt column is an error, not a null.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "huntq/value/value.h"

namespace huntq::engine {

struct PlanColumn {
  std::string name;
  Type type = Type::String;
};
using Schema = std::vector<PlanColumn>;

/// The names of a schema's columns, in order.
std::vector<std::string> column_names(const Schema& schema);

class Expr;
using ExprPtr = std::shared_ptr<const Expr>;

/// The functions and operators the engine evaluates (kql-semantics.md §2, §3).
enum class Op {
  Column,      ///< a column by name
  Literal,     ///< a constant
  Equal,       ///< ==   (E-4, case-sensitive for strings; E-8 null rules)
  NotEqual,    ///< !=
  And,         ///< and  (three-valued, null-values.md reading, E-9)
  Or,          ///< or
  Not,         ///< not(x)
  IsEmpty,     ///< isempty(x)    (E-1)
  IsNotEmpty,  ///< isnotempty(x) (E-2)
  ParseJson,   ///< parse_json(x) (D-1)
  Member,      ///< x.key / x["key"] (D-2, D-3)
  ToString,    ///< tostring(x)   (D-4)
};

class Expr {
 public:
  Op op;
  std::string name;  ///< Column: its name; Member: the key
  Value literal;     ///< Literal
  std::vector<ExprPtr> args;

  Expr(Op o, std::string n, Value lit, std::vector<ExprPtr> a)
      : op(o), name(std::move(n)), literal(std::move(lit)), args(std::move(a)) {}

  /// The expression in KQL syntax, for messages and --emit-kql.
  std::string to_kql() const;
};

// Constructors, named like the KQL they stand for.
ExprPtr col(std::string name);
ExprPtr lit(Value v);
ExprPtr str(std::string s);
ExprPtr eq(ExprPtr a, ExprPtr b);
ExprPtr ne(ExprPtr a, ExprPtr b);
ExprPtr and_(ExprPtr a, ExprPtr b);
ExprPtr or_(ExprPtr a, ExprPtr b);
ExprPtr not_(ExprPtr a);
ExprPtr isempty(ExprPtr a);
ExprPtr isnotempty(ExprPtr a);
ExprPtr parse_json(ExprPtr a);
ExprPtr member(ExprPtr a, std::string key);
ExprPtr tostring(ExprPtr a);

/// Column names an expression reads, in first-use order, without duplicates.
void referenced_columns(const Expr& e, std::vector<std::string>& out);

/// An expression resolved against a row layout, ready to evaluate.
class BoundExpr {
 public:
  /// Resolves names against `schema`; throws huntq::Error("unknown column 'X'") and type errors.
  BoundExpr(const ExprPtr& e, const Schema& schema);
  Value eval(std::span<const Value> row) const;
  /// Fast path for predicates: true only when the result is a non-null true (E-10).
  bool eval_true(std::span<const Value> row) const;
  Type type() const noexcept { return type_; }

 private:
  Op op_;
  Type type_;
  std::size_t column_ = 0;
  std::string key_;
  Value literal_;
  std::vector<BoundExpr> args_;
};

/// The result type of `e` over `schema` (the binder's type rules).
Type infer_type(const ExprPtr& e, const Schema& schema);

}  // namespace huntq::engine
