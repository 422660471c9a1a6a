#include "huntq/engine/expr.h"

#include <fmt/format.h>

#include <cmath>

#include "huntq/error.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/timespan.h"

namespace huntq::engine {

std::vector<std::string> column_names(const Schema& schema) {
  std::vector<std::string> out;
  for (const auto& c : schema) out.push_back(c.name);
  return out;
}

int find_column(const Schema& schema, std::string_view name) {
  for (std::size_t i = 0; i < schema.size(); ++i)
    if (schema[i].name == name) return static_cast<int>(i);
  return -1;
}

namespace {

std::shared_ptr<Expr> node(ExprKind kind, Type type) {
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  e->type = type;
  return e;
}

// Arguments are evaluated into a small array; calls with more use the heap.
constexpr std::size_t kInlineArgs = 8;

Value eval_call(const Expr& e, std::span<const Value> row) {
  const std::size_t n = e.args.size();
  if (n <= kInlineArgs) {
    Value tmps[kInlineArgs];
    const Value* ptrs[kInlineArgs];
    for (std::size_t i = 0; i < n; ++i) ptrs[i] = &eval_ref(*e.args[i], row, tmps[i]);
    return evaluate_call(*e.call, Args(ptrs, n));
  }
  std::vector<Value> tmps(n);
  std::vector<const Value*> ptrs(n);
  for (std::size_t i = 0; i < n; ++i) ptrs[i] = &eval_ref(*e.args[i], row, tmps[i]);
  return evaluate_call(*e.call, Args(ptrs.data(), n));
}

Value eval_logic(const Expr& e, std::span<const Value> row) {
  // null-values.md: `false and x` is false and `true or x` is true whatever x is; otherwise a
  // null operand makes the result null.
  const bool is_and = e.kind == ExprKind::And;
  bool unknown = false;
  Value tmp;
  for (const auto& a : e.args) {
    const int t = truth(eval_ref(*a, row, tmp));
    if (t < 0) {
      unknown = true;
    } else if ((t == 1) != is_and) {
      return Value::boolean(!is_and);
    }
  }
  return unknown ? Value::null_of(Type::Bool) : Value::boolean(is_and);
}

Value eval_index(const Expr& e, std::span<const Value> row) {
  Value t0, t1;
  const Value& obj = eval_ref(*e.args[0], row, t0);
  const Value& at = eval_ref(*e.args[1], row, t1);
  if (at.is_null()) return Value::null_of(Type::Dynamic);
  if (at.type() == Type::String) return dynamic_member(obj, at.text());
  if (at.type() == Type::Int || at.type() == Type::Long) return dynamic_index(obj, at.as_int64());
  if (at.type() == Type::Dynamic) {
    const Dynamic& d = *at.tree();
    if (d.kind() == DynamicKind::String) return dynamic_member(obj, d.text());
    if (d.kind() == DynamicKind::Int || d.kind() == DynamicKind::Long)
      return dynamic_index(obj, d.as_int64());
  }
  return Value::null_of(Type::Dynamic);
}

}  // namespace

int truth(const Value& v) noexcept {
  if (v.is_null()) return -1;
  if (v.type() == Type::Bool) return v.as_bool() ? 1 : 0;
  if (v.type() == Type::Dynamic && v.tree()->kind() == DynamicKind::Bool)
    return v.tree()->as_bool() ? 1 : 0;
  return -1;
}

ExprPtr column_ref(std::size_t index, Type type) {
  auto e = node(ExprKind::Column, type);
  e->column = index;
  return e;
}

ExprPtr constant(Value v) {
  auto e = node(ExprKind::Constant, v.type());
  e->value = std::move(v);
  return e;
}

bool is_constant(const Expr& e) noexcept {
  return e.kind == ExprKind::Constant;
}

ExprPtr convert(ExprPtr e, Type to) {
  if (e->type == to) return e;
  if (is_constant(*e)) return constant(convert_argument(e->value, to));
  auto c = node(ExprKind::Convert, to);
  c->args.push_back(std::move(e));
  return c;
}

ExprPtr call(const ScalarFunction& f, std::vector<ExprPtr> args) {
  std::vector<ArgInfo> infos;
  for (const auto& a : args) infos.push_back({a->type, is_constant(*a) ? &a->value : nullptr});
  auto resolved = std::make_shared<ResolvedCall>(resolve_call(f, infos));
  bool all_constant = !resolved->overload->is_volatile;
  for (std::size_t i = 0; i < args.size(); ++i) {
    args[i] = convert(std::move(args[i]), resolved->param_types[i]);
    all_constant = all_constant && is_constant(*args[i]);
  }
  auto e = node(ExprKind::Call, resolved->result);
  e->function = &f;
  e->call = std::move(resolved);
  e->args = std::move(args);
  if (all_constant) return constant(eval(*e, {}));
  return e;
}

ExprPtr call(std::string_view name, std::vector<ExprPtr> args) {
  const ScalarFunction* f = FunctionRegistry::instance().scalar(name);
  if (!f) throw Error(fmt::format("unknown function '{}'", name));
  return call(*f, std::move(args));
}

namespace {

ExprPtr logic(ExprKind kind, std::vector<ExprPtr> args) {
  auto e = node(kind, Type::Bool);
  e->args = std::move(args);
  bool all_constant = true;
  for (const auto& a : e->args) all_constant = all_constant && is_constant(*a);
  if (all_constant) return constant(eval(*e, {}));
  return e;
}

}  // namespace

ExprPtr and_of(std::vector<ExprPtr> args) {
  return logic(ExprKind::And, std::move(args));
}

ExprPtr or_of(std::vector<ExprPtr> args) {
  return logic(ExprKind::Or, std::move(args));
}

ExprPtr member(ExprPtr object, std::string key) {
  auto e = node(ExprKind::Member, Type::Dynamic);
  e->key = std::move(key);
  e->args.push_back(std::move(object));
  if (is_constant(*e->args[0])) return constant(eval(*e, {}));
  return e;
}

ExprPtr index(ExprPtr object, ExprPtr at) {
  auto e = node(ExprKind::Index, Type::Dynamic);
  const bool folds = is_constant(*object) && is_constant(*at);
  e->args = {std::move(object), std::move(at)};
  if (folds) return constant(eval(*e, {}));
  return e;
}

ExprPtr subquery(PlanPtr plan, Type type, bool as_list) {
  auto e = node(ExprKind::Subquery, as_list ? Type::Dynamic : type);
  e->subquery = std::move(plan);
  e->subquery_list = as_list;
  return e;
}

const Value& eval_ref(const Expr& e, std::span<const Value> row, Value& tmp) {
  switch (e.kind) {
    case ExprKind::Column:
      return row[e.column];
    case ExprKind::Constant:
      return e.value;
    default:
      tmp = eval(e, row);
      return tmp;
  }
}

Value eval(const Expr& e, std::span<const Value> row) {
  switch (e.kind) {
    case ExprKind::Column:
      return row[e.column];
    case ExprKind::Constant:
      return e.value;
    case ExprKind::Call:
      return eval_call(e, row);
    case ExprKind::Convert: {
      Value tmp;
      return convert_argument(eval_ref(*e.args[0], row, tmp), e.type);
    }
    case ExprKind::And:
    case ExprKind::Or:
      return eval_logic(e, row);
    case ExprKind::Member: {
      Value tmp;
      return dynamic_member(eval_ref(*e.args[0], row, tmp), e.key);
    }
    case ExprKind::Index:
      return eval_index(e, row);
    case ExprKind::Subquery:
      throw Error("internal: a subquery was not resolved before the run");
  }
  return {};
}

bool eval_true(const Expr& e, std::span<const Value> row) {
  Value tmp;
  return truth(eval_ref(e, row, tmp)) == 1;
}

void mark_columns(const Expr& e, std::vector<bool>& used) {
  if (e.kind == ExprKind::Column) used[e.column] = true;
  for (const auto& a : e.args) mark_columns(*a, used);
}

ExprPtr remap_columns(const ExprPtr& e, const std::vector<std::size_t>& map) {
  if (e->kind == ExprKind::Column) {
    if (map[e->column] == e->column) return e;
    return column_ref(map[e->column], e->type);
  }
  if (e->args.empty()) return e;
  auto copy = std::make_shared<Expr>(*e);
  bool changed = false;
  for (auto& a : copy->args) {
    auto r = remap_columns(a, map);
    changed = changed || r != a;
    a = std::move(r);
  }
  return changed ? ExprPtr(copy) : e;
}

bool has_subquery(const Expr& e) noexcept {
  if (e.kind == ExprKind::Subquery) return true;
  for (const auto& a : e.args)
    if (has_subquery(*a)) return true;
  return false;
}

ExprPtr replace_subqueries(const ExprPtr& e, const std::function<Value(const Expr&)>& resolve) {
  if (e->kind == ExprKind::Subquery) return constant(resolve(*e));
  if (!has_subquery(*e)) return e;
  auto copy = std::make_shared<Expr>(*e);
  for (auto& a : copy->args) a = replace_subqueries(a, resolve);
  return copy;
}

namespace {

std::string real_literal(double d) {
  if (std::isnan(d)) return "real(nan)";
  if (std::isinf(d)) return d > 0 ? "real(+inf)" : "real(-inf)";
  std::string s = format_real(d);
  // A real literal needs a '.' or an exponent, or it would read back as a long.
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

// A dynamic as KQL literal text: typed nodes keep their type (dynamic-literals may hold
// datetime(), timespan(), int()... literals, D-5), so the text reads back as the same tree.
void append_dynamic_literal(std::string& out, const Dynamic& d) {
  switch (d.kind()) {
    case DynamicKind::Null:
      out += "null";
      return;
    case DynamicKind::Bool:
      out += d.as_bool() ? "true" : "false";
      return;
    case DynamicKind::Int:
      out += std::to_string(d.as_int64());  // a plain integer in dynamic() is an int
      return;
    case DynamicKind::Long:
      if (d.as_int64() >= INT32_MIN && d.as_int64() <= INT32_MAX) {
        out += fmt::format("long({})", d.as_int64());
      } else {
        out += std::to_string(d.as_int64());
      }
      return;
    case DynamicKind::Real:
      out += real_literal(d.as_real());
      return;
    case DynamicKind::DateTime:
      out += fmt::format("datetime({})", format_datetime(d.as_int64(), DateTimeStyle::Ticks7));
      return;
    case DynamicKind::TimeSpan:
      out += fmt::format("timespan({})", format_timespan(d.as_int64()));
      return;
    case DynamicKind::Guid:
      out += fmt::format("guid({})", d.text());
      return;
    case DynamicKind::String:
      out += json_quote(d.text());
      return;
    case DynamicKind::Array: {
      out += '[';
      for (std::size_t i = 0; i < d.items().size(); ++i) {
        if (i) out += ", ";
        append_dynamic_literal(out, *d.items()[i]);
      }
      out += ']';
      return;
    }
    case DynamicKind::Object: {
      out += '{';
      for (std::size_t i = 0; i < d.members().size(); ++i) {
        if (i) out += ", ";
        out += json_quote(d.members()[i].key);
        out += ": ";
        append_dynamic_literal(out, *d.members()[i].value);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string kql_literal(const Value& v) {
  const std::string_view t = type_name(v.type());
  if (v.is_null()) return fmt::format("{}(null)", t);
  switch (v.type()) {
    case Type::Bool:
      return v.as_bool() ? "true" : "false";
    case Type::Int:
      return fmt::format("int({})", v.as_int64());
    case Type::Long:
      return std::to_string(v.as_int64());
    case Type::Real:
      return real_literal(v.as_real());
    case Type::DateTime:
      return fmt::format("datetime({})", format_datetime(v.ticks(), DateTimeStyle::Ticks7));
    case Type::TimeSpan:
      return fmt::format("timespan({})", format_timespan(v.ticks()));
    case Type::Guid:
      return fmt::format("guid({})", v.text());
    case Type::String:
      return json_quote(v.text());  // Kusto's "..." escapes are a subset of JSON's
    case Type::Dynamic: {
      std::string out = "dynamic(";
      append_dynamic_literal(out, *v.tree());
      return out + ")";
    }
  }
  return "?";
}

std::string to_kql(const Expr& e, const Schema& input) {
  switch (e.kind) {
    case ExprKind::Column:
      return e.column < input.size() ? input[e.column].name : fmt::format("#{}", e.column);
    case ExprKind::Constant:
      return kql_literal(e.value);
    case ExprKind::Convert:
      return fmt::format("to{}({})", type_name(e.type), to_kql(*e.args[0], input));
    case ExprKind::And:
    case ExprKind::Or: {
      std::string s = "(";
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        if (i) s += e.kind == ExprKind::And ? " and " : " or ";
        s += to_kql(*e.args[i], input);
      }
      return s + ")";
    }
    case ExprKind::Member:
      return fmt::format("{}[{}]", to_kql(*e.args[0], input), json_quote(e.key));
    case ExprKind::Index:
      return fmt::format("{}[{}]", to_kql(*e.args[0], input), to_kql(*e.args[1], input));
    case ExprKind::Subquery:
      return e.subquery_list ? "(<subquery>)" : "toscalar(<subquery>)";
    case ExprKind::Call: {
      const std::string_view name = e.function->name;
      const bool infix = !name.empty() && !std::isalpha(static_cast<unsigned char>(name[0]));
      const bool word_op =
          e.args.size() == 2 &&
          (name == "contains" || name == "has" || name.find("with") != std::string_view::npos ||
           name.find("has") == 0 || name.find("contains") != std::string_view::npos ||
           name == "matches regex" || name == "in" || name == "in~" || name == "!in" ||
           name == "!in~");
      if (name == "-unary") return "-" + to_kql(*e.args[0], input);
      if ((infix || word_op) && e.args.size() == 2)
        return fmt::format("({} {} {})", to_kql(*e.args[0], input), name,
                           to_kql(*e.args[1], input));
      std::string s = std::string(name) + "(";
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        if (i) s += ", ";
        s += to_kql(*e.args[i], input);
      }
      return s + ")";
    }
  }
  return "?";
}

}  // namespace huntq::engine
