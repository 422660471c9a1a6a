// Rewrites that keep a plan's results and cut its work: column pruning and literal pre-filters.
#include <algorithm>

#include "huntq/engine/plan.h"

namespace huntq::engine {
namespace {

// A scan chain: Scan under any number of Filter and Extend nodes, topped by a Project, which
// fixes the columns everything above sees. Returns the chain from the Project down, or empty.
std::vector<PlanNode*> scan_chain(PlanNode* project) {
  std::vector<PlanNode*> chain{project};
  PlanNode* n = project->children[0].get();
  while (n->kind == NodeKind::Filter || n->kind == NodeKind::Extend) {
    chain.push_back(n);
    n = n->children[0].get();
  }
  if (n->kind != NodeKind::Scan) return {};
  chain.push_back(n);
  return chain;
}

void add_refs(const ExprPtr& e, std::vector<std::string>& needed) {
  referenced_columns(*e, needed);
}

// Conjuncts of the form `Column == "literal"` on a string column straight from the scan.
void collect_literals(const ExprPtr& e, const Schema& scan_schema, std::vector<std::string>& out) {
  if (e->op == Op::And) {
    for (const auto& a : e->args) collect_literals(a, scan_schema, out);
    return;
  }
  if (e->op != Op::Equal) return;
  const Expr* c = e->args[0].get();
  const Expr* l = e->args[1].get();
  if (c->op == Op::Literal) std::swap(c, l);
  if (c->op != Op::Column || l->op != Op::Literal || l->literal.type() != Type::String) return;
  if (l->literal.text().empty()) return;
  const bool string_column =
      std::any_of(scan_schema.begin(), scan_schema.end(),
                  [&](const auto& s) { return s.name == c->name && s.type == Type::String; });
  if (string_column) out.push_back(l->literal.text());
}

void optimize_chain(const std::vector<PlanNode*>& chain) {
  PlanNode* scan = chain.back();
  // Top-down: what the chain needs from below each node.
  std::vector<std::string> needed;
  for (const auto& item : chain.front()->items) add_refs(item.expr, needed);
  for (std::size_t i = 1; i + 1 < chain.size(); ++i) {
    PlanNode* n = chain[i];
    if (n->kind == NodeKind::Filter) {
      add_refs(n->predicate, needed);
    } else {  // Extend: its names are produced here, its inputs are needed below
      for (const auto& item : n->items)
        needed.erase(std::remove(needed.begin(), needed.end(), item.name), needed.end());
      for (const auto& item : n->items) add_refs(item.expr, needed);
    }
  }
  Schema pruned;
  for (const auto& c : scan->schema)
    if (std::find(needed.begin(), needed.end(), c.name) != needed.end()) pruned.push_back(c);
  scan->scan_columns = pruned;
  scan->schema = pruned;
  // Filters right above the scan (no Extend between) give the literal pre-filter.
  for (std::size_t i = chain.size() - 1; i-- > 1;) {
    if (chain[i]->kind != NodeKind::Filter) break;
    collect_literals(chain[i]->predicate, scan->schema, scan->literals);
  }
  // Bottom-up: recompute the schemas between scan and project from the pruned scan.
  for (std::size_t i = chain.size() - 1; i-- > 1;) {
    PlanNode* n = chain[i];
    n->schema = n->children[0]->schema;
    if (n->kind != NodeKind::Extend) continue;
    for (const auto& item : n->items) {
      const PlanColumn column{item.name, infer_type(item.expr, n->schema)};
      auto it = std::find_if(n->schema.begin(), n->schema.end(),
                             [&](const PlanColumn& c) { return c.name == item.name; });
      if (it != n->schema.end()) {
        *it = column;
      } else {
        n->schema.push_back(column);
      }
    }
  }
}

}  // namespace

void optimize(const PlanPtr& root) {
  for (const auto& child : root->children) optimize(child);
  if (root->kind == NodeKind::Project) {
    const auto chain = scan_chain(root.get());
    if (!chain.empty()) optimize_chain(chain);
  }
}

}  // namespace huntq::engine
