#include "huntq/kql/token.h"

namespace huntq::kql {

std::string_view token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::End:
      return "end of query";
    case TokenKind::Identifier:
      return "name";
    case TokenKind::Keyword:
      return "keyword";
    case TokenKind::Long:
    case TokenKind::Real:
      return "number";
    case TokenKind::Timespan:
      return "timespan literal";
    case TokenKind::String:
      return "string literal";
    case TokenKind::TypedLiteral:
      return "typed literal";
    case TokenKind::RawGuid:
      return "guid";
    case TokenKind::OpenParen:
      return "'('";
    case TokenKind::CloseParen:
      return "')'";
    case TokenKind::OpenBracket:
      return "'['";
    case TokenKind::CloseBracket:
      return "']'";
    case TokenKind::OpenBrace:
      return "'{'";
    case TokenKind::CloseBrace:
      return "'}'";
    case TokenKind::Bar:
      return "'|'";
    case TokenKind::Comma:
      return "','";
    case TokenKind::Semicolon:
      return "';'";
    case TokenKind::Colon:
      return "':'";
    case TokenKind::Dot:
      return "'.'";
    case TokenKind::DotDot:
      return "'..'";
    case TokenKind::Equal:
      return "'='";
    case TokenKind::EqualEqual:
      return "'=='";
    case TokenKind::BangEqual:
      return "'!='";
    case TokenKind::LessGreater:
      return "'<>'";
    case TokenKind::Less:
      return "'<'";
    case TokenKind::LessEqual:
      return "'<='";
    case TokenKind::Greater:
      return "'>'";
    case TokenKind::GreaterEqual:
      return "'>='";
    case TokenKind::EqualTilde:
      return "'=~'";
    case TokenKind::BangTilde:
      return "'!~'";
    case TokenKind::Plus:
      return "'+'";
    case TokenKind::Minus:
      return "'-'";
    case TokenKind::Star:
      return "'*'";
    case TokenKind::Slash:
      return "'/'";
    case TokenKind::Percent:
      return "'%'";
    case TokenKind::At:
      return "'@'";
    case TokenKind::FatArrow:
      return "'=>'";
    case TokenKind::Question:
      return "'?'";
    case TokenKind::LessBar:
      return "'<|'";
  }
  return "token";
}

}  // namespace huntq::kql
