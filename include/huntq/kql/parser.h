// KQL text -> syntax tree. A hand-written recursive-descent parser in the manner of
// Kusto.Language's QueryParser; it stops at the first error.
//
// Scalar precedence, loosest first (Kusto's QueryParser, kql-semantics.md E-11):
//   or < and
//   < equality family: == != <> in !in in~ !in~ has_any has_all between !between (one, no chain)
//   < relational: < <= > >= (one, no chain)
//   < additive: + - (left-assoc) < multiplicative: * / % (left-assoc)
//   < string operators: =~ !~ contains* has* hasprefix* hassuffix* startswith* endswith*
//     like* matches regex : (one, no chain)
//   < unary + - (applied to a primary) < primary: literal, name, call, a.b, a[i], (expr)
// Keywords are contextual: where a name is expected any word is a name (`project Type, count`).
#pragma once

#include "huntq/kql/source_text.h"
#include "huntq/kql/syntax.h"

namespace huntq::kql {

/// Nesting (parentheses, operators, calls, dynamic values ...) deeper than this is an error.
inline constexpr int kMaxNestingDepth = 200;
/// Nesting plus operator chains (`a or b or ...`, `| op | op ...`, `a.b.c...`) deeper than this
/// is an error, so a tree is never deeper than about this many nodes: consumers may recurse.
inline constexpr int kMaxTreeDepth = 2000;
/// Longer query texts are refused before lexing.
inline constexpr std::size_t kMaxQueryBytes = 16u << 20;

/// Parses a whole query text. Throws huntq::Error at the first syntax error, located in the
/// file (see SourceText). Constructs huntq does not run and cannot represent are refused with
/// "'<construct as written>' is not supported".
Script parse_script(const SourceText& source);

}  // namespace huntq::kql
