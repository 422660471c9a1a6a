// Expressions: pipelines, then one method per precedence level (see parser.h), loosest first.
#include <fmt/format.h>

#include "parser_impl.h"

namespace huntq::kql {

Expr* Parser::parse_expression() {
  NestingGuard guard(*this);
  Expr* e = nullptr;
  if (const QueryOp* op = try_parse_source_operator()) {
    auto* o = make<OperatorExpr>(op->offset);
    o->op = op;
    e = finish(o);
  } else {
    e = parse_or();
  }
  ChainGuard chain(*this);
  while (at(TokenKind::Bar)) {
    advance();
    chain.step();
    auto* pipe = make<PipeExpr>(e->offset);
    pipe->source = e;
    pipe->op = parse_piped_operator();
    e = finish(pipe);
  }
  return e;
}

Expr* Parser::parse_unnamed() {
  NestingGuard guard(*this);
  return parse_or();
}

Expr* Parser::binary(BinaryOp op, const Expr* left, const Expr* right) {
  auto* b = make<BinaryExpr>(left->offset);
  b->op = op;
  b->left = left;
  b->right = right;
  return finish(b);
}

Expr* Parser::parse_or() {
  Expr* e = parse_and();
  ChainGuard chain(*this);
  while (at_word("or")) {
    advance();
    chain.step();
    e = binary(BinaryOp::Or, e, parse_and());
  }
  return e;
}

Expr* Parser::parse_and() {
  Expr* e = parse_equality();
  ChainGuard chain(*this);
  while (at_word("and")) {
    advance();
    chain.step();
    e = binary(BinaryOp::And, e, parse_equality());
  }
  return e;
}

// One operator of the equality family, no chaining (Kusto's ParseEqualityExpression).
Expr* Parser::parse_equality() {
  Expr* left = nullptr;
  if (at(TokenKind::Star) && at(TokenKind::EqualEqual, 1)) {
    left = parse_star();
  } else {
    left = parse_relational();
  }
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::EqualEqual:
      advance();
      return binary(BinaryOp::Equal, left, parse_relational());
    case TokenKind::BangEqual:
    case TokenKind::LessGreater:
      advance();
      return binary(BinaryOp::NotEqual, left, parse_relational());
    default:
      break;
  }
  InOp in_op;
  bool is_in = true;
  const std::string_view word = text(t);
  if (t.kind == TokenKind::Identifier && word == "in") {
    in_op = InOp::In;
  } else if (t.kind == TokenKind::Keyword && word == "in~") {
    in_op = InOp::InCs;
  } else if (t.kind == TokenKind::Keyword && word == "!in") {
    in_op = InOp::NotIn;
  } else if (t.kind == TokenKind::Keyword && word == "!in~") {
    in_op = InOp::NotInCs;
  } else if (t.kind == TokenKind::Identifier && word == "has_any") {
    in_op = InOp::HasAny;
  } else if (t.kind == TokenKind::Identifier && word == "has_all") {
    in_op = InOp::HasAll;
  } else {
    is_in = false;
  }
  if (is_in) {
    advance();
    auto* in = make<InListExpr>(left->offset);
    in->op = in_op;
    in->left = left;
    parse_in_list(in);
    return finish(in);
  }
  const bool between = t.kind == TokenKind::Identifier && word == "between";
  const bool not_between = t.kind == TokenKind::Keyword && word == "!between";
  if (between || not_between) {
    advance();
    auto* b = make<BetweenExpr>(left->offset);
    b->negated = not_between;
    b->left = left;
    const Token& open = expect(TokenKind::OpenParen, fmt::format("after '{}'", word));
    b->low = parse_unnamed();
    expect(TokenKind::DotDot, "between the bounds of 'between (low .. high)'");
    b->high = parse_unnamed();
    expect_close(TokenKind::CloseParen, open);
    return finish(b);
  }
  return left;
}

// True if the next tokens look like a tabular expression: an operator that starts a pipeline,
// or a '|' before the expression ends (Kusto's ScanIsQueryExpression).
bool Parser::scan_query_expression() const {
  if (at_word("union") || at_word("print") || at_word("datatable")) return true;
  int depth = 0;
  for (std::size_t k = 0;; ++k) {
    switch (peek(k).kind) {
      case TokenKind::End:
      case TokenKind::Semicolon:
        return false;
      case TokenKind::Comma:
        if (depth == 0) return false;
        break;
      case TokenKind::CloseParen:
        if (depth == 0) return false;
        --depth;
        break;
      case TokenKind::OpenParen:
        ++depth;
        break;
      case TokenKind::Bar:
        if (depth == 0) return true;
        break;
      default:
        break;
    }
  }
}

// `(a, b, c)`, `(dynamic_array_or_let)`, `(T | project x)`.
void Parser::parse_in_list(InListExpr* in) {
  const Token& open = expect(TokenKind::OpenParen, fmt::format("after '{}'", in_op_text(in->op)));
  if (scan_query_expression()) {
    in->list.push_back(parse_expression());
  } else {
    for (;;) {
      in->list.push_back(parse_unnamed());
      if (!accept(TokenKind::Comma)) break;
    }
  }
  expect_close(TokenKind::CloseParen, open);
}

// One relational operator, no chaining.
Expr* Parser::parse_relational() {
  Expr* left = parse_additive();
  BinaryOp op;
  switch (peek().kind) {
    case TokenKind::Less:
      op = BinaryOp::Less;
      break;
    case TokenKind::LessEqual:
      op = BinaryOp::LessOrEqual;
      break;
    case TokenKind::Greater:
      op = BinaryOp::Greater;
      break;
    case TokenKind::GreaterEqual:
      op = BinaryOp::GreaterOrEqual;
      break;
    default:
      return left;
  }
  advance();
  return binary(op, left, parse_additive());
}

Expr* Parser::parse_additive() {
  Expr* e = parse_multiplicative();
  ChainGuard chain(*this);
  while (at(TokenKind::Plus) || at(TokenKind::Minus)) {
    const BinaryOp op = at(TokenKind::Plus) ? BinaryOp::Add : BinaryOp::Subtract;
    advance();
    chain.step();
    e = binary(op, e, parse_multiplicative());
  }
  return e;
}

Expr* Parser::parse_multiplicative() {
  Expr* e = parse_string_op();
  ChainGuard chain(*this);
  for (;;) {
    BinaryOp op;
    if (at(TokenKind::Star)) {
      op = BinaryOp::Multiply;
    } else if (at(TokenKind::Slash)) {
      op = BinaryOp::Divide;
    } else if (at(TokenKind::Percent)) {
      op = BinaryOp::Modulo;
    } else {
      return e;
    }
    advance();
    chain.step();
    e = binary(op, e, parse_string_op());
  }
}

// The string operator at `ahead`: its kind and its token count (2 for `matches regex`), or 0.
int Parser::string_op_at(std::size_t ahead, BinaryOp& op) const {
  struct Word {
    std::string_view text;
    BinaryOp op;
  };
  static constexpr Word kWords[] = {
      {"contains", BinaryOp::Contains},
      {"contains_cs", BinaryOp::ContainsCs},
      {"containscs", BinaryOp::ContainsCs},
      {"notcontains", BinaryOp::NotContains},
      {"notcontainscs", BinaryOp::NotContainsCs},
      {"has", BinaryOp::Has},
      {"has_cs", BinaryOp::HasCs},
      {"hasprefix", BinaryOp::HasPrefix},
      {"hasprefix_cs", BinaryOp::HasPrefixCs},
      {"hassuffix", BinaryOp::HasSuffix},
      {"hassuffix_cs", BinaryOp::HasSuffixCs},
      {"startswith", BinaryOp::StartsWith},
      {"startswith_cs", BinaryOp::StartsWithCs},
      {"endswith", BinaryOp::EndsWith},
      {"endswith_cs", BinaryOp::EndsWithCs},
      {"like", BinaryOp::Like},
      {"likecs", BinaryOp::LikeCs},
      {"notlike", BinaryOp::NotLike},
      {"notlikecs", BinaryOp::NotLikeCs},
  };
  static constexpr Word kNegated[] = {
      {"!contains", BinaryOp::NotContains},
      {"!contains_cs", BinaryOp::NotContainsCs},
      {"!has", BinaryOp::NotHas},
      {"!has_cs", BinaryOp::NotHasCs},
      {"!hasprefix", BinaryOp::NotHasPrefix},
      {"!hasprefix_cs", BinaryOp::NotHasPrefixCs},
      {"!hassuffix", BinaryOp::NotHasSuffix},
      {"!hassuffix_cs", BinaryOp::NotHasSuffixCs},
      {"!startswith", BinaryOp::NotStartsWith},
      {"!startswith_cs", BinaryOp::NotStartsWithCs},
      {"!endswith", BinaryOp::NotEndsWith},
      {"!endswith_cs", BinaryOp::NotEndsWithCs},
  };
  const Token& t = peek(ahead);
  switch (t.kind) {
    case TokenKind::EqualTilde:
      op = BinaryOp::EqualTilde;
      return 1;
    case TokenKind::BangTilde:
      op = BinaryOp::BangTilde;
      return 1;
    case TokenKind::Colon:
      op = BinaryOp::SearchHas;
      return 1;
    case TokenKind::Identifier:
      if (text(t) == "matches" && at_word("regex", ahead + 1)) {
        op = BinaryOp::MatchesRegex;
        return 2;
      }
      for (const Word& w : kWords) {
        if (w.text == text(t)) {
          op = w.op;
          return 1;
        }
      }
      return 0;
    case TokenKind::Keyword:
      for (const Word& w : kNegated) {
        if (w.text == text(t)) {
          op = w.op;
          return 1;
        }
      }
      return 0;
    default:
      return 0;
  }
}

// One string operator, no chaining; `* has "x"` takes a star on the left.
Expr* Parser::parse_string_op() {
  BinaryOp op;
  Expr* left = nullptr;
  if (at(TokenKind::Star) && string_op_at(1, op) > 0) {
    left = parse_star();
  } else {
    left = parse_unary();
  }
  const int n = string_op_at(0, op);
  if (n == 0) return left;
  for (int i = 0; i < n; ++i) advance();
  return binary(op, left, parse_unary());
}

// Unary +/- apply to a primary (Kusto: `- -x` is an error). A sign written directly before a
// number is part of the literal (`-5`, `-1d`), as Kusto reads signed literals.
Expr* Parser::parse_unary() {
  if (!at(TokenKind::Minus) && !at(TokenKind::Plus)) return parse_postfix();
  if (at_signed_number()) {
    const Token& sign = advance();
    return parse_number(sign.kind == TokenKind::Minus, sign.offset);
  }
  const Token& sign = advance();
  auto* u = make<UnaryExpr>(sign.offset);
  u->op = sign.kind == TokenKind::Minus ? UnaryOp::Minus : UnaryOp::Plus;
  u->operand = parse_postfix();
  return finish(u);
}

// A primary followed by `.member`, `.call(...)` and `[index]`.
Expr* Parser::parse_postfix() {
  Expr* e = parse_primary();
  ChainGuard chain(*this);
  for (;;) {
    if (at(TokenKind::Dot)) {
      advance();
      chain.step();
      if (at(TokenKind::Identifier) && at(TokenKind::OpenParen, 1)) {
        e = parse_call(e, e->offset);
        continue;
      }
      if (const std::size_t n = scan_wildcard(0); n > 0) {
        std::string pattern = ".";
        for (std::size_t i = 0; i < n; ++i) pattern += peek_text(i);
        unsupported(peek(), pattern);  // database("d").*Table
      }
      if (at(TokenKind::OpenBracket) && scan_bracketed_name(0) == 0) {
        // `x.[expr]` is `x[expr]` (Kusto's bracketed path selector).
        const Token& open = advance();
        auto* ix = make<IndexExpr>(e->offset);
        ix->object = e;
        ix->index = parse_unnamed();
        expect_close(TokenKind::CloseBracket, open);
        e = finish(ix);
        continue;
      }
      auto* m = make<MemberExpr>(e->offset);
      m->object = e;
      m->member = parse_ident("a name after '.'");
      e = finish(m);
    } else if (at(TokenKind::OpenBracket)) {
      const Token& open = advance();
      chain.step();
      auto* ix = make<IndexExpr>(e->offset);
      ix->object = e;
      ix->index = parse_unnamed();
      expect_close(TokenKind::CloseBracket, open);
      e = finish(ix);
    } else {
      return e;
    }
  }
}

Expr* Parser::parse_star() {
  auto* s = make<StarExpr>(advance().offset);
  return finish(s);
}

Expr* Parser::parse_primary() {
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::Long:
    case TokenKind::Real:
    case TokenKind::Timespan:
      return parse_number(false, t.offset);
    case TokenKind::String:
      return parse_string_literal();
    case TokenKind::TypedLiteral:
      return parse_typed_literal();
    case TokenKind::RawGuid:
      fail(t.offset, fmt::format("a guid literal must be written guid({})", text(t)));
    case TokenKind::OpenParen: {
      const Token& open = advance();
      auto* p = make<ParenExpr>(open.offset);
      p->inner = parse_expression();
      expect_close(TokenKind::CloseParen, open);
      return finish(p);
    }
    case TokenKind::OpenBracket:
      if (scan_bracketed_name(0) > 0) {
        auto* n = make<NameExpr>(t.offset);
        n->name = parse_ident("a name");
        return finish(n);
      }
      break;
    case TokenKind::OpenBrace:
      unsupported(t, "{...} client query parameters");
    case TokenKind::Identifier: {
      const std::string_view w = text(t);
      if (is_bool_word(w)) return bool_literal(advance());
      const bool call = at(TokenKind::OpenParen, 1);
      if (w == "dynamic" && call) return parse_dynamic();
      if (w == "typeof" && call) return parse_typeof();
      if (w == "datatable") return parse_datatable();
      if (w == "externaldata" || w == "external_data" || w == "entity_group" ||
          w == "inline_external_table") {
        unsupported(t, w);
      }
      if (call) return parse_call(nullptr, t.offset);
      auto* n = make<NameExpr>(t.offset);
      n->name = ident_of(advance());
      return finish(n);
    }
    default:
      break;
  }
  fail_expected("an expression");
}

// name(args), the name at the current token.
Expr* Parser::parse_call(const Expr* receiver, std::uint32_t offset) {
  auto* c = make<CallExpr>(offset);
  c->receiver = receiver;
  c->name = ident_of(advance());
  const Token& open = advance();  // (
  if (!at(TokenKind::CloseParen)) {
    for (;;) {
      if (at(TokenKind::Star) && (at(TokenKind::CloseParen, 1) || at(TokenKind::Comma, 1))) {
        NamedExpr star;
        star.expr = parse_star();
        c->args.push_back(std::move(star));
      } else {
        c->args.push_back(parse_named(true));
      }
      if (!accept(TokenKind::Comma)) break;
    }
  }
  expect_close(TokenKind::CloseParen, open);
  return finish(c);
}

// `(A, B) =`: the token count up to and including ')', or 0.
std::size_t Parser::scan_tuple_names() const {
  if (!at(TokenKind::OpenParen)) return 0;
  std::size_t k = 1;
  for (;;) {
    const std::size_t n = scan_name(k);
    if (n == 0) return 0;
    k += n;
    if (at(TokenKind::Comma, k)) {
      ++k;
      continue;
    }
    if (at(TokenKind::CloseParen, k) && at(TokenKind::Equal, k + 1)) return k + 1;
    return 0;
  }
}

// `expr`, `Name = expr` or `(A, B) = expr` (Kusto's ParseNamedExpression).
NamedExpr Parser::parse_named(bool value_may_be_tabular) {
  NamedExpr item;
  if (const std::size_t n = scan_name(0); n > 0 && at(TokenKind::Equal, n)) {
    item.names.push_back(parse_ident("a name"));
    advance();  // =
  } else if (at(TokenKind::Identifier) && at(TokenKind::Minus, 1) && !peek(1).space_before &&
             at(TokenKind::Identifier, 2) && !peek(2).space_before) {
    // `my-col = ...`: Kusto wants such names bracketed.
    std::size_t k = 1;
    while ((at(TokenKind::Minus, k) || at(TokenKind::Identifier, k)) && !peek(k).space_before) {
      ++k;
    }
    if (at(TokenKind::Equal, k)) {
      const Token& first = peek();
      const std::string name(
          out_.source.text.substr(first.offset, peek(k - 1).end() - first.offset));
      fail(first.offset, fmt::format("a name with '-' must be bracketed: ['{}']", name));
    }
  } else if (const std::size_t n = scan_tuple_names(); n > 0) {
    advance();  // (
    for (;;) {
      item.names.push_back(parse_ident("a name"));
      if (!accept(TokenKind::Comma)) break;
    }
    advance();  // )
    advance();  // =
    item.tuple = true;
  }
  item.expr = value_may_be_tabular ? parse_expression() : parse_unnamed();
  return item;
}

// A comma-separated list of named expressions, up to a list end (`|`, `)`, `;` ...).
std::vector<NamedExpr> Parser::parse_named_list(bool one_or_more, std::string_view what) {
  std::vector<NamedExpr> items;
  if (!one_or_more && at_list_end()) return items;
  for (;;) {
    if (at_list_end()) fail_expected(what);
    items.push_back(parse_named(false));
    if (!accept(TokenKind::Comma)) break;
  }
  return items;
}

}  // namespace huntq::kql
