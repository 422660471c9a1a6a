#include <algorithm>

#include "huntq/input/inspect.h"
#include "huntq/input/readers.h"
#include "huntq/value/schema.h"

namespace huntq::input {
namespace {

Projection timestamp_of(const TableDef& table) {
  Projection p;
  p.table = &table;
  p.columns.push_back(*table.find("Timestamp"));
  return p;
}

}  // namespace

InspectReport inspect_input(const InputInfo& info) {
  InspectReport report;
  report.display_name = info.display_name;
  report.shape = info.shape;
  report.gzip = info.gzip;
  report.size = info.size;
  report.columns = info.columns;

  std::vector<Projection> projections;
  for (const TableDef* t : known_tables()) {
    projections.push_back(timestamp_of(*t));
    report.tables.push_back({std::string(t->name), 0, true});
  }
  auto index_of = [&](const TableDef* t) {
    const auto tables = known_tables();
    return static_cast<std::size_t>(std::find(tables.begin(), tables.end(), t) - tables.begin());
  };
  auto count_other = [&](const std::string& label) {
    const std::string name = label.empty() ? "(unknown table)" : label;
    for (auto& t : report.tables) {
      if (!t.known && t.table == name) {
        ++t.rows;
        return;
      }
    }
    report.tables.push_back({name, 1, false});
  };

  auto source = open_source_base(info);
  std::vector<Value> cells;
  std::vector<std::string> columns;
  std::string label, why;
  const TableDef* first_guess = info.table ? info.table : &device_events();
  while (source->next()) {
    Decoded d = source->decode(projections[index_of(first_guess)], cells);
    if (d.status == Decoded::Status::OtherTable && d.table != nullptr) {
      d = source->decode(projections[index_of(d.table)], cells);
    }
    if (d.status == Decoded::Status::Malformed) continue;
    if (d.status == Decoded::Status::OtherTable) {
      source->describe(columns, label, why);
      count_other(label);
      continue;
    }
    const TableDef* t = d.table ? d.table : first_guess;
    ++report.tables[index_of(t)].rows;
    if (!cells.empty() && !cells[0].is_null()) {
      const std::int64_t ts = cells[0].ticks();
      if (!report.min_timestamp || ts < *report.min_timestamp) report.min_timestamp = ts;
      if (!report.max_timestamp || ts > *report.max_timestamp) report.max_timestamp = ts;
    }
  }
  report.stats = source->stats();
  // Known tables with no rows say nothing about this file.
  std::erase_if(report.tables, [](const InspectReport::TableRows& t) { return t.rows == 0; });
  return report;
}

}  // namespace huntq::input
