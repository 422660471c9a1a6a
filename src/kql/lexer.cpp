// Scanning follows Kusto.Language's TokenParser so that token boundaries agree with Kusto's:
// numbers try guid, real, timespan, long, then identifier; `7d` is a timespan but `7dx` an
// identifier; `datetime(` starts a typed literal only when the '(' follows at once.
#include "huntq/kql/lexer.h"

#include <fmt/format.h>

#include <array>

#include "char_class.h"
#include "excerpt.h"
#include "huntq/error.h"
#include "huntq/value/utf8.h"
#include "string_literal_scan.h"

namespace huntq::kql {
namespace {

// Operator words that contain '-', '!' or '~' (Kusto's fixed-text keywords).
constexpr std::array<std::string_view, 27> kDashedKeywords = {
    "assert-schema",
    "granny-asc",
    "granny-desc",
    "graph-match",
    "graph-shortest-paths",
    "graph-to-table",
    "graph-mark-components",
    "graph-where-nodes",
    "graph-where-edges",
    "macro-expand",
    "make-graph",
    "make-series",
    "materialized-view-combine",
    "mv-apply",
    "mv-expand",
    "parse-where",
    "parse-kv",
    "partitioned-by",
    "project-away",
    "project-by-names",
    "project-keep",
    "project-rename",
    "project-reorder",
    "project-smart",
    "sample-distinct",
    "top-hitters",
    "top-nested",
};

constexpr std::array<std::string_view, 15> kBangKeywords = {
    "!between",      "!contains", "!contains_cs", "!endswith",     "!endswith_cs",
    "!has",          "!has_cs",   "!hasprefix",   "!hasprefix_cs", "!hassuffix",
    "!hassuffix_cs", "!in",       "!in~",         "!startswith",   "!startswith_cs",
};

// Words that start a typed literal when '(' follows at once (Kusto's "goo" literals).
constexpr std::array<std::string_view, 13> kTypedLiteralWords = {
    "long", "int64",    "int",  "int32", "real",     "double", "decimal",
    "bool", "datetime", "date", "time",  "timespan", "guid",
};

constexpr std::array<std::string_view, 34> kTimespanSuffixes = {
    "m",           "min",          "minute",       "minutes",
    "s",           "sec",          "second",       "seconds",
    "d",           "day",          "days",         "h",
    "hr",          "hrs",          "hour",         "hours",
    "ms",          "milli",        "millis",       "millisec",
    "millisecond", "milliseconds", "micro",        "micros",
    "microsec",    "microsecond",  "microseconds", "nano",
    "nanos",       "nanosec",      "nanosecond",   "nanoseconds",
    "tick",        "ticks",
};

bool starts_with_at(std::string_view t, std::size_t pos, std::string_view s) {
  return t.size() - pos >= s.size() && t.compare(pos, s.size(), s) == 0;
}

char peek(std::string_view t, std::size_t pos) {
  return pos < t.size() ? t[pos] : '\0';
}

// Longest word of `words` at pos; 0 if none.
template <std::size_t N>
std::size_t longest_match(std::string_view t, std::size_t pos,
                          const std::array<std::string_view, N>& words) {
  std::size_t best = 0;
  for (std::string_view w : words) {
    if (w.size() > best && starts_with_at(t, pos, w)) best = w.size();
  }
  return best;
}

std::size_t scan_digits(std::string_view t, std::size_t pos) {
  std::size_t p = pos;
  while (p < t.size() && is_digit(t[p])) ++p;
  return p - pos;
}

std::size_t scan_hex_run(std::string_view t, std::size_t pos, std::size_t n) {
  if (t.size() - pos < n) return 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_hex_digit(t[pos + i])) return 0;
  }
  return n;
}

// 8-4-4-4-12 hex digits.
std::size_t scan_raw_guid(std::string_view t, std::size_t pos) {
  if (t.size() - pos < 36) return 0;
  if (!scan_hex_run(t, pos, 8) || t[pos + 8] != '-' || !scan_hex_run(t, pos + 9, 4) ||
      t[pos + 13] != '-' || !scan_hex_run(t, pos + 14, 4) || t[pos + 18] != '-' ||
      !scan_hex_run(t, pos + 19, 4) || t[pos + 23] != '-' || !scan_hex_run(t, pos + 24, 12)) {
    return 0;
  }
  return 36;
}

std::size_t scan_identifier(std::string_view t, std::size_t pos) {
  std::size_t p = pos;
  if (is_ident_start(peek(t, p))) {
    ++p;
  } else {
    // Digits then at least one letter or '_': `1abc` is an identifier.
    const std::size_t d = scan_digits(t, p);
    if (d == 0) return 0;
    const char c = peek(t, p + d);
    if (!is_letter(c) && c != '_') return 0;
    p += d;
  }
  while (p < t.size() && is_ident_char(t[p])) ++p;
  return p - pos;
}

std::size_t scan_exponent(std::string_view t, std::size_t pos) {
  std::size_t p = pos;
  if (peek(t, p) != 'e' && peek(t, p) != 'E') return 0;
  ++p;
  if (peek(t, p) == '+' || peek(t, p) == '-') ++p;
  const std::size_t d = scan_digits(t, p);
  return d == 0 ? 0 : p + d - pos;
}

std::size_t scan_real(std::string_view t, std::size_t pos) {
  std::size_t p = pos + scan_digits(t, pos);
  if (p == pos) return 0;
  if (peek(t, p) == '.' && (peek(t, p + 1) != '.' || peek(t, p + 2) == '.')) {
    ++p;
    p += scan_digits(t, p);
    p += scan_exponent(t, p);
  } else {
    const std::size_t e = scan_exponent(t, p);
    if (e == 0) return 0;
    p += e;
  }
  return is_ident_char(peek(t, p)) ? 0 : p - pos;
}

std::size_t scan_timespan(std::string_view t, std::size_t pos) {
  std::size_t p = pos + scan_digits(t, pos);
  if (p == pos) return 0;
  if (peek(t, p) == '.') {
    const std::size_t f = scan_digits(t, p + 1);
    if (f > 0) p += 1 + f;
  }
  const std::size_t suffix = longest_match(t, p, kTimespanSuffixes);
  if (suffix == 0) return 0;
  p += suffix;
  return is_ident_char(peek(t, p)) ? 0 : p - pos;
}

std::size_t scan_long(std::string_view t, std::size_t pos) {
  std::size_t p = pos;
  if (peek(t, p) == '0' && (peek(t, p + 1) == 'x' || peek(t, p + 1) == 'X') &&
      is_hex_digit(peek(t, p + 2))) {
    p += 2;
    while (p < t.size() && is_hex_digit(t[p])) ++p;
    return is_ident_char(peek(t, p)) ? 0 : p - pos;
  }
  p += scan_digits(t, p);
  if (p == pos || is_ident_char(peek(t, p))) return 0;
  return p - pos;
}

class Lexer {
 public:
  Lexer(const SourceText& source, const SourceMap& map) : t_(source.text), map_(map) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    tokens.reserve(t_.size() / 4 + 2);
    for (;;) {
      const std::size_t trivia_start = pos_;
      skip_trivia();
      const bool space_before = pos_ != trivia_start;
      Token tok = scan();
      tok.space_before = space_before;
      tokens.push_back(tok);
      if (tok.kind == TokenKind::End) break;
    }
    return tokens;
  }

 private:
  [[noreturn]] void fail(std::size_t offset, const std::string& message) const {
    throw Error(map_.locate(static_cast<std::uint32_t>(offset)), message);
  }

  void skip_trivia() {
    for (;;) {
      if (const std::size_t ws = whitespace_length(t_, pos_); ws > 0) {
        pos_ += ws;
      } else if (peek(t_, pos_) == '/' && peek(t_, pos_ + 1) == '/') {
        while (pos_ < t_.size() && line_break_length(t_, pos_) == 0) ++pos_;
      } else {
        return;
      }
    }
  }

  Token make(TokenKind kind, std::size_t start, std::size_t length) {
    pos_ = start + length;
    Token tok;
    tok.kind = kind;
    tok.offset = static_cast<std::uint32_t>(start);
    tok.length = static_cast<std::uint32_t>(length);
    return tok;
  }

  Token scan() {
    const std::size_t p = pos_;
    if (p >= t_.size()) return make(TokenKind::End, p, 0);
    const char c = t_[p];
    if (is_letter(c) || c == '_' || c == '$') return scan_word(p);
    if (is_digit(c)) return scan_number(p);
    const char c2 = peek(t_, p + 1);
    switch (c) {
      case '(':
        return make(TokenKind::OpenParen, p, 1);
      case ')':
        return make(TokenKind::CloseParen, p, 1);
      case '[':
        return make(TokenKind::OpenBracket, p, 1);
      case ']':
        return make(TokenKind::CloseBracket, p, 1);
      case '{':
        return make(TokenKind::OpenBrace, p, 1);
      case '}':
        return make(TokenKind::CloseBrace, p, 1);
      case '|':
        return make(TokenKind::Bar, p, 1);
      case ',':
        return make(TokenKind::Comma, p, 1);
      case ';':
        return make(TokenKind::Semicolon, p, 1);
      case ':':
        return make(TokenKind::Colon, p, 1);
      case '.':
        return c2 == '.' ? make(TokenKind::DotDot, p, 2) : make(TokenKind::Dot, p, 1);
      case '+':
        return make(TokenKind::Plus, p, 1);
      case '-':
        return make(TokenKind::Minus, p, 1);
      case '*':
        return make(TokenKind::Star, p, 1);
      case '/':
        return make(TokenKind::Slash, p, 1);
      case '%':
        return make(TokenKind::Percent, p, 1);
      case '?':
        return make(TokenKind::Question, p, 1);
      case '<':
        if (c2 == '=') return make(TokenKind::LessEqual, p, 2);
        if (c2 == '|') return make(TokenKind::LessBar, p, 2);
        if (c2 == '>') return make(TokenKind::LessGreater, p, 2);
        return make(TokenKind::Less, p, 1);
      case '>':
        return c2 == '=' ? make(TokenKind::GreaterEqual, p, 2) : make(TokenKind::Greater, p, 1);
      case '=':
        if (c2 == '=') return make(TokenKind::EqualEqual, p, 2);
        if (c2 == '>') return make(TokenKind::FatArrow, p, 2);
        if (c2 == '~') return make(TokenKind::EqualTilde, p, 2);
        return make(TokenKind::Equal, p, 1);
      case '!': {
        if (c2 == '=') return make(TokenKind::BangEqual, p, 2);
        if (c2 == '~') return make(TokenKind::BangTilde, p, 2);
        const std::size_t n = longest_match(t_, p, kBangKeywords);
        if (n > 0 && !is_ident_char(peek(t_, p + n))) return make(TokenKind::Keyword, p, n);
        fail(p, fmt::format("unexpected {} (Kusto's negated operators are written like "
                            "'!contains', '!in', '!=')",
                            quote_excerpt(t_.substr(p, std::max<std::size_t>(n, 1)))));
      }
      case '@':
        if (c2 == '"' || c2 == '\'' || c2 == '`' || c2 == '~') return scan_string(p);
        return make(TokenKind::At, p, 1);
      case '"':
      case '\'':
        return scan_string(p);
      case '`':
      case '~':
        if (starts_with_at(t_, p, "```") || starts_with_at(t_, p, "~~~")) return scan_string(p);
        break;
      case '#': {
        std::size_t e = p + 1;
        while (e < t_.size() && is_ident_char(t_[e])) ++e;
        fail(p, fmt::format("{} is not supported (client directives)",
                            quote_excerpt(t_.substr(p, e - p))));
      }
      default:
        break;
    }
    std::size_t len = 1;
    if (static_cast<unsigned char>(c) >= 0x80) decode_utf8(t_, p, len);
    fail(p, fmt::format("unexpected character {}", quote_excerpt(t_.substr(p, len))));
  }

  Token scan_word(std::size_t p) {
    if (const std::size_t g = scan_raw_guid(t_, p); g > 0) return make(TokenKind::RawGuid, p, g);
    const std::size_t n = scan_identifier(t_, p);
    const char next = peek(t_, p + n);
    // h"..." / H'...' / h@"...": obfuscated string literals.
    if (n == 1 && (t_[p] == 'h' || t_[p] == 'H')) {
      const std::size_t q = next == '@' ? p + 2 : p + 1;
      if (peek(t_, q) == '"' || peek(t_, q) == '\'' || starts_with_at(t_, q, "```") ||
          starts_with_at(t_, q, "~~~")) {
        return scan_string(p);
      }
    }
    const std::string_view word = t_.substr(p, n);
    if (next == '(') {
      for (std::string_view w : kTypedLiteralWords) {
        if (w == word) return scan_typed_literal(p, n);
      }
    }
    if (next == '-' || next == '~') {
      const std::size_t k = longest_match(t_, p, kDashedKeywords);
      const std::size_t in_cs = starts_with_at(t_, p, "in~") ? 3 : 0;
      const std::size_t m = std::max(k, in_cs);
      if (m > n && !is_ident_char(peek(t_, p + m))) return make(TokenKind::Keyword, p, m);
    }
    return make(TokenKind::Identifier, p, n);
  }

  Token scan_number(std::size_t p) {
    if (const std::size_t g = scan_raw_guid(t_, p); g > 0) return make(TokenKind::RawGuid, p, g);
    if (const std::size_t n = scan_real(t_, p); n > 0) return make(TokenKind::Real, p, n);
    if (const std::size_t n = scan_timespan(t_, p); n > 0) return make(TokenKind::Timespan, p, n);
    if (const std::size_t n = scan_long(t_, p); n > 0) return make(TokenKind::Long, p, n);
    return make(TokenKind::Identifier, p, scan_identifier(t_, p));
  }

  // word(...) up to the first ')' on the same line.
  Token scan_typed_literal(std::size_t p, std::size_t word_len) {
    std::size_t e = p + word_len + 1;
    while (e < t_.size() && t_[e] != ')' && line_break_length(t_, e) == 0) ++e;
    if (e >= t_.size() || t_[e] != ')') {
      fail(p, fmt::format("unterminated {}(...) literal: expected ')' on the same line",
                          t_.substr(p, word_len)));
    }
    return make(TokenKind::TypedLiteral, p, e + 1 - p);
  }

  Token scan_string(std::size_t start) {
    std::size_t p = start;
    if (t_[p] == 'h' || t_[p] == 'H') ++p;
    bool verbatim = false;
    if (peek(t_, p) == '@') {
      verbatim = true;
      ++p;
    }
    if (starts_with_at(t_, p, "```") || starts_with_at(t_, p, "~~~")) {
      const std::string_view fence = t_.substr(p, 3);
      const std::size_t close = t_.find(fence, p + 3);
      if (close == std::string_view::npos) {
        fail(start, fmt::format("unterminated multi-line string literal: no closing {}",
                                quote_excerpt(fence)));
      }
      return make(TokenKind::String, start, close + 3 - start);
    }
    const char quote = t_[p];
    ++p;
    for (;;) {
      if (p >= t_.size() || t_[p] == '\n' || t_[p] == '\r') {
        fail(start,
             "unterminated string literal (a quoted string ends on its line; use ``` "
             "for multi-line strings)");
      }
      const char c = t_[p];
      if (c == quote) {
        if (verbatim && peek(t_, p + 1) == quote) {
          p += 2;
          continue;
        }
        return make(TokenKind::String, start, p + 1 - start);
      }
      if (c == '\\' && !verbatim) {
        const std::size_t n = string_escape_length(t_, p);
        if (n == 0) {
          std::size_t len = 1;
          if (p + 1 < t_.size()) decode_utf8(t_, p + 1, len);
          fail(p, fmt::format("invalid escape sequence {} in string literal (use \\\\ for a "
                              "backslash, or a verbatim string @\"...\")",
                              quote_excerpt(t_.substr(p, 1 + len))));
        }
        p += n;
        continue;
      }
      ++p;
    }
  }

  std::string_view t_;
  const SourceMap& map_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<Token> tokenize(const SourceText& source, const SourceMap& map) {
  return Lexer(source, map).run();
}

}  // namespace huntq::kql
