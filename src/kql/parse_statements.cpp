// Statements: let (values, functions, views), set, declare query_parameters, the query.
#include <fmt/format.h>

#include "parser_impl.h"

namespace huntq::kql {

void Parser::parse_script() {
  while (!at(TokenKind::End)) {
    if (accept(TokenKind::Semicolon)) continue;  // empty statement
    const Statement* s = parse_statement();
    out_.statements.push_back(s);
    if (at(TokenKind::End)) break;
    if (!accept(TokenKind::Semicolon)) {
      fail_expected(s->kind == StatementKind::Query ? "'|', ';' or end of query"
                                                    : "';' after the statement");
    }
  }
}

const Statement* Parser::parse_statement() {
  if (at_word("let") && (scan_name(1) > 0 || at(TokenKind::Equal, 1))) return parse_let();
  if (at_word("set") && scan_name(1) > 0) return parse_set();
  if (at_word("declare")) {
    if (at_word("query_parameters", 1)) return parse_query_parameters();
    if (at_word("pattern", 1)) unsupported(peek(), "declare pattern");
  }
  if (at_word("alias") && at_word("database", 1)) unsupported(peek(), "alias database");
  if (at(TokenKind::Dot) && at(TokenKind::Identifier, 1) && !peek(1).space_before) {
    fail(peek().offset, fmt::format("'.{}' is not supported (control commands)", peek_text(1)));
  }
  if (at_word("restrict") && at_word("access", 1)) unsupported(peek(), "restrict access");
  const Token& first = peek();
  if (first.kind == TokenKind::End) fail_expected("a query");
  auto* q = make<QueryStatement>(first.offset);
  q->expr = parse_expression();
  return finish(q);
}

const Statement* Parser::parse_let() {
  const Token& kw = advance();
  auto* let = make<LetStatement>(kw.offset);
  let->name = parse_ident("a name after 'let'");
  expect(TokenKind::Equal, fmt::format("after 'let {}'", let->name.text));
  if (scan_function_start()) {
    let->function = parse_function();
  } else {
    let->value = parse_expression();
  }
  return finish(let);
}

// `(`, then `)`, `*` or `name:` (a parameter list), optionally after `view`.
bool Parser::scan_function_start() const {
  std::size_t k = at_word("view") ? 1 : 0;
  if (!at(TokenKind::OpenParen, k)) return false;
  if (at(TokenKind::CloseParen, k + 1) || at(TokenKind::Star, k + 1)) return true;
  const std::size_t n = scan_name(k + 1);
  return n > 0 && at(TokenKind::Colon, k + 1 + n);
}

const FunctionDecl* Parser::parse_function() {
  NestingGuard guard(*this);
  auto* f = make<FunctionDecl>(peek().offset);
  if (at_word("view")) {
    advance();
    f->is_view = true;
  }
  f->params = parse_function_params(false);
  const Token& open = expect(TokenKind::OpenBrace, "to start the function body");
  for (;;) {
    const Statement* s = nullptr;
    if (at_word("let") && scan_name(1) > 0) {
      s = parse_let();
    } else if (at_word("declare") && at_word("query_parameters", 1)) {
      s = parse_query_parameters();
    } else {
      break;
    }
    f->statements.push_back(s);
    expect(TokenKind::Semicolon, "after the statement in the function body");
  }
  if (at(TokenKind::CloseBrace)) fail_expected("the function body's expression");
  f->body = parse_expression();
  accept(TokenKind::Semicolon);
  expect_close(TokenKind::CloseBrace, open);
  return finish(f);
}

// `(name:type [= default], ...)`.
std::vector<FunctionParam> Parser::parse_function_params(bool one_or_more) {
  const Token& open = expect(TokenKind::OpenParen, "to start the parameter list");
  std::vector<FunctionParam> params;
  if (!at(TokenKind::CloseParen) || one_or_more) {
    for (;;) {
      FunctionParam p;
      p.name = parse_ident("a parameter name");
      expect(TokenKind::Colon, fmt::format("and a type after the parameter '{}'", p.name.text));
      p.type = parse_param_type();
      if (accept(TokenKind::Equal)) p.default_value = parse_default_value();
      params.push_back(std::move(p));
      if (!accept(TokenKind::Comma)) break;
    }
  }
  expect_close(TokenKind::CloseParen, open);
  return params;
}

// A literal, or a bare word (Kusto takes any token there; the binder judges it).
Expr* Parser::parse_default_value() {
  const bool literal_word =
      is_bool_word(peek_text()) ||
      ((at_word("dynamic") || at_word("typeof")) && at(TokenKind::OpenParen, 1));
  if (at(TokenKind::Identifier) && !literal_word) {
    auto* n = make<NameExpr>(peek().offset);
    n->name = ident_of(advance());
    return finish(n);
  }
  return parse_literal_value("a default value (a literal)");
}

// `string`, `(*)` or `(a:string, b:long)`.
ParamType Parser::parse_param_type() {
  ParamType t;
  t.offset = peek().offset;
  if (at(TokenKind::OpenParen)) {
    const Token& open = advance();
    t.kind = ParamType::Kind::Tabular;
    if (at(TokenKind::Star)) {
      advance();
      t.any_columns = true;
      expect_close(TokenKind::CloseParen, open);
    } else {
      t.columns = parse_column_decls(open);
    }
    return t;
  }
  std::uint32_t offset = 0;
  t.scalar = parse_scalar_type(offset);
  return t;
}

const Statement* Parser::parse_set() {
  const Token& kw = advance();
  auto* s = make<SetStatement>(kw.offset);
  s->name = parse_ident("an option name after 'set'");
  if (accept(TokenKind::Equal)) s->value = parse_unnamed();
  return finish(s);
}

const Statement* Parser::parse_query_parameters() {
  const Token& kw = advance();  // declare
  advance();                    // query_parameters
  auto* s = make<QueryParametersStatement>(kw.offset);
  s->params = parse_function_params(true);
  return finish(s);
}

}  // namespace huntq::kql
