// Syntax tree -> checked logical plan (the KQL front end's second half).
//
// The binder resolves every name (columns, lets, functions, tables), types every expression with
// the function registry's rules, names result columns as Kusto's binder does, and builds plan
// nodes. Whatever huntq cannot run exactly is refused here, before any data is read, with the
// construct's name and place: `q.kql:12:7: 'make-series' is not supported`.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/engine/plan.h"
#include "huntq/kql/syntax.h"
#include "huntq/value/schema.h"

namespace huntq::kql {

/// The tables a query may read.
struct Catalog {
  /// The table with this exact name (built-in schemas and tables only the inputs hold), or null.
  std::function<const TableDef*(std::string_view)> find_table;
  /// Names of the tables the inputs hold, for union's wildcards (`union Device*`).
  std::function<std::vector<std::string>()> present_tables;
};

struct BindOptions {
  /// The instant now() and ago() mean, in ticks (100 ns since 0001-01-01, UTC).
  std::int64_t now_ticks = 0;
};

struct BoundQuery {
  engine::PlanPtr plan;
  /// Things the user should know that do not change rows ("render is a client hint: ignored").
  std::vector<std::string> notes;
  /// Whether now()/ago() were used (so the summary can state the instant).
  bool uses_now = false;
};

/// Binds a script's lets and its query. Throws huntq::Error located in the script's file.
BoundQuery bind_script(const Script& script, const Catalog& catalog, const BindOptions& options);

/// Binds a script of the form `$input | op | op ...` (the text after `--then`), where the name
/// `input_name` stands for `input`'s rows.
engine::PlanPtr bind_operators_over(const Script& script, std::string_view input_name,
                                    engine::PlanPtr input, const Catalog& catalog,
                                    const BindOptions& options, BoundQuery* notes_out = nullptr);

/// Binds a scalar predicate over `input` (an exclusion rule compiled to KQL). Throws
/// huntq::Error located in `script`.
engine::ExprPtr bind_predicate(const Script& script, const engine::Schema& input,
                               const BindOptions& options);

}  // namespace huntq::kql
