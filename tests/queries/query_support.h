// Runs KQL text in-process (parse, bind, execute) over no inputs or given ones, for tests of
// operator semantics written as queries, the way Microsoft's docs write their examples.
#pragma once

#include <string>
#include <vector>

#include "huntq/engine/executor.h"
#include "huntq/kql/binder.h"
#include "huntq/kql/parser.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"

namespace huntq::testing {

struct QueryResult {
  std::vector<std::string> columns;            ///< "name:type"
  std::vector<std::vector<std::string>> rows;  ///< cells as text: tostring(), "<null>" for null
};

inline std::string cell_text(const Value& v) {
  if (v.is_null()) return "<null>";
  if (v.type() == Type::DateTime) return format_datetime(v.ticks());
  if (v.type() == Type::Dynamic) return to_json(*v.tree());
  return to_string(v);
}

inline engine::PlanPtr bind_kql(const std::string& text,
                                const std::vector<input::InputInfo>& inputs = {}) {
  kql::SourceText src{"test.kql", text, 1, 0};
  const kql::Script script = kql::parse_script(src);
  kql::Catalog catalog;
  catalog.find_table = [](std::string_view name) { return find_table(name); };
  catalog.present_tables = [&inputs] {
    std::vector<std::string> names;
    for (const auto& in : inputs)
      if (in.table) names.emplace_back(in.table->name);
    return names;
  };
  kql::BindOptions bo;
  bo.now_ticks = ticks_from_civil(2024, 3, 12, 12);
  return kql::bind_script(script, catalog, bo).plan;
}

inline QueryResult run_kql(const std::string& text,
                           const std::vector<input::InputInfo>& inputs = {},
                           engine::ExecOptions options = {}) {
  const engine::PlanPtr plan = bind_kql(text, inputs);
  const engine::ResultSet r = engine::execute_collect(plan, inputs, options);
  QueryResult out;
  for (const auto& c : r.schema)
    out.columns.push_back(c.name + ":" + std::string(type_name(c.type)));
  for (const auto& row : r.rows) {
    std::vector<std::string> cells;
    for (const auto& v : row) cells.push_back(cell_text(v));
    out.rows.push_back(std::move(cells));
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace huntq::testing
