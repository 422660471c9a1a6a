#include "row_operators.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "../functions/datetime_parse.h"
#include "huntq/error.h"
#include "huntq/input/cell_converter.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/guid.h"
#include "huntq/value/timespan.h"

namespace huntq::engine {

ProjectOp::ProjectOp(const PlanNode& n) : exprs_(n.exprs) {
  // extend keeps its input's columns first: they move over without copying.
  while (prefix_ < exprs_.size() && exprs_[prefix_]->kind == ExprKind::Column &&
         exprs_[prefix_]->column == prefix_)
    ++prefix_;
  identity_prefix_ = prefix_ > 0;
}

void ProjectOp::push(std::size_t slot, Row& row) {
  Row out(exprs_.size());
  for (std::size_t i = identity_prefix_ ? prefix_ : 0; i < exprs_.size(); ++i)
    out[i] = eval(*exprs_[i], row);
  for (std::size_t i = 0; identity_prefix_ && i < prefix_; ++i) out[i] = std::move(row[i]);
  next_->push(slot, out);
}

namespace {

// mv-expand's `to typeof(t)` is a cast, not a parse: elements of another kind become null
// (mv-expand-operator.md); strings take any element's tostring() (kql-semantics.md D-4).
Value cast_element(const Value& element, Type to) {
  if (to == Type::Dynamic) return element;
  if (to == Type::String) return Value::string(to_string(element));
  if (element.is_null()) return Value::null_of(to);
  const Dynamic& d = *element.tree();
  switch (to) {
    case Type::Bool:
      return d.kind() == DynamicKind::Bool ? Value::boolean(d.as_bool()) : Value::null_of(to);
    case Type::Int:
    case Type::Long:
      if (d.kind() == DynamicKind::Int || d.kind() == DynamicKind::Long)
        return Value::int64(d.as_int64(), to);
      return Value::null_of(to);
    case Type::Real:
      if (d.kind() == DynamicKind::Real) return Value::real(d.as_real());
      if (d.kind() == DynamicKind::Int || d.kind() == DynamicKind::Long)
        return Value::real(static_cast<double>(d.as_int64()));
      return Value::null_of(to);
    case Type::DateTime:
      if (d.kind() == DynamicKind::DateTime) return Value::datetime(d.as_int64());
      if (d.kind() == DynamicKind::String)
        if (auto t = parse_datetime(d.text())) return Value::datetime(*t);
      return Value::null_of(to);
    case Type::TimeSpan:
      if (d.kind() == DynamicKind::TimeSpan) return Value::timespan(d.as_int64());
      if (d.kind() == DynamicKind::String)
        if (auto t = parse_timespan(d.text())) return Value::timespan(*t);
      return Value::null_of(to);
    case Type::Guid:
      if (d.kind() == DynamicKind::Guid) return Value::guid_text(d.text());
      if (d.kind() == DynamicKind::String)
        if (auto g = parse_guid(d.text())) return Value::guid_text(*g);
      return Value::null_of(to);
    default:
      return Value::null_of(to);
  }
}

// The elements a value expands into (mv-expand-operator.md "Returns").
std::vector<Value> elements_of(const Value& v, bool bags_as_arrays) {
  std::vector<Value> out;
  if (v.is_null() || v.type() != Type::Dynamic) {
    out.push_back(v.type() == Type::Dynamic ? v : Value::dynamic(Dynamic::from_value(v)));
    return out;
  }
  const Dynamic& d = *v.tree();
  if (d.is_array()) {
    for (const auto& item : d.items()) out.push_back(Value::dynamic(item));
  } else if (d.is_object()) {
    for (const auto& m : d.members()) {
      if (bags_as_arrays) {
        out.push_back(Value::dynamic(Dynamic::array({Dynamic::string(m.key), m.value})));
      } else {
        out.push_back(Value::dynamic(Dynamic::object({{m.key, m.value}})));
      }
    }
  } else {
    out.push_back(v);
  }
  return out;
}

}  // namespace

void MvExpandOp::push(std::size_t slot, Row& row) {
  std::vector<std::vector<Value>> columns;
  std::size_t n = 0;
  for (const auto& c : node_.expand) {
    columns.push_back(elements_of(row[c.column], node_.expand_bags_as_arrays));
    n = std::max(n, columns.back().size());
  }
  n = std::min<std::uint64_t>(n, static_cast<std::uint64_t>(node_.expand_limit));
  for (std::size_t i = 0; i < n; ++i) {
    Row out = row;
    for (std::size_t k = 0; k < node_.expand.size(); ++k) {
      const auto& c = node_.expand[k];
      Value element = i < columns[k].size() ? columns[k][i] : Value::null_of(Type::Dynamic);
      out[c.column] = c.to_type ? cast_element(element, *c.to_type) : std::move(element);
    }
    if (node_.item_index_slot) {
      out.resize(node_.schema.size());
      out[*node_.item_index_slot] = Value::int64(static_cast<std::int64_t>(i));
    }
    next_->push(slot, out);
  }
}

ParseOp::ParseOp(const PlanNode& n) : node_(n) {}

void ParseOp::push(std::size_t slot, Row& row) {
  // Grow the row first: the captures point into the source text, which may live in the row (a
  // short string inside its Value), and growing the row afterwards would move it.
  row.resize(node_.schema.size());
  Value tmp;
  const Value& source = eval_ref(*node_.parse_source, row, tmp);
  const RE2& re = *node_.parse_regex;
  const int groups = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> caps(static_cast<std::size_t>(groups) + 1);
  const bool matched =
      re.Match(source.text(), 0, source.text().size(), RE2::ANCHOR_START, caps.data(), groups + 1);
  std::vector<Value> parsed;
  bool ok = matched;
  for (const auto& pc : node_.parse_columns) {
    Value v = Value::null_of(pc.type);
    if (matched) {
      const auto& cap = caps[static_cast<std::size_t>(pc.group)];
      std::string_view text(cap.data() ? cap.data() : "", cap.size());
      // A typed column's text may end at a line break (regex mode with flags=s, where the
      // page's output reads `02/17/2016 08:40:00\n` as a datetime): whitespace is not part of it.
      if (pc.type != Type::String) {
        const auto b = text.find_first_not_of(" \t\r\n");
        text = b == std::string_view::npos
                   ? std::string_view()
                   : text.substr(b, text.find_last_not_of(" \t\r\n") - b + 1);
      }
      switch (pc.type) {
        case Type::String:
          v = Value::string(std::string(text));
          break;
        case Type::Int:
        case Type::Long:
          if (auto x = input::parse_integer_text(text)) v = Value::int64(*x, pc.type);
          break;
        case Type::Real:
          if (auto x = input::parse_real_text(text)) v = Value::real(*x);
          break;
        case Type::Bool:
          if (auto x = input::parse_bool_text(text)) v = Value::boolean(*x);
          break;
        case Type::DateTime:
          // The forms todatetime() reads (parse-operator.md's `02/17/2016 08:40:01`).
          if (auto x = parse_datetime_text(text)) v = Value::datetime(*x);
          break;
        case Type::TimeSpan:
          if (auto x = parse_timespan(text)) v = Value::timespan(*x);
          break;
        case Type::Guid:
          if (auto x = parse_guid(text)) v = Value::guid_text(*x);
          break;
        case Type::Dynamic:
          v = parse_json(Value::string(std::string(text)));
          break;
      }
      // parse-operator.md: the match is strict: a typed column that does not convert fails it.
      if (v.is_null() && pc.type != Type::Dynamic) ok = false;
    }
    parsed.push_back(std::move(v));
  }
  for (std::size_t i = 0; i < node_.parse_columns.size(); ++i) {
    const auto& pc = node_.parse_columns[i];
    row[pc.slot] = ok ? std::move(parsed[i]) : Value::null_of(pc.type);
  }
  next_->push(slot, row);
}

ExcludeOp::ExcludeOp(const PlanNode& n)
    : node_(n), counts_(new std::atomic<std::uint64_t>[n.rules.size()]) {
  for (std::size_t i = 0; i < n.rules.size(); ++i) counts_[i] = 0;
}

void ExcludeOp::push(std::size_t slot, Row& row) {
  seen_.fetch_add(1, std::memory_order_relaxed);
  for (std::size_t i = 0; i < node_.rules.size(); ++i) {
    if (!eval_true(*node_.rules[i].predicate, row)) continue;
    counts_[i].fetch_add(1, std::memory_order_relaxed);
    if (node_.show_excluded) {
      row.push_back(Value::string(node_.rules[i].id));
      next_->push(slot, row);
    }
    return;
  }
  if (!node_.show_excluded) next_->push(slot, row);
}

std::vector<RuleReport> ExcludeOp::report() const {
  std::vector<RuleReport> out;
  for (std::size_t i = 0; i < node_.rules.size(); ++i)
    out.push_back({node_.rules[i].id, counts_[i].load()});
  return out;
}

}  // namespace huntq::engine

namespace huntq::engine {

std::vector<Row> unpack_bags(const PlanNode& n, std::vector<Row> rows, Schema& schema) {
  const Schema& in = n.children[0]->schema;
  // The slots: keys of every bag, and the one type their non-null values share (if any).
  std::map<std::string, std::optional<DynamicKind>> slots;
  std::map<std::string, bool> mixed;
  for (const auto& r : rows) {
    const Value& bag = r[n.bag_column];
    if (bag.is_null() || !bag.tree()->is_object()) continue;
    for (const auto& m : bag.tree()->members()) {
      if (std::find(n.bag_ignored.begin(), n.bag_ignored.end(), m.key) != n.bag_ignored.end())
        continue;
      auto& slot = slots[m.key];
      if (m.value->is_null()) continue;
      // JSON integers small and large make one long column.
      const DynamicKind kind =
          m.value->kind() == DynamicKind::Int ? DynamicKind::Long : m.value->kind();
      if (!slot) {
        slot = kind;
      } else if (*slot != kind) {
        mixed[m.key] = true;
      }
    }
  }
  auto type_of = [&](const std::string& key) {
    const auto& k = slots[key];
    if (!k || mixed[key]) return Type::Dynamic;
    switch (*k) {
      case DynamicKind::Bool:
        return Type::Bool;
      case DynamicKind::Int:  // a JSON integer is a long column (the docs' schema: Age:long)
      case DynamicKind::Long:
        return Type::Long;
      case DynamicKind::Real:
        return Type::Real;
      case DynamicKind::String:
        return Type::String;
      case DynamicKind::DateTime:
        return Type::DateTime;
      case DynamicKind::TimeSpan:
        return Type::TimeSpan;
      case DynamicKind::Guid:
        return Type::Guid;
      default:
        return Type::Dynamic;
    }
  };
  // An output column is an input column moved over, or a bag key's values. A source column that
  // a key replaces (columnsConflict='replace_source') keeps its place and takes the key's values
  // (bag-unpack-plugin.md: `Name` stays first, `Age` follows).
  struct Out {
    std::size_t input = SIZE_MAX;
    std::string key;
  };
  std::vector<Out> layout;
  std::set<std::string> placed;
  schema.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (i == n.bag_column) continue;
    const std::string& name = in[i].name;
    const bool keyed =
        name.starts_with(n.bag_prefix) && slots.count(name.substr(n.bag_prefix.size()));
    if (keyed && n.bag_conflict == "replace_source") {
      const std::string key = name.substr(n.bag_prefix.size());
      layout.push_back({SIZE_MAX, key});
      schema.push_back({name, type_of(key)});
      placed.insert(key);
    } else {
      layout.push_back({i, {}});
      schema.push_back(in[i]);
    }
  }
  for (const auto& [key, kind] : slots) {
    if (placed.count(key)) continue;
    const std::string name = n.bag_prefix + key;
    if (find_column(schema, name) >= 0) {
      if (n.bag_conflict == "keep_source") continue;
      throw Error(
          "bag_unpack: the bag key '" + name.substr(0, 80) +
          "' is also a column (columnsConflict='replace_source' or 'keep_source' resolve it)");
    }
    layout.push_back({SIZE_MAX, key});
    schema.push_back({name, type_of(key)});
  }
  std::vector<Row> out;
  out.reserve(rows.size());
  for (auto& r : rows) {
    Row o;
    o.reserve(schema.size());
    const Value& bag = r[n.bag_column];
    for (std::size_t c = 0; c < layout.size(); ++c) {
      if (layout[c].input != SIZE_MAX) {
        o.push_back(std::move(r[layout[c].input]));
        continue;
      }
      const Type t = schema[c].type;
      const DynamicPtr* v =
          (!bag.is_null() && bag.tree()->is_object()) ? bag.tree()->find(layout[c].key) : nullptr;
      if (!v || (*v)->is_null()) {
        o.push_back(Value::null_of(t));
      } else if (t == Type::Dynamic) {
        o.push_back(Value::dynamic(*v));
      } else {
        Value x = (*v)->to_value(*v);
        if (t == Type::Long && x.type() == Type::Int) x = Value::int64(x.as_int64());
        o.push_back(std::move(x));
      }
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace huntq::engine
