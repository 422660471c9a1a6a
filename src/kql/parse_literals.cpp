// Literals: numbers, strings, typed literals, dynamic(...), typeof(...), datatable.
#include <fmt/format.h>

#include "excerpt.h"
#include "huntq/kql/lexer.h"
#include "literals.h"
#include "parser_impl.h"
#include "string_literal_scan.h"

namespace huntq::kql {

bool Parser::is_bool_word(std::string_view w) {
  return w == "true" || w == "True" || w == "TRUE" || w == "false" || w == "False" || w == "FALSE";
}

Expr* Parser::bool_literal(const Token& t) {
  auto* lit = make<LiteralExpr>(t.offset);
  lit->type = ScalarType::Bool;
  lit->int_value = text(t)[0] == 't' || text(t)[0] == 'T' ? 1 : 0;
  return finish(lit);
}

// `-5`, `+1.5`, `-1d`: a sign directly before a number (not before `5.x` or `5[...]`).
bool Parser::at_signed_number() const {
  if (!at(TokenKind::Minus) && !at(TokenKind::Plus)) return false;
  const Token& n = peek(1);
  if (n.space_before) return false;
  if (n.kind != TokenKind::Long && n.kind != TokenKind::Real && n.kind != TokenKind::Timespan) {
    return false;
  }
  return !at(TokenKind::Dot, 2) && !at(TokenKind::OpenBracket, 2);
}

// The Long, Real or Timespan token at the current position; `offset` is where its sign was.
Expr* Parser::parse_number(bool negative, std::uint32_t offset) {
  const Token& t = advance();
  auto* lit = make<LiteralExpr>(offset);
  const std::string_view s = text(t);
  DecodeStatus status = DecodeStatus::Ok;
  std::string_view kind = "long";
  switch (t.kind) {
    case TokenKind::Long:
      lit->type = ScalarType::Long;
      status = decode_long(s, negative, lit->int_value);
      break;
    case TokenKind::Real:
      kind = "real";
      lit->type = ScalarType::Real;
      status = decode_real(s, lit->real_value);
      if (negative) lit->real_value = -lit->real_value;
      break;
    default:
      kind = "timespan";
      lit->type = ScalarType::TimeSpan;
      status = decode_timespan_token(s, negative, lit->int_value);
      break;
  }
  if (status != DecodeStatus::Ok) {
    const std::string shown = quote_excerpt((negative ? "-" : "") + std::string(s));
    fail(offset, status == DecodeStatus::Overflow
                     ? fmt::format("{} literal {} is out of range", kind, shown)
                     : fmt::format("invalid {} literal {}", kind, shown));
  }
  return finish(lit);
}

// Adjacent string literals are one string (string.md: "Concatenation of separated string
// literals").
Expr* Parser::parse_string_literal() {
  auto* lit = make<LiteralExpr>(peek().offset);
  lit->type = ScalarType::String;
  while (at(TokenKind::String)) lit->text += decode_string_literal(text(advance()));
  return finish(lit);
}

// datetime(...), long(...), time(...), guid(...) ...: Kusto keeps the inside as written; a quoted
// string inside is read as its value.
Expr* Parser::parse_typed_literal() {
  const Token& t = advance();
  const std::string_view whole = text(t);
  const std::size_t open = whole.find('(');
  const std::string_view word = whole.substr(0, open);
  const std::string_view raw = trim_kql_whitespace(whole.substr(open + 1, whole.size() - open - 2));
  auto* lit = make<LiteralExpr>(t.offset);
  const bool is_null = raw == "null";
  std::string inner_value;
  std::string_view inner = raw;
  if (is_single_string_literal(raw)) {
    inner_value = decode_string_literal(raw);
    inner = inner_value;
  }
  auto invalid = [&](std::string_view why) {
    fail(t.offset, fmt::format("invalid {} literal {}{}", word, quote_excerpt(whole, 60), why));
  };
  auto check = [&](DecodeStatus s) {
    if (s == DecodeStatus::Overflow) {
      fail(t.offset, fmt::format("{} literal {} is out of range", word, quote_excerpt(whole, 60)));
    }
    if (s != DecodeStatus::Ok) invalid("");
  };
  lit->is_null = is_null;
  if (word == "long" || word == "int64" || word == "int" || word == "int32") {
    const bool is_int = word == "int" || word == "int32";
    lit->type = is_int ? ScalarType::Int : ScalarType::Long;
    if (!is_null) {
      check(decode_signed_integer(inner, lit->int_value));
      if (is_int && (lit->int_value < INT32_MIN || lit->int_value > INT32_MAX)) {
        fail(t.offset, fmt::format("int literal {} is out of range", quote_excerpt(whole, 60)));
      }
    }
  } else if (word == "real" || word == "double") {
    lit->type = ScalarType::Real;
    if (!is_null) check(decode_real(inner, lit->real_value));
  } else if (word == "bool") {
    lit->type = ScalarType::Bool;
    if (!is_null) {
      std::string lower(inner);
      for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (lower == "true") {
        lit->int_value = 1;
      } else if (lower != "false") {
        invalid(" (expected true, false or null)");
      }
    }
  } else if (word == "time" || word == "timespan") {
    lit->type = ScalarType::TimeSpan;
    if (!is_null) check(decode_timespan_text(inner, lit->int_value));
  } else {
    lit->type = word == "guid"      ? ScalarType::Guid
                : word == "decimal" ? ScalarType::Decimal
                                    : ScalarType::DateTime;
    if (!is_null) {
      if (inner.empty()) invalid("");
      lit->text = std::string(inner);
    }
  }
  return finish(lit);
}

// Kusto's ParseLiteral: the literal forms allowed in datatable values and parameter defaults.
Expr* Parser::parse_literal_value(std::string_view what) {
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::String:
      return parse_string_literal();
    case TokenKind::Long:
    case TokenKind::Real:
    case TokenKind::Timespan:
      return parse_number(false, t.offset);
    case TokenKind::TypedLiteral:
      return parse_typed_literal();
    case TokenKind::Minus:
    case TokenKind::Plus:
      if (at_signed_number()) {
        const Token& sign = advance();
        return parse_number(sign.kind == TokenKind::Minus, sign.offset);
      }
      break;
    case TokenKind::RawGuid:
      fail(t.offset, fmt::format("a guid literal must be written guid({})", text(t)));
    case TokenKind::Identifier:
      if (is_bool_word(text(t))) return bool_literal(advance());
      if (at(TokenKind::OpenParen, 1) && text(t) == "dynamic") return parse_dynamic();
      if (at(TokenKind::OpenParen, 1) && text(t) == "typeof") return parse_typeof();
      break;
    default:
      break;
  }
  fail_expected(what);
}

Expr* Parser::parse_dynamic() {
  const Token& kw = advance();
  auto* d = make<DynamicExpr>(kw.offset);
  const Token& open = advance();  // (
  d->value = parse_json_value();
  expect_close(TokenKind::CloseParen, open);
  return finish(d);
}

// The inside of dynamic(...): JSON-like values whose scalars may be any literal.
Expr* Parser::parse_json_value() {
  NestingGuard guard(*this);
  const Token& t = peek();
  switch (t.kind) {
    case TokenKind::Long:
    case TokenKind::Real:
    case TokenKind::Timespan:
      return parse_number(false, t.offset);
    case TokenKind::Minus:
      // Kusto reads `- 1` inside dynamic as a negative number too.
      if (at(TokenKind::Long, 1) || at(TokenKind::Real, 1)) {
        advance();
        return parse_number(true, t.offset);
      }
      break;
    case TokenKind::String:
      return parse_string_literal();
    case TokenKind::TypedLiteral:
      return parse_typed_literal();
    case TokenKind::RawGuid:
      fail(t.offset, fmt::format("a guid literal must be written guid({})", text(t)));
    case TokenKind::Identifier: {
      const std::string_view w = text(t);
      if (is_bool_word(w)) return bool_literal(advance());
      if (w == "null") {
        auto* lit = make<LiteralExpr>(advance().offset);
        lit->type = ScalarType::Dynamic;
        lit->is_null = true;
        return finish(lit);
      }
      if (w == "dynamic" && at(TokenKind::OpenParen, 1)) return parse_dynamic();
      break;
    }
    case TokenKind::OpenBracket: {
      const Token& open = advance();
      auto* a = make<JsonArrayExpr>(open.offset);
      if (!at(TokenKind::CloseBracket)) {
        for (;;) {
          a->elements.push_back(parse_json_value());
          if (!accept(TokenKind::Comma)) break;
        }
      }
      expect_close(TokenKind::CloseBracket, open);
      return finish(a);
    }
    case TokenKind::OpenBrace: {
      const Token& open = advance();
      auto* o = make<JsonObjectExpr>(open.offset);
      if (!at(TokenKind::CloseBrace)) {
        for (;;) {
          JsonMember m;
          m.key_offset = peek().offset;
          if (at(TokenKind::String)) {
            m.key = decode_string_literal(text(advance()));
          } else if (at(TokenKind::Identifier)) {
            m.key = std::string(text(advance()));
          } else {
            fail_expected("a key (a string) in the dynamic object");
          }
          expect(TokenKind::Colon, "after the key in the dynamic object");
          m.value = parse_json_value();
          o->members.push_back(std::move(m));
          if (!accept(TokenKind::Comma)) break;
        }
      }
      expect_close(TokenKind::CloseBrace, open);
      return finish(o);
    }
    default:
      break;
  }
  fail_expected("a dynamic value (number, string, bool, null, literal, [...] or {...})");
}

Expr* Parser::parse_typeof() {
  const Token& kw = advance();
  auto* t = make<TypeOfExpr>(kw.offset);
  const Token& open = advance();  // (
  if (!at(TokenKind::CloseParen, 1)) unsupported(kw, "typeof(...) with a column list");
  std::uint32_t offset = 0;
  t->type = parse_scalar_type(offset);
  expect_close(TokenKind::CloseParen, open);
  return finish(t);
}

// `datatable(a:string, b:long) [ "x", 1, ... ]`.
Expr* Parser::parse_datatable() {
  const Token& kw = advance();
  auto* d = make<DatatableExpr>(kw.offset);
  const Token& open = expect(TokenKind::OpenParen, "and a schema after 'datatable'");
  d->columns = parse_column_decls(open);
  const Token& open_values = expect(TokenKind::OpenBracket, "and the values after the schema");
  accept(TokenKind::Comma);
  while (!at(TokenKind::CloseBracket)) {
    d->values.push_back(parse_literal_value("a literal value or ']'"));
    if (!accept(TokenKind::Comma)) break;
  }
  expect_close(TokenKind::CloseBracket, open_values);
  return finish(d);
}

}  // namespace huntq::kql
