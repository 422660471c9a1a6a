// Binding scalar expressions: names to columns and lets, calls to registry overloads, literals to
// values, with Kusto's type rules.
#include <fmt/format.h>

#include <algorithm>

#include "binder_impl.h"
#include "huntq/engine/functions.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/guid.h"

namespace huntq::kql {

using engine::Column;

Type to_type(ScalarType t, const Binder& b, std::uint32_t at) {
  switch (t) {
    case ScalarType::Bool:
      return Type::Bool;
    case ScalarType::Int:
      return Type::Int;
    case ScalarType::Long:
      return Type::Long;
    case ScalarType::Real:
      return Type::Real;
    case ScalarType::String:
      return Type::String;
    case ScalarType::DateTime:
      return Type::DateTime;
    case ScalarType::TimeSpan:
      return Type::TimeSpan;
    case ScalarType::Guid:
      return Type::Guid;
    case ScalarType::Dynamic:
      return Type::Dynamic;
    case ScalarType::Decimal:
      break;
  }
  b.fail(at, "'decimal' is not supported");
}

Value literal_value(const LiteralExpr& lit, const Binder& b) {
  const Type t = to_type(lit.type, b, lit.offset);
  if (lit.is_null) return Value::null_of(t);
  switch (t) {
    case Type::Bool:
      return Value::boolean(lit.int_value != 0);
    case Type::Int:
      return Value::int32(static_cast<std::int32_t>(lit.int_value));
    case Type::Long:
      return Value::int64(lit.int_value);
    case Type::Real:
      return Value::real(lit.real_value);
    case Type::TimeSpan:
      return Value::timespan(lit.int_value);
    case Type::String:
      return Value::string(lit.text);
    case Type::DateTime: {
      if (auto ticks = parse_datetime(lit.text)) return Value::datetime(*ticks);
      // The other formats datetime() takes (RFC 822...) are todatetime()'s.
      const Value v = b.located(lit.offset, [&] {
        return engine::call_function("todatetime", std::vector<Value>{Value::string(lit.text)});
      });
      if (v.is_null()) b.fail(lit.offset, fmt::format("'{}' is not a datetime", lit.text));
      return v;
    }
    case Type::Guid: {
      auto g = parse_guid(lit.text);
      if (!g) b.fail(lit.offset, fmt::format("'{}' is not a guid", lit.text));
      return Value::guid_text(std::move(*g));
    }
    case Type::Dynamic:
      return Value::null_of(Type::Dynamic);
  }
  return Value();
}

namespace {

const Expr& strip_parens(const Expr& e) {
  const Expr* p = &e;
  while (const auto* paren = p->try_as<ParenExpr>()) p = paren->inner;
  return *p;
}

// Defender-only functions that need the Defender cloud (file prevalence, device inventory).
bool is_defender_cloud_function(std::string_view name) {
  return name == "FileProfile" || name == "AssignedIPAddresses" || name == "DeviceFromIP" ||
         name == "SeenBy";
}

std::string suggest(std::string_view name, const Schema& schema) {
  // The closest column by letters ignoring case, for "did you mean".
  std::string best;
  std::size_t best_d = 3;
  for (const auto& c : schema) {
    const std::string& s = c.name;
    std::vector<std::size_t> prev(s.size() + 1), cur(s.size() + 1);
    for (std::size_t j = 0; j <= s.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= name.size(); ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= s.size(); ++j) {
        const bool same = std::tolower(static_cast<unsigned char>(name[i - 1])) ==
                          std::tolower(static_cast<unsigned char>(s[j - 1]));
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      }
      std::swap(prev, cur);
    }
    if (prev[s.size()] < best_d) best_d = prev[s.size()], best = s;
  }
  return best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best);
}

std::string cut(std::string_view s) {
  return s.size() <= 80 ? std::string(s) : std::string(s.substr(0, 77)) + "...";
}

}  // namespace

bool Binder::is_tabular(const Expr& e, const ScopePtr& scope, const RowScope* row) const {
  switch (e.kind) {
    case ExprKind::Pipe:
    case ExprKind::Datatable:
    case ExprKind::Operator:
      return true;
    case ExprKind::Paren:
      return is_tabular(*e.as<ParenExpr>().inner, scope, row);
    case ExprKind::Name: {
      const std::string& n = e.as<NameExpr>().name.text;
      if (row && row->columns && engine::find_column(*row->columns, n) >= 0) return false;
      if (const Symbol* s = scope->find(n))
        return s->kind == Symbol::Kind::Tabular ||
               (s->kind == Symbol::Kind::Function && s->function->is_view);
      return catalog_.find_table && catalog_.find_table(n) != nullptr;
    }
    case ExprKind::Call: {
      const auto& c = e.as<CallExpr>();
      if (c.name.text == "materialize" || c.name.text == "table" || c.name.text == "view")
        return true;
      if (const Symbol* s = scope->find(c.name.text); s && s->kind == Symbol::Kind::Function) {
        const Expr* body = s->function->body;
        return body && (body->kind == ExprKind::Pipe || body->kind == ExprKind::Datatable ||
                        body->kind == ExprKind::Operator ||
                        (body->kind == ExprKind::Name && catalog_.find_table &&
                         catalog_.find_table(body->as<NameExpr>().name.text)));
      }
      return false;
    }
    default:
      return false;
  }
}

ExprPtr Binder::predicate(const Expr& e, const ScopePtr& scope, const RowScope& row) {
  ExprPtr p = scalar(e, scope, &row);
  if (p->type != Type::Bool && p->type != Type::Dynamic)
    fail(e.offset, fmt::format("the condition is of type {}, not bool", type_name(p->type)));
  return p;
}

Value Binder::constant_value(const Expr& e, const ScopePtr& scope, std::string_view what) {
  ExprPtr v = scalar(e, scope, nullptr);
  if (!engine::is_constant(*v)) fail(e.offset, fmt::format("{} must be a constant", what));
  return v->value;
}

ExprPtr Binder::dynamic_literal(const Expr& e, const ScopePtr& scope) {
  std::function<DynamicPtr(const Expr&)> build = [&](const Expr& x) -> DynamicPtr {
    switch (x.kind) {
      case ExprKind::Dynamic:
        return build(*x.as<DynamicExpr>().value);
      case ExprKind::JsonArray: {
        Dynamic::Array items;
        for (const Expr* el : x.as<JsonArrayExpr>().elements) items.push_back(build(*el));
        return Dynamic::array(std::move(items));
      }
      case ExprKind::JsonObject: {
        Dynamic::Object members;
        for (const auto& m : x.as<JsonObjectExpr>().members)
          members.push_back({m.key, build(*m.value)});
        return Dynamic::object(std::move(members));
      }
      case ExprKind::Literal: {
        // Inside dynamic(), a plain integer that fits 32 bits is an int, as parse_json reads
        // it (D-6); `long(5)` stays a long.
        const auto& lit = x.as<LiteralExpr>();
        const Value v = literal_value(lit, *this);
        const std::string_view written =
            std::string_view(script_.source().text).substr(lit.offset, lit.end - lit.offset);
        if (v.type() == Type::Long && !v.is_null() && !written.starts_with("long") &&
            v.as_int64() >= INT32_MIN && v.as_int64() <= INT32_MAX)
          return Dynamic::integer(v.as_int64(), DynamicKind::Int);
        return Dynamic::from_value(v);
      }
      default: {
        const Value v = constant_value(x, scope, "a value inside dynamic()");
        return Dynamic::from_value(v);
      }
    }
  };
  return engine::constant(Value::dynamic(build(e)));
}

ExprPtr Binder::name_ref(const NameExpr& n, const ScopePtr& scope, const RowScope* row) {
  const std::string& name = n.name.text;
  if (row && row->columns) {
    const int i = engine::find_column(*row->columns, name);
    if (i >= 0) return engine::column_ref(static_cast<std::size_t>(i), (*row->columns)[i].type);
  }
  if (const Symbol* s = scope->find(name)) {
    switch (s->kind) {
      case Symbol::Kind::Scalar:
        return s->scalar;
      case Symbol::Kind::Tabular:
        fail(n.offset, fmt::format("'{}' is a table, where a scalar value is expected", name));
      case Symbol::Kind::Function:
        fail(n.offset, fmt::format("'{}' is a function: call it with ()", name));
    }
  }
  if (row && row->aggregates && row->aggregates->input &&
      engine::find_column(*row->aggregates->input, name) >= 0)
    fail(n.offset,
         fmt::format("'{}' must be inside an aggregate function or a `by` key here", name));
  if (name == "$left" || name == "$right")
    fail(n.offset, fmt::format("'{}' is only allowed in a join's `on` clause", name));
  fail(n.offset, fmt::format("unknown column or name '{}'{}", cut(name),
                             row && row->columns ? suggest(name, *row->columns) : ""));
}

ExprPtr Binder::in_list(const InListExpr& e, const ScopePtr& scope, const RowScope* row) {
  ExprPtr left = scalar(*e.left, scope, row);
  ExprPtr list;
  if (e.list.size() == 1 && is_tabular(*e.list[0], scope, row)) {
    PlanPtr plan = tabular(*e.list[0], scope);
    if (plan->schema.empty()) fail(e.list[0]->offset, "the list's table has no columns");
    list = engine::subquery(plan, Type::Dynamic, /*as_list=*/true);
  } else {
    std::vector<ExprPtr> items;
    bool all_constant = true;
    for (const Expr* item : e.list) {
      items.push_back(scalar(*item, scope, row));
      all_constant = all_constant && engine::is_constant(*items.back());
    }
    if (all_constant) {
      // E-6: a dynamic array among the values is expanded into its elements.
      Dynamic::Array elements;
      for (const auto& it : items) {
        const Value& v = it->value;
        if (v.type() == Type::Dynamic && !v.is_null() && v.tree()->is_array()) {
          for (const auto& el : v.tree()->items()) elements.push_back(el);
        } else {
          elements.push_back(Dynamic::from_value(v));
        }
      }
      list = engine::constant(Value::dynamic(Dynamic::array(std::move(elements))));
    } else if (items.size() == 1 && items[0]->type == Type::Dynamic) {
      list = items[0];
    } else {
      list = located(e.offset, [&] { return engine::call("pack_array", items); });
    }
  }
  return located(e.offset, [&] {
    return engine::call(in_op_text(e.op), std::vector<ExprPtr>{std::move(left), std::move(list)});
  });
}

ExprPtr Binder::scalar(const Expr& e, const ScopePtr& scope, const RowScope* row) {
  switch (e.kind) {
    case ExprKind::Literal:
      return engine::constant(literal_value(e.as<LiteralExpr>(), *this));
    case ExprKind::Dynamic:
    case ExprKind::JsonArray:
    case ExprKind::JsonObject:
      return dynamic_literal(e, scope);
    case ExprKind::Name:
      return name_ref(e.as<NameExpr>(), scope, row);
    case ExprKind::WildcardName:
      fail(e.offset, "a wildcard name is only allowed among union's tables");
    case ExprKind::Star:
      fail(e.offset, "'*' is not allowed here");
    case ExprKind::Call:
      return call_expr(e.as<CallExpr>(), scope, row);
    case ExprKind::Member: {
      const auto& m = e.as<MemberExpr>();
      if (const auto* base = m.object->try_as<NameExpr>();
          base && (base->name.text == "$left" || base->name.text == "$right")) {
        const bool left = base->name.text == "$left";
        const Schema* side = row ? (left ? row->left : row->right) : nullptr;
        if (!side)
          fail(e.offset,
               fmt::format("'{}' is only allowed in a join's `on` clause", base->name.text));
        const int i = engine::find_column(*side, m.member.text);
        if (i < 0)
          fail(m.member.offset,
               fmt::format("the {} side of the join has no column '{}'{}", left ? "left" : "right",
                           m.member.text, suggest(m.member.text, *side)));
        // In `on`, $left/$right columns are told apart by the caller (bind_join).
        return engine::column_ref(static_cast<std::size_t>(i), (*side)[i].type);
      }
      ExprPtr object = scalar(*m.object, scope, row);
      if (object->type != Type::Dynamic)
        fail(m.member.offset, fmt::format("'.{}' needs a dynamic value; this one is {}",
                                          m.member.text, type_name(object->type)));
      return engine::member(object, m.member.text);
    }
    case ExprKind::Index: {
      const auto& ix = e.as<IndexExpr>();
      ExprPtr object = scalar(*ix.object, scope, row);
      if (object->type != Type::Dynamic)
        fail(ix.offset,
             fmt::format("'[]' needs a dynamic value; this one is {}", type_name(object->type)));
      ExprPtr at = scalar(*ix.index, scope, row);
      if (at->type != Type::String && at->type != Type::Int && at->type != Type::Long &&
          at->type != Type::Dynamic)
        fail(ix.index->offset,
             fmt::format("an index must be a string or an integer, not {}", type_name(at->type)));
      return engine::index(object, at);
    }
    case ExprKind::Unary: {
      const auto& u = e.as<UnaryExpr>();
      ExprPtr operand = scalar(*u.operand, scope, row);
      if (u.op == UnaryOp::Plus) return operand;
      return located(e.offset, [&] { return engine::call("-unary", {operand}); });
    }
    case ExprKind::Binary: {
      const auto& b = e.as<BinaryExpr>();
      if (b.left->kind == ExprKind::Star)
        fail(e.offset, fmt::format("'* {}' (a search over every column) is not supported",
                                   binary_op_text(b.op)));
      if (b.op == BinaryOp::Like || b.op == BinaryOp::NotLike || b.op == BinaryOp::LikeCs ||
          b.op == BinaryOp::NotLikeCs || b.op == BinaryOp::SearchHas)
        fail(e.offset, fmt::format("'{}' is not supported", binary_op_text(b.op)));
      ExprPtr l = scalar(*b.left, scope, row);
      ExprPtr r = scalar(*b.right, scope, row);
      if (b.op == BinaryOp::And || b.op == BinaryOp::Or) {
        for (const auto* side : {&l, &r})
          if ((*side)->type != Type::Bool && (*side)->type != Type::Dynamic)
            fail(e.offset, fmt::format("'{}' needs bool operands, not {}", binary_op_text(b.op),
                                       type_name((*side)->type)));
        std::vector<ExprPtr> args{l, r};
        return b.op == BinaryOp::And ? engine::and_of(std::move(args))
                                     : engine::or_of(std::move(args));
      }
      const bool comparison = b.op == BinaryOp::Equal || b.op == BinaryOp::NotEqual ||
                              b.op == BinaryOp::Less || b.op == BinaryOp::LessOrEqual ||
                              b.op == BinaryOp::Greater || b.op == BinaryOp::GreaterOrEqual;
      try {
        return engine::call(binary_op_text(b.op), {l, r});
      } catch (const Error& err) {
        if (!err.where().file.empty()) throw;
        // Kusto.Language lets any two scalars meet in ==, but Kusto's engine refuses values of
        // different kinds: "Cannot compare values of types string and long. Try adding explicit
        // casts".
        if (comparison && l->type != r->type)
          fail(e.offset,
               fmt::format("'{} {} {}' is not supported: Kusto's engine rejects it too (\"Cannot "
                           "compare values of types {} and {}\"); convert one side",
                           type_name(l->type), binary_op_text(b.op), type_name(r->type),
                           type_name(l->type), type_name(r->type)));
        fail(e.offset, err.what_only());
      }
    }
    case ExprKind::InList:
      return in_list(e.as<InListExpr>(), scope, row);
    case ExprKind::Between: {
      const auto& bt = e.as<BetweenExpr>();
      std::vector<ExprPtr> args{scalar(*bt.left, scope, row), scalar(*bt.low, scope, row),
                                scalar(*bt.high, scope, row)};
      return located(e.offset, [&] {
        return engine::call(bt.negated ? "!between" : "between", std::move(args));
      });
    }
    case ExprKind::Paren: {
      const Expr& inner = strip_parens(e);
      if (is_tabular(inner, scope, row))
        fail(e.offset, "a table where a scalar value is expected (use toscalar())");
      return scalar(inner, scope, row);
    }
    case ExprKind::TypeOf:
      return engine::constant(
          Value::string(std::string(type_name(to_type(e.as<TypeOfExpr>().type, *this, e.offset)))));
    case ExprKind::Datatable:
    case ExprKind::Pipe:
    case ExprKind::Operator:
      fail(e.offset, "a table where a scalar value is expected (use toscalar())");
  }
  fail(e.offset, "unexpected expression");
}

ExprPtr Binder::call_expr(const CallExpr& c, const ScopePtr& scope, const RowScope* row) {
  const std::string& name = c.name.text;
  if (c.receiver) fail(c.offset, fmt::format("'{}' is not supported", cut(name)));
  if (const Symbol* s = scope->find(name); s && s->kind == Symbol::Kind::Function) {
    return call_scalar_function(*s, c, scope, row);
  }
  // A built-in function's arguments are positional. A name on the first one
  // (`bin(Day = Timestamp, 1d)`) only names the result, as Kusto.Language reads it; names
  // elsewhere could mean reordering, which huntq does not know the parameter names for.
  for (std::size_t i = 0; i < c.args.size(); ++i)
    if (!c.args[i].names.empty() && (i > 0 || c.args[i].names.size() > 1 || c.args[i].tuple) &&
        !engine::FunctionRegistry::instance().aggregate(name))
      fail(c.args[i].expr->offset,
           fmt::format("named arguments ('{} = ...') are not supported", c.args[i].names[0].text));
  auto args = [&](std::size_t from = 0) {
    std::vector<ExprPtr> out;
    for (std::size_t i = from; i < c.args.size(); ++i) {
      if (c.args[i].expr->kind == ExprKind::Star)
        fail(c.args[i].expr->offset, fmt::format("'*' is not an argument {}() takes", name));
      out.push_back(scalar(*c.args[i].expr, scope, row));
    }
    return out;
  };
  if (name == "now" || name == "ago") {
    out_.uses_now = true;
    ExprPtr now = engine::constant(Value::datetime(options_.now_ticks));
    auto a = args();
    if (a.size() > 1) fail(c.offset, fmt::format("{}() takes at most one argument", name));
    if (name == "ago" && a.size() != 1) fail(c.offset, "ago() takes one timespan argument");
    if (a.empty()) return now;
    if (a[0]->type != Type::TimeSpan)
      fail(c.args[0].expr->offset,
           fmt::format("{}() takes a timespan, not {}", name, type_name(a[0]->type)));
    return located(c.offset, [&] { return engine::call(name == "now" ? "+" : "-", {now, a[0]}); });
  }
  if (name == "toscalar") {
    if (c.args.size() != 1) fail(c.offset, "toscalar() takes one argument");
    const Expr& arg = *c.args[0].expr;
    if (!is_tabular(arg, scope, row)) return scalar(arg, scope, row);
    PlanPtr plan = tabular(arg, scope);
    if (plan->schema.empty()) fail(arg.offset, "toscalar(): the table has no columns");
    return engine::subquery(plan, plan->schema[0].type, false);
  }
  if (name == "pack_all" || name == "bag_pack_all") {
    if (!row || !row->columns) fail(c.offset, fmt::format("{}() needs a row", name));
    if (c.args.size() > 1) fail(c.offset, fmt::format("{}() takes at most one argument", name));
    bool ignore_null_empty = false;
    if (!c.args.empty()) {
      const Value v = constant_value(*c.args[0].expr, scope, "ignore_null_empty");
      if (v.type() != Type::Bool) fail(c.args[0].expr->offset, "ignore_null_empty is a bool");
      ignore_null_empty = !v.is_null() && v.as_bool();
    }
    std::vector<ExprPtr> kv, empty_keys;
    for (std::size_t i = 0; i < row->columns->size(); ++i) {
      const Column& col = (*row->columns)[i];
      kv.push_back(engine::constant(Value::string(col.name)));
      kv.push_back(engine::column_ref(i, col.type));
      // pack_all(true) leaves out null and empty cells: the keys of those cells are removed.
      if (ignore_null_empty)
        empty_keys.push_back(located(c.offset, [&] {
          return engine::call("iff", {engine::call("isempty", {engine::column_ref(i, col.type)}),
                                      engine::constant(Value::dynamic(Dynamic::string(col.name))),
                                      engine::constant(Value::null_of(Type::Dynamic))});
        }));
    }
    ExprPtr bag = located(c.offset, [&] { return engine::call("pack", kv); });
    if (!ignore_null_empty || empty_keys.empty()) return bag;
    return located(c.offset, [&] {
      return engine::call("bag_remove_keys", {bag, engine::call("pack_array", empty_keys)});
    });
  }
  if (name == "column_ifexists") {
    if (c.args.size() != 2) fail(c.offset, "column_ifexists() takes a column name and a default");
    const Value col = constant_value(*c.args[0].expr, scope, "column_ifexists()'s name");
    if (col.type() != Type::String)
      fail(c.args[0].expr->offset, "the column name must be a string");
    if (row && row->columns) {
      const int i = engine::find_column(*row->columns, col.text());
      if (i >= 0) return engine::column_ref(static_cast<std::size_t>(i), (*row->columns)[i].type);
    }
    return scalar(*c.args[1].expr, scope, row);
  }
  if (name == "materialize" || name == "table" || name == "view")
    fail(c.offset, fmt::format("{}() gives a table, where a scalar value is expected", name));
  if (name == "row_number" || name == "prev" || name == "next" || name == "row_cumsum" ||
      name == "row_window_session" || name == "row_rank_dense" || name == "row_rank_min")
    fail(c.offset, fmt::format("'{}()' is not supported", name));
  if (is_defender_cloud_function(name))
    fail(c.offset, fmt::format("'{}()' is not supported: it needs the Defender cloud", name));
  const auto& registry = engine::FunctionRegistry::instance();
  if (registry.aggregate(name) && !registry.scalar(name)) {
    if (row && row->aggregates) return aggregate_call(c, scope, *row);
    fail(c.offset, fmt::format("'{}()' is an aggregate function: use it in summarize", name));
  }
  const engine::ScalarFunction* f = registry.scalar(name);
  if (!f) fail(c.offset, fmt::format("'{}()' is not supported", cut(name)));
  auto bound = args();
  return located(c.offset, [&] { return engine::call(*f, std::move(bound)); });
}

ExprPtr Binder::aggregate_call(const CallExpr& c, const ScopePtr& scope, const RowScope& row) {
  AggregateSink& sink = *row.aggregates;
  const std::string& fn = c.name.text;
  const auto* f = engine::FunctionRegistry::instance().aggregate(fn);
  const Schema& in = *sink.input;
  RowScope input{sink.input, nullptr, nullptr, nullptr};
  const NameScope ns = name_scope(scope, sink.input);
  const bool any_star = std::any_of(c.args.begin(), c.args.end(), [](const NamedExpr& a) {
    return a.expr->kind == ExprKind::Star;
  });
  // Kusto.Language's signatures that give a tuple of columns, each named on its own:
  // GetArgMinMaxResult (arg_max, arg_min), GetArgMinMaxDepResult (argmax, argmin), GetAnyResult
  // (take_any; any with several arguments or *), AddPercentileColumns (percentile, percentiles)
  // and percentiles_array's.
  enum class Tuple { None, ArgMinMax, ArgMinMaxLegacy, Any, Percentile, PercentilesArray };
  Tuple tuple = Tuple::None;
  if (fn == "arg_max" || fn == "arg_min") tuple = Tuple::ArgMinMax;
  if (fn == "argmax" || fn == "argmin") tuple = Tuple::ArgMinMaxLegacy;
  if (fn == "take_any" || (fn == "any" && (c.args.size() > 1 || any_star))) tuple = Tuple::Any;
  if (fn == "percentile" || fn == "percentiles") tuple = Tuple::Percentile;
  if (fn == "percentiles_array") tuple = Tuple::PercentilesArray;
  const bool per_argument =
      tuple == Tuple::ArgMinMax || tuple == Tuple::ArgMinMaxLegacy || tuple == Tuple::Any;
  // (any(x) with one argument is a plain aggregate named any_x.)
  if (per_argument && !f->outputs_are_arguments)
    fail(c.offset, fmt::format("'{}()' is not supported here", fn));
  const std::string minmax = fn == "arg_max" || fn == "argmax" ? "max" : "min";

  std::vector<ExprPtr> args;
  std::vector<std::optional<std::string>> names;  // per output, when per_argument
  // Columns already given by this call (and, for take_any, the by keys): a column named again
  // is renamed by the projection, or left out after a `*`.
  std::set<int> given = tuple == Tuple::Any ? sink.by_columns : std::set<int>{};
  const auto can_add = [&](std::size_t i, int column) {
    if (tuple == Tuple::Any) return !any_star || !given.count(column);
    return i == 0 || !any_star || (!given.count(column) && !sink.by_columns.count(column));
  };
  std::string primary;  // the first argument's name (arg_max and argmax name others after it)
  int primary_column = -1;
  for (std::size_t i = 0; i < c.args.size(); ++i) {
    const NamedExpr& a = c.args[i];
    if (a.expr->kind == ExprKind::Star) {
      if (!per_argument) fail(a.expr->offset, fmt::format("'*' is not an argument {}() takes", fn));
      for (std::size_t col = 0; col < in.size(); ++col) {
        const int id = static_cast<int>(col);
        if (tuple == Tuple::ArgMinMaxLegacy && id == primary_column) continue;
        if (!can_add(i, id)) continue;
        given.insert(id);
        args.push_back(engine::column_ref(col, in[col].type));
        names.push_back(tuple == Tuple::ArgMinMaxLegacy ? primary + "_" + in[col].name
                                                        : in[col].name);
      }
      continue;
    }
    if (const auto* inner = without_parens(*a.expr).try_as<CallExpr>();
        inner && engine::FunctionRegistry::instance().aggregate(inner->name.text) &&
        !engine::FunctionRegistry::instance().scalar(inner->name.text))
      fail(a.expr->offset, "an aggregate inside an aggregate is not allowed");
    if (!a.names.empty() && !per_argument)
      fail(a.expr->offset,
           fmt::format("named arguments ('{} = ...') are not supported", a.names[0].text));
    ExprPtr e = scalar(*a.expr, scope, &input);
    if (i == 0) primary = argument_result_name(a, std::string(), ns).value_or("");
    if (!per_argument) {
      args.push_back(e);
      continue;
    }
    const int column = column_identity(*a.expr, *e, in);
    std::string name;
    if (column >= 0 || !a.names.empty()) {
      if (column >= 0 && !can_add(i, column)) continue;  // already given by a `*`
      const std::string own =
          a.names.empty() ? in[static_cast<std::size_t>(column)].name : a.names[0].text;
      if (column >= 0) given.insert(column);
      name = tuple == Tuple::ArgMinMaxLegacy && i > 0 ? primary + "_" + own : own;
      if (i == 0) primary_column = a.names.empty() ? column : -1;
    } else if (tuple == Tuple::Any) {
      name = expression_result_name(*a.expr, std::string(), ns).value_or("");
      if (name.empty()) name = (fn == "take_any" ? "any_arg" : "arg") + std::to_string(i);
    } else if (tuple == Tuple::ArgMinMax) {
      const auto own = expression_result_name(*a.expr, std::nullopt, ns);
      name = own      ? *own
             : i == 0 ? minmax + "_"
                      : minmax + "_" + primary + "_arg" + std::to_string(i);
    } else if (i == 0) {  // argmax, argmin
      name = primary;
    } else {
      name = primary + "_" +
             expression_result_name(*a.expr, std::nullopt, ns).value_or("arg" + std::to_string(i));
    }
    args.push_back(e);
    names.push_back(name);
  }
  engine::AggregateItem item;
  item.function = f;
  if (f->predicate_last) {
    if (args.empty()) fail(c.offset, fmt::format("{}() needs a predicate", c.name.text));
    item.predicate = args.back();
    if (item.predicate->type != Type::Bool && item.predicate->type != Type::Dynamic)
      fail(c.args.back().expr->offset, fmt::format("{}()'s last argument must be bool, not {}",
                                                   c.name.text, type_name(item.predicate->type)));
    args.pop_back();
  }
  std::vector<engine::ArgInfo> infos;
  for (const auto& a : args)
    infos.push_back({a->type, engine::is_constant(*a) ? &a->value : nullptr});
  if (item.predicate) infos.push_back({Type::Bool, nullptr});
  item.call =
      located(c.offset, [&] { return engine::resolve_aggregate(*f, infos, item.overload); });
  for (std::size_t i = 0; i < args.size(); ++i)
    args[i] = engine::convert(args[i], item.call.args[i].type);
  item.args = std::move(args);
  AggregateSink::Naming naming;
  naming.tuple = tuple != Tuple::None;
  if (fn == "argmax" || fn == "argmin") naming.prefix = minmax;
  if (fn == "any" && tuple == Tuple::Any) naming.prefix = "any";
  if (per_argument) {
    naming.names = std::move(names);
  } else if (tuple == Tuple::Percentile) {
    // percentile_<value>_<p>, the percentile written as a name fragment (99.5 -> 99_5).
    for (std::size_t i = 1; i < item.args.size(); ++i)
      naming.names.push_back("percentile_" + primary + "_" + name_fragment(item.args[i]->value));
  } else if (tuple == Tuple::PercentilesArray) {
    naming.names.push_back("percentiles_" + primary);
  } else {
    naming.names.push_back(function_result_name(c, std::nullopt, ns));
  }
  if (naming.names.size() != item.call.outputs.size())
    fail(c.offset, fmt::format("'{}()' with these arguments is not supported", fn));
  std::vector<Column> outputs;
  for (std::size_t i = 0; i < item.call.outputs.size(); ++i)
    outputs.push_back({naming.names[i].value_or(""), item.call.outputs[i]});
  sink.naming.push_back(std::move(naming));
  const std::size_t position = sink.first_output + sink.total_outputs;
  sink.total_outputs += outputs.size();
  sink.items.push_back(std::move(item));
  sink.outputs.push_back(std::move(outputs));
  return engine::column_ref(position, sink.outputs.back()[0].type);
}

}  // namespace huntq::kql
