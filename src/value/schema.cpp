#include "huntq/value/schema.h"

#include <algorithm>
#include <array>
#include <bit>
#include <climits>
#include <stdexcept>
#include <unordered_map>

#include "fmt/format.h"
#include "huntq/defender_schemas_tsv.h"

namespace huntq {
namespace {

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

void lower_into(std::string& out, std::string_view s) {
  out.resize(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) out[i] = ascii_lower(s[i]);
}

bool ends_with_icase(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// Sentinel's copies of the tables add these; they say nothing about which table a row is from.
bool is_generic_column(std::string_view c) {
  return iequals(c, "TenantId") || iequals(c, "TimeGenerated") || iequals(c, "SourceSystem") ||
         iequals(c, "Type") || iequals(c, "MachineGroup") || (!c.empty() && c.front() == '_');
}

// The built-in tables and, for telling tables apart, every column name with the set of tables
// that have it (27 tables: one bit each).
struct Catalog {
  std::vector<TableDef> tables;
  std::vector<const TableDef*> pointers;
  struct ColumnInfo {
    std::uint32_t id = 0;
    std::uint32_t tables = 0;  // bit i: pointers[i] has the column
  };
  std::unordered_map<std::string, ColumnInfo> columns;  // lower-case name
  std::vector<std::uint32_t> generic;                   // bit set per column id
};

Type parse_schema_type(std::string_view t, std::string_view where) {
  if (auto type = type_from_export_name(t)) return *type;
  throw std::logic_error(fmt::format("defender_schemas.tsv: {}: unknown type '{}'", where, t));
}

Catalog load_catalog() {
  Catalog c;
  std::string_view text = detail::kDefenderSchemasTsv;
  bool header = true;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (header) {  // table	column	type
      header = false;
      continue;
    }
    const std::size_t t1 = line.find('\t');
    const std::size_t t2 = line.find('\t', t1 + 1);
    if (t1 == std::string_view::npos || t2 == std::string_view::npos) {
      throw std::logic_error(fmt::format("defender_schemas.tsv: bad line '{}'", line));
    }
    const std::string_view table = line.substr(0, t1);
    const std::string_view column = line.substr(t1 + 1, t2 - t1 - 1);
    const Type type = parse_schema_type(line.substr(t2 + 1), line);
    if (c.tables.empty() || c.tables.back().name != table) {
      c.tables.push_back(TableDef{std::string(table), {}, true});
    }
    c.tables.back().columns.push_back(ColumnDef{std::string(column), type});
  }
  if (c.tables.size() > 32) throw std::logic_error("defender_schemas.tsv: more than 32 tables");
  for (const TableDef& t : c.tables) c.pointers.push_back(&t);
  std::string lower;
  for (std::size_t i = 0; i < c.tables.size(); ++i) {
    for (const ColumnDef& col : c.tables[i].columns) {
      lower_into(lower, col.name);
      auto [it, added] = c.columns.try_emplace(lower);
      if (added) it->second.id = static_cast<std::uint32_t>(c.columns.size() - 1);
      it->second.tables |= std::uint32_t{1} << i;
    }
  }
  return c;
}

const Catalog& catalog() {
  static const Catalog c = load_catalog();
  return c;
}

// The set of tables that have a column (by raw name: normalised and lower-cased here), or
// nullptr when no table has it or it is no evidence.
const Catalog::ColumnInfo* column_info(std::string_view raw, std::string& lower) {
  const std::string_view name = normalise_column_name(raw);
  if (is_generic_column(name)) return nullptr;
  lower_into(lower, name);
  const auto& cols = catalog().columns;
  const auto it = cols.find(lower);
  return it == cols.end() ? nullptr : &it->second;
}

std::string table_list(const std::vector<const TableDef*>& tables) {
  std::string s;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (i) s += i + 1 == tables.size() ? " or " : ", ";
    s += tables[i]->name;
  }
  return s;
}

std::string column_sample(std::span<const std::string> columns) {
  std::string seen;
  const std::size_t shown = std::min<std::size_t>(columns.size(), 12);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i) seen += ", ";
    seen += columns[i].size() > 64 ? columns[i].substr(0, 64) + "..." : columns[i];
  }
  if (shown < columns.size()) seen += fmt::format(", ... ({} columns)", columns.size());
  if (columns.empty()) seen = "no columns";
  return seen;
}

// Tables whose ActionType values are a closed, documented set; used only to break ties between
// tables that explain a row's columns equally well.
const TableDef* table_of_action_type(std::string_view a) {
  auto starts = [&](std::string_view p) {
    return a.size() >= p.size() && a.substr(0, p.size()) == p;
  };
  auto ends = [&](std::string_view p) {
    return a.size() >= p.size() && a.substr(a.size() - p.size()) == p;
  };
  const char* name = nullptr;
  if (a == "ProcessCreated") {
    name = "DeviceProcessEvents";
  } else if (a == "FileCreated" || a == "FileModified" || a == "FileRenamed" ||
             a == "FileDeleted") {
    name = "DeviceFileEvents";
  } else if (starts("Connection") || ends("ConnectionInspected") ||
             a == "InboundConnectionAccepted" || a == "ListeningConnectionCreated" ||
             a == "NetworkSignatureInspected") {
    name = "DeviceNetworkEvents";
  } else if (a == "RegistryKeyCreated" || a == "RegistryKeyDeleted" || a == "RegistryKeyRenamed" ||
             a == "RegistryValueSet" || a == "RegistryValueDeleted") {
    name = "DeviceRegistryEvents";
  } else if (a == "LogonSuccess" || a == "LogonFailed" || a == "LogonAttempted") {
    name = "DeviceLogonEvents";
  } else if (a == "ImageLoaded") {
    name = "DeviceImageLoadEvents";
  }
  return name ? find_table(name) : nullptr;
}

}  // namespace

const ColumnDef* TableDef::find(std::string_view wanted) const {
  const std::string_view n = normalise_column_name(wanted);
  for (const ColumnDef& c : columns) {
    if (iequals(c.name, n)) return &c;
  }
  return nullptr;
}

const TableDef& device_events() {
  static const TableDef* t = find_table("DeviceEvents");
  return *t;
}
const TableDef& device_file_events() {
  static const TableDef* t = find_table("DeviceFileEvents");
  return *t;
}

const TableDef* find_table(std::string_view name) {
  for (const TableDef* t : catalog().pointers) {
    if (iequals(t->name, name)) return t;
  }
  return nullptr;
}

std::span<const TableDef* const> known_tables() {
  return catalog().pointers;
}

std::shared_ptr<const TableDef> make_table(std::string name, std::vector<ColumnDef> columns) {
  auto table = std::make_shared<TableDef>();
  table->name = std::move(name);
  for (ColumnDef& c : columns) {
    // A union export may name one column twice (X_string, X_dynamic): keep one.
    const std::string_view n = normalise_column_name(c.name);
    if (n.empty() || table->find(n) != nullptr) continue;
    table->columns.push_back(ColumnDef{std::string(n), c.type});
  }
  return table;
}

std::optional<Type> type_from_export_name(std::string_view t) {
  if (t.size() > 7 && iequals(t.substr(0, 7), "System.")) t.remove_prefix(7);
  if (iequals(t, "string") || iequals(t, "guid") || iequals(t, "uniqueidentifier")) {
    return Type::String;
  }
  if (iequals(t, "datetime") || iequals(t, "date")) return Type::DateTime;
  if (iequals(t, "int") || iequals(t, "int32")) return Type::Int;
  if (iequals(t, "long") || iequals(t, "int64")) return Type::Long;
  if (iequals(t, "real") || iequals(t, "double") || iequals(t, "decimal")) return Type::Real;
  if (iequals(t, "bool") || iequals(t, "boolean")) return Type::Bool;
  if (iequals(t, "dynamic") || iequals(t, "object")) return Type::Dynamic;
  if (iequals(t, "timespan") || iequals(t, "time")) return Type::TimeSpan;
  return std::nullopt;
}

std::string_view normalise_column_name(std::string_view name) {
  if (ends_with_icase(name, " [UTC]")) name.remove_suffix(6);
  // Kusto union renames clashing columns Name_long / Name_string / Name_dynamic / ...
  static constexpr std::string_view kUnionSuffixes[] = {
      "_long", "_string",   "_dynamic",  "_int",  "_real",
      "_bool", "_datetime", "_timespan", "_guid", "_decimal"};
  for (std::string_view suffix : kUnionSuffixes) {
    if (ends_with_icase(name, suffix)) {
      name.remove_suffix(suffix.size());
      break;
    }
  }
  return name;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

const TableDef* table_from_label(std::string_view label) {
  constexpr std::string_view prefix = "AdvancedHunting-";
  if (label.size() > prefix.size() && iequals(label.substr(0, prefix.size()), prefix)) {
    label.remove_prefix(prefix.size());
  }
  return find_table(label);
}

bool label_names(const TableDef& table, std::string_view label) {
  constexpr std::string_view prefix = "AdvancedHunting-";
  if (label.size() > prefix.size() && iequals(label.substr(0, prefix.size()), prefix)) {
    label.remove_prefix(prefix.size());
  }
  return iequals(label, table.name);
}

namespace {

// Of tables tied on the columns, the one whose ActionType values the rows' are, or nullptr.
const TableDef* table_of_action_types(const std::vector<const TableDef*>& tied,
                                      std::span<const std::string> action_types) {
  const TableDef* found = nullptr;
  for (const std::string& a : action_types) {
    if (a.empty()) continue;
    const TableDef* owner = table_of_action_type(a);
    if (owner == nullptr) owner = &device_events();  // DeviceEvents' ActionTypes are open-ended
    if (std::find(tied.begin(), tied.end(), owner) == tied.end()) return nullptr;
    if (found != nullptr && found != owner) return nullptr;
    found = owner;
  }
  return found;
}

}  // namespace

TableDetection detect_tables(std::span<const std::string> columns,
                             std::span<const std::string> action_types) {
  const Catalog& cat = catalog();
  const std::size_t n_tables = cat.pointers.size();
  TableDetection result;
  std::string lower;
  std::vector<const Catalog::ColumnInfo*> known;  // distinct known columns
  std::size_t evidence = 0;                       // distinct non-generic columns
  {
    std::vector<std::string> distinct;
    for (const std::string& raw : columns) {
      const std::string_view n = normalise_column_name(raw);
      if (is_generic_column(n)) continue;
      lower_into(lower, n);
      if (std::find(distinct.begin(), distinct.end(), lower) != distinct.end()) continue;
      distinct.push_back(lower);
      ++evidence;
      const auto it = cat.columns.find(lower);
      if (it != cat.columns.end()) known.push_back(&it->second);
    }
  }
  auto fail = [&](std::string why) {
    result.tables.clear();
    result.why =
        fmt::format("cannot tell the table from the columns ({}): {}; pass --table NAME=PATH",
                    column_sample(columns), why);
    return result;
  };
  if (known.empty()) return fail("none of them is a column of a Defender table");

  // Tables that have every known column.
  std::uint32_t all = ~std::uint32_t{0};
  for (const auto* c : known) all &= c->tables;
  std::vector<const TableDef*> full;
  for (std::size_t i = 0; i < n_tables; ++i) {
    if (all & (std::uint32_t{1} << i)) full.push_back(cat.pointers[i]);
  }
  if (full.size() > 1) {
    if (const TableDef* t = table_of_action_types(full, action_types)) {
      full = {t};
    } else {
      return fail(
          fmt::format("{} tables have all of them ({}){}", full.size(), table_list(full),
                      action_types.empty() ? "" : ", and the ActionType values do not tell"));
    }
  }
  if (full.size() == 1) {
    if (known.size() * 2 < evidence) {
      return fail(
          fmt::format("only {} of {} are columns of {}", known.size(), evidence, full[0]->name));
    }
    result.tables = full;
    return result;
  }

  // No table has them all: the tables that explain them, most first.
  std::vector<bool> explained(known.size(), false);
  std::uint32_t taken = 0;
  for (bool first = true;; first = false) {
    std::array<std::size_t, 32> counts{};
    for (std::size_t k = 0; k < known.size(); ++k) {
      if (explained[k]) continue;
      for (std::uint32_t m = known[k]->tables & ~taken; m; m &= m - 1) {
        ++counts[static_cast<std::size_t>(std::countr_zero(m))];
      }
    }
    const std::size_t best = *std::max_element(counts.begin(), counts.begin() + n_tables);
    if (first && best * 2 < evidence) {
      return fail(fmt::format("no table has more than {} of these {} columns", best, evidence));
    }
    if (!first && best < 3) break;
    std::uint32_t picked = 0;
    for (std::size_t i = 0; i < n_tables; ++i) {
      if (counts[i] == best) {
        picked |= std::uint32_t{1} << i;
        result.tables.push_back(cat.pointers[i]);
      }
    }
    if (first && result.tables.size() > 1) {
      // Several tables explain the same most columns: a union of them, or a tie. Only a union
      // leaves columns that just one of them has.
      bool distinct = false;
      for (const auto* c : known) {
        if (std::popcount(c->tables & picked) == 1) distinct = true;
      }
      if (!distinct) {
        if (const TableDef* t = table_of_action_types(result.tables, action_types)) {
          result.tables = {t};
          if (known.size() * 2 < evidence) {
            return fail(
                fmt::format("only {} of {} are columns of {}", known.size(), evidence, t->name));
          }
          return result;
        }
        return fail(fmt::format("{} explain them equally well", table_list(result.tables)));
      }
    }
    taken |= picked;
    for (std::size_t k = 0; k < known.size(); ++k) {
      if (known[k]->tables & picked) explained[k] = true;
    }
  }
  return result;
}

const TableDef* table_from_columns(std::span<const std::string> columns, std::string& why) {
  TableDetection d = detect_tables(columns);
  if (d.tables.size() == 1) return d.tables[0];
  if (d.tables.empty()) {
    why = std::move(d.why);
  } else {
    why = fmt::format(
        "cannot tell the table from the columns ({}): they mix columns of {}; pass --table "
        "NAME=PATH",
        column_sample(columns), table_list(d.tables));
  }
  return nullptr;
}

void RowTableVote::clear() {
  seen_.clear();
  strong_masks_.clear();
  action_type_.clear();
}

void RowTableVote::add(std::string_view column, bool has_value) {
  if (iequals(column, "ActionType") && !has_value) action_type_.clear();
  if (!has_value) return;  // a union export fills other tables' columns with "" or null
  const Catalog::ColumnInfo* info = column_info(column, lower_);
  const std::uint32_t id = info ? info->id : UINT32_MAX;
  if (info != nullptr) {
    if (std::find(seen_.begin(), seen_.end(), id) != seen_.end()) return;
    seen_.push_back(id);
  } else {
    const std::string_view n = normalise_column_name(column);
    if (is_generic_column(n)) return;
  }
  strong_masks_.push_back(info ? info->tables : 0);
}

RowTableVote::Result RowTableVote::decide(std::span<const TableDef* const> file_tables) const {
  const Catalog& cat = catalog();
  const std::size_t n_tables = cat.pointers.size();
  std::array<long, 32> score{};
  const long total = static_cast<long>(strong_masks_.size());
  for (std::uint32_t m : strong_masks_) {
    for (; m; m &= m - 1) ++score[static_cast<std::size_t>(std::countr_zero(m))];
  }
  // Each valued column a table lacks counts against it as much as one it has counts for it.
  long best = LONG_MIN;
  for (std::size_t i = 0; i < n_tables; ++i) {
    score[i] = 2 * score[i] - total;
    best = std::max(best, score[i]);
  }
  Result r;
  for (std::size_t i = 0; i < n_tables; ++i) {
    if (score[i] == best) r.tied.push_back(cat.pointers[i]);
  }
  auto narrow = [&r](auto keep) {
    std::vector<const TableDef*> kept;
    for (const TableDef* t : r.tied) {
      if (keep(t)) kept.push_back(t);
    }
    if (!kept.empty()) r.tied = std::move(kept);
  };
  if (r.tied.size() > 1) {
    narrow([&](const TableDef* t) {
      return std::find(file_tables.begin(), file_tables.end(), t) != file_tables.end();
    });
  }
  if (r.tied.size() > 1 && !action_type_.empty()) {
    const TableDef* owner = table_of_action_type(action_type_);
    if (owner != nullptr) {
      narrow([&](const TableDef* t) { return t == owner; });
    } else {
      narrow([&](const TableDef* t) { return t == &device_events(); });
    }
  }
  if (r.tied.size() == 1) {
    r.table = r.tied[0];
    r.tied.clear();
  }
  return r;
}

}  // namespace huntq
