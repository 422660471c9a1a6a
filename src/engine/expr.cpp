#include "huntq/engine/expr.h"

#include <algorithm>

#include "huntq/error.h"
#include "huntq/value/dynamic.h"

namespace huntq::engine {
namespace {

ExprPtr make(Op op, std::vector<ExprPtr> args, std::string name = {}, Value v = {}) {
  return std::make_shared<const Expr>(op, std::move(name), std::move(v), std::move(args));
}

bool is_numeric_like(Type t) {
  return t == Type::Int || t == Type::Long || t == Type::Real || t == Type::Bool;
}

// Compares two non-null values of comparable types; strings ordinal and case-sensitive (E-4).
bool equal_values(const Value& a, const Value& b) {
  if (a.type() == Type::String || b.type() == Type::String || a.type() == Type::Dynamic ||
      b.type() == Type::Dynamic) {
    const std::string sa = a.type() == Type::String ? a.text() : huntq::to_string(a);
    const std::string sb = b.type() == Type::String ? b.text() : huntq::to_string(b);
    return sa == sb;
  }
  if (a.type() == Type::Real || b.type() == Type::Real) {
    const double da = a.type() == Type::Real ? a.as_real() : static_cast<double>(a.as_int64());
    const double db = b.type() == Type::Real ? b.as_real() : static_cast<double>(b.as_int64());
    return da == db;
  }
  return a.as_int64() == b.as_int64();
}

bool is_empty(const Value& v) {
  if (v.is_null()) return true;  // E-1: null is empty
  if (v.type() == Type::String) return v.text().empty();
  // A dynamic holding "" counts as empty (E-2, UNCONFIRMED; our documented default).
  if (v.type() == Type::Dynamic)
    return to_string(v).empty() && v.tree()->kind() == DynamicKind::String;
  return false;
}

Value null_bool() {
  return Value::null_of(Type::Bool);
}

}  // namespace

std::vector<std::string> column_names(const Schema& schema) {
  std::vector<std::string> out;
  out.reserve(schema.size());
  for (const auto& c : schema) out.push_back(c.name);
  return out;
}

ExprPtr col(std::string name) {
  return make(Op::Column, {}, std::move(name));
}
ExprPtr lit(Value v) {
  return make(Op::Literal, {}, {}, std::move(v));
}
ExprPtr str(std::string s) {
  return lit(Value::string(std::move(s)));
}
ExprPtr eq(ExprPtr a, ExprPtr b) {
  return make(Op::Equal, {std::move(a), std::move(b)});
}
ExprPtr ne(ExprPtr a, ExprPtr b) {
  return make(Op::NotEqual, {std::move(a), std::move(b)});
}
ExprPtr and_(ExprPtr a, ExprPtr b) {
  return make(Op::And, {std::move(a), std::move(b)});
}
ExprPtr or_(ExprPtr a, ExprPtr b) {
  return make(Op::Or, {std::move(a), std::move(b)});
}
ExprPtr not_(ExprPtr a) {
  return make(Op::Not, {std::move(a)});
}
ExprPtr isempty(ExprPtr a) {
  return make(Op::IsEmpty, {std::move(a)});
}
ExprPtr isnotempty(ExprPtr a) {
  return make(Op::IsNotEmpty, {std::move(a)});
}
ExprPtr parse_json(ExprPtr a) {
  return make(Op::ParseJson, {std::move(a)});
}
ExprPtr member(ExprPtr a, std::string key) {
  return make(Op::Member, {std::move(a)}, std::move(key));
}
ExprPtr tostring(ExprPtr a) {
  return make(Op::ToString, {std::move(a)});
}

std::string Expr::to_kql() const {
  auto arg = [&](std::size_t i) { return args[i]->to_kql(); };
  switch (op) {
    case Op::Column:
      return name;
    case Op::Literal:
      if (literal.type() == Type::String) return json_quote(literal.text());
      return huntq::to_string(literal);
    case Op::Equal:
      return arg(0) + " == " + arg(1);
    case Op::NotEqual:
      return arg(0) + " != " + arg(1);
    case Op::And:
      return "(" + arg(0) + " and " + arg(1) + ")";
    case Op::Or:
      return "(" + arg(0) + " or " + arg(1) + ")";
    case Op::Not:
      return "not(" + arg(0) + ")";
    case Op::IsEmpty:
      return "isempty(" + arg(0) + ")";
    case Op::IsNotEmpty:
      return "isnotempty(" + arg(0) + ")";
    case Op::ParseJson:
      return "parse_json(" + arg(0) + ")";
    case Op::Member:
      return arg(0) + "[" + json_quote(name) + "]";
    case Op::ToString:
      return "tostring(" + arg(0) + ")";
  }
  return {};
}

void referenced_columns(const Expr& e, std::vector<std::string>& out) {
  if (e.op == Op::Column && std::find(out.begin(), out.end(), e.name) == out.end())
    out.push_back(e.name);
  for (const auto& a : e.args) referenced_columns(*a, out);
}

Type infer_type(const ExprPtr& e, const Schema& schema) {
  return BoundExpr(e, schema).type();
}

BoundExpr::BoundExpr(const ExprPtr& e, const Schema& schema) : op_(e->op), key_(e->name) {
  for (const auto& a : e->args) args_.emplace_back(a, schema);
  switch (op_) {
    case Op::Column: {
      // L-2: column names are case-sensitive.
      auto it = std::find_if(schema.begin(), schema.end(),
                             [&](const PlanColumn& c) { return c.name == e->name; });
      if (it == schema.end()) throw Error("unknown column '" + e->name + "'");
      column_ = static_cast<std::size_t>(it - schema.begin());
      type_ = it->type;
      break;
    }
    case Op::Literal:
      literal_ = e->literal;
      type_ = literal_.type();
      break;
    case Op::Equal:
    case Op::NotEqual: {
      const Type a = args_[0].type(), b = args_[1].type();
      const bool ok = a == b || a == Type::Dynamic || b == Type::Dynamic ||
                      (is_numeric_like(a) && is_numeric_like(b));
      if (!ok)
        throw Error("cannot compare " + std::string(type_name(a)) + " with " +
                    std::string(type_name(b)) + " in " + e->to_kql());
      type_ = Type::Bool;
      break;
    }
    case Op::And:
    case Op::Or:
    case Op::Not:
      for (const auto& a : args_)
        if (a.type() != Type::Bool && a.type() != Type::Dynamic)
          throw Error("expected a bool operand in " + e->to_kql());
      type_ = Type::Bool;
      break;
    case Op::IsEmpty:
    case Op::IsNotEmpty:
      type_ = Type::Bool;
      break;
    case Op::ParseJson:
    case Op::Member:
      type_ = Type::Dynamic;
      break;
    case Op::ToString:
      type_ = Type::String;
      break;
  }
}

bool BoundExpr::eval_true(std::span<const Value> row) const {
  // Short-circuit the common predicate shapes without building Values.
  switch (op_) {
    case Op::And:
      return args_[0].eval_true(row) && args_[1].eval_true(row);
    case Op::Or:
      return args_[0].eval_true(row) || args_[1].eval_true(row);
    case Op::IsNotEmpty:
      if (args_[0].op_ == Op::Column) return !is_empty(row[args_[0].column_]);
      break;
    case Op::Equal:
      if (args_[0].op_ == Op::Column && args_[1].op_ == Op::Literal &&
          args_[0].type_ == Type::String && args_[1].type_ == Type::String)
        return row[args_[0].column_].text() == args_[1].literal_.text();
      break;
    default:
      break;
  }
  const Value v = eval(row);
  return !v.is_null() && v.type() == Type::Bool && v.as_bool();
}

Value BoundExpr::eval(std::span<const Value> row) const {
  switch (op_) {
    case Op::Column:
      return row[column_];
    case Op::Literal:
      return literal_;
    case Op::Equal:
    case Op::NotEqual: {
      const Value a = args_[0].eval(row), b = args_[1].eval(row);
      // E-8: null == null is null; null == non-null is false (!= true).
      if (a.is_null() && b.is_null()) return null_bool();
      if (a.is_null() || b.is_null()) return Value::boolean(op_ == Op::NotEqual);
      const bool same = equal_values(a, b);
      return Value::boolean(op_ == Op::Equal ? same : !same);
    }
    case Op::And: {
      // E-9, null-values.md reading: false wins over null; null otherwise sticks.
      const Value a = args_[0].eval(row);
      if (!a.is_null() && !a.as_bool()) return Value::boolean(false);
      const Value b = args_[1].eval(row);
      if (!b.is_null() && !b.as_bool()) return Value::boolean(false);
      if (a.is_null() || b.is_null()) return null_bool();
      return Value::boolean(true);
    }
    case Op::Or: {
      const Value a = args_[0].eval(row);
      if (!a.is_null() && a.as_bool()) return Value::boolean(true);
      const Value b = args_[1].eval(row);
      if (!b.is_null() && b.as_bool()) return Value::boolean(true);
      if (a.is_null() || b.is_null()) return null_bool();
      return Value::boolean(false);
    }
    case Op::Not: {
      const Value a = args_[0].eval(row);
      return a.is_null() ? null_bool() : Value::boolean(!a.as_bool());
    }
    case Op::IsEmpty:
      return Value::boolean(is_empty(args_[0].eval(row)));
    case Op::IsNotEmpty:
      return Value::boolean(!is_empty(args_[0].eval(row)));
    case Op::ParseJson:
      return huntq::parse_json(args_[0].eval(row));
    case Op::Member:
      return dynamic_member(args_[0].eval(row), key_);
    case Op::ToString:
      return Value::string(huntq::to_string(args_[0].eval(row)));
  }
  return {};
}

}  // namespace huntq::engine
