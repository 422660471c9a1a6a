#include "query_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "huntq/kql/parser.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/schema.h"

namespace huntq::cli {

std::int64_t current_ticks() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const auto ticks =
      std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count() / 100;
  return ticks_from_civil(1970, 1, 1) + ticks;
}

std::string today_utc(std::int64_t now_ticks) {
  return format_datetime(now_ticks).substr(0, 10);
}

kql::Catalog make_catalog(const std::vector<input::InputInfo>* inputs) {
  kql::Catalog catalog;
  catalog.find_table = [](std::string_view name) { return find_table(name); };
  catalog.present_tables = [inputs] {
    std::vector<std::string> names;
    if (!inputs) {
      for (const TableDef* t : known_tables()) names.emplace_back(t->name);
      return names;
    }
    for (const auto& in : *inputs) {
      if (in.table) {
        names.emplace_back(in.table->name);
      } else {
        for (const TableDef* t : known_tables()) names.emplace_back(t->name);
      }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
  };
  return catalog;
}

rules::RuleSet load_exclusions(const std::vector<std::string>& paths, const engine::Schema& schema,
                               std::int64_t now_ticks) {
  rules::RuleSet rules;
  std::vector<std::string> types;
  for (const auto& c : schema) types.emplace_back(type_name(c.type));
  rules.set_kql_types(std::move(types));
  const std::vector<std::string> columns = engine::column_names(schema);
  for (const auto& path : paths) rules.load_path(path, columns, today_utc(now_ticks));
  return rules;
}

engine::PlanPtr apply_exclusions(engine::PlanPtr plan, const rules::RuleSet& rules,
                                 bool show_excluded, const kql::BindOptions& options) {
  if (rules.rules().empty()) return plan;
  auto n = engine::make_node(engine::PlanKind::Exclude);
  n->schema = plan->schema;
  if (show_excluded) n->schema.push_back({"ExcludedBy", Type::String});
  n->show_excluded = show_excluded;
  for (const auto& r : rules.rules()) {
    kql::SourceText src{fmt::format("{} (rule {} as KQL)", r.where.to_string(), r.id), r.kql, 1, 0};
    const kql::Script script = kql::parse_script(src);
    n->rules.push_back({r.id, kql::bind_predicate(script, plan->schema, options)});
  }
  n->children.push_back(std::move(plan));
  return n;
}

void WriterSink::begin(const engine::Schema& schema) {
  std::vector<output::Column> columns;
  for (const auto& c : schema) columns.push_back({c.name, c.type});
  texts_.assign(columns.size(), {});
  cells_.assign(columns.size(), {});
  writer_.begin(columns);
}

void WriterSink::row(engine::Row& row) {
  if (printed >= limit) {
    ++withheld;
    return;
  }
  for (std::size_t i = 0; i < row.size(); ++i) {
    const Value& v = row[i];
    if (v.is_null()) {
      texts_[i].clear();
    } else if (v.type() == Type::DateTime) {
      texts_[i] = format_datetime(v.ticks(), style_);
    } else if (v.type() == Type::Dynamic) {
      texts_[i] = to_json(*v.tree());  // dynamic cells print as their JSON text, as Kusto shows
    } else {
      texts_[i] = huntq::to_string(v);
    }
    cells_[i] = {texts_[i], v.is_null()};
  }
  writer_.row(cells_);
  ++printed;
}

}  // namespace huntq::cli
