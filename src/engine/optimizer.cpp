// The optimizer's passes: filter pushdown (DuckDB's per-operator rules), column pruning
// (top-down required columns, remapped bottom-up), and literal pre-filters for scans.
#include "huntq/engine/optimizer.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>

#include "huntq/value/dynamic.h"

namespace huntq::engine {
namespace {

using Memo = std::map<const PlanNode*, PlanPtr>;

std::shared_ptr<PlanNode> copy_of(const PlanNode& n) {
  return std::make_shared<PlanNode>(n);
}

std::vector<bool> columns_of(const Expr& e, std::size_t width) {
  std::vector<bool> used(width, false);
  mark_columns(e, used);
  return used;
}

bool reads_only(const Expr& e, std::size_t begin, std::size_t end, std::size_t width) {
  const auto used = columns_of(e, width);
  for (std::size_t i = 0; i < width; ++i)
    if (used[i] && (i < begin || i >= end)) return false;
  return true;
}

ExprPtr conjoin(const std::vector<ExprPtr>& conjuncts) {
  return conjuncts.size() == 1 ? conjuncts[0] : and_of(conjuncts);
}

PlanPtr filter_over(PlanPtr child, const std::vector<ExprPtr>& conjuncts) {
  if (conjuncts.empty()) return child;
  auto f = make_node(PlanKind::Filter);
  f->schema = child->schema;
  f->children.push_back(std::move(child));
  f->predicate = conjoin(conjuncts);
  return f;
}

// ---- filter pushdown -------------------------------------------------------------------------

PlanPtr push_into(const PlanPtr& child, std::vector<ExprPtr> conjuncts);

PlanPtr with_child(const PlanPtr& n, std::size_t i, PlanPtr child) {
  if (n->children[i] == child) return n;
  auto c = copy_of(*n);
  c->children[i] = std::move(child);
  return c;
}

PlanPtr push_into(const PlanPtr& child, std::vector<ExprPtr> conjuncts) {
  if (conjuncts.empty()) return child;
  const std::size_t width = child->schema.size();
  std::vector<ExprPtr> below, above;
  switch (child->kind) {
    case PlanKind::Filter: {
      auto merged = split_conjuncts(child->predicate);
      merged.insert(merged.end(), conjuncts.begin(), conjuncts.end());
      return push_into(child->children[0], merged);
    }
    case PlanKind::Sort: {
      // A filter commutes with a stable sort.
      return with_child(child, 0, push_into(child->children[0], conjuncts));
    }
    case PlanKind::Project: {
      const PlanPtr& input = child->children[0];
      std::vector<std::size_t> map(width, 0);
      for (const auto& c : conjuncts) {
        const auto used = columns_of(*c, width);
        bool plain = true;
        for (std::size_t i = 0; i < width; ++i)
          if (used[i]) {
            if (child->exprs[i]->kind != ExprKind::Column)
              plain = false;
            else
              map[i] = child->exprs[i]->column;
          }
        (plain ? below : above).push_back(plain ? remap_columns(c, map) : c);
      }
      return filter_over(with_child(child, 0, push_into(input, below)), above);
    }
    case PlanKind::Union: {
      auto u = copy_of(*child);
      for (auto& leg : u->children) leg = push_into(leg, conjuncts);
      return u;
    }
    case PlanKind::Summarize: {
      std::vector<std::size_t> map(width, 0);
      for (const auto& c : conjuncts) {
        const auto used = columns_of(*c, width);
        bool keys_only = true;
        for (std::size_t i = 0; i < width; ++i)
          if (used[i]) {
            if (i >= child->keys.size() || child->keys[i]->kind != ExprKind::Column)
              keys_only = false;
            else
              map[i] = child->keys[i]->column;
          }
        (keys_only ? below : above).push_back(keys_only ? remap_columns(c, map) : c);
      }
      return filter_over(with_child(child, 0, push_into(child->children[0], below)), above);
    }
    case PlanKind::MvExpand: {
      const std::size_t input_width = child->children[0]->schema.size();
      for (const auto& c : conjuncts) {
        const auto used = columns_of(*c, width);
        bool untouched = reads_only(*c, 0, input_width, width);
        for (const auto& e : child->expand) untouched = untouched && !used[e.column];
        (untouched ? below : above).push_back(c);
      }
      return filter_over(with_child(child, 0, push_into(child->children[0], below)), above);
    }
    case PlanKind::Parse: {
      const std::size_t input_width = child->children[0]->schema.size();
      for (const auto& c : conjuncts)
        (reads_only(*c, 0, input_width, width) ? below : above).push_back(c);
      return filter_over(with_child(child, 0, push_into(child->children[0], below)), above);
    }
    case PlanKind::Join: {
      const JoinKind k = child->join_kind;
      const std::size_t lw = child->children[0]->schema.size();
      const bool right_only_output = k == JoinKind::RightSemi || k == JoinKind::RightAnti;
      const bool left_only_output = k == JoinKind::LeftSemi || k == JoinKind::LeftAnti;
      // Which side a filter may move to without changing the rows (DuckDB's pushdown rules).
      // innerunique picks its left row per key after the left side's filters, so moving a
      // filter below it changes which row represents a key: Kusto does move it
      // (join-innerunique.md: with `| where value == "val1.2"` after the join the output "will
      // never give the first result"), and so does huntq.
      const bool left_ok = k == JoinKind::Inner || k == JoinKind::LeftOuter ||
                           k == JoinKind::InnerUnique || left_only_output;
      const bool right_ok = k == JoinKind::Inner || k == JoinKind::RightOuter ||
                            right_only_output || k == JoinKind::InnerUnique;
      std::vector<ExprPtr> to_left, to_right;
      std::vector<std::size_t> shift(width, 0);
      for (std::size_t i = 0; i < width; ++i) shift[i] = i >= lw ? i - lw : 0;
      for (const auto& c : conjuncts) {
        if (left_only_output) {
          (left_ok ? to_left : above).push_back(c);
        } else if (right_only_output) {
          (right_ok ? to_right : above).push_back(c);
        } else if (left_ok && reads_only(*c, 0, lw, width)) {
          to_left.push_back(c);
        } else if (right_ok && reads_only(*c, lw, width, width)) {
          to_right.push_back(remap_columns(c, shift));
        } else {
          above.push_back(c);
        }
      }
      auto j = copy_of(*child);
      j->children[0] = push_into(child->children[0], to_left);
      j->children[1] = push_into(child->children[1], to_right);
      return filter_over(j, above);
    }
    default:
      return filter_over(child, conjuncts);
  }
}

PlanPtr push_node(const PlanPtr& n, Memo& memo) {
  if (auto it = memo.find(n.get()); it != memo.end()) return it->second;
  auto c = copy_of(*n);
  bool changed = false;
  for (auto& child : c->children) {
    auto r = push_node(child, memo);
    changed = changed || r != child;
    child = std::move(r);
  }
  PlanPtr out = changed ? PlanPtr(c) : n;
  if (out->kind == PlanKind::Filter)
    out = push_into(out->children[0], split_conjuncts(out->predicate));
  memo[n.get()] = out;
  return out;
}

// ---- column pruning --------------------------------------------------------------------------

struct Pruned {
  PlanPtr node;
  std::vector<std::size_t> map;  // old column -> new column (valid for kept columns)
};

Pruned prune(const PlanPtr& n, const std::vector<bool>& required, Memo& materialized);

std::vector<bool> all(std::size_t width) {
  return std::vector<bool>(width, true);
}

void add_columns(const ExprPtr& e, std::vector<bool>& need) {
  if (e) mark_columns(*e, need);
}

Pruned identity(const PlanPtr& n) {
  Pruned p{n, std::vector<std::size_t>(n->schema.size())};
  std::iota(p.map.begin(), p.map.end(), 0);
  return p;
}

// Prunes a child and returns it with the remapping for expressions over it.
Pruned prune_child(const PlanPtr& child, const std::vector<bool>& need, Memo& m) {
  return prune(child, need, m);
}

Pruned prune(const PlanPtr& n, const std::vector<bool>& required, Memo& m) {
  const std::size_t width = n->schema.size();
  switch (n->kind) {
    case PlanKind::Scan: {
      auto s = copy_of(*n);
      s->scan_columns.clear();
      s->schema.clear();
      Pruned p{nullptr, std::vector<std::size_t>(width, 0)};
      for (std::size_t i = 0; i < width; ++i) {
        if (!required[i]) continue;
        p.map[i] = s->schema.size();
        s->scan_columns.push_back(n->scan_columns[i]);
        s->schema.push_back(n->schema[i]);
      }
      p.node = s;
      return p;
    }
    case PlanKind::Values:
    case PlanKind::Range:
      return identity(n);
    case PlanKind::BagUnpack: {
      auto c = copy_of(*n);
      c->children[0] = prune(n->children[0], all(n->children[0]->schema.size()), m).node;
      Pruned p = identity(n);
      p.node = c;
      return p;
    }
    case PlanKind::Materialize: {
      auto it = m.find(n.get());
      if (it == m.end()) {
        auto c = copy_of(*n);
        c->children[0] = prune(n->children[0], all(width), m).node;
        it = m.emplace(n.get(), c).first;
      }
      Pruned p = identity(n);
      p.node = it->second;
      return p;
    }
    case PlanKind::Filter:
    case PlanKind::Sort:
    case PlanKind::Top:
    case PlanKind::Take:
    case PlanKind::Exclude: {
      std::vector<bool> need = required;
      need.resize(n->children[0]->schema.size(), false);
      add_columns(n->predicate, need);
      for (const auto& k : n->sort_keys) need[k.column] = true;
      for (const auto& r : n->rules) add_columns(r.predicate, need);
      Pruned child = prune_child(n->children[0], need, m);
      auto c = copy_of(*n);
      c->children[0] = child.node;
      c->schema = child.node->schema;
      if (n->predicate) c->predicate = remap_columns(n->predicate, child.map);
      for (auto& k : c->sort_keys) k.column = child.map[k.column];
      for (auto& r : c->rules) r.predicate = remap_columns(r.predicate, child.map);
      Pruned p{c, child.map};
      if (n->kind == PlanKind::Exclude && n->show_excluded) {
        // The ExcludedBy column is the last one.
        c->schema.push_back(n->schema.back());
        p.map.resize(width);
        p.map[width - 1] = c->schema.size() - 1;
      }
      return p;
    }
    case PlanKind::Project: {
      std::vector<bool> need(n->children[0]->schema.size(), false);
      for (std::size_t i = 0; i < width; ++i)
        if (required[i]) mark_columns(*n->exprs[i], need);
      Pruned child = prune_child(n->children[0], need, m);
      auto c = copy_of(*n);
      c->children[0] = child.node;
      c->exprs.clear();
      c->schema.clear();
      Pruned p{c, std::vector<std::size_t>(width, 0)};
      for (std::size_t i = 0; i < width; ++i) {
        if (!required[i]) continue;
        p.map[i] = c->exprs.size();
        c->exprs.push_back(remap_columns(n->exprs[i], child.map));
        c->schema.push_back(n->schema[i]);
      }
      return p;
    }
    case PlanKind::Summarize: {
      std::vector<bool> need(n->children[0]->schema.size(), false);
      for (const auto& k : n->keys) mark_columns(*k, need);
      std::vector<bool> keep_agg(n->aggregates.size(), false);
      std::size_t pos = n->keys.size();
      for (std::size_t a = 0; a < n->aggregates.size(); ++a) {
        const std::size_t outs = n->aggregates[a].call.outputs.size();
        for (std::size_t o = 0; o < outs; ++o) keep_agg[a] = keep_agg[a] || required[pos + o];
        pos += outs;
        if (!keep_agg[a]) continue;
        for (const auto& e : n->aggregates[a].args) mark_columns(*e, need);
        add_columns(n->aggregates[a].predicate, need);
      }
      Pruned child = prune_child(n->children[0], need, m);
      auto c = copy_of(*n);
      c->children[0] = child.node;
      c->keys.clear();
      c->aggregates.clear();
      c->schema.clear();
      Pruned p{c, std::vector<std::size_t>(width, 0)};
      for (std::size_t k = 0; k < n->keys.size(); ++k) {
        p.map[k] = k;
        c->keys.push_back(remap_columns(n->keys[k], child.map));
        c->schema.push_back(n->schema[k]);
      }
      pos = n->keys.size();
      for (std::size_t a = 0; a < n->aggregates.size(); ++a) {
        const std::size_t outs = n->aggregates[a].call.outputs.size();
        if (keep_agg[a]) {
          AggregateItem item = n->aggregates[a];
          for (auto& e : item.args) e = remap_columns(e, child.map);
          if (item.predicate) item.predicate = remap_columns(item.predicate, child.map);
          for (std::size_t o = 0; o < outs; ++o) {
            p.map[pos + o] = c->schema.size();
            c->schema.push_back(n->schema[pos + o]);
          }
          c->aggregates.push_back(std::move(item));
        }
        pos += outs;
      }
      return p;
    }
    case PlanKind::Join: {
      const std::size_t lw = n->children[0]->schema.size();
      const std::size_t rw = n->children[1]->schema.size();
      const JoinKind k = n->join_kind;
      const bool left_out = k != JoinKind::RightSemi && k != JoinKind::RightAnti;
      const bool right_out = k != JoinKind::LeftSemi && k != JoinKind::LeftAnti;
      std::vector<bool> need_l(lw, false), need_r(rw, false);
      for (std::size_t i = 0; i < width; ++i) {
        if (!required[i]) continue;
        if (left_out && i < lw)
          need_l[i] = true;
        else if (right_out)
          need_r[left_out ? i - lw : i] = true;
      }
      for (std::size_t key : n->left_keys) need_l[key] = true;
      for (std::size_t key : n->right_keys) need_r[key] = true;
      Pruned l = prune_child(n->children[0], need_l, m);
      Pruned r = prune_child(n->children[1], need_r, m);
      auto c = copy_of(*n);
      c->children = {l.node, r.node};
      for (auto& key : c->left_keys) key = l.map[key];
      for (auto& key : c->right_keys) key = r.map[key];
      c->schema.clear();
      Pruned p{c, std::vector<std::size_t>(width, 0)};
      // The output keeps the names the binder gave (J-7), for the columns that remain.
      if (left_out) {
        for (std::size_t i = 0; i < lw; ++i)
          if (need_l[i]) p.map[i] = l.map[i];
        std::vector<std::size_t> inverse(l.node->schema.size());
        for (std::size_t i = 0; i < lw; ++i)
          if (need_l[i]) inverse[l.map[i]] = i;
        for (std::size_t j = 0; j < l.node->schema.size(); ++j)
          c->schema.push_back(n->schema[inverse[j]]);
      }
      if (right_out) {
        const std::size_t base = left_out ? lw : 0;
        const std::size_t new_base = c->schema.size();
        for (std::size_t i = 0; i < rw; ++i)
          if (need_r[i]) p.map[base + i] = new_base + r.map[i];
        std::vector<std::size_t> inverse(r.node->schema.size());
        for (std::size_t i = 0; i < rw; ++i)
          if (need_r[i]) inverse[r.map[i]] = i;
        for (std::size_t j = 0; j < r.node->schema.size(); ++j)
          c->schema.push_back(n->schema[base + inverse[j]]);
      }
      return p;
    }
    case PlanKind::Union: {
      auto c = copy_of(*n);
      c->schema.clear();
      for (std::size_t i = 0; i < width; ++i)
        if (required[i]) c->schema.push_back(n->schema[i]);
      for (auto& leg : c->children) {
        Pruned lp = prune(leg, required, m);
        // Every leg must give exactly the kept columns, in order.
        bool exact = lp.node->schema.size() == c->schema.size();
        std::size_t j = 0;
        for (std::size_t i = 0; i < width && exact; ++i)
          if (required[i]) exact = lp.map[i] == j++;
        if (!exact) {
          auto proj = make_node(PlanKind::Project);
          proj->children.push_back(lp.node);
          for (std::size_t i = 0; i < width; ++i)
            if (required[i]) {
              proj->exprs.push_back(column_ref(lp.map[i], n->schema[i].type));
              proj->schema.push_back(n->schema[i]);
            }
          lp.node = proj;
        }
        leg = lp.node;
      }
      Pruned p{c, std::vector<std::size_t>(width, 0)};
      std::size_t j = 0;
      for (std::size_t i = 0; i < width; ++i)
        if (required[i]) p.map[i] = j++;
      return p;
    }
    case PlanKind::MvExpand: {
      const std::size_t iw = n->children[0]->schema.size();
      std::vector<bool> need(required.begin(), required.begin() + static_cast<long>(iw));
      for (const auto& e : n->expand) need[e.column] = true;
      Pruned child = prune_child(n->children[0], need, m);
      auto c = copy_of(*n);
      c->children[0] = child.node;
      c->schema = child.node->schema;
      // Expanded columns may change type (to typeof).
      for (auto& e : c->expand) {
        const std::size_t old = e.column;
        e.column = child.map[old];
        c->schema[e.column] = n->schema[old];
      }
      Pruned p{c, child.map};
      p.map.resize(width);
      if (n->item_index_slot) {
        c->item_index_slot = c->schema.size();
        c->schema.push_back(n->schema[*n->item_index_slot]);
        p.map[*n->item_index_slot] = *c->item_index_slot;
      }
      return p;
    }
    case PlanKind::Parse: {
      const std::size_t iw = n->children[0]->schema.size();
      std::vector<bool> need(required.begin(), required.begin() + static_cast<long>(iw));
      mark_columns(*n->parse_source, need);
      Pruned child = prune_child(n->children[0], need, m);
      auto c = copy_of(*n);
      c->children[0] = child.node;
      c->schema = child.node->schema;
      c->parse_source = remap_columns(n->parse_source, child.map);
      c->parse_columns.clear();
      Pruned p{c, child.map};
      p.map.resize(width);
      for (const auto& pc : n->parse_columns) {
        if (!required[pc.slot]) continue;
        ParseColumn q = pc;
        q.slot = c->schema.size();
        p.map[pc.slot] = q.slot;
        c->schema.push_back(n->schema[pc.slot]);
        c->parse_columns.push_back(q);
      }
      return p;
    }
  }
  return identity(n);
}

// ---- literal pre-filters ---------------------------------------------------------------------

// Where a column a filter reads comes from in the scan below it: a scan column, maybe through
// tolower().
struct ScanColumn {
  std::size_t column = 0;
  bool lowered = false;
};
using ColumnMap = std::vector<std::optional<ScanColumn>>;

// The string constants of a constant list argument, or nothing when one is not a string.
std::optional<std::vector<std::string>> string_list(const Value& v) {
  std::vector<std::string> out;
  if (v.type() == Type::String) {
    out.push_back(v.text());
    return out;
  }
  if (v.type() != Type::Dynamic || v.is_null() || !v.tree()->is_array()) return std::nullopt;
  for (const auto& el : v.tree()->items()) {
    if (el->kind() != DynamicKind::String) return std::nullopt;
    out.push_back(el->text());
  }
  return out;
}

// Whether tolower(cell) holding `s` needs the cell to hold `s` ignoring ASCII case. tolower()
// maps every Unicode letter, and of those outside ASCII only U+212A KELVIN SIGN lowers into
// ASCII (to 'k'); a non-ASCII literal may come from any other spelling.
bool lowered_literal_searchable(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80 && c != 'k' && c != 'K';
  });
}

std::optional<ScanColumn> column_source(const Expr& e, const ColumnMap& map) {
  if (e.kind == ExprKind::Column) return e.column < map.size() ? map[e.column] : std::nullopt;
  if (e.kind == ExprKind::Call && e.function && e.function->name == "tolower" &&
      e.args.size() == 1 && e.args[0]->kind == ExprKind::Column && e.args[0]->column < map.size() &&
      map[e.args[0]->column]) {
    ScanColumn c = *map[e.args[0]->column];
    c.lowered = true;
    return c;
  }
  return std::nullopt;
}

// Groups of literals every row the predicate keeps holds in a string column of the scan
// (LiteralGroup). Only operators whose truth needs the cell to contain the literal give one:
// equality, containment, terms (a term is in the text), prefixes and suffixes (the cell holds
// them somewhere in the record), lists of these; negations never do.
void derive_groups(const Expr& e, const Schema& scan, const ColumnMap& map,
                   std::vector<LiteralGroup>& out) {
  if (e.kind == ExprKind::And) {
    for (const auto& a : e.args) derive_groups(*a, scan, map, out);
    return;
  }
  if (e.kind == ExprKind::Or) {
    LiteralGroup merged;
    for (const auto& a : e.args) {
      std::vector<LiteralGroup> sub;
      derive_groups(*a, scan, map, sub);
      if (sub.empty()) return;  // one branch needs nothing: the or needs nothing
      merged.literals.insert(merged.literals.end(), sub[0].literals.begin(), sub[0].literals.end());
      merged.case_insensitive = merged.case_insensitive || sub[0].case_insensitive;
    }
    out.push_back(std::move(merged));
    return;
  }
  if (e.kind != ExprKind::Call || e.args.size() != 2 || !e.function) return;
  const std::string_view op = e.function->name;
  const Expr* col = e.args[0].get();
  const Expr* lit = e.args[1].get();
  if (op == "==" && col->kind == ExprKind::Constant) std::swap(col, lit);
  if (lit->kind != ExprKind::Constant) return;
  const auto source = column_source(*col, map);
  if (!source || source->column >= scan.size() || scan[source->column].type != Type::String) return;
  static const std::map<std::string_view, std::pair<bool, int>> kOps{
      // name -> (case-insensitive, 0 one literal / 1 any of a list / 2 all of a list)
      {"==", {false, 0}},        {"=~", {true, 0}},
      {"contains", {true, 0}},   {"contains_cs", {false, 0}},
      {"has", {true, 0}},        {"has_cs", {false, 0}},
      {"hasprefix", {true, 0}},  {"hasprefix_cs", {false, 0}},
      {"hassuffix", {true, 0}},  {"hassuffix_cs", {false, 0}},
      {"startswith", {true, 0}}, {"startswith_cs", {false, 0}},
      {"endswith", {true, 0}},   {"endswith_cs", {false, 0}},
      {"in", {false, 1}},        {"in~", {true, 1}},
      {"has_any", {true, 1}},    {"has_all", {true, 2}}};
  auto it = kOps.find(op);
  if (it == kOps.end()) return;
  const auto [op_ci, shape] = it->second;
  const bool ci = op_ci || source->lowered;
  auto list = string_list(lit->value);
  if (!list || list->empty()) return;
  for (const auto& s : *list) {
    if (s.empty()) return;  // "" is in every cell
    if (source->lowered && !lowered_literal_searchable(s)) return;
  }
  if (shape == 2) {
    for (const auto& s : *list) out.push_back({{s}, ci});
  } else {
    out.push_back({*list, ci});
  }
}

// Gives the scan under a filter the filter's literal groups. Between them may sit projections
// (their plain and tolower() columns are followed) and other filters: both pass each row on
// unchanged or not at all, so a record the groups rule out gives no row above either.
PlanPtr with_prefilters(const PlanPtr& filter) {
  std::vector<PlanPtr> chain;  // from the filter's child down to the scan
  ColumnMap map(filter->children[0]->schema.size());
  for (std::size_t i = 0; i < map.size(); ++i) map[i] = ScanColumn{i, false};
  PlanPtr node = filter->children[0];
  for (;;) {
    chain.push_back(node);
    if (node->kind == PlanKind::Scan) break;
    if (node->kind == PlanKind::Project) {
      ColumnMap below(map.size());
      for (std::size_t i = 0; i < map.size(); ++i) {
        if (!map[i] || map[i]->column >= node->exprs.size()) continue;
        ColumnMap identity(node->children[0]->schema.size());
        for (std::size_t k = 0; k < identity.size(); ++k) identity[k] = ScanColumn{k, false};
        below[i] = column_source(*node->exprs[map[i]->column], identity);
        if (below[i]) below[i]->lowered = below[i]->lowered || map[i]->lowered;
      }
      map = std::move(below);
    } else if (node->kind != PlanKind::Filter) {
      return filter;
    }
    node = node->children[0];
  }
  std::vector<LiteralGroup> groups;
  derive_groups(*filter->predicate, node->schema, map, groups);
  if (groups.empty()) return filter;
  auto scan = copy_of(*node);
  scan->prefilter.insert(scan->prefilter.end(), groups.begin(), groups.end());
  PlanPtr rebuilt = scan;
  for (std::size_t k = chain.size() - 1; k-- > 0;) {
    auto c = copy_of(*chain[k]);
    c->children[0] = rebuilt;
    rebuilt = c;
  }
  auto f = copy_of(*filter);
  f->children[0] = rebuilt;
  return f;
}

PlanPtr prefilter_node(const PlanPtr& n, Memo& memo) {
  if (auto it = memo.find(n.get()); it != memo.end()) return it->second;
  auto c = copy_of(*n);
  bool changed = false;
  for (auto& child : c->children) {
    auto r = prefilter_node(child, memo);
    changed = changed || r != child;
    child = std::move(r);
  }
  PlanPtr out = changed ? PlanPtr(c) : n;
  if (out->kind == PlanKind::Filter) out = with_prefilters(out);
  memo[n.get()] = out;
  return out;
}

}  // namespace

std::vector<ExprPtr> split_conjuncts(const ExprPtr& e) {
  if (e->kind != ExprKind::And) return {e};
  std::vector<ExprPtr> out;
  for (const auto& a : e->args) {
    auto sub = split_conjuncts(a);
    out.insert(out.end(), sub.begin(), sub.end());
  }
  return out;
}

PlanPtr push_filters(const PlanPtr& root) {
  Memo memo;
  return push_node(root, memo);
}

PlanPtr prune_columns(const PlanPtr& root) {
  Memo memo;
  Pruned p = prune(root, all(root->schema.size()), memo);
  return p.node;
}

PlanPtr extract_prefilters(const PlanPtr& root) {
  Memo memo;
  return prefilter_node(root, memo);
}

PlanPtr optimize(const PlanPtr& root, const OptimizerOptions& options) {
  PlanPtr p = root;
  if (options.push_filters) p = push_filters(p);
  if (options.prune_columns) p = prune_columns(p);
  if (options.prefilters) p = extract_prefilters(p);
  return p;
}

}  // namespace huntq::engine
