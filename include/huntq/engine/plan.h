// The logical plan: a tree of immutable operator nodes that the binder builds from KQL, the
// optimizer rewrites, and the executor runs.
//
// Every node knows its output schema, computed by the binder with Kusto's rules. Expressions in a
// node read the columns of its first child's output by position (`Join` keys: each side's).
// Nodes are shared, never changed: a rewrite builds new nodes, so a `let` used twice is two uses
// of one subtree, and a `materialize()` node is recognised by its address at run time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "huntq/engine/expr.h"
#include "huntq/value/schema.h"

namespace re2 {
class RE2;
}

namespace huntq::engine {

enum class PlanKind : std::uint8_t {
  Scan,         ///< rows of a table from the inputs
  Values,       ///< constant rows (print, datatable, getschema)
  Range,        ///< range x from a to b step c
  Filter,       ///< where
  Project,      ///< extend, project, project-away/-keep/-rename/-reorder: one expr per column
  Summarize,    ///< summarize, distinct, count
  Join,         ///< join and lookup
  Union,        ///< union: children with equal schemas, in order
  Sort,         ///< sort/order by
  Top,          ///< top N by
  Take,         ///< take/limit N
  MvExpand,     ///< mv-expand
  Parse,        ///< parse
  Exclude,      ///< exclusion rules: drop (or keep only) rows a rule matches, counting per rule
  Materialize,  ///< materialize(): its child runs once, its rows are reused by every use
  BagUnpack,    ///< evaluate bag_unpack(): columns from the data's property bags (open schema)
};
std::string_view plan_kind_name(PlanKind k);

enum class JoinKind : std::uint8_t {
  InnerUnique,
  Inner,
  LeftOuter,
  RightOuter,
  FullOuter,
  LeftSemi,
  RightSemi,
  LeftAnti,
  RightAnti,
};
std::string_view join_kind_name(JoinKind k);

struct SortKey {
  std::size_t column = 0;
  bool descending = true;    ///< S-1: desc by default
  bool nulls_first = false;  ///< S-2: desc puts nulls last, asc first
};

struct AggregateItem {
  const AggregateFunction* function = nullptr;
  const AggregateOverload* overload = nullptr;
  AggregateCall call;
  std::vector<ExprPtr> args;  ///< converted to call.args' types
  ExprPtr predicate;          ///< countif-style predicate, or null
};

struct MvExpandColumn {
  std::size_t column = 0;
  std::optional<Type> to_type;  ///< `to typeof(t)`: the expanded values converted
};

/// A regex for `parse`, shared by the node's copies.
struct ParseColumn {
  int group = 0;  ///< capture group number
  Type type = Type::String;
  std::size_t slot = 0;  ///< output column it fills
};

struct ExclusionRule {
  std::string id;
  ExprPtr predicate;  ///< over the node's input columns
};

/// Byte literals the scan may look for in a raw record before parsing it (optimizer output):
/// a record passes only if, for every group, one of the group's literals occurs in it (with the
/// group's case rule). Never affects results, only work.
struct LiteralGroup {
  std::vector<std::string> literals;
  bool case_insensitive = false;
};

struct PlanNode {
  PlanKind kind = PlanKind::Values;
  Schema schema;
  std::vector<PlanPtr> children;

  // Scan
  const TableDef* table = nullptr;        ///< the table's full schema
  std::vector<std::size_t> scan_columns;  ///< columns of `table` read, in output order
  std::vector<LiteralGroup> prefilter;    ///< see LiteralGroup
  // Values
  std::vector<std::vector<Value>> rows;
  // Range
  Value range_from, range_to, range_step;
  // Filter
  ExprPtr predicate;
  // Project: one expression per output column
  std::vector<ExprPtr> exprs;
  // Summarize: output = keys, then each aggregate's outputs
  std::vector<ExprPtr> keys;
  std::vector<AggregateItem> aggregates;
  // Join: output = left columns then right columns (semi/anti: one side only)
  JoinKind join_kind = JoinKind::InnerUnique;
  std::vector<std::size_t> left_keys, right_keys;
  // Sort, Top
  std::vector<SortKey> sort_keys;
  // Top, Take
  std::int64_t limit = 0;
  // MvExpand: output = input (expanded columns converted in place), plus the item index if any
  std::vector<MvExpandColumn> expand;
  bool expand_bags_as_arrays = false;          ///< kind=array
  std::optional<std::size_t> item_index_slot;  ///< with_itemindex=
  std::int64_t expand_limit = INT64_MAX;
  // Parse: output = input columns (some replaced in place) plus new ones
  ExprPtr parse_source;
  std::shared_ptr<const re2::RE2> parse_regex;
  std::vector<ParseColumn> parse_columns;
  // Exclude
  std::vector<ExclusionRule> rules;
  bool show_excluded = false;  ///< keep only excluded rows, adding an ExcludedBy column
  // BagUnpack: the input columns but the bag, then one column per bag key (known at run time)
  std::size_t bag_column = 0;
  std::string bag_prefix;
  std::string bag_conflict = "error";  ///< error | replace_source | keep_source
  std::vector<std::string> bag_ignored;
  /// The node's columns depend on the data (bag_unpack): `schema` lists only those known.
  bool open_schema = false;
  // For --explain: what the user called this (a let name, a hunt).
  std::string label;
};

/// Creates a node (the binder and optimizer fill it before sharing it).
std::shared_ptr<PlanNode> make_node(PlanKind kind);

/// Makes names unique the way Kusto's binder does (J-7): later duplicates get the smallest free
/// numeric suffix, counting from the name's last-used suffix (MD5 -> MD51).
std::vector<std::string> make_column_names_unique(const std::vector<std::string>& names);

/// The plan as indented text, one operator a line, for --explain and tests.
std::string explain(const PlanNode& root);

}  // namespace huntq::engine
