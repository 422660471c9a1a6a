#include "huntq/engine/plan.h"

#include <algorithm>
#include <map>
#include <set>

#include "huntq/error.h"

namespace huntq::engine {
namespace {

PlanPtr node(NodeKind kind, std::vector<PlanPtr> children) {
  auto n = std::make_shared<PlanNode>();
  n->kind = kind;
  n->children = std::move(children);
  return n;
}

std::ptrdiff_t find_column(const Schema& s, const std::string& name) {
  auto it = std::find_if(s.begin(), s.end(), [&](const PlanColumn& c) { return c.name == name; });
  return it == s.end() ? -1 : it - s.begin();
}

const PlanColumn& require_column(const Schema& s, const std::string& name, const char* where) {
  const auto i = find_column(s, name);
  if (i < 0) throw Error(std::string(where) + ": unknown column '" + name + "'");
  return s[static_cast<std::size_t>(i)];
}

// P-3 patterns: '*' matches any run of characters; names are case-sensitive.
bool wildcard_match(std::string_view pattern, std::string_view name) {
  if (pattern.empty()) return name.empty();
  if (pattern.front() == '*') {
    for (std::size_t i = 0; i <= name.size(); ++i)
      if (wildcard_match(pattern.substr(1), name.substr(i))) return true;
    return false;
  }
  return !name.empty() && pattern.front() == name.front() &&
         wildcard_match(pattern.substr(1), name.substr(1));
}

std::string default_name(const ExprPtr& e) {
  // P-1: an unnamed column reference, or a function like tostring(x), takes x's name.
  if (e->op == Op::Column) return e->name;
  if (!e->args.empty() && e->args[0]->op == Op::Column) return e->args[0]->name;
  return {};
}

}  // namespace

std::vector<std::string> make_column_names_unique(const std::vector<std::string>& names) {
  // J-7: register every distinct name first (even ones appearing later), then rename repeats.
  std::set<std::string> taken(names.begin(), names.end());
  std::map<std::string, int> last_suffix;
  std::set<std::string> seen;
  std::vector<std::string> out;
  out.reserve(names.size());
  for (const auto& n : names) {
    if (seen.insert(n).second) {
      out.push_back(n);
      continue;
    }
    int k = last_suffix[n] + 1;
    while (taken.count(n + std::to_string(k))) ++k;
    last_suffix[n] = k;
    const std::string renamed = n + std::to_string(k);
    taken.insert(renamed);
    out.push_back(renamed);
  }
  return out;
}

PlanBuilder PlanBuilder::scan(const TableDef& table) {
  auto n = node(NodeKind::Scan, {});
  n->table = &table;
  for (const auto& c : table.columns) n->schema.push_back({std::string(c.name), c.type});
  n->scan_columns = n->schema;
  return PlanBuilder(n);
}

PlanBuilder& PlanBuilder::where(ExprPtr predicate) {
  const Type t = infer_type(predicate, node_->schema);
  if (t != Type::Bool)
    throw Error("where: the predicate is " + std::string(type_name(t)) +
                ", not bool: " + predicate->to_kql());
  auto n = node(NodeKind::Filter, {node_});
  n->schema = node_->schema;
  n->predicate = std::move(predicate);
  node_ = n;
  return *this;
}

PlanBuilder& PlanBuilder::extend(std::vector<NamedExpr> items) {
  auto n = node(NodeKind::Extend, {node_});
  n->schema = node_->schema;
  for (auto& item : items) {
    if (item.name.empty()) item.name = default_name(item.expr);
    if (item.name.empty())
      throw Error("extend: name the column computed by " + item.expr->to_kql());
    // Items may use columns extended before them in the same operator.
    const PlanColumn column{item.name, infer_type(item.expr, n->schema)};
    const auto i = find_column(n->schema, item.name);
    if (i >= 0) {
      n->schema[static_cast<std::size_t>(i)] = column;  // P-1: replace in place
    } else {
      n->schema.push_back(column);
    }
  }
  n->items = std::move(items);
  node_ = n;
  return *this;
}

PlanBuilder& PlanBuilder::project(std::vector<NamedExpr> items) {
  auto n = node(NodeKind::Project, {node_});
  for (auto& item : items) {
    if (item.name.empty()) item.name = default_name(item.expr);
    if (item.name.empty())
      throw Error("project: name the column computed by " + item.expr->to_kql());
    if (find_column(n->schema, item.name) >= 0)
      throw Error("project: column '" + item.name + "' is declared twice");  // P-2
    n->schema.push_back({item.name, infer_type(item.expr, node_->schema)});
  }
  n->items = std::move(items);
  node_ = n;
  return *this;
}

PlanBuilder& PlanBuilder::project_away(std::vector<std::string> columns) {
  auto n = node(NodeKind::ProjectAway, {node_});
  for (const auto& c : columns)
    if (c.find('*') == std::string::npos) require_column(node_->schema, c, "project-away");
  for (const auto& c : node_->schema) {
    const bool drop = std::any_of(columns.begin(), columns.end(),
                                  [&](const std::string& p) { return wildcard_match(p, c.name); });
    if (!drop) n->schema.push_back(c);
  }
  n->removed = std::move(columns);
  node_ = n;
  return *this;
}

PlanBuilder& PlanBuilder::join(JoinKind kind, const PlanBuilder& right,
                               std::vector<std::string> on) {
  const PlanPtr& r = right.node_;
  for (const auto& key : on) {
    const PlanColumn& lc = require_column(node_->schema, key, "join");
    const PlanColumn& rc = require_column(r->schema, key, "join");
    if (lc.type != rc.type)  // J-10
      throw Error("join: column '" + key + "' is " + std::string(type_name(lc.type)) +
                  " on the left and " + std::string(type_name(rc.type)) + " on the right");
    if (lc.type == Type::Dynamic) throw Error("join: key '" + key + "' cannot be dynamic");
  }
  auto n = node(NodeKind::Join, {node_, r});
  n->join_kind = kind;
  n->left_keys = on;
  n->right_keys = on;
  // J-6: left columns then right columns, then J-7 renaming.
  std::vector<std::string> names;
  for (const auto& c : node_->schema) names.push_back(c.name);
  for (const auto& c : r->schema) names.push_back(c.name);
  const auto unique = make_column_names_unique(names);
  std::size_t i = 0;
  for (const auto& c : node_->schema) n->schema.push_back({unique[i++], c.type});
  for (const auto& c : r->schema) n->schema.push_back({unique[i++], c.type});
  node_ = n;
  return *this;
}

PlanBuilder& PlanBuilder::sort(std::vector<SortKey> keys) {
  for (const auto& k : keys) require_column(node_->schema, k.column, "sort");
  auto n = node(NodeKind::Sort, {node_});
  n->schema = node_->schema;
  n->sort_keys = std::move(keys);
  node_ = n;
  return *this;
}

}  // namespace huntq::engine
