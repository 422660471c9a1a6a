// Tabular operators: after a '|', or starting a pipeline (union, print, range, evaluate).
#include <fmt/format.h>

#include "parser_impl.h"

namespace huntq::kql {
namespace {

// Kusto operators huntq does not run; refused by name where they are written.
constexpr std::string_view kUnsupportedWords[] = {
    "consume",
    "facet",
    "find",
    "fork",
    "mvapply",
    "partition",
    "__partitionby",
    "reduce",
    "sample",
    "scan",
    "search",
    "externaldata",
    "external_data",
    "inline_external_table",
    "__executeAndCache",
    "__projectAway",
};
constexpr std::string_view kUnsupportedKeywords[] = {
    "make-series",
    "mv-apply",
    "parse-where",
    "parse-kv",
    "project-smart",
    "project-by-names",
    "sample-distinct",
    "top-hitters",
    "top-nested",
    "make-graph",
    "graph-match",
    "graph-shortest-paths",
    "graph-to-table",
    "graph-mark-components",
    "graph-where-nodes",
    "graph-where-edges",
    "macro-expand",
    "assert-schema",
    "materialized-view-combine",
    "partitioned-by",
};

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view w) {
  for (std::string_view x : list) {
    if (x == w) return true;
  }
  return false;
}

// Operators that need an input: `where x` alone is an error, not a table named `where`.
constexpr std::string_view kPipedOnlyWords[] = {"where", "project", "as", "invoke"};

}  // namespace

// An operator where a pipeline starts, or null if the tokens are an ordinary expression.
const QueryOp* Parser::try_parse_source_operator() {
  const Token& t = peek();
  if (t.kind == TokenKind::Keyword) {
    const std::string_view w = text(t);
    if (contains(kUnsupportedKeywords, w)) unsupported(t, w);
    if (w.substr(0, 8) == "project-" || w == "mv-expand") {
      fail(t.offset, fmt::format("'{}' needs an input: write 'Table | {} ...'", w, w));
    }
    return nullptr;
  }
  if (t.kind != TokenKind::Identifier) return nullptr;
  const std::string_view w = text(t);
  if (w == "union") return parse_union(advance());
  if (w == "print") return parse_print(advance());
  if (w == "range" && scan_name(1) > 0 && at_word("from", 1 + scan_name(1))) {
    return parse_range(advance());
  }
  if (w == "evaluate" && at(TokenKind::Identifier, 1)) return parse_evaluate(advance());
  if (w == "find" || w == "search" || w == "externaldata" || w == "external_data" ||
      w == "inline_external_table" || w == "entity_group") {
    unsupported(t, w);
  }
  if (contains(kPipedOnlyWords, w) && !at_list_end(1) && !at(TokenKind::Dot, 1) &&
      !at(TokenKind::OpenParen, 1) && !at(TokenKind::OpenBracket, 1) &&
      !at(TokenKind::EqualEqual, 1)) {
    fail(t.offset, fmt::format("'{}' needs an input: write 'Table | {} ...'", w, w));
  }
  return nullptr;
}

const QueryOp* Parser::parse_piped_operator() {
  const Token& t = peek();
  const std::string_view w = text(t);
  if (t.kind == TokenKind::Keyword) {
    if (w == "project-away") return parse_project_away(advance(), false);
    if (w == "project-keep") return parse_project_away(advance(), true);
    if (w == "project-rename") return parse_project_rename(advance());
    if (w == "project-reorder") return parse_project_reorder(advance());
    if (w == "mv-expand") return parse_mv_expand(advance());
    if (contains(kUnsupportedKeywords, w)) unsupported(t, w);
  } else if (t.kind == TokenKind::Identifier) {
    if (w == "where" || w == "filter") return parse_where(advance());
    if (w == "extend") return parse_extend(advance());
    if (w == "project") return parse_project(advance());
    if (w == "summarize") return parse_summarize(advance());
    if (w == "join") return parse_join(advance(), false);
    if (w == "lookup") return parse_join(advance(), true);
    if (w == "union") return parse_union(advance());
    if (w == "sort" || w == "order") return parse_sort(advance());
    if (w == "top") return parse_top(advance());
    if (w == "take" || w == "limit") return parse_take(advance());
    if (w == "distinct") return parse_distinct(advance());
    if (w == "count" && !at(TokenKind::OpenParen, 1)) return parse_count(advance());
    if (w == "mvexpand") return parse_mv_expand(advance());
    if (w == "parse") return parse_parse(advance());
    if (w == "serialize") return parse_serialize(advance());
    if (w == "getschema") return parse_getschema(advance());
    if (w == "evaluate") return parse_evaluate(advance());
    if (w == "render") return parse_render(advance());
    if (w == "invoke") return parse_invoke(advance());
    if (w == "as") return parse_as(advance());
    if (w == "print") return parse_print(advance());
    if (w == "range") return parse_range(advance());
    if (contains(kUnsupportedWords, w)) unsupported(t, w);
    fail(t.offset, fmt::format("unknown query operator {}", describe(t)));
  }
  fail_expected("a query operator after '|'");
}

// ---------------------------------------------------------------------------------------------
// Parameters: `name=value` before an operator's arguments.

// Token count of a parameter name followed by '=': `hint.<word>` or one of `names`.
std::size_t Parser::scan_param_name(std::initializer_list<std::string_view> names) const {
  if (at_word("hint") && at(TokenKind::Dot, 1) && at(TokenKind::Identifier, 2) &&
      at(TokenKind::Equal, 3)) {
    return 3;
  }
  if (!at(TokenKind::Identifier) || !at(TokenKind::Equal, 1)) return 0;
  for (std::string_view n : names) {
    if (peek_text() == n) return 1;
  }
  return 0;
}

std::vector<OperatorParam> Parser::parse_params(std::initializer_list<std::string_view> names) {
  std::vector<OperatorParam> params;
  while (const std::size_t n = scan_param_name(names)) {
    OperatorParam p;
    p.name.offset = peek().offset;
    for (std::size_t i = 0; i < n; ++i) p.name.text += text(advance());
    advance();  // =
    p.value = parse_param_value(p.name.text);
    params.push_back(std::move(p));
  }
  return params;
}

// A literal, a word (`inner`, `shuffle`) or a name (`withsource=SourceTable`).
const Expr* Parser::parse_param_value(std::string_view name) {
  switch (peek().kind) {
    case TokenKind::Identifier:
      if (!is_bool_word(peek_text())) {
        auto* n = make<NameExpr>(peek().offset);
        n->name = ident_of(advance());
        return finish(n);
      }
      return bool_literal(advance());
    case TokenKind::OpenBracket:
      if (scan_bracketed_name(0) > 0) {
        auto* n = make<NameExpr>(peek().offset);
        n->name = parse_ident("a name");
        return finish(n);
      }
      break;
    default:
      break;
  }
  return parse_literal_value(fmt::format("a value for '{}'", name));
}

// ---------------------------------------------------------------------------------------------
// Shared parts

SortOrder Parser::parse_sort_order() {
  if (at_word("asc")) {
    advance();
    return SortOrder::Asc;
  }
  if (at_word("desc")) {
    advance();
    return SortOrder::Desc;
  }
  if (at_keyword("granny-asc")) {
    advance();
    return SortOrder::GrannyAsc;
  }
  if (at_keyword("granny-desc")) {
    advance();
    return SortOrder::GrannyDesc;
  }
  return SortOrder::Default;
}

// `expr [asc|desc] [nulls first|last]`.
SortItem Parser::parse_sort_item() {
  SortItem item;
  item.expr = parse_unnamed();
  item.order = parse_sort_order();
  if (at_word("nulls")) {
    advance();
    if (at_word("first")) {
      item.nulls = NullsOrder::First;
    } else if (at_word("last")) {
      item.nulls = NullsOrder::Last;
    } else {
      fail_expected("'first' or 'last' after 'nulls'");
    }
    advance();
  }
  return item;
}

// `on` items, split at commas and at top-level `and`.
std::vector<const Expr*> Parser::parse_join_conditions() {
  std::vector<const Expr*> conditions;
  auto add = [&](auto&& self, const Expr* e) -> void {
    if (const auto* b = e->try_as<BinaryExpr>(); b != nullptr && b->op == BinaryOp::And) {
      self(self, b->left);
      self(self, b->right);
    } else {
      conditions.push_back(e);
    }
  };
  for (;;) {
    add(add, parse_unnamed());
    if (!accept(TokenKind::Comma)) break;
  }
  return conditions;
}

// ---------------------------------------------------------------------------------------------
// Operators

const QueryOp* Parser::parse_where(const Token& kw) {
  auto* op = make<WhereOp>(kw.offset);
  op->keyword = std::string(text(kw));
  if (at_list_end()) fail_expected(fmt::format("a predicate after '{}'", text(kw)));
  op->predicate = parse_unnamed();
  return finish(op);
}

const QueryOp* Parser::parse_extend(const Token& kw) {
  auto* op = make<ExtendOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->items = parse_named_list(true, "an expression to extend");
  return finish(op);
}

const QueryOp* Parser::parse_project(const Token& kw) {
  auto* op = make<ProjectOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->items = parse_named_list(false, "a column or expression to project");
  return finish(op);
}

const QueryOp* Parser::parse_project_away(const Token& kw, bool keep) {
  std::vector<NamePattern> columns;
  if (!at_list_end()) {
    for (;;) {
      columns.push_back(parse_name_pattern("a column name or wildcard pattern"));
      if (!accept(TokenKind::Comma)) break;
    }
  }
  QueryOp* op = nullptr;
  if (keep) {
    auto* k = make<ProjectKeepOp>(kw.offset);
    k->columns = std::move(columns);
    op = k;
  } else {
    auto* a = make<ProjectAwayOp>(kw.offset);
    a->columns = std::move(columns);
    op = a;
  }
  op->keyword = std::string(text(kw));
  return finish(op);
}

const QueryOp* Parser::parse_project_rename(const Token& kw) {
  auto* op = make<ProjectRenameOp>(kw.offset);
  op->keyword = std::string(text(kw));
  if (!at_list_end()) {
    for (;;) {
      Rename r;
      r.new_name = parse_ident("a new column name");
      expect(TokenKind::Equal, "in 'NewName = OldName'");
      r.old_name = parse_ident("the column to rename");
      op->renames.push_back(std::move(r));
      if (!accept(TokenKind::Comma)) break;
    }
  }
  return finish(op);
}

const QueryOp* Parser::parse_project_reorder(const Token& kw) {
  auto* op = make<ProjectReorderOp>(kw.offset);
  op->keyword = std::string(text(kw));
  if (!at_list_end()) {
    for (;;) {
      ReorderItem item;
      item.column = parse_name_pattern("a column name or wildcard pattern");
      item.order = parse_sort_order();
      op->items.push_back(std::move(item));
      if (!accept(TokenKind::Comma)) break;
    }
  }
  return finish(op);
}

const QueryOp* Parser::parse_summarize(const Token& kw) {
  auto* op = make<SummarizeOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->params = parse_params({});
  if (!at_list_end() && !at_word("by")) {
    for (;;) {
      if (at_list_end() || at_word("by")) fail_expected("an aggregate");
      op->aggregates.push_back(parse_named(false));
      if (!accept(TokenKind::Comma)) break;
    }
  }
  if (at_word("by")) {
    advance();
    op->by = parse_named_list(true, "a group-by expression after 'by'");
  }
  return finish(op);
}

const QueryOp* Parser::parse_join(const Token& kw, bool lookup) {
  JoinOp* op = lookup ? make<LookupOp>(kw.offset) : make<JoinOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->params = parse_params({"kind"});
  if (at_list_end() || at_word("on")) {
    fail_expected(fmt::format("the right side of the {} (a table name or (query))", text(kw)));
  }
  op->right = parse_unnamed();
  if (at_word("on")) {
    advance();
    op->conditions = parse_join_conditions();
  } else if (at_word("where")) {
    unsupported(peek(), fmt::format("{} ... where", text(kw)));
  } else if (lookup) {
    fail_expected("'on' and the lookup keys");
  }
  return finish(op);
}

Expr* Parser::parse_union_operand() {
  if (at(TokenKind::OpenParen)) {
    const Token& open = advance();
    auto* p = make<ParenExpr>(open.offset);
    p->inner = parse_expression();
    expect_close(TokenKind::CloseParen, open);
    return finish(p);
  }
  if (const std::size_t n = scan_wildcard(0); n > 0) {
    auto* w = make<WildcardNameExpr>(peek().offset);
    for (std::size_t i = 0; i < n; ++i) w->pattern += text(advance());
    return finish(w);
  }
  if (!at(TokenKind::Identifier) && scan_bracketed_name(0) == 0) {
    fail_expected("a table name, wildcard or (query) to union");
  }
  return parse_postfix();
}

const QueryOp* Parser::parse_union(const Token& kw) {
  auto* op = make<UnionOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->params =
      parse_params({"kind", "withsource", "with_source", "isfuzzy", "__isFuzzy", "best_effort"});
  for (;;) {
    op->operands.push_back(parse_union_operand());
    if (!accept(TokenKind::Comma)) break;
  }
  return finish(op);
}

const QueryOp* Parser::parse_sort(const Token& kw) {
  auto* op = make<SortOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->params = parse_params({});
  expect_word("by", fmt::format("after '{}'", text(kw)));
  for (;;) {
    op->items.push_back(parse_sort_item());
    if (!accept(TokenKind::Comma)) break;
  }
  return finish(op);
}

const QueryOp* Parser::parse_top(const Token& kw) {
  auto* op = make<TopOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->params = parse_params({});
  op->count = parse_unnamed();
  expect_word("by", "after the number of rows in 'top N by ...'");
  op->by = parse_sort_item();
  return finish(op);
}

const QueryOp* Parser::parse_take(const Token& kw) {
  auto* op = make<TakeOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->params = parse_params({});
  if (at_list_end()) fail_expected(fmt::format("a number of rows after '{}'", text(kw)));
  op->count = parse_unnamed();
  return finish(op);
}

const QueryOp* Parser::parse_distinct(const Token& kw) {
  auto* op = make<DistinctOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->params = parse_params({});
  for (;;) {
    if (at_list_end()) fail_expected("a column or '*' after 'distinct'");
    if (at(TokenKind::Star)) {
      NamedExpr star;
      star.expr = parse_star();
      op->items.push_back(std::move(star));
    } else {
      op->items.push_back(parse_named(false));
    }
    if (!accept(TokenKind::Comma)) break;
  }
  return finish(op);
}

const QueryOp* Parser::parse_count(const Token& kw) {
  auto* op = make<CountOp>(kw.offset);
  op->keyword = std::string(text(kw));
  if (at_word("as")) {
    advance();
    op->has_name = true;
    op->name = parse_ident("a column name after 'count as'");
  }
  return finish(op);
}

const QueryOp* Parser::parse_mv_expand(const Token& kw) {
  auto* op = make<MvExpandOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->params = parse_params({"kind", "bagexpansion", "with_itemindex"});
  for (;;) {
    if (at_list_end() || at_word("limit")) fail_expected("a column or expression to expand");
    MvExpandItem item;
    item.item = parse_named(false);
    if (at_word("to")) {
      advance();
      if (!at_word("typeof") || !at(TokenKind::OpenParen, 1)) {
        fail_expected("'typeof(type)' after 'to'");
      }
      advance();
      const Token& open = advance();
      std::uint32_t offset = 0;
      item.has_to_type = true;
      item.to_type = parse_scalar_type(offset);
      expect_close(TokenKind::CloseParen, open);
    }
    op->items.push_back(std::move(item));
    if (!accept(TokenKind::Comma)) break;
  }
  if (at_word("limit")) {
    advance();
    op->limit = parse_unnamed();
  }
  return finish(op);
}

// `parse [kind=...] [flags=...] source with "text" Column:type * ...`.
const QueryOp* Parser::parse_parse(const Token& kw) {
  auto* op = make<ParseOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->params = parse_params({"kind", "flags"});
  op->source = parse_unnamed();
  expect_word("with", "and a pattern after the parsed expression");
  for (;;) {
    ParsePart part;
    part.offset = peek().offset;
    if (at(TokenKind::Star)) {
      advance();
      part.kind = ParsePart::Kind::Star;
    } else if (at(TokenKind::String)) {
      part.kind = ParsePart::Kind::Text;
      part.text = parse_string_literal()->as<LiteralExpr>().text;
    } else if (scan_name(0) > 0) {
      part.kind = ParsePart::Kind::Column;
      part.column = parse_ident("a column name");
      if (accept(TokenKind::Colon)) {
        std::uint32_t offset = 0;
        part.has_type = true;
        part.type = parse_scalar_type(offset);
      }
    } else {
      break;
    }
    op->pattern.push_back(std::move(part));
  }
  return finish(op);
}

const QueryOp* Parser::parse_serialize(const Token& kw) {
  auto* op = make<SerializeOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->items = parse_named_list(false, "a column or expression");
  return finish(op);
}

const QueryOp* Parser::parse_getschema(const Token& kw) {
  auto* op = make<GetSchemaOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->params = parse_params({"kind"});
  return finish(op);
}

const QueryOp* Parser::parse_evaluate(const Token& kw) {
  auto* op = make<EvaluateOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->params = parse_params({});
  if (!at(TokenKind::Identifier) || !at(TokenKind::OpenParen, 1)) {
    fail_expected("a plugin call such as bag_unpack(...) after 'evaluate'");
  }
  op->plugin = &parse_call(nullptr, peek().offset)->as<CallExpr>();
  if (at(TokenKind::Colon)) unsupported(kw, "evaluate ... : (output schema)");
  return finish(op);
}

// `render chart [properties]`: the properties are kept as written.
const QueryOp* Parser::parse_render(const Token& kw) {
  auto* op = make<RenderOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->chart = parse_ident("a chart type after 'render'");
  const std::uint32_t start = peek().offset;
  int depth = 0;
  for (;;) {
    const TokenKind k = peek().kind;
    if (k == TokenKind::End || (depth == 0 && (at_list_end() || k == TokenKind::Semicolon))) {
      break;
    }
    if (k == TokenKind::OpenParen || k == TokenKind::OpenBracket || k == TokenKind::OpenBrace) {
      ++depth;
    } else if (k == TokenKind::CloseParen || k == TokenKind::CloseBracket ||
               k == TokenKind::CloseBrace) {
      --depth;
    }
    advance();
  }
  if (last_end_ > start) op->properties = out_.source.text.substr(start, last_end_ - start);
  return finish(op);
}

const QueryOp* Parser::parse_invoke(const Token& kw) {
  auto* op = make<InvokeOp>(kw.offset);
  op->keyword = std::string(text(kw));
  if (!at(TokenKind::Identifier) || !at(TokenKind::OpenParen, 1)) {
    fail_expected("a function call after 'invoke'");
  }
  op->call = &parse_call(nullptr, peek().offset)->as<CallExpr>();
  if (at(TokenKind::Dot)) unsupported(peek(), "invoke f().g()");
  return finish(op);
}

const QueryOp* Parser::parse_as(const Token& kw) {
  auto* op = make<AsOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->params = parse_params({});
  op->name = parse_ident("a name after 'as'");
  return finish(op);
}

const QueryOp* Parser::parse_print(const Token& kw) {
  auto* op = make<PrintOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->items = parse_named_list(true, "an expression to print");
  return finish(op);
}

const QueryOp* Parser::parse_range(const Token& kw) {
  auto* op = make<RangeOp>(kw.offset);
  op->keyword = std::string(text(kw));
  op->column = parse_ident("a column name after 'range'");
  expect_word("from", "in 'range Column from start to stop step step'");
  op->from = parse_unnamed();
  expect_word("to", "in 'range Column from start to stop step step'");
  op->to = parse_unnamed();
  expect_word("step", "in 'range Column from start to stop step step'");
  op->step = parse_unnamed();
  return finish(op);
}

}  // namespace huntq::kql
