// Lexical tokens of KQL.
#pragma once

#include <cstdint>
#include <string_view>

namespace huntq::kql {

enum class TokenKind : std::uint8_t {
  End,
  // Words: letters, digits, '_' (may start with '$' or a digit followed by a letter). Keywords
  // are contextual, so `where`, `and`, `count` are Identifiers and the parser reads their text.
  Identifier,
  // Operator words that are not identifiers: `project-away`, `mv-expand`, `make-series`,
  // `!contains`, `!has_cs`, `in~`, `!in~`, `!between` ... (text is the whole word).
  Keyword,
  Long,          // 123, 0x1F
  Real,          // 1.5, 1e5, 1.
  Timespan,      // 7d, 1.5h, 100ms, 10microseconds
  String,        // one literal: "..", '..', @"..", h'..', ```..```, ~~~..~~~
  TypedLiteral,  // datetime(...), long(...), time(...), guid(...) ...: the whole text
  RawGuid,       // 01234567-89ab-cdef-0123-456789abcdef (an error in KQL: write guid(...))
  OpenParen,
  CloseParen,
  OpenBracket,
  CloseBracket,
  OpenBrace,
  CloseBrace,
  Bar,
  Comma,
  Semicolon,
  Colon,
  Dot,
  DotDot,
  Equal,        // =
  EqualEqual,   // ==
  BangEqual,    // !=
  LessGreater,  // <>
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  EqualTilde,  // =~
  BangTilde,   // !~
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  At,        // @ not followed by a quote
  FatArrow,  // =>
  Question,  // ?
  LessBar,   // <|
};

/// A token: its kind and its bytes [offset, offset + length) in the query text.
struct Token {
  TokenKind kind = TokenKind::End;
  bool space_before = false;  // whitespace or a comment precedes it
  std::uint32_t offset = 0;
  std::uint32_t length = 0;

  std::uint32_t end() const { return offset + length; }
  std::string_view text(std::string_view source) const { return source.substr(offset, length); }
};

/// A short name for messages: "identifier", "'('", "end of query" ...
std::string_view token_kind_name(TokenKind kind);

}  // namespace huntq::kql
