// Binding statements: lets, user functions (inlined at each call, in the scope they were declared
// in), and the query; the public entry points.
#include <fmt/format.h>

#include "binder_impl.h"

namespace huntq::kql {

namespace {

const QueryStatement* the_query(const Script& script, const Binder& b) {
  const QueryStatement* query = nullptr;
  for (const Statement* s : script.statements()) {
    if (const auto* q = s->try_as<QueryStatement>()) {
      if (query)
        b.fail(q->offset,
               "a script may hold one query; this is a second one (separate lets with ';')");
      query = q;
    }
  }
  if (!query) {
    const std::uint32_t end = static_cast<std::uint32_t>(script.source().text.size());
    b.fail(end, "the script has no query after its let statements");
  }
  return query;
}

}  // namespace

ScopePtr Binder::bind_lets(const std::vector<const Statement*>& statements, ScopePtr scope) {
  for (const Statement* s : statements) {
    switch (s->kind) {
      case StatementKind::Let: {
        const auto& let = s->as<LetStatement>();
        auto next = std::make_shared<Scope>();
        next->parent = scope;
        Symbol sym;
        sym.name = let.name.text;
        if (let.function) {
          sym.kind = Symbol::Kind::Function;
          sym.function = let.function;
          sym.closure = scope;
        } else if (is_tabular(*let.value, scope, nullptr)) {
          sym.kind = Symbol::Kind::Tabular;
          PlanPtr plan = tabular(*let.value, scope);
          sym.tabular = plan;
        } else {
          sym.kind = Symbol::Kind::Scalar;
          sym.scalar = scalar(*let.value, scope, nullptr);
          // In a function body a let may use the parameters, which may be the caller's row
          // (`let params = parse_urlquery(querystring);`, parse-url-query-function.md): it is
          // inlined like them.
          if (depth_ == 0 && !engine::is_constant(*sym.scalar) &&
              !engine::has_subquery(*sym.scalar))
            fail(let.value->offset,
                 fmt::format("let {}: a scalar let must not depend on a row", let.name.text));
        }
        next->names[let.name.text] = std::move(sym);
        scope = next;
        break;
      }
      case StatementKind::Set:
        out_.notes.push_back(fmt::format("{}: 'set {}' is a request option: ignored",
                                         script_.locate(s->offset).to_string(),
                                         s->as<SetStatement>().name.text));
        break;
      case StatementKind::QueryParameters:
        fail(s->offset, "'declare query_parameters' is not supported");
      case StatementKind::Query:
        break;
    }
  }
  return scope;
}

// Binds a user function's arguments in the caller's scope, then its body in the function's own
// (declaration) scope extended with the parameters.
static ScopePtr bind_arguments(Binder& b, const Symbol& fn, const CallExpr* call, PlanPtr piped,
                               const ScopePtr& caller, const RowScope* row, std::uint32_t at) {
  const FunctionDecl& decl = *fn.function;
  auto scope = std::make_shared<Scope>();
  scope->parent = fn.closure;
  const std::size_t given = (call ? call->args.size() : 0) + (piped ? 1 : 0);
  if (given > decl.params.size())
    b.fail(at,
           fmt::format("{}() takes {} argument(s), {} given", fn.name, decl.params.size(), given));
  // Arguments by position, or by parameter name (`f(b = 1)`).
  std::vector<const Expr*> assigned(decl.params.size(), nullptr);
  std::size_t next = piped ? 1 : 0;
  for (std::size_t a = 0; call && a < call->args.size(); ++a) {
    const NamedExpr& arg = call->args[a];
    std::size_t i = next;
    if (!arg.names.empty()) {
      i = decl.params.size();
      for (std::size_t k = 0; k < decl.params.size(); ++k)
        if (decl.params[k].name.text == arg.names[0].text) i = k;
      if (i == decl.params.size() || arg.names.size() > 1 || (piped && i == 0))
        b.fail(arg.names[0].offset,
               fmt::format("{}() has no parameter '{}'", fn.name, arg.names[0].text));
    } else {
      while (i < assigned.size() && assigned[i]) ++i;
      next = i + 1;
    }
    if (i >= assigned.size() || assigned[i])
      b.fail(arg.expr->offset, fmt::format("{}(): a parameter is given twice", fn.name));
    assigned[i] = arg.expr;
  }
  for (std::size_t i = 0; i < decl.params.size(); ++i) {
    const FunctionParam& p = decl.params[i];
    Symbol sym;
    sym.name = p.name.text;
    const Expr* value = nullptr;
    const bool use_piped = piped && i == 0;
    if (!use_piped) {
      if (assigned[i]) {
        value = assigned[i];
      } else if (p.default_value) {
        value = p.default_value;
      } else {
        b.fail(at, fmt::format("{}(): no value for parameter '{}'", fn.name, p.name.text));
      }
    }
    if (p.type.kind == ParamType::Kind::Tabular) {
      sym.kind = Symbol::Kind::Tabular;
      sym.tabular =
          use_piped ? piped : b.tabular(*value, value == p.default_value ? fn.closure : caller);
      for (const auto& c : p.type.columns)
        if (engine::find_column(sym.tabular->schema, c.name.text) < 0)
          b.fail(at, fmt::format("{}(): the table passed as '{}' has no column '{}'", fn.name,
                                 p.name.text, c.name.text));
    } else {
      if (use_piped) b.fail(at, fmt::format("{}()'s first parameter is not a table", fn.name));
      sym.kind = Symbol::Kind::Scalar;
      ExprPtr e = b.scalar(*value, value == p.default_value ? fn.closure : caller,
                           value == p.default_value ? nullptr : row);
      const Type want = to_type(p.type.scalar, b, p.type.offset);
      if (e->type != want) {
        const bool widen = is_numeric(e->type) && is_numeric(want);
        if (!widen && want != Type::Dynamic)
          b.fail(value->offset, fmt::format("{}(): '{}' is {}, not {}", fn.name, p.name.text,
                                            type_name(e->type), type_name(want)));
        e = engine::convert(e, want);
      }
      sym.scalar = e;
    }
    scope->names[p.name.text] = std::move(sym);
  }
  return scope;
}

PlanPtr Binder::call_tabular_function(const Symbol& fn, const CallExpr* call, PlanPtr piped,
                                      const ScopePtr& scope, const RowScope* row,
                                      std::uint32_t at) {
  DepthGuard guard(*this, at);
  ScopePtr inner = bind_arguments(*this, fn, call, std::move(piped), scope, row, at);
  FunctionBodyGuard body(*this);
  inner = bind_lets(fn.function->statements, inner);
  if (!fn.function->body) fail(at, fmt::format("{}() has no body", fn.name));
  PlanPtr plan = tabular(*fn.function->body, inner);
  return plan;
}

ExprPtr Binder::call_scalar_function(const Symbol& fn, const CallExpr& call, const ScopePtr& scope,
                                     const RowScope* row) {
  DepthGuard guard(*this, call.offset);
  if (is_tabular(call, scope, row))
    fail(call.offset, fmt::format("{}() gives a table here", fn.name));
  ScopePtr inner = bind_arguments(*this, fn, &call, nullptr, scope, row, call.offset);
  FunctionBodyGuard body(*this);
  inner = bind_lets(fn.function->statements, inner);
  // The body sees the caller's row (KQL functions may name the columns of the row they run on).
  return scalar(*fn.function->body, inner, row);
}

PlanPtr Binder::bind_script_query() {
  const QueryStatement* query = the_query(script_, *this);
  ScopePtr scope = bind_lets(script_.statements(), std::make_shared<Scope>());
  if (!is_tabular(*query->expr, scope, nullptr))
    fail(query->offset, "the query must give a table (a scalar alone is not a query: use print)");
  return tabular(*query->expr, scope);
}

BoundQuery bind_script(const Script& script, const Catalog& catalog, const BindOptions& options) {
  BoundQuery out;
  Binder b(script, catalog, options, out);
  out.plan = b.bind_script_query();
  return out;
}

engine::PlanPtr bind_operators_over(const Script& script, std::string_view input_name,
                                    engine::PlanPtr input, const Catalog& catalog,
                                    const BindOptions& options, BoundQuery* notes_out) {
  BoundQuery out;
  Binder b(script, catalog, options, out);
  auto scope = std::make_shared<Scope>();
  Symbol sym;
  sym.kind = Symbol::Kind::Tabular;
  sym.tabular = std::move(input);
  sym.name = std::string(input_name);
  scope->names[std::string(input_name)] = std::move(sym);
  const QueryStatement* query = the_query(script, b);
  ScopePtr lets = b.bind_lets(script.statements(), scope);
  engine::PlanPtr plan = b.tabular(*query->expr, lets);
  if (notes_out) {
    notes_out->notes.insert(notes_out->notes.end(), out.notes.begin(), out.notes.end());
    notes_out->uses_now = notes_out->uses_now || out.uses_now;
  }
  return plan;
}

engine::ExprPtr bind_predicate(const Script& script, const engine::Schema& input,
                               const BindOptions& options) {
  BoundQuery out;
  Catalog none;
  Binder b(script, none, options, out);
  const QueryStatement* query = the_query(script, b);
  ScopePtr scope = b.bind_lets(script.statements(), std::make_shared<Scope>());
  RowScope row{&input, nullptr, nullptr, nullptr};
  return b.predicate(*query->expr, scope, row);
}

}  // namespace huntq::kql
