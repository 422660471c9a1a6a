#include "scan_bytes.h"

#include <set>

namespace huntq::cli {
namespace {

class ScanWalker {
 public:
  void plan(const engine::PlanNode* n) {
    if (!n || !seen_.insert(n).second) return;
    if (n->kind == engine::PlanKind::Scan) tables.push_back(n->table);
    expr(n->predicate.get());
    expr(n->parse_source.get());
    for (const auto& e : n->exprs) expr(e.get());
    for (const auto& e : n->keys) expr(e.get());
    for (const auto& a : n->aggregates) {
      for (const auto& e : a.args) expr(e.get());
      expr(a.predicate.get());
    }
    for (const auto& r : n->rules) expr(r.predicate.get());
    for (const auto& c : n->children) plan(c.get());
  }

  std::vector<const TableDef*> tables;  ///< one per distinct scan

 private:
  void expr(const engine::Expr* e) {
    if (!e || !engine::has_subquery(*e)) return;
    if (e->kind == engine::ExprKind::Subquery) plan(e->subquery.get());
    for (const auto& a : e->args) expr(a.get());
  }

  std::set<const engine::PlanNode*> seen_;
};

}  // namespace

std::uint64_t bytes_to_scan(const engine::PlanPtr& root,
                            const std::vector<input::InputInfo>& inputs) {
  ScanWalker w;
  w.plan(root.get());
  std::uint64_t total = 0;
  for (const TableDef* t : w.tables)
    for (const auto& in : inputs)  // as ScanSource picks its files
      if (in.table == nullptr || in.table == t) total += in.size;
  return total;
}

}  // namespace huntq::cli
