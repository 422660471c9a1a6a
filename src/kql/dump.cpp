// S-expression dump of the syntax tree, for tests and debugging.
#include <fmt/format.h>

#include <cmath>

#include "huntq/kql/syntax.h"
#include "huntq/value/json_quote.h"

namespace huntq::kql {
namespace {

class Dumper {
 public:
  std::string out;

  void node(const Node& n) {
    switch (n.category) {
      case NodeCategory::Expr:
        expr(static_cast<const Expr&>(n));
        break;
      case NodeCategory::QueryOp:
        op(static_cast<const QueryOp&>(n));
        break;
      case NodeCategory::Statement:
        statement(static_cast<const Statement&>(n));
        break;
      case NodeCategory::Function:
        function(static_cast<const FunctionDecl&>(n));
        break;
    }
  }

 private:
  void open(std::string_view head) {
    out += '(';
    out += head;
  }
  void close() { out += ')'; }
  void sp() { out += ' '; }

  void ident(const Ident& id) {
    if (id.bracketed) {
      out += '[';
      append_json_quoted(out, id.text);
      out += ']';
    } else {
      out += id.text;
    }
  }

  void literal(const LiteralExpr& l) {
    open(scalar_type_name(l.type));
    sp();
    if (l.is_null) {
      out += "null";
    } else {
      switch (l.type) {
        case ScalarType::Bool:
          out += l.int_value != 0 ? "true" : "false";
          break;
        case ScalarType::Int:
        case ScalarType::Long:
        case ScalarType::TimeSpan:
          out += std::to_string(l.int_value);
          break;
        case ScalarType::Real:
          if (std::isnan(l.real_value)) {
            out += "nan";
          } else if (std::isinf(l.real_value)) {
            out += l.real_value > 0 ? "inf" : "-inf";
          } else {
            out += fmt::format("{}", l.real_value);
          }
          break;
        default:
          append_json_quoted(out, l.text);
          break;
      }
    }
    close();
  }

  void named(const NamedExpr& n) {
    if (n.names.empty()) {
      expr(*n.expr);
      return;
    }
    open("=");
    sp();
    if (n.tuple) out += '(';
    for (std::size_t i = 0; i < n.names.size(); ++i) {
      if (i > 0) sp();
      ident(n.names[i]);
    }
    if (n.tuple) out += ')';
    sp();
    expr(*n.expr);
    close();
  }

  void named_list(const std::vector<NamedExpr>& items) {
    for (const NamedExpr& n : items) {
      sp();
      named(n);
    }
  }

  void params(const std::vector<OperatorParam>& ps) {
    if (ps.empty()) return;
    sp();
    open("params");
    for (const OperatorParam& p : ps) {
      sp();
      open(p.name.text);
      sp();
      expr(*p.value);
      close();
    }
    close();
  }

  void pattern(const NamePattern& p) {
    if (p.bracketed) {
      out += '[';
      append_json_quoted(out, p.text);
      out += ']';
    } else {
      out += p.text;
    }
  }

  static std::string_view order_name(SortOrder o) {
    switch (o) {
      case SortOrder::Asc:
        return "asc";
      case SortOrder::Desc:
        return "desc";
      case SortOrder::GrannyAsc:
        return "granny-asc";
      case SortOrder::GrannyDesc:
        return "granny-desc";
      case SortOrder::Default:
        break;
    }
    return "default";
  }

  void sort_item(const SortItem& s) {
    if (s.order == SortOrder::Default && s.nulls == NullsOrder::Default) {
      expr(*s.expr);
      return;
    }
    open(order_name(s.order));
    sp();
    expr(*s.expr);
    if (s.nulls != NullsOrder::Default) {
      out += s.nulls == NullsOrder::First ? " nulls-first" : " nulls-last";
    }
    close();
  }

  void columns(const std::vector<ColumnDecl>& cols) {
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (i > 0) sp();
      out += '(';
      ident(cols[i].name);
      sp();
      out += scalar_type_name(cols[i].type);
      out += ')';
    }
  }

  void expr(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Literal:
        literal(e.as<LiteralExpr>());
        return;
      case ExprKind::Dynamic:
        open("dynamic");
        sp();
        expr(*e.as<DynamicExpr>().value);
        close();
        return;
      case ExprKind::JsonArray:
        open("array");
        for (const Expr* x : e.as<JsonArrayExpr>().elements) {
          sp();
          expr(*x);
        }
        close();
        return;
      case ExprKind::JsonObject:
        open("object");
        for (const JsonMember& m : e.as<JsonObjectExpr>().members) {
          out += " (";
          append_json_quoted(out, m.key);
          sp();
          expr(*m.value);
          close();
        }
        close();
        return;
      case ExprKind::Name:
        open("name");
        sp();
        ident(e.as<NameExpr>().name);
        close();
        return;
      case ExprKind::WildcardName:
        open("wildcard");
        sp();
        out += e.as<WildcardNameExpr>().pattern;
        close();
        return;
      case ExprKind::Star:
        out += '*';
        return;
      case ExprKind::Call: {
        const auto& c = e.as<CallExpr>();
        open("call");
        if (c.receiver != nullptr) {
          out += " (receiver ";
          expr(*c.receiver);
          close();
        }
        sp();
        ident(c.name);
        named_list(c.args);
        close();
        return;
      }
      case ExprKind::Member: {
        const auto& m = e.as<MemberExpr>();
        open(".");
        sp();
        expr(*m.object);
        sp();
        ident(m.member);
        close();
        return;
      }
      case ExprKind::Index: {
        const auto& ix = e.as<IndexExpr>();
        open("[]");
        sp();
        expr(*ix.object);
        sp();
        expr(*ix.index);
        close();
        return;
      }
      case ExprKind::Unary: {
        const auto& u = e.as<UnaryExpr>();
        open(u.op == UnaryOp::Minus ? "unary-" : "unary+");
        sp();
        expr(*u.operand);
        close();
        return;
      }
      case ExprKind::Binary: {
        const auto& b = e.as<BinaryExpr>();
        open(b.op == BinaryOp::MatchesRegex ? "matches-regex" : binary_op_text(b.op));
        sp();
        expr(*b.left);
        sp();
        expr(*b.right);
        close();
        return;
      }
      case ExprKind::InList: {
        const auto& in = e.as<InListExpr>();
        open(in_op_text(in.op));
        sp();
        expr(*in.left);
        out += " (list";
        for (const Expr* x : in.list) {
          sp();
          expr(*x);
        }
        close();
        close();
        return;
      }
      case ExprKind::Between: {
        const auto& b = e.as<BetweenExpr>();
        open(b.negated ? "!between" : "between");
        sp();
        expr(*b.left);
        sp();
        expr(*b.low);
        sp();
        expr(*b.high);
        close();
        return;
      }
      case ExprKind::Paren:
        open("paren");
        sp();
        expr(*e.as<ParenExpr>().inner);
        close();
        return;
      case ExprKind::TypeOf:
        open("typeof");
        sp();
        out += scalar_type_name(e.as<TypeOfExpr>().type);
        close();
        return;
      case ExprKind::Datatable: {
        const auto& d = e.as<DatatableExpr>();
        open("datatable");
        out += " (columns ";
        columns(d.columns);
        out += ") (values";
        for (const Expr* v : d.values) {
          sp();
          expr(*v);
        }
        close();
        close();
        return;
      }
      case ExprKind::Pipe: {
        const auto& p = e.as<PipeExpr>();
        open("pipe");
        sp();
        expr(*p.source);
        sp();
        op(*p.op);
        close();
        return;
      }
      case ExprKind::Operator:
        open("operator");
        sp();
        op(*e.as<OperatorExpr>().op);
        close();
        return;
    }
  }

  void op(const QueryOp& o) {
    open(o.keyword);
    switch (o.kind) {
      case OpKind::Where:
        sp();
        expr(*o.as<WhereOp>().predicate);
        break;
      case OpKind::Extend:
        named_list(o.as<ExtendOp>().items);
        break;
      case OpKind::Project:
        named_list(o.as<ProjectOp>().items);
        break;
      case OpKind::ProjectAway:
        for (const NamePattern& p : o.as<ProjectAwayOp>().columns) {
          sp();
          pattern(p);
        }
        break;
      case OpKind::ProjectKeep:
        for (const NamePattern& p : o.as<ProjectKeepOp>().columns) {
          sp();
          pattern(p);
        }
        break;
      case OpKind::ProjectRename:
        for (const Rename& r : o.as<ProjectRenameOp>().renames) {
          out += " (= ";
          ident(r.new_name);
          sp();
          ident(r.old_name);
          close();
        }
        break;
      case OpKind::ProjectReorder:
        for (const ReorderItem& r : o.as<ProjectReorderOp>().items) {
          sp();
          if (r.order == SortOrder::Default) {
            pattern(r.column);
          } else {
            open(order_name(r.order));
            sp();
            pattern(r.column);
            close();
          }
        }
        break;
      case OpKind::Summarize: {
        const auto& s = o.as<SummarizeOp>();
        params(s.params);
        out += " (aggregates";
        named_list(s.aggregates);
        close();
        if (!s.by.empty()) {
          out += " (by";
          named_list(s.by);
          close();
        }
        break;
      }
      case OpKind::Join:
      case OpKind::Lookup: {
        const auto& j = static_cast<const JoinOp&>(o);
        params(j.params);
        sp();
        expr(*j.right);
        if (!j.conditions.empty()) {
          out += " (on";
          for (const Expr* c : j.conditions) {
            sp();
            expr(*c);
          }
          close();
        }
        break;
      }
      case OpKind::Union: {
        const auto& u = o.as<UnionOp>();
        params(u.params);
        for (const Expr* x : u.operands) {
          sp();
          expr(*x);
        }
        break;
      }
      case OpKind::Sort: {
        const auto& s = o.as<SortOp>();
        params(s.params);
        out += " (by";
        for (const SortItem& i : s.items) {
          sp();
          sort_item(i);
        }
        close();
        break;
      }
      case OpKind::Top: {
        const auto& t = o.as<TopOp>();
        params(t.params);
        sp();
        expr(*t.count);
        out += " (by ";
        sort_item(t.by);
        close();
        break;
      }
      case OpKind::Take: {
        const auto& t = o.as<TakeOp>();
        params(t.params);
        sp();
        expr(*t.count);
        break;
      }
      case OpKind::Distinct: {
        const auto& d = o.as<DistinctOp>();
        params(d.params);
        named_list(d.items);
        break;
      }
      case OpKind::Count: {
        const auto& c = o.as<CountOp>();
        if (c.has_name) {
          out += " (as ";
          ident(c.name);
          close();
        }
        break;
      }
      case OpKind::MvExpand: {
        const auto& m = o.as<MvExpandOp>();
        params(m.params);
        for (const MvExpandItem& i : m.items) {
          sp();
          if (i.has_to_type) {
            open("to-typeof");
            sp();
            out += scalar_type_name(i.to_type);
            sp();
            named(i.item);
            close();
          } else {
            named(i.item);
          }
        }
        if (m.limit != nullptr) {
          out += " (limit ";
          expr(*m.limit);
          close();
        }
        break;
      }
      case OpKind::Parse: {
        const auto& p = o.as<ParseOp>();
        params(p.params);
        sp();
        expr(*p.source);
        out += " (with";
        for (const ParsePart& part : p.pattern) {
          sp();
          switch (part.kind) {
            case ParsePart::Kind::Text:
              append_json_quoted(out, part.text);
              break;
            case ParsePart::Kind::Star:
              out += '*';
              break;
            case ParsePart::Kind::Column:
              out += "(column ";
              ident(part.column);
              if (part.has_type) {
                sp();
                out += scalar_type_name(part.type);
              }
              close();
              break;
          }
        }
        close();
        break;
      }
      case OpKind::Serialize:
        named_list(o.as<SerializeOp>().items);
        break;
      case OpKind::GetSchema:
        params(o.as<GetSchemaOp>().params);
        break;
      case OpKind::Evaluate: {
        const auto& ev = o.as<EvaluateOp>();
        params(ev.params);
        sp();
        expr(*ev.plugin);
        break;
      }
      case OpKind::Render: {
        const auto& r = o.as<RenderOp>();
        sp();
        ident(r.chart);
        if (!r.properties.empty()) {
          out += " (properties ";
          append_json_quoted(out, r.properties);
          close();
        }
        break;
      }
      case OpKind::Invoke:
        sp();
        expr(*o.as<InvokeOp>().call);
        break;
      case OpKind::As: {
        const auto& a = o.as<AsOp>();
        params(a.params);
        sp();
        ident(a.name);
        break;
      }
      case OpKind::Print:
        named_list(o.as<PrintOp>().items);
        break;
      case OpKind::Range: {
        const auto& r = o.as<RangeOp>();
        sp();
        ident(r.column);
        sp();
        expr(*r.from);
        sp();
        expr(*r.to);
        sp();
        expr(*r.step);
        break;
      }
    }
    close();
  }

  void param(const FunctionParam& p) {
    open("param");
    sp();
    ident(p.name);
    sp();
    if (p.type.kind == ParamType::Kind::Scalar) {
      out += scalar_type_name(p.type.scalar);
    } else if (p.type.any_columns) {
      out += "(table *)";
    } else {
      out += "(table";
      if (!p.type.columns.empty()) sp();
      columns(p.type.columns);
      out += ')';
    }
    if (p.default_value != nullptr) {
      out += " (default ";
      expr(*p.default_value);
      close();
    }
    close();
  }

  void function(const FunctionDecl& f) {
    open(f.is_view ? "view" : "function");
    out += " (params";
    for (const FunctionParam& p : f.params) {
      sp();
      param(p);
    }
    out += ") (body";
    for (const Statement* s : f.statements) {
      sp();
      statement(*s);
    }
    sp();
    expr(*f.body);
    close();
    close();
  }

  void statement(const Statement& s) {
    switch (s.kind) {
      case StatementKind::Let: {
        const auto& l = s.as<LetStatement>();
        open("let");
        sp();
        ident(l.name);
        sp();
        if (l.function != nullptr) {
          function(*l.function);
        } else {
          expr(*l.value);
        }
        close();
        return;
      }
      case StatementKind::Set: {
        const auto& st = s.as<SetStatement>();
        open("set");
        sp();
        ident(st.name);
        if (st.value != nullptr) {
          sp();
          expr(*st.value);
        }
        close();
        return;
      }
      case StatementKind::QueryParameters:
        open("query_parameters");
        for (const FunctionParam& p : s.as<QueryParametersStatement>().params) {
          sp();
          param(p);
        }
        close();
        return;
      case StatementKind::Query:
        open("query");
        sp();
        expr(*s.as<QueryStatement>().expr);
        close();
        return;
    }
  }
};

}  // namespace

std::string dump(const Node& node) {
  Dumper d;
  d.node(node);
  return d.out;
}

std::string dump(const Script& script) {
  Dumper d;
  d.out = "(script";
  for (const Statement* s : script.statements()) {
    d.out += ' ';
    d.node(*s);
  }
  d.out += ')';
  return d.out;
}

}  // namespace huntq::kql
