// Binding tabular expressions: sources (tables, lets, print, datatable, range, union) and every
// pipe operator, each into plan nodes whose schemas follow Kusto's binder.
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "binder_impl.h"
#include "huntq/value/dynamic.h"

namespace huntq::kql {

using engine::Column;
using engine::PlanKind;

namespace {

std::shared_ptr<engine::PlanNode> over(PlanKind kind, PlanPtr input) {
  auto n = engine::make_node(kind);
  n->children.push_back(std::move(input));
  return n;
}

// A Project keeping `cols` of the input, in that order.
PlanPtr keep_columns(PlanPtr input, const std::vector<std::size_t>& cols) {
  auto n = over(PlanKind::Project, input);
  for (std::size_t c : cols) {
    n->exprs.push_back(engine::column_ref(c, input->schema[c].type));
    n->schema.push_back(input->schema[c]);
  }
  return n;
}

// The word a parameter was given (`kind=inner`): a name or a string literal.
std::string param_word(const OperatorParam& p) {
  if (const auto* n = p.value->try_as<NameExpr>()) return n->name.text;
  if (const auto* l = p.value->try_as<LiteralExpr>()) {
    if (l->type == ScalarType::String) return l->text;
    if (l->type == ScalarType::Bool) return l->int_value ? "true" : "false";
    return std::to_string(l->int_value);
  }
  return "";
}

bool is_hint(const OperatorParam& p) {
  return p.name.text.rfind("hint.", 0) == 0;
}

std::string cut(std::string_view s) {
  return s.size() <= 80 ? std::string(s) : std::string(s.substr(0, 77)) + "...";
}

// A Project of the builder's columns over `input`.
PlanPtr projection(PlanPtr input, const ProjectionBuilder& b) {
  auto n = over(PlanKind::Project, input);
  for (const auto& c : b.columns()) {
    n->exprs.push_back(c.expr);
    n->schema.push_back({c.name, c.expr->type});
  }
  return n;
}

}  // namespace

PlanPtr Binder::table_scan(const TableDef& table, std::uint32_t) {
  auto n = engine::make_node(PlanKind::Scan);
  n->table = &table;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    n->schema.push_back({std::string(table.columns[i].name), table.columns[i].type});
    n->scan_columns.push_back(i);
  }
  return n;
}

PlanPtr Binder::source_name(const NameExpr& n, const ScopePtr& scope) {
  const std::string& name = n.name.text;
  if (const Symbol* s = scope->find(name)) {
    switch (s->kind) {
      case Symbol::Kind::Tabular:
        return s->tabular;
      case Symbol::Kind::Function:
        return call_tabular_function(*s, nullptr, nullptr, scope, nullptr, n.offset);
      case Symbol::Kind::Scalar:
        fail(n.offset, fmt::format("'{}' is a scalar value, where a table is expected", name));
    }
  }
  if (catalog_.find_table)
    if (const TableDef* t = catalog_.find_table(name)) return table_scan(*t, n.offset);
  fail(n.offset, fmt::format("unknown table '{}'", cut(name)));
}

PlanPtr Binder::tabular(const Expr& e, const ScopePtr& scope) {
  switch (e.kind) {
    case ExprKind::Paren:
      return tabular(*e.as<ParenExpr>().inner, scope);
    case ExprKind::Name:
      return source_name(e.as<NameExpr>(), scope);
    case ExprKind::Datatable:
      return bind_datatable(e.as<DatatableExpr>(), scope);
    case ExprKind::Pipe: {
      const auto& p = e.as<PipeExpr>();
      return apply(tabular(*p.source, scope), *p.op, scope);
    }
    case ExprKind::Operator: {
      const QueryOp& op = *e.as<OperatorExpr>().op;
      switch (op.kind) {
        case OpKind::Union:
          return bind_union(std::nullopt, op.as<UnionOp>(), scope);
        case OpKind::Print:
          return bind_print(op.as<PrintOp>(), scope);
        case OpKind::Range:
          return bind_range(op.as<RangeOp>(), scope);
        case OpKind::Evaluate:
          return bind_evaluate(std::nullopt, op.as<EvaluateOp>(), scope);
        default:
          fail(op.offset, fmt::format("'{}' needs an input table", op.keyword));
      }
    }
    case ExprKind::Call: {
      const auto& c = e.as<CallExpr>();
      if (c.receiver) fail(c.offset, fmt::format("'{}' is not supported", cut(c.name.text)));
      if (c.name.text == "materialize") {
        if (c.args.size() != 1) fail(c.offset, "materialize() takes one table");
        auto m = over(PlanKind::Materialize, tabular(*c.args[0].expr, scope));
        if (m->children[0]->open_schema)
          fail(c.offset, "materialize() of 'evaluate bag_unpack' is not supported");
        m->schema = m->children[0]->schema;
        return m;
      }
      if (c.name.text == "table") {
        if (c.args.empty()) fail(c.offset, "table() takes a table name");
        const Value v = constant_value(*c.args[0].expr, scope, "table()'s name");
        if (v.type() != Type::String) fail(c.offset, "table() takes a string");
        if (const Symbol* s = scope->find(v.text()); s && s->kind == Symbol::Kind::Tabular)
          return s->tabular;
        if (catalog_.find_table)
          if (const TableDef* t = catalog_.find_table(v.text())) return table_scan(*t, c.offset);
        fail(c.offset, fmt::format("unknown table '{}'", cut(v.text())));
      }
      if (const Symbol* s = scope->find(c.name.text); s && s->kind == Symbol::Kind::Function)
        return call_tabular_function(*s, &c, nullptr, scope, nullptr, c.offset);
      fail(c.offset, fmt::format("'{}()' does not give a table", cut(c.name.text)));
    }
    default:
      fail(e.offset, "a table is expected here");
  }
}

PlanPtr Binder::apply(PlanPtr input, const QueryOp& op, const ScopePtr& scope) {
  if (input->open_schema && op.kind != OpKind::Render)
    fail(op.offset,
         fmt::format("'{}' after 'evaluate bag_unpack' is not supported: its columns are "
                     "known only from the data",
                     op.keyword));
  const Schema& in = input->schema;
  RowScope row{&in, nullptr, nullptr, nullptr};
  switch (op.kind) {
    case OpKind::Where: {
      auto n = over(PlanKind::Filter, input);
      n->predicate = predicate(*op.as<WhereOp>().predicate, scope, row);
      n->schema = in;
      return n;
    }
    case OpKind::Extend:
      return bind_extend(input, op.as<ExtendOp>(), scope);
    case OpKind::Project:
      return bind_project(input, op.as<ProjectOp>(), scope);
    case OpKind::ProjectAway:
    case OpKind::ProjectKeep: {
      const auto& cols = op.kind == OpKind::ProjectAway ? op.as<ProjectAwayOp>().columns
                                                        : op.as<ProjectKeepOp>().columns;
      std::vector<bool> listed(in.size(), false);
      for (const auto& p : cols) {
        bool any = false;
        for (std::size_t i = 0; i < in.size(); ++i)
          if (p.wildcard ? wildcard_match(p.text, in[i].name) : p.text == in[i].name)
            listed[i] = any = true;
        if (!any && !p.wildcard) fail(p.offset, fmt::format("unknown column '{}'", cut(p.text)));
      }
      std::vector<std::size_t> keep;
      for (std::size_t i = 0; i < in.size(); ++i)
        if (listed[i] == (op.kind == OpKind::ProjectKeep)) keep.push_back(i);
      return keep_columns(input, keep);
    }
    case OpKind::ProjectRename: {
      auto n = over(PlanKind::Project, input);
      n->schema = in;
      for (std::size_t i = 0; i < in.size(); ++i)
        n->exprs.push_back(engine::column_ref(i, in[i].type));
      std::set<std::string> declared;
      for (const auto& r : op.as<ProjectRenameOp>().renames) {
        const int i = engine::find_column(in, r.old_name.text);
        if (i < 0)
          fail(r.old_name.offset, fmt::format("unknown column '{}'", cut(r.old_name.text)));
        if (!declared.insert(r.new_name.text).second)
          fail(r.new_name.offset, fmt::format("'{}' is renamed to twice", r.new_name.text));
        n->schema[static_cast<std::size_t>(i)].name = r.new_name.text;
      }
      for (std::size_t i = 0; i < n->schema.size(); ++i)
        for (std::size_t j = i + 1; j < n->schema.size(); ++j)
          if (n->schema[i].name == n->schema[j].name)
            fail(op.offset, fmt::format("project-rename would make two columns named '{}'",
                                        n->schema[i].name));
      return n;
    }
    case OpKind::ProjectReorder: {
      std::vector<std::size_t> order;
      std::vector<bool> placed(in.size(), false);
      for (const auto& item : op.as<ProjectReorderOp>().items) {
        std::vector<std::size_t> matched;
        for (std::size_t i = 0; i < in.size(); ++i)
          if (!placed[i] && (item.column.wildcard ? wildcard_match(item.column.text, in[i].name)
                                                  : item.column.text == in[i].name))
            matched.push_back(i);
        if (matched.empty() && !item.column.wildcard)
          fail(item.column.offset, fmt::format("unknown column '{}'", cut(item.column.text)));
        if (item.order == SortOrder::Asc || item.order == SortOrder::Desc) {
          std::sort(matched.begin(), matched.end(), [&](std::size_t a, std::size_t b) {
            return item.order == SortOrder::Asc ? in[a].name < in[b].name : in[a].name > in[b].name;
          });
        } else if (item.order != SortOrder::Default) {
          fail(item.column.offset, "granny-asc/granny-desc ordering is not supported");
        }
        for (std::size_t i : matched) placed[i] = true, order.push_back(i);
      }
      for (std::size_t i = 0; i < in.size(); ++i)
        if (!placed[i]) order.push_back(i);
      return keep_columns(input, order);
    }
    case OpKind::Summarize: {
      const auto& s = op.as<SummarizeOp>();
      for (const auto& p : s.params)
        if (!is_hint(p))
          fail(p.name.offset, fmt::format("unknown summarize parameter '{}'", p.name.text));
      return bind_summarize(input, s.aggregates, s.by, scope, op.offset);
    }
    case OpKind::Join:
      return bind_join(input, op.as<JoinOp>(), scope, false);
    case OpKind::Lookup:
      return bind_join(input, op.as<LookupOp>(), scope, true);
    case OpKind::Union:
      return bind_union(input, op.as<UnionOp>(), scope);
    case OpKind::Sort:
      return bind_sort(input, op.as<SortOp>().items, scope, std::nullopt);
    case OpKind::Top: {
      const auto& t = op.as<TopOp>();
      const Value n = constant_value(*t.count, scope, "top's count");
      if (n.type() != Type::Long && n.type() != Type::Int)
        fail(t.count->offset, "top's count must be an integer");
      return bind_sort(input, {t.by}, scope, std::max<std::int64_t>(0, n.as_int64()));
    }
    case OpKind::Take: {
      const auto& t = op.as<TakeOp>();
      const Value n = constant_value(*t.count, scope, "take's count");
      if (n.type() != Type::Long && n.type() != Type::Int)
        fail(t.count->offset, "take's count must be an integer");
      auto node = over(PlanKind::Take, input);
      node->limit = std::max<std::int64_t>(0, n.as_int64());
      node->schema = in;
      return node;
    }
    case OpKind::Distinct: {
      const auto& d = op.as<DistinctOp>();
      if (d.items.size() == 1 && d.items[0].expr->kind == ExprKind::Star) {
        std::vector<NamedExpr> none;
        auto n = over(PlanKind::Summarize, input);
        for (std::size_t i = 0; i < in.size(); ++i)
          n->keys.push_back(engine::column_ref(i, in[i].type));
        n->schema = in;
        return n;
      }
      return bind_summarize(input, {}, d.items, scope, op.offset);
    }
    case OpKind::Count: {
      const auto& c = op.as<CountOp>();
      auto n = over(PlanKind::Summarize, input);
      engine::AggregateItem item;
      item.function = engine::FunctionRegistry::instance().aggregate("count");
      if (!item.function) fail(op.offset, "'count' is not supported");
      item.call = engine::resolve_aggregate(*item.function, {}, item.overload);
      n->aggregates.push_back(std::move(item));
      n->schema.push_back({c.has_name ? c.name.text : "Count", Type::Long});
      return n;
    }
    case OpKind::MvExpand:
      return bind_mv_expand(input, op.as<MvExpandOp>(), scope);
    case OpKind::Parse:
      return bind_parse(input, op.as<ParseOp>(), scope);
    case OpKind::Serialize: {
      const auto& s = op.as<SerializeOp>();
      if (s.items.empty()) return input;  // ordering is kept anyway: rows are never reordered
      ExtendOp ext;
      ext.items = s.items;
      return bind_extend(input, ext, scope);
    }
    case OpKind::GetSchema: {
      auto n = engine::make_node(PlanKind::Values);
      n->schema = {{"ColumnName", Type::String},
                   {"ColumnOrdinal", Type::Long},
                   {"DataType", Type::String},
                   {"ColumnType", Type::String}};
      for (std::size_t i = 0; i < in.size(); ++i) {
        static const std::map<Type, std::string> kNet{
            {Type::Bool, "System.SByte"},        {Type::Int, "System.Int32"},
            {Type::Long, "System.Int64"},        {Type::Real, "System.Double"},
            {Type::DateTime, "System.DateTime"}, {Type::TimeSpan, "System.TimeSpan"},
            {Type::Guid, "System.Guid"},         {Type::String, "System.String"},
            {Type::Dynamic, "System.Object"}};
        n->rows.push_back({Value::string(in[i].name), Value::int64(static_cast<std::int64_t>(i)),
                           Value::string(kNet.at(in[i].type)),
                           Value::string(std::string(type_name(in[i].type)))});
      }
      return n;
    }
    case OpKind::Evaluate:
      return bind_evaluate(input, op.as<EvaluateOp>(), scope);
    case OpKind::Render:
      out_.notes.push_back(fmt::format("{}: 'render {}' is a client hint: ignored",
                                       script_.locate(op.offset).to_string(),
                                       op.as<RenderOp>().chart.text));
      return input;
    case OpKind::Invoke: {
      const CallExpr& c = *op.as<InvokeOp>().call;
      const Symbol* s = scope->find(c.name.text);
      if (!s || s->kind != Symbol::Kind::Function)
        fail(c.offset,
             fmt::format("'invoke {}()' needs a function declared with let", c.name.text));
      return call_tabular_function(*s, &c, input, scope, nullptr, c.offset);
    }
    case OpKind::As:
      fail(op.offset, "'as' is not supported");
    case OpKind::Print:
    case OpKind::Range:
      fail(op.offset, fmt::format("'{}' starts a query: it cannot follow '|'", op.keyword));
  }
  fail(op.offset, fmt::format("'{}' is not supported", op.keyword));
}

std::string Binder::default_column_name(const ScopePtr& scope, const Schema* row) {
  for (;;) {
    std::string name = "Column" + std::to_string(default_column_suffix_++);
    const bool binds = (row && engine::find_column(*row, name) >= 0) || scope->find(name);
    if (!binds) return name;
  }
}

NameScope Binder::name_scope(const ScopePtr& scope, const Schema* row) const {
  NameScope ns;
  ns.row = row;
  ns.is_user_function = [scope](std::string_view name) {
    const Symbol* s = scope->find(name);
    return s && s->kind == Symbol::Kind::Function;
  };
  return ns;
}

std::size_t Binder::project_item(ProjectionBuilder& b, const NamedExpr& item, ExprPtr e,
                                 Style style, const Schema& row, const ScopePtr& scope,
                                 std::optional<Type> column_type, const std::string* print_name,
                                 ExprPtr stored) {
  const Type type = column_type.value_or(e->type);
  if (!stored) stored = e;
  const bool replace_any = style == Style::Replace || style == Style::Extend;
  const auto declare = [&](const std::string& name, bool replace, int identity, std::uint32_t at) {
    const auto position = b.declare(name, type, stored, replace, identity);
    if (!position) fail(at, fmt::format("a column named '{}' is already declared", name));
    return *position;
  };
  // array_sort_asc/desc give one column per array argument (<argument>_sorted, or
  // array<i>_sorted when it has no name); a last bool argument is nulls_last. huntq computes
  // one array of the sorted arrays, so only the one-array form can be a column.
  std::optional<std::string> sorted_name;
  if (const auto* call = without_parens(*item.expr).try_as<CallExpr>();
      call && (call->name.text == "array_sort_asc" || call->name.text == "array_sort_desc") &&
      !name_scope(scope, &row).is_user_function(call->name.text)) {
    const auto& args = call->args;
    const auto* last =
        args.empty() ? nullptr : without_parens(*args.back().expr).try_as<LiteralExpr>();
    const std::size_t arrays =
        args.size() - (args.size() > 1 && last && last->type == ScalarType::Bool ? 1 : 0);
    if (arrays != 1)
      fail(item.expr->offset,
           fmt::format("'{}()' of several arrays as columns is not supported (index its result: "
                       "{}(a, b)[1])",
                       call->name.text, call->name.text));
    if (arrays == 1)
      sorted_name =
          argument_result_name(args[0], std::nullopt, name_scope(scope, &row)).value_or("array0") +
          "_sorted";
  }
  if (item.names.size() > 1)
    fail(item.expr->offset,
         "'(A, B) = ...' is only supported for aggregates giving several columns");
  if (!item.names.empty()) {
    // `Name = expr` declares Name; `Name = Column` replaces a column of that name in place.
    const bool column_ref =
        item.expr->kind == ExprKind::Name && e->kind == engine::ExprKind::Column;
    return declare(item.names[0].text, column_ref || replace_any, -1, item.names[0].offset);
  }
  if (print_name) return b.add(*print_name, type, stored, false);
  if (sorted_name) return b.add(*sorted_name, type, stored, false);
  if (const int c = column_identity(*item.expr, *e, row); c >= 0) {
    // A column (or a no-op conversion of one) declares that column; extend already has it.
    return declare(row[static_cast<std::size_t>(c)].name, style == Style::Replace, c,
                   item.expr->offset);
  }
  const NameScope ns = name_scope(scope, &row);
  std::optional<std::string> name = expression_result_name(*item.expr, std::nullopt, ns);
  if (!name) name = default_column_name(scope, style == Style::Extend ? &row : nullptr);
  return b.add(*name, type, stored, replace_any);
}

PlanPtr Binder::bind_extend(PlanPtr input, const ExtendOp& op, const ScopePtr& scope) {
  const Schema& in = input->schema;
  RowScope row{&in, nullptr, nullptr, nullptr};
  // Every item sees the input row only (Kusto.Language: `extend a = 1, b = a` does not bind).
  std::vector<ExprPtr> bound;
  for (const auto& item : op.items) bound.push_back(scalar(*item.expr, scope, &row));
  ProjectionBuilder b;
  for (std::size_t i = 0; i < in.size(); ++i) {
    b.add(in[i].name, in[i].type, engine::column_ref(i, in[i].type), false);
    b.do_not_add(static_cast<int>(i));
  }
  for (std::size_t i = 0; i < op.items.size(); ++i)
    project_item(b, op.items[i], bound[i], Style::Extend, in, scope);
  return projection(input, b);
}

PlanPtr Binder::bind_project(PlanPtr input, const ProjectOp& op, const ScopePtr& scope) {
  const Schema& in = input->schema;
  RowScope row{&in, nullptr, nullptr, nullptr};
  std::vector<ExprPtr> bound;
  for (const auto& item : op.items)
    bound.push_back(item.expr->kind == ExprKind::Star ? nullptr : scalar(*item.expr, scope, &row));
  ProjectionBuilder b;
  for (std::size_t i = 0; i < op.items.size(); ++i) {
    if (!bound[i]) {
      if (!op.items[i].names.empty()) fail(op.items[i].expr->offset, "'*' cannot be named");
      // `project *`: every input column, replacing any of that name already projected.
      for (std::size_t c = 0; c < in.size(); ++c)
        b.add(in[c].name, in[c].type, engine::column_ref(c, in[c].type), true);
      continue;
    }
    project_item(b, op.items[i], bound[i], Style::Default, in, scope);
  }
  return projection(input, b);
}

PlanPtr Binder::bind_summarize(PlanPtr input, const std::vector<NamedExpr>& aggs,
                               const std::vector<NamedExpr>& by, const ScopePtr& scope,
                               std::uint32_t at) {
  const Schema& in = input->schema;
  RowScope row{&in, nullptr, nullptr, nullptr};
  if (aggs.empty() && by.empty()) fail(at, "summarize needs an aggregate or a by clause");
  auto n = over(PlanKind::Summarize, input);
  AggregateSink sink;
  sink.input = &in;
  sink.first_output = by.size();
  for (const auto& item : by) {
    ExprPtr e = scalar(*item.expr, scope, &row);
    if (e->type == Type::Dynamic)
      fail(item.expr->offset, "a dynamic value cannot be a summarize key (use tostring())");
    if (const int c = column_identity(*item.expr, *e, in); c >= 0) sink.by_columns.insert(c);
    n->keys.push_back(e);
    n->schema.push_back({"$key" + std::to_string(n->schema.size()), e->type});
  }
  // Aggregate items are bound with no columns in reach but inside aggregate calls.
  const Schema no_columns;
  RowScope agg_row{&no_columns, nullptr, nullptr, &sink};
  struct Item {
    ExprPtr expr;           // over the summarize output (a hidden output, or computed from them)
    std::size_t first = 0;  // a bare call: its first aggregate item
    bool bare = false;
  };
  std::vector<Item> items;
  for (const auto& item : aggs) {
    const std::size_t before = sink.items.size();
    ExprPtr e = scalar(*item.expr, scope, &agg_row);
    if (sink.items.size() == before)
      fail(item.expr->offset, "a summarize item needs an aggregate function");
    const Expr& inner = without_parens(*item.expr);
    const bool bare = sink.items.size() == before + 1 && inner.kind == ExprKind::Call &&
                      e->kind == engine::ExprKind::Column;
    items.push_back({e, before, bare});
  }
  n->aggregates = std::move(sink.items);
  for (std::size_t i = 0, hidden = 0; i < sink.outputs.size(); ++i)
    for (const auto& o : sink.outputs[i])
      n->schema.push_back({"$agg" + std::to_string(hidden++), o.type});

  // The output columns, named as Kusto.Language names them: the by clause like a project, then
  // the aggregates.
  ProjectionBuilder b;
  for (std::size_t k = 0; k < by.size(); ++k)
    project_item(b, by[k], n->keys[k], Style::Default, in, scope, std::nullopt, nullptr,
                 engine::column_ref(k, n->keys[k]->type));
  std::vector<std::size_t> item_first(sink.outputs.size());
  for (std::size_t i = 0, pos = by.size(); i < sink.outputs.size(); ++i)
    item_first[i] = pos, pos += sink.outputs[i].size();
  const NameScope ns = name_scope(scope, &in);
  for (std::size_t i = 0; i < aggs.size(); ++i) {
    const NamedExpr& item = aggs[i];
    const Item& it = items[i];
    const auto declare = [&](const std::string& name, Type type, ExprPtr e, bool replace,
                             std::uint32_t offset) {
      if (!b.declare(name, type, std::move(e), replace))
        fail(offset, fmt::format("a column named '{}' is already declared", name));
    };
    if (it.bare && sink.naming[it.first].tuple) {
      const auto& naming = sink.naming[it.first];
      const auto& outs = sink.outputs[it.first];
      if (item.names.size() > outs.size())
        fail(item.expr->offset,
             fmt::format("{} names for {} result columns", item.names.size(), outs.size()));
      for (std::size_t j = 0; j < outs.size(); ++j) {
        const std::size_t col = item_first[it.first] + j;
        ExprPtr e = engine::column_ref(col, outs[j].type);
        if (j < item.names.size()) {
          // `x = arg_max(...)` names the first column and replaces one of that name.
          declare(item.names[j].text, outs[j].type, e, !item.tuple, item.names[j].offset);
          continue;
        }
        // Kusto's AddFunctionTupleResultColumn: prefix_name (argmax: max_...).
        const std::string name = naming.names[j].value_or("");
        b.add(naming.prefix.empty() ? name : naming.prefix + "_" + name, outs[j].type, e, false);
      }
      continue;
    }
    if (item.names.size() > 1) fail(item.expr->offset, "one name is expected here");
    if (!item.names.empty()) {
      declare(item.names[0].text, it.expr->type, it.expr, false, item.names[0].offset);
      continue;
    }
    std::optional<std::string> name = it.bare
                                          ? sink.naming[it.first].names[0]
                                          : expression_result_name(*item.expr, std::nullopt, ns);
    if (!name) name = default_column_name(scope, nullptr);
    b.add(*name, it.expr->type, it.expr, false);
  }
  // When the columns are the keys and the aggregate outputs in order, name the node's own.
  const auto& cols = b.columns();
  bool identity = cols.size() == n->schema.size();
  for (std::size_t i = 0; identity && i < cols.size(); ++i)
    identity = cols[i].expr->kind == engine::ExprKind::Column && cols[i].expr->column == i;
  if (identity) {
    for (std::size_t i = 0; i < cols.size(); ++i) n->schema[i].name = cols[i].name;
    return n;
  }
  return projection(n, b);
}

PlanPtr Binder::bind_join(PlanPtr left, const JoinOp& op, const ScopePtr& scope, bool lookup) {
  engine::JoinKind kind = lookup ? engine::JoinKind::LeftOuter : engine::JoinKind::InnerUnique;
  for (const auto& p : op.params) {
    if (is_hint(p)) continue;
    if (p.name.text != "kind")
      fail(p.name.offset,
           fmt::format("unknown {} parameter '{}'", lookup ? "lookup" : "join", p.name.text));
    static const std::map<std::string, engine::JoinKind, std::less<>> kKinds{
        {"innerunique", engine::JoinKind::InnerUnique},
        {"inner", engine::JoinKind::Inner},
        {"leftouter", engine::JoinKind::LeftOuter},
        {"rightouter", engine::JoinKind::RightOuter},
        {"fullouter", engine::JoinKind::FullOuter},
        {"leftsemi", engine::JoinKind::LeftSemi},
        {"rightsemi", engine::JoinKind::RightSemi},
        {"leftanti", engine::JoinKind::LeftAnti},
        {"anti", engine::JoinKind::LeftAnti},
        {"leftantisemi", engine::JoinKind::LeftAnti},
        {"rightanti", engine::JoinKind::RightAnti},
        {"rightantisemi", engine::JoinKind::RightAnti}};
    const std::string word = param_word(p);
    auto it = kKinds.find(word);
    if (it == kKinds.end() || (lookup && it->second != engine::JoinKind::LeftOuter &&
                               it->second != engine::JoinKind::Inner))
      fail(p.value->offset,
           fmt::format("'kind={}' is not a {} kind", cut(word), lookup ? "lookup" : "join"));
    kind = it->second;
  }
  PlanPtr right = tabular(*op.right, scope);
  if (right->open_schema)
    fail(op.right->offset, "a join side from 'evaluate bag_unpack' is not supported");
  const Schema& ls = left->schema;
  const Schema& rs = right->schema;
  if (op.conditions.empty()) fail(op.offset, fmt::format("{} needs an `on` clause", op.keyword));
  std::vector<std::size_t> lk, rk;
  for (const Expr* c : op.conditions) {
    std::size_t li = 0, ri = 0;
    if (const auto* name = c->try_as<NameExpr>()) {
      const int l = engine::find_column(ls, name->name.text);
      const int r = engine::find_column(rs, name->name.text);
      if (l < 0 || r < 0)
        fail(c->offset, fmt::format("'{}' must be a column of both sides of the {} ({} has none)",
                                    name->name.text, op.keyword, l < 0 ? "left" : "right"));
      li = static_cast<std::size_t>(l), ri = static_cast<std::size_t>(r);
    } else if (const auto* b = c->try_as<BinaryExpr>(); b && b->op == BinaryOp::Equal) {
      auto side = [](const Expr& x) -> std::pair<std::string, const MemberExpr*> {
        const auto* m = x.try_as<MemberExpr>();
        if (!m) return {"", nullptr};
        const auto* base = m->object->try_as<NameExpr>();
        if (!base) return {"", nullptr};
        return {base->name.text, m};
      };
      auto [ln, lm] = side(*b->left);
      auto [rn, rm] = side(*b->right);
      if (ln == "$right" && rn == "$left") std::swap(lm, rm), std::swap(ln, rn);
      if (ln != "$left" || rn != "$right")
        fail(c->offset, "a join condition is `Column` or `$left.A == $right.B`");
      const int l = engine::find_column(ls, lm->member.text);
      const int r = engine::find_column(rs, rm->member.text);
      if (l < 0)
        fail(lm->member.offset, fmt::format("the left side has no column '{}'", lm->member.text));
      if (r < 0)
        fail(rm->member.offset, fmt::format("the right side has no column '{}'", rm->member.text));
      li = static_cast<std::size_t>(l), ri = static_cast<std::size_t>(r);
    } else {
      fail(c->offset, "a join condition is `Column` or `$left.A == $right.B`");
    }
    auto norm = [](Type t) { return t == Type::Int ? Type::Long : t; };
    if (ls[li].type == Type::Dynamic || rs[ri].type == Type::Dynamic)
      fail(c->offset, "a join key cannot be dynamic (J-10): convert it with tostring()");
    if (norm(ls[li].type) != norm(rs[ri].type))
      fail(c->offset,
           fmt::format("join keys of different types: {} is {}, {} is {} (J-10)", ls[li].name,
                       type_name(ls[li].type), rs[ri].name, type_name(rs[ri].type)));
    lk.push_back(li), rk.push_back(ri);
  }
  auto n = engine::make_node(PlanKind::Join);
  n->children = {left, right};
  n->join_kind = kind;
  n->left_keys = lk;
  n->right_keys = rk;
  using JK = engine::JoinKind;
  if (kind == JK::LeftSemi || kind == JK::LeftAnti) {
    n->schema = ls;
  } else if (kind == JK::RightSemi || kind == JK::RightAnti) {
    n->schema = rs;
  } else {
    std::vector<std::string> names;
    for (const auto& c : ls) names.push_back(c.name);
    std::vector<std::size_t> right_cols;
    for (std::size_t i = 0; i < rs.size(); ++i) {
      // lookup: the right side's key columns appear once (J-6 contrast; lookup-operator.md).
      if (lookup && std::find(rk.begin(), rk.end(), i) != rk.end()) continue;
      right_cols.push_back(i);
      names.push_back(rs[i].name);
    }
    names = engine::make_column_names_unique(names);
    std::size_t k = 0;
    for (const auto& c : ls) n->schema.push_back({names[k++], c.type});
    if (!lookup) {
      for (const auto& c : rs) n->schema.push_back({names[k++], c.type});
    } else {
      // Join with all right columns, then drop the right keys.
      for (const auto& c : rs) n->schema.push_back({c.name, c.type});
      std::vector<std::size_t> keep;
      for (std::size_t i = 0; i < ls.size(); ++i) keep.push_back(i);
      for (std::size_t i : right_cols) keep.push_back(ls.size() + i);
      auto p = keep_columns(n, keep);
      auto mp = std::const_pointer_cast<engine::PlanNode>(p);
      for (std::size_t i = 0; i < mp->schema.size(); ++i) mp->schema[i].name = names[i];
      return p;
    }
  }
  return n;
}

PlanPtr Binder::bind_union(std::optional<PlanPtr> piped, const UnionOp& op, const ScopePtr& scope) {
  bool outer = true, fuzzy = false;
  std::string source_column;
  for (const auto& p : op.params) {
    if (is_hint(p)) continue;
    const std::string word = param_word(p);
    if (p.name.text == "kind") {
      if (word != "inner" && word != "outer")
        fail(p.value->offset,
             fmt::format("'kind={}' is not a union kind (inner, outer)", cut(word)));
      outer = word == "outer";
    } else if (p.name.text == "withsource" || p.name.text == "source") {
      source_column = word;
    } else if (p.name.text == "isfuzzy") {
      fuzzy = word == "true";
    } else {
      fail(p.name.offset, fmt::format("unknown union parameter '{}'", p.name.text));
    }
  }
  struct Leg {
    PlanPtr plan;
    std::string source;
  };
  std::vector<Leg> legs;
  if (piped) legs.push_back({*piped, "union_arg0"});
  for (const Expr* operand : op.operands) {
    const std::string label = "union_arg" + std::to_string(legs.size());
    if (const auto* w = operand->try_as<WildcardNameExpr>()) {
      std::vector<std::string> present =
          catalog_.present_tables ? catalog_.present_tables() : std::vector<std::string>{};
      std::sort(present.begin(), present.end());
      for (const auto& t : present)
        if (wildcard_match(w->pattern, t))
          if (const TableDef* def = catalog_.find_table(t))
            legs.push_back({table_scan(*def, operand->offset), t});
      continue;
    }
    if (const auto* name = operand->try_as<NameExpr>()) {
      if (fuzzy && !scope->find(name->name.text)) {
        std::vector<std::string> present =
            catalog_.present_tables ? catalog_.present_tables() : std::vector<std::string>{};
        if (std::find(present.begin(), present.end(), name->name.text) == present.end()) continue;
      }
      legs.push_back({source_name(*name, scope), name->name.text});
      continue;
    }
    legs.push_back({tabular(*operand, scope), label});
  }
  for (const auto& leg : legs)
    if (leg.plan->open_schema)
      fail(op.offset, "a union leg from 'evaluate bag_unpack' is not supported");
  if (legs.empty()) fail(op.offset, "union has no table to read (none of its tables is present)");
  // The union's columns (union-operator.md; Kusto.Language's UnifyColumnsWithSameNameAndType):
  // by name, in order of first appearance; a name with several types gives one name_type column
  // per type (in order of appearance), all at the name's first place.
  std::vector<std::pair<std::string, std::vector<Type>>> by_name;
  for (const auto& leg : legs)
    for (const auto& c : leg.plan->schema) {
      auto it = std::find_if(by_name.begin(), by_name.end(),
                             [&](const auto& n) { return n.first == c.name; });
      if (it == by_name.end()) {
        by_name.push_back({c.name, {c.type}});
      } else if (std::find(it->second.begin(), it->second.end(), c.type) == it->second.end()) {
        it->second.push_back(c.type);
      }
    }
  std::vector<std::pair<std::string, Type>> cols;  // (leg column name, type)
  std::vector<std::string> names;
  // Own column names are kept; a made-up name_type that an own name already has takes a number
  // (union-operator.md: View_1's x becomes x_long1 when View_3 has a column x_long).
  std::vector<std::pair<std::string, bool>> raw;  // (name, made up as name_type)
  for (const auto& [name, types] : by_name) {
    for (Type t : types) {
      if (!outer) {
        bool everywhere = true;
        for (const auto& leg : legs) {
          const int i = engine::find_column(leg.plan->schema, name);
          everywhere = everywhere && i >= 0 && leg.plan->schema[i].type == t;
        }
        if (!everywhere) continue;
      }
      cols.push_back({name, t});
      const bool made_up = types.size() > 1 && outer;
      raw.push_back({made_up ? name + "_" + std::string(type_name(t)) : name, made_up});
    }
  }
  UniqueNames unique;
  if (!source_column.empty()) names.push_back(unique.get_or_add(source_column));
  std::vector<std::string> own(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i)
    if (!raw[i].second) own[i] = unique.get_or_add(raw[i].first);
  for (std::size_t i = 0; i < raw.size(); ++i)
    names.push_back(raw[i].second ? unique.get_or_add(raw[i].first) : own[i]);
  auto u = engine::make_node(PlanKind::Union);
  const std::size_t shift = source_column.empty() ? 0 : 1;
  if (shift) u->schema.push_back({names[0], Type::String});
  for (std::size_t i = 0; i < cols.size(); ++i)
    u->schema.push_back({names[i + shift], cols[i].second});
  for (const auto& leg : legs) {
    auto p = over(PlanKind::Project, leg.plan);
    p->schema = u->schema;
    if (shift) p->exprs.push_back(engine::constant(Value::string(leg.source)));
    for (const auto& c : cols) {
      int at = engine::find_column(leg.plan->schema, c.first);
      if (at >= 0 && leg.plan->schema[at].type != c.second) at = -1;
      p->exprs.push_back(at >= 0 ? engine::column_ref(static_cast<std::size_t>(at), c.second)
                                 : engine::constant(Value::null_of(c.second)));
    }
    u->children.push_back(p);
  }
  if (u->children.size() == 1) return u->children[0];
  return u;
}

PlanPtr Binder::bind_sort(PlanPtr input, const std::vector<SortItem>& items, const ScopePtr& scope,
                          std::optional<std::int64_t> top) {
  const Schema& in = input->schema;
  RowScope row{&in, nullptr, nullptr, nullptr};
  // Keys that are not plain columns are computed into hidden columns first, dropped after.
  std::vector<engine::SortKey> keys;
  std::vector<ExprPtr> extra;
  for (const auto& item : items) {
    ExprPtr e = scalar(*item.expr, scope, &row);
    if (e->type == Type::Dynamic) {
      // Kusto sorts dynamic values by their text; keep that order explicit.
      e = located(item.expr->offset, [&] { return engine::call("tostring", {e}); });
    }
    engine::SortKey k;
    if (item.order == SortOrder::GrannyAsc || item.order == SortOrder::GrannyDesc)
      fail(item.expr->offset, "granny-asc/granny-desc are not supported in sort");
    k.descending = item.order != SortOrder::Asc;
    k.nulls_first =
        item.nulls == NullsOrder::Default ? !k.descending : item.nulls == NullsOrder::First;
    if (e->kind == engine::ExprKind::Column) {
      k.column = e->column;
    } else {
      k.column = in.size() + extra.size();
      extra.push_back(e);
    }
    keys.push_back(k);
  }
  PlanPtr source = input;
  if (!extra.empty()) {
    auto p = over(PlanKind::Project, input);
    p->schema = in;
    for (std::size_t i = 0; i < in.size(); ++i)
      p->exprs.push_back(engine::column_ref(i, in[i].type));
    for (std::size_t i = 0; i < extra.size(); ++i) {
      p->exprs.push_back(extra[i]);
      p->schema.push_back({"$sort" + std::to_string(i), extra[i]->type});
    }
    source = p;
  }
  auto s = over(top ? PlanKind::Top : PlanKind::Sort, source);
  s->schema = source->schema;
  s->sort_keys = keys;
  if (top) s->limit = *top;
  if (extra.empty()) return s;
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < in.size(); ++i) keep.push_back(i);
  return keep_columns(s, keep);
}

PlanPtr Binder::bind_mv_expand(PlanPtr input, const MvExpandOp& op, const ScopePtr& scope) {
  bool bags_as_arrays = false;
  std::string item_index;
  for (const auto& p : op.params) {
    const std::string word = param_word(p);
    if (p.name.text == "kind" || p.name.text == "bagexpansion") {
      if (word != "bag" && word != "array")
        fail(p.value->offset, fmt::format("'{}={}' must be bag or array", p.name.text, cut(word)));
      bags_as_arrays = word == "array";
    } else if (p.name.text == "with_itemindex") {
      item_index = word;
    } else if (!is_hint(p)) {
      fail(p.name.offset, fmt::format("unknown mv-expand parameter '{}'", p.name.text));
    }
  }
  // Kusto.Language's mv-expand: the items are projected over the row in Replace style (a
  // column is expanded in place; `x = expr` and computed items replace a column of their name
  // or are added), then expanded.
  const Schema& in = input->schema;
  RowScope row{&in, nullptr, nullptr, nullptr};
  std::vector<ExprPtr> bound;
  for (const auto& item : op.items) {
    ExprPtr e = scalar(*item.item.expr, scope, &row);
    if (e->type != Type::Dynamic)
      fail(item.item.expr->offset,
           fmt::format("mv-expand needs a dynamic value; this one is {}", type_name(e->type)));
    bound.push_back(e);
  }
  ProjectionBuilder b;
  for (std::size_t i = 0; i < in.size(); ++i) {
    b.add(in[i].name, in[i].type, engine::column_ref(i, in[i].type), false);
    b.do_not_add(static_cast<int>(i));
  }
  std::vector<engine::MvExpandColumn> expand;
  for (std::size_t i = 0; i < op.items.size(); ++i) {
    const auto& item = op.items[i];
    engine::MvExpandColumn c;
    if (item.has_to_type) c.to_type = to_type(item.to_type, *this, item.item.expr->offset);
    c.column = project_item(b, item.item, bound[i], Style::Replace, in, scope,
                            c.to_type.value_or(Type::Dynamic));
    if (c.column == ProjectionBuilder::npos)
      fail(item.item.expr->offset, "cannot tell which column to expand");
    expand.push_back(c);
  }
  std::size_t projected = b.columns().size();
  if (!item_index.empty())
    item_index = b.columns()[b.add(item_index, Type::Long, nullptr, false)].name;
  std::vector<ProjectionBuilder::Column> cols(b.columns().begin(), b.columns().begin() + projected);
  auto source = over(PlanKind::Project, input);
  for (const auto& c : cols) {
    source->exprs.push_back(c.expr);
    source->schema.push_back({c.name, c.expr->type});
  }
  auto n = over(PlanKind::MvExpand, source);
  n->schema = source->schema;
  n->expand_bags_as_arrays = bags_as_arrays;
  for (const auto& c : expand) {
    n->schema[c.column].type = c.to_type.value_or(Type::Dynamic);
    n->expand.push_back(c);
  }
  if (!item_index.empty()) {
    n->item_index_slot = n->schema.size();
    n->schema.push_back({item_index, Type::Long});
  }
  // mv-expand-operator.md: the legacy mvexpand's default row limit is 128.
  if (op.keyword == "mvexpand") n->expand_limit = 128;
  if (op.limit) {
    const Value l = constant_value(*op.limit, scope, "mv-expand's limit");
    if (l.type() != Type::Long && l.type() != Type::Int)
      fail(op.limit->offset, "limit must be an integer");
    n->expand_limit = std::max<std::int64_t>(0, l.as_int64());
  }
  return n;
}

PlanPtr Binder::bind_parse(PlanPtr input, const ParseOp& op, const ScopePtr& scope) {
  std::string kind = "simple", flags;
  for (const auto& p : op.params) {
    if (p.name.text == "kind") {
      kind = param_word(p);
    } else if (p.name.text == "flags") {
      flags = param_word(p);
    } else {
      fail(p.name.offset, fmt::format("unknown parse parameter '{}'", p.name.text));
    }
  }
  if (kind != "simple" && kind != "regex" && kind != "relaxed")
    fail(op.offset,
         fmt::format("'kind={}' is not a parse kind (simple, regex, relaxed)", cut(kind)));
  if (kind == "relaxed") fail(op.offset, "'parse kind=relaxed' is not supported");
  const Schema& in = input->schema;
  RowScope row{&in, nullptr, nullptr, nullptr};
  ExprPtr source = scalar(*op.source, scope, &row);
  if (source->type != Type::String)
    source = located(op.source->offset, [&] { return engine::call("tostring", {source}); });
  auto n = over(PlanKind::Parse, input);
  n->schema = in;
  n->parse_source = source;
  // parse-operator.md, regex mode: `*` is `.*?`, a long `(\-\d+)`... A string column is greedy
  // in regex mode (the page's outputs: `resourceName ',' *` takes up to the last comma, and
  // flags=U makes it stop at the first), lazy in simple mode unless it ends the pattern.
  // Columns are named groups, so the pattern's own groups may capture (`"(.*?)[a-z]*="`).
  std::string pattern;
  std::vector<std::string> group_names;
  for (std::size_t i = 0; i < op.pattern.size(); ++i) {
    const ParsePart& part = op.pattern[i];
    const bool last = i + 1 == op.pattern.size();
    switch (part.kind) {
      case ParsePart::Kind::Text:
        pattern += kind == "regex" ? part.text : RE2::QuoteMeta(part.text);
        break;
      case ParsePart::Kind::Star:
        pattern += last ? "(?:.*)" : "(?:.*?)";
        break;
      case ParsePart::Kind::Column: {
        const Type t = part.has_type ? to_type(part.type, *this, part.offset) : Type::String;
        std::string body;
        switch (t) {
          case Type::Int:
          case Type::Long:
            body = "-?\\d+";
            break;
          case Type::Real:
            body = "-?\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?";
            break;
          default:
            body = last || kind == "regex" ? ".*" : ".*?";
            break;
        }
        group_names.push_back("huntq_column_" + std::to_string(group_names.size()));
        pattern += "(?P<" + group_names.back() + ">" + body + ")";
        if (engine::find_column(n->schema, part.column.text) >= 0)
          fail(part.offset,
               fmt::format("parse would make a second column named '{}'", part.column.text));
        n->parse_columns.push_back({0, t, n->schema.size()});
        n->schema.push_back({part.column.text, t});
        break;
      }
    }
  }
  RE2::Options options;
  options.set_log_errors(false);
  options.set_dot_nl(flags.find('s') != std::string::npos);
  options.set_case_sensitive(flags.find('i') == std::string::npos);
  options.set_longest_match(false);
  options.set_never_capture(false);
  std::string anchored = "^(?:" + pattern + ")";
  if (flags.find('U') != std::string::npos) anchored = "(?U)" + anchored;
  if (flags.find('m') != std::string::npos) anchored = "(?m)" + anchored;
  auto re = std::make_shared<RE2>(anchored, options);
  if (!re->ok()) fail(op.offset, fmt::format("parse: invalid pattern: {}", re->error()));
  const auto& groups = re->NamedCapturingGroups();
  for (std::size_t i = 0; i < group_names.size(); ++i) {
    const auto it = groups.find(group_names[i]);
    if (it == groups.end()) fail(op.offset, "parse: the pattern's groups are not balanced");
    n->parse_columns[i].group = it->second;
  }
  n->parse_regex = std::move(re);
  return n;
}

PlanPtr Binder::bind_print(const PrintOp& op, const ScopePtr& scope) {
  auto values = engine::make_node(PlanKind::Values);
  values->rows.push_back({});
  const Schema none;
  RowScope row{&none, nullptr, nullptr, nullptr};
  std::vector<ExprPtr> bound;
  for (const auto& item : op.items) bound.push_back(scalar(*item.expr, scope, &row));
  ProjectionBuilder b;
  for (std::size_t i = 0; i < op.items.size(); ++i) {
    const std::string print_name = "print_" + std::to_string(i);
    project_item(b, op.items[i], bound[i], Style::Print, none, scope, std::nullopt, &print_name);
  }
  return projection(values, b);
}

PlanPtr Binder::bind_range(const RangeOp& op, const ScopePtr& scope) {
  auto n = engine::make_node(PlanKind::Range);
  n->range_from = constant_value(*op.from, scope, "range's start");
  n->range_to = constant_value(*op.to, scope, "range's end");
  n->range_step = constant_value(*op.step, scope, "range's step");
  const Type t = n->range_from.type();
  auto numeric = [](Type x) { return x == Type::Int || x == Type::Long || x == Type::Real; };
  Type out;
  if (numeric(t) && numeric(n->range_to.type()) && numeric(n->range_step.type())) {
    out =
        (t == Type::Real || n->range_to.type() == Type::Real || n->range_step.type() == Type::Real)
            ? Type::Real
            : Type::Long;
    n->range_from = engine::convert_argument(n->range_from, out);
    n->range_to = engine::convert_argument(n->range_to, out);
    n->range_step = engine::convert_argument(n->range_step, out);
  } else if ((t == Type::DateTime || t == Type::TimeSpan) && n->range_to.type() == t &&
             n->range_step.type() == Type::TimeSpan) {
    out = t;
  } else {
    fail(op.offset, "range takes numbers, or datetimes/timespans with a timespan step");
  }
  if (n->range_from.is_null() || n->range_to.is_null() || n->range_step.is_null())
    fail(op.offset, "range's bounds and step must not be null");
  n->schema.push_back({op.column.text, out});
  return n;
}

PlanPtr Binder::bind_datatable(const DatatableExpr& d, const ScopePtr& scope) {
  auto n = engine::make_node(PlanKind::Values);
  for (const auto& c : d.columns)
    n->schema.push_back({c.name.text, to_type(c.type, *this, c.type_offset)});
  if (n->schema.empty()) fail(d.offset, "datatable needs columns");
  if (d.values.size() % n->schema.size() != 0)
    fail(d.offset,
         fmt::format("datatable has {} values for {} columns", d.values.size(), n->schema.size()));
  for (std::size_t i = 0; i < d.values.size(); i += n->schema.size()) {
    std::vector<Value> row;
    for (std::size_t j = 0; j < n->schema.size(); ++j) {
      const Expr& ve = *d.values[i + j];
      Value v = constant_value(ve, scope, "a datatable value");
      const Type want = n->schema[j].type;
      if (v.type() != want) {
        const bool ok = (is_numeric(v.type()) && is_numeric(want)) || want == Type::Dynamic ||
                        (v.is_null() && v.type() == Type::Dynamic);
        if (!ok)
          fail(ve.offset, fmt::format("a {} value in the {} column '{}'", type_name(v.type()),
                                      type_name(want), n->schema[j].name));
        v = v.is_null() ? Value::null_of(want) : engine::convert_argument(v, want);
        if (want == Type::Int && !v.is_null())
          v = Value::int32(static_cast<std::int32_t>(v.as_int64()));
      }
      row.push_back(std::move(v));
    }
    n->rows.push_back(std::move(row));
  }
  return n;
}

PlanPtr Binder::bind_evaluate(std::optional<PlanPtr> input, const EvaluateOp& op,
                              const ScopePtr& scope) {
  const CallExpr& plugin = *op.plugin;
  const std::string& name = plugin.name.text;
  if (name != "bag_unpack")
    fail(plugin.offset, fmt::format("'evaluate {}' is not supported", cut(name)));
  if (!input) fail(op.offset, "'evaluate bag_unpack' needs an input table");
  for (const auto& p : op.params)
    if (!is_hint(p))
      fail(p.name.offset, fmt::format("unknown evaluate parameter '{}'", p.name.text));
  const Schema& in = (*input)->schema;
  RowScope row{&in, nullptr, nullptr, nullptr};
  auto n = over(PlanKind::BagUnpack, *input);
  std::size_t positional = 0;
  for (const auto& arg : plugin.args) {
    const std::string key = arg.names.empty() ? "" : arg.names[0].text;
    const std::size_t index = positional;
    if (key.empty()) ++positional;
    if (key.empty() && index == 0) {
      ExprPtr col = scalar(*arg.expr, scope, &row);
      if (col->kind != engine::ExprKind::Column || col->type != Type::Dynamic)
        fail(arg.expr->offset, "bag_unpack() takes a dynamic column first");
      n->bag_column = col->column;
      continue;
    }
    const Value v = constant_value(*arg.expr, scope, "a bag_unpack() argument");
    if (key == "OutputColumnPrefix" || (key.empty() && index == 1)) {
      if (v.type() != Type::String) fail(arg.expr->offset, "the column prefix must be a string");
      n->bag_prefix = v.text();
    } else if (key == "columnsConflict" || (key.empty() && index == 2)) {
      if (v.type() != Type::String ||
          (v.text() != "error" && v.text() != "replace_source" && v.text() != "keep_source"))
        fail(arg.expr->offset, "columnsConflict is error, replace_source or keep_source");
      n->bag_conflict = v.text();
    } else if (key == "ignoredProperties" || (key.empty() && index == 3)) {
      if (v.type() != Type::Dynamic || v.is_null() || !v.tree()->is_array())
        fail(arg.expr->offset, "ignoredProperties is a dynamic array of names");
      for (const auto& el : v.tree()->items())
        if (el->kind() == DynamicKind::String) n->bag_ignored.push_back(el->text());
    } else {
      fail(arg.expr->offset,
           "bag_unpack() takes a column, a prefix, columnsConflict and ignoredProperties");
    }
  }
  if (plugin.args.empty()) fail(plugin.offset, "bag_unpack() takes a dynamic column");
  for (std::size_t i = 0; i < in.size(); ++i)
    if (i != n->bag_column) n->schema.push_back(in[i]);
  n->open_schema = true;
  return n;
}

}  // namespace huntq::kql
