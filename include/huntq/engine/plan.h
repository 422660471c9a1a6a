// The logical plan: a tree of KQL tabular operators, built by name and checked as it is built.
//
// The flagship hunt builds its plan with PlanBuilder today; a KQL front end will build the same
// nodes from query text. Each node knows its output schema, computed with Kusto's rules (project
// order P-2, project-away P-3, extend replace-in-place P-1, join column order and renaming
// J-6/J-7).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "huntq/engine/expr.h"
#include "huntq/value/schema.h"

namespace huntq::engine {

enum class NodeKind { Scan, Filter, Extend, Project, ProjectAway, Join, Sort };

enum class JoinKind { Inner, InnerUnique };

struct SortKey {
  std::string column;
  bool descending = true;  ///< S-1: sort's default is desc
  bool nulls_last = true;  ///< S-2: desc puts nulls last, asc first
};

struct NamedExpr {
  std::string name;
  ExprPtr expr;
};

struct PlanNode {
  NodeKind kind;
  Schema schema;  ///< output columns of this node
  std::vector<std::shared_ptr<PlanNode>> children;

  const TableDef* table = nullptr;       ///< Scan
  Schema scan_columns;                   ///< Scan: the columns read (pruned by the optimizer)
  std::vector<std::string> literals;     ///< Scan: literals every matching record must contain
  ExprPtr predicate;                     ///< Filter
  std::vector<NamedExpr> items;          ///< Extend, Project
  std::vector<std::string> removed;      ///< ProjectAway (names or patterns with *)
  JoinKind join_kind = JoinKind::Inner;  ///< Join
  std::vector<std::string> left_keys, right_keys;  ///< Join: `on` columns of each side
  std::vector<SortKey> sort_keys;                  ///< Sort
};
using PlanPtr = std::shared_ptr<PlanNode>;

/// Builds a plan left to right, like a KQL pipeline. Every step checks its names and types and
/// throws huntq::Error naming the problem.
class PlanBuilder {
 public:
  static PlanBuilder scan(const TableDef& table);
  explicit PlanBuilder(PlanPtr node) : node_(std::move(node)) {}

  PlanBuilder& where(ExprPtr predicate);
  PlanBuilder& extend(std::vector<NamedExpr> items);
  PlanBuilder& project(std::vector<NamedExpr> items);
  PlanBuilder& project_away(std::vector<std::string> columns);
  PlanBuilder& join(JoinKind kind, const PlanBuilder& right, std::vector<std::string> on);
  PlanBuilder& sort(std::vector<SortKey> keys);

  PlanPtr build() const { return node_; }

 private:
  PlanPtr node_;
};

/// Makes names unique the way Kusto's binder does (J-7): later duplicates get the smallest free
/// numeric suffix, counting from the name's last-used suffix (MD5 -> MD51).
std::vector<std::string> make_column_names_unique(const std::vector<std::string>& names);

/// Optimizes a built plan in place, keeping its results: scans read only the columns the
/// operators above them use, and a scan under `where Col == "literal"` records the literal so the
/// reader can skip records that cannot contain it without parsing them.
void optimize(const PlanPtr& root);

/// The plan as indented text, for --explain and tests.
std::string explain(const PlanNode& root);

/// The plan as KQL text (for --emit-kql).
std::string to_kql(const PlanNode& root);

}  // namespace huntq::engine
