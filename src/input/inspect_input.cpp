#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "huntq/input/inspect.h"
#include "huntq/input/readers.h"
#include "huntq/value/schema.h"

namespace huntq::input {
namespace {

constexpr std::size_t kMaxDistinct = 10'000;

// Timestamp and ActionType of a table, those it has.
struct Probe {
  Projection projection;
  int timestamp = -1, action_type = -1;
};

Probe probe_of(const TableDef& table) {
  Probe p;
  p.projection.table = &table;
  if (const ColumnDef* c = table.find("Timestamp"); c && c->type == Type::DateTime) {
    p.timestamp = static_cast<int>(p.projection.columns.size());
    p.projection.columns.push_back(*c);
  }
  if (const ColumnDef* c = table.find("ActionType")) {
    p.action_type = static_cast<int>(p.projection.columns.size());
    p.projection.columns.push_back(*c);
  }
  return p;
}

struct TableTally {
  InspectReport::TableRows rows;
  std::unordered_map<std::string, std::uint64_t> actions;
};

void widen(std::optional<std::int64_t>& lo, std::optional<std::int64_t>& hi, std::int64_t t) {
  if (!lo || t < *lo) lo = t;
  if (!hi || t > *hi) hi = t;
}

}  // namespace

InspectReport inspect_input(const InputInfo& info, std::size_t top_action_types) {
  InspectReport report;
  report.display_name = info.display_name;
  report.shape = info.shape;
  report.gzip = info.gzip;
  report.encoding = info.encoding;
  report.routing = info.routing;
  report.size = info.size;

  std::vector<TableTally> tallies;
  auto tally_for = [&](std::string_view name, bool known) -> TableTally& {
    for (auto& t : tallies) {
      if (t.rows.table == name) return t;
    }
    tallies.emplace_back();
    tallies.back().rows.table = std::string(name);
    tallies.back().rows.known = known;
    return tallies.back();
  };
  std::map<const TableDef*, Probe> probes;
  auto probe_for = [&](const TableDef* t) -> const Probe& {
    auto it = probes.find(t);
    if (it == probes.end()) it = probes.emplace(t, probe_of(*t)).first;
    return it->second;
  };

  std::unordered_set<std::string> seen_columns;
  auto add_column = [&](const std::string& c) {
    if (seen_columns.size() >= kMaxDistinct) return;
    if (seen_columns.insert(c).second) report.columns.push_back(c);
  };
  for (const auto& c : info.columns) add_column(c);

  auto source = open_source_base(info);
  std::vector<Value> cells;
  std::vector<std::string> columns;
  std::string label, why;
  while (source->next()) {
    if (source->describe(columns, label, why)) {
      for (const auto& c : columns) add_column(c);
    }
    const TableDef* table = info.routing == Routing::File ? info.table : source->route().table;
    if (table == nullptr) {
      if (info.routing == Routing::File) continue;  // a file with no table to read
      // A table huntq does not read: counted under its label, not parsed further.
      if (!source->route().broken) {
        ++tally_for(source->route().name, false).rows.rows;
        continue;
      }
      table = info.tables.empty() ? &device_events() : info.tables.front();
    }
    const Probe* probe = &probe_for(table);
    Decoded d = source->decode(probe->projection, cells);
    if (d.status == Decoded::Status::OtherTable && d.table != nullptr) {
      table = d.table;
      probe = &probe_for(table);
      d = source->decode(probe->projection, cells);
    }
    if (d.status == Decoded::Status::Malformed) continue;
    if (d.status == Decoded::Status::OtherTable) {
      source->describe(columns, label, why);
      ++tally_for(label.empty() ? std::string("(no table)") : label, false).rows.rows;
      continue;
    }
    TableTally& tally = tally_for(table->name, true);
    ++tally.rows.rows;
    if (probe->timestamp >= 0) {
      const Value& ts = cells[static_cast<std::size_t>(probe->timestamp)];
      if (!ts.is_null()) {
        widen(tally.rows.min_timestamp, tally.rows.max_timestamp, ts.ticks());
        widen(report.min_timestamp, report.max_timestamp, ts.ticks());
      }
    }
    if (probe->action_type >= 0) {
      const std::string& a = cells[static_cast<std::size_t>(probe->action_type)].text();
      auto it = tally.actions.find(a);
      if (it != tally.actions.end()) {
        ++it->second;
      } else if (tally.actions.size() < kMaxDistinct) {
        tally.actions.emplace(a, 1);
      } else {
        ++tally.actions["(other values)"];
      }
    }
  }
  report.stats = source->stats();
  // A file with no ActionType column has no values to show (its cells are all "").
  const bool has_action_type = std::any_of(
      report.columns.begin(), report.columns.end(),
      [](const std::string& c) { return iequals(normalise_column_name(c), "ActionType"); });
  for (auto& t : tallies) {
    if (!has_action_type) t.actions.clear();
    std::vector<std::pair<std::string, std::uint64_t>> all(t.actions.begin(), t.actions.end());
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    t.rows.distinct_action_types = all.size();
    if (all.size() > top_action_types) all.resize(top_action_types);
    t.rows.top_action_types = std::move(all);
    report.tables.push_back(std::move(t.rows));
  }
  return report;
}

}  // namespace huntq::input
