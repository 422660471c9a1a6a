// Kusto's names for result columns nobody named (Kusto.Language's GetExpressionResultName).
#include <algorithm>

#include "binder_impl.h"
#include "huntq/engine/functions.h"

namespace huntq::kql {
namespace {

// Functions whose unnamed result in a summarize `by` clause is `name_Arg` (checked against
// Kusto.Language: `summarize count() by strlen(FolderPath)` gives strlen_FolderPath, while
// `extend strlen(FolderPath)` gives Column1).
bool prefixes_argument_in_by(std::string_view fn) {
  return fn == "strlen";
}

}  // namespace

std::string default_name(const Expr& e, NamingContext ctx) {
  switch (e.kind) {
    case ExprKind::Name:
      return e.as<NameExpr>().name.text;
    case ExprKind::Paren:
      return default_name(*e.as<ParenExpr>().inner, ctx);
    case ExprKind::Member: {
      const auto& m = e.as<MemberExpr>();
      const std::string base = default_name(*m.object, ctx);
      return base.empty() ? "" : base + "_" + m.member.text;
    }
    case ExprKind::Index: {
      const auto& ix = e.as<IndexExpr>();
      const std::string base = default_name(*ix.object, ctx);
      if (base.empty()) return "";
      if (const auto* lit = ix.index->try_as<LiteralExpr>()) {
        if (lit->type == ScalarType::String) return base + "_" + lit->text;
        if (lit->type == ScalarType::Long || lit->type == ScalarType::Int)
          return base + "_" + std::to_string(lit->int_value);
      }
      return "";
    }
    case ExprKind::Call: {
      const auto& c = e.as<CallExpr>();
      if (c.args.empty() || c.receiver) return "";
      const auto* f = engine::FunctionRegistry::instance().scalar(c.name.text);
      if (!f) return "";
      const std::string arg = default_name(*c.args[0].expr, ctx);
      if (arg.empty()) return "";
      if (f->result_name == engine::ResultName::FirstArgument) return arg;
      if (ctx == NamingContext::SummarizeBy && prefixes_argument_in_by(c.name.text) &&
          c.args.size() == 1)
        return c.name.text + "_" + arg;
      return "";
    }
    default:
      return "";
  }
}

std::string fresh_column_name(int& counter, const std::vector<std::string>& taken) {
  for (;;) {
    std::string name = "Column" + std::to_string(++*&counter);
    if (std::find(taken.begin(), taken.end(), name) == taken.end()) return name;
  }
}

bool wildcard_match(std::string_view pattern, std::string_view name) {
  // Iterative glob with backtracking to the last '*': linear for practical patterns.
  std::size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p, ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace huntq::kql
