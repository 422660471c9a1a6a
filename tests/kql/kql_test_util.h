// Helpers for the kql tests: parse a text and dump it, or catch its error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "huntq/error.h"
#include "huntq/kql/parser.h"

namespace huntq::kql::test {

inline Script parse(std::string_view text) {
  SourceText source;
  source.name = "q.kql";
  source.text = std::string(text);
  return parse_script(source);
}

/// The dump of a script's only statement, which must be a query: its expression.
inline std::string dump_query(std::string_view text) {
  Script s = parse(text);
  if (s.statements().size() != 1 || s.statements()[0]->kind != StatementKind::Query) {
    return "(not one query) " + dump(s);
  }
  return dump(*s.statements()[0]->as<QueryStatement>().expr);
}

/// The dump of `print x = <expr>`'s expression.
inline std::string dump_expr(std::string_view expr) {
  Script s = parse("print x = " + std::string(expr));
  const auto& op = s.statements()[0]->as<QueryStatement>().expr->as<OperatorExpr>().op;
  return dump(*op->as<PrintOp>().items.at(0).expr);
}

inline std::string dump_script(std::string_view text) {
  return dump(parse(text));
}

/// "line:column: message" of the error parsing `text`, or "no error".
inline std::string error_of(std::string_view text) {
  try {
    parse(text);
  } catch (const Error& e) {
    return std::to_string(e.where().line) + ":" + std::to_string(e.where().column) + ": " +
           e.what_only();
  }
  return "no error";
}

/// A literal's decoded value, copied out of its tree.
struct Lit {
  ScalarType type = ScalarType::Long;
  bool is_null = false;
  std::int64_t int_value = 0;
  double real_value = 0;
  std::string text;
};

/// The value of `print x = <literal>`.
inline Lit lit(std::string_view literal) {
  Script s = parse("print x = " + std::string(literal));
  const auto& op = s.statements()[0]->as<QueryStatement>().expr->as<OperatorExpr>().op;
  const auto& l = op->as<PrintOp>().items.at(0).expr->as<LiteralExpr>();
  return Lit{l.type, l.is_null, l.int_value, l.real_value, l.text};
}

}  // namespace huntq::kql::test
