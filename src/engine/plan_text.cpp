// Plans as text: an indented tree for --explain, and KQL for --emit-kql.
#include <fmt/format.h>

#include "huntq/engine/plan.h"
#include "huntq/value/dynamic.h"

namespace huntq::engine {
namespace {

std::string items_text(const std::vector<NamedExpr>& items) {
  std::string out;
  for (const auto& it : items) {
    if (!out.empty()) out += ", ";
    const std::string e = it.expr->to_kql();
    out += e == it.name ? e : it.name + "=" + e;
  }
  return out;
}

std::string join_list(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string sort_text(const std::vector<SortKey>& keys) {
  std::string out;
  for (const auto& k : keys) {
    if (!out.empty()) out += ", ";
    out += k.column + (k.descending ? " desc" : " asc");
    if (k.nulls_last != k.descending) out += k.nulls_last ? " nulls last" : " nulls first";
  }
  return out;
}

std::string operator_text(const PlanNode& n) {
  switch (n.kind) {
    case NodeKind::Scan:
      return std::string(n.table->name);
    case NodeKind::Filter:
      return "where " + n.predicate->to_kql();
    case NodeKind::Extend:
      return "extend " + items_text(n.items);
    case NodeKind::Project:
      return "project " + items_text(n.items);
    case NodeKind::ProjectAway:
      return "project-away " + join_list(n.removed);
    case NodeKind::Join:
      return std::string("join kind=") +
             (n.join_kind == JoinKind::Inner ? "inner" : "innerunique") + " on " +
             join_list(n.left_keys);
    case NodeKind::Sort:
      return "sort by " + sort_text(n.sort_keys);
  }
  return {};
}

void explain_into(const PlanNode& n, int depth, std::string& out) {
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + operator_text(n);
  if (n.kind == NodeKind::Scan) {
    std::vector<std::string> cols;
    for (const auto& c : n.scan_columns) cols.push_back(c.name);
    out += "  [reads " + join_list(cols) + "]";
    for (const auto& l : n.literals) out += "  [records must contain " + json_quote(l) + "]";
  }
  out += '\n';
  for (const auto& c : n.children) explain_into(*c, depth + 1, out);
}

// A pipeline in KQL: the child's text, then this operator.
std::string kql_of(const PlanNode& n, int indent) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (n.kind == NodeKind::Scan) return std::string(n.table->name);
  std::string left = kql_of(*n.children[0], indent);
  if (n.kind == NodeKind::Join) {
    std::string right = kql_of(*n.children[1], indent + 4);
    return left + "\n" + pad +
           "| join kind=" + (n.join_kind == JoinKind::Inner ? "inner" : "innerunique") + " (\n" +
           pad + "    " + right + "\n" + pad + ") on " + join_list(n.left_keys);
  }
  return left + "\n" + pad + "| " + operator_text(n);
}

}  // namespace

std::string explain(const PlanNode& root) {
  std::string out;
  explain_into(root, 0, out);
  return out;
}

std::string to_kql(const PlanNode& root) {
  return kql_of(root, 0) + "\n";
}

}  // namespace huntq::engine
