// Parser plumbing: tokens, errors, names, types, depth limits.
#include <fmt/format.h>

#include "excerpt.h"
#include "huntq/kql/lexer.h"
#include "parser_impl.h"

namespace huntq::kql {

Parser::Parser(Script::Impl& out, std::vector<Token> tokens)
    : out_(out), tokens_(std::move(tokens)) {}

Parser::NestingGuard::NestingGuard(Parser& p) : p_(p) {
  ++p_.nesting_;
  ++p_.tree_depth_;
  if (p_.nesting_ > kMaxNestingDepth) {
    p_.fail(p_.peek().offset,
            fmt::format("the query is nested too deeply (more than {} levels)", kMaxNestingDepth));
  }
  if (p_.tree_depth_ > kMaxTreeDepth) {
    p_.fail(p_.peek().offset,
            fmt::format("the query is too deep (more than {} levels of operators)", kMaxTreeDepth));
  }
}

Parser::NestingGuard::~NestingGuard() {
  --p_.nesting_;
  --p_.tree_depth_;
}

void Parser::ChainGuard::step() {
  if (++p_.tree_depth_ > kMaxTreeDepth) {
    p_.fail(p_.peek().offset,
            fmt::format("the query is too deep (more than {} levels of operators)", kMaxTreeDepth));
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens

const Token& Parser::peek(std::size_t ahead) const {
  const std::size_t i = pos_ + ahead;
  return i < tokens_.size() ? tokens_[i] : tokens_.back();
}

bool Parser::at_word(std::string_view word, std::size_t ahead) const {
  const Token& t = peek(ahead);
  return t.kind == TokenKind::Identifier && text(t) == word;
}

bool Parser::at_keyword(std::string_view word, std::size_t ahead) const {
  const Token& t = peek(ahead);
  return t.kind == TokenKind::Keyword && text(t) == word;
}

bool Parser::at_list_end(std::size_t ahead) const {
  switch (peek(ahead).kind) {
    case TokenKind::CloseParen:
    case TokenKind::CloseBracket:
    case TokenKind::CloseBrace:
    case TokenKind::Bar:
    case TokenKind::Semicolon:
    case TokenKind::End:
      return true;
    default:
      return false;
  }
}

const Token& Parser::advance() {
  const Token& t = peek();
  if (t.kind != TokenKind::End) {
    ++pos_;
    last_end_ = t.end();
  }
  return t;
}

bool Parser::accept(TokenKind kind) {
  if (!at(kind)) return false;
  advance();
  return true;
}

const Token& Parser::expect(TokenKind kind, std::string_view context) {
  if (!at(kind)) {
    fail_expected(context.empty() ? std::string(token_kind_name(kind))
                                  : fmt::format("{} {}", token_kind_name(kind), context));
  }
  return advance();
}

const Token& Parser::expect_word(std::string_view word, std::string_view context) {
  if (!at_word(word)) fail_expected(fmt::format("'{}' {}", word, context));
  return advance();
}

const Token& Parser::expect_close(TokenKind close, const Token& open) {
  if (!at(close)) {
    fail(peek().offset,
         fmt::format("expected {} to close {} at {}, found {}", token_kind_name(close),
                     token_kind_name(open.kind), position(open.offset), describe(peek())));
  }
  return advance();
}

// ---------------------------------------------------------------------------------------------
// Errors

void Parser::fail(std::uint32_t offset, const std::string& message) const {
  throw Error(out_.map.locate(offset), message);
}

void Parser::fail_expected(std::string_view what) const {
  fail(peek().offset, fmt::format("expected {}, found {}", what, describe(peek())));
}

void Parser::unsupported(const Token& first, std::string_view construct) const {
  fail(first.offset, fmt::format("'{}' is not supported", construct));
}

std::string Parser::describe(const Token& t) const {
  if (t.kind == TokenKind::End) return "end of query";
  return quote_excerpt(text(t));
}

std::string Parser::position(std::uint32_t offset) const {
  const SourceLocation where = out_.map.locate(offset);
  return fmt::format("{}:{}", where.line, where.column);
}

// ---------------------------------------------------------------------------------------------
// Names

Ident Parser::ident_of(const Token& t) const {
  Ident id;
  id.text = std::string(text(t));
  id.offset = t.offset;
  return id;
}

// `[` string... `]`: token count, or 0.
std::size_t Parser::scan_bracketed_name(std::size_t ahead) const {
  if (!at(TokenKind::OpenBracket, ahead)) return 0;
  std::size_t n = 1;
  while (at(TokenKind::String, ahead + n)) ++n;
  if (n == 1 || !at(TokenKind::CloseBracket, ahead + n)) return 0;
  return n + 1;
}

std::size_t Parser::scan_name(std::size_t ahead) const {
  if (at(TokenKind::Identifier, ahead)) return 1;
  return scan_bracketed_name(ahead);
}

// Kusto's wildcarded names: `*`, or a word directly followed by `*`, then any directly
// adjacent words, numbers and `*`s (`Device*`, `*Events`, `Dev*ce*Events`).
std::size_t Parser::scan_wildcard(std::size_t ahead) const {
  std::size_t n = 0;
  if (at(TokenKind::Star, ahead)) {
    n = 1;
  } else if (at(TokenKind::Identifier, ahead) && at(TokenKind::Star, ahead + 1) &&
             !peek(ahead + 1).space_before) {
    n = 2;
  } else {
    return 0;
  }
  for (;;) {
    const Token& t = peek(ahead + n);
    if ((t.kind == TokenKind::Identifier || t.kind == TokenKind::Long ||
         t.kind == TokenKind::Star) &&
        !t.space_before) {
      ++n;
    } else {
      return n;
    }
  }
}

Ident Parser::parse_ident(std::string_view what) {
  if (at(TokenKind::Identifier)) return ident_of(advance());
  if (const std::size_t n = scan_bracketed_name(0); n > 0) {
    Ident id;
    id.offset = peek().offset;
    id.bracketed = true;
    advance();  // [
    for (std::size_t i = 1; i + 1 < n; ++i) id.text += decode_string_literal(text(advance()));
    advance();  // ]
    return id;
  }
  fail_expected(what);
}

NamePattern Parser::parse_name_pattern(std::string_view what) {
  NamePattern p;
  p.offset = peek().offset;
  if (const std::size_t n = scan_wildcard(0); n > 0) {
    for (std::size_t i = 0; i < n; ++i) p.text += text(advance());
    p.wildcard = true;
    return p;
  }
  Ident id = parse_ident(what);
  p.text = std::move(id.text);
  p.bracketed = id.bracketed;
  return p;
}

bool Parser::lookup_scalar_type(std::string_view name, ScalarType& type) const {
  // Kusto's type names and aliases (Kusto.Language ScalarTypes).
  struct Alias {
    std::string_view name;
    ScalarType type;
  };
  static constexpr Alias kAliases[] = {
      {"bool", ScalarType::Bool},       {"boolean", ScalarType::Bool},
      {"int", ScalarType::Int},         {"int8", ScalarType::Int},
      {"int16", ScalarType::Int},       {"int32", ScalarType::Int},
      {"uint", ScalarType::Int},        {"uint8", ScalarType::Int},
      {"uint16", ScalarType::Int},      {"uint32", ScalarType::Int},
      {"long", ScalarType::Long},       {"int64", ScalarType::Long},
      {"ulong", ScalarType::Long},      {"uint64", ScalarType::Long},
      {"real", ScalarType::Real},       {"double", ScalarType::Real},
      {"float", ScalarType::Real},      {"decimal", ScalarType::Decimal},
      {"string", ScalarType::String},   {"datetime", ScalarType::DateTime},
      {"date", ScalarType::DateTime},   {"timespan", ScalarType::TimeSpan},
      {"time", ScalarType::TimeSpan},   {"guid", ScalarType::Guid},
      {"uuid", ScalarType::Guid},       {"uniqueid", ScalarType::Guid},
      {"dynamic", ScalarType::Dynamic},
  };
  for (const Alias& a : kAliases) {
    if (a.name == name) {
      type = a.type;
      return true;
    }
  }
  return false;
}

ScalarType Parser::parse_scalar_type(std::uint32_t& offset) {
  if (!at(TokenKind::Identifier)) fail_expected("a type name such as string or long");
  ScalarType type;
  if (!lookup_scalar_type(peek_text(), type)) {
    fail(peek().offset, fmt::format("unknown type {}: expected a type name such as string, long, "
                                    "real, bool, datetime, timespan, guid or dynamic",
                                    describe(peek())));
  }
  offset = advance().offset;
  return type;
}

// `(name:type, ...)` after the '(' (a leading or trailing comma is allowed, as in Kusto).
std::vector<ColumnDecl> Parser::parse_column_decls(const Token& open) {
  std::vector<ColumnDecl> columns;
  accept(TokenKind::Comma);
  while (!at(TokenKind::CloseParen)) {
    ColumnDecl c;
    c.name = parse_ident("a column name");
    expect(TokenKind::Colon, "and a type after the column name");
    c.type = parse_scalar_type(c.type_offset);
    columns.push_back(std::move(c));
    if (!accept(TokenKind::Comma)) break;
  }
  expect_close(TokenKind::CloseParen, open);
  return columns;
}

}  // namespace huntq::kql
