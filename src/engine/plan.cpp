#include "huntq/engine/plan.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace huntq::engine {

std::string_view plan_kind_name(PlanKind k) {
  switch (k) {
    case PlanKind::Scan:
      return "scan";
    case PlanKind::Values:
      return "values";
    case PlanKind::Range:
      return "range";
    case PlanKind::Filter:
      return "where";
    case PlanKind::Project:
      return "project";
    case PlanKind::Summarize:
      return "summarize";
    case PlanKind::Join:
      return "join";
    case PlanKind::Union:
      return "union";
    case PlanKind::Sort:
      return "sort";
    case PlanKind::Top:
      return "top";
    case PlanKind::Take:
      return "take";
    case PlanKind::MvExpand:
      return "mv-expand";
    case PlanKind::Parse:
      return "parse";
    case PlanKind::Exclude:
      return "exclude";
    case PlanKind::Materialize:
      return "materialize";
    case PlanKind::BagUnpack:
      return "bag_unpack";
  }
  return "?";
}

std::string_view join_kind_name(JoinKind k) {
  switch (k) {
    case JoinKind::InnerUnique:
      return "innerunique";
    case JoinKind::Inner:
      return "inner";
    case JoinKind::LeftOuter:
      return "leftouter";
    case JoinKind::RightOuter:
      return "rightouter";
    case JoinKind::FullOuter:
      return "fullouter";
    case JoinKind::LeftSemi:
      return "leftsemi";
    case JoinKind::RightSemi:
      return "rightsemi";
    case JoinKind::LeftAnti:
      return "leftanti";
    case JoinKind::RightAnti:
      return "rightanti";
  }
  return "?";
}

std::shared_ptr<PlanNode> make_node(PlanKind kind) {
  auto n = std::make_shared<PlanNode>();
  n->kind = kind;
  return n;
}

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

namespace {

std::string columns_text(const Schema& s) {
  std::string out;
  for (const auto& c : s) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

std::string exprs_text(const std::vector<ExprPtr>& exprs, const Schema& input,
                       const Schema& output) {
  std::string out;
  for (std::size_t i = 0; i < exprs.size(); ++i) {
    if (i) out += ", ";
    const std::string e = to_kql(*exprs[i], input);
    const std::string& name = i < output.size() ? output[i].name : std::string();
    out += e == name ? e : name + "=" + e;
  }
  return out;
}

void explain_node(const PlanNode& n, int depth, std::string& out) {
  const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
  const Schema empty;
  const Schema& input = n.children.empty() ? empty : n.children[0]->schema;
  std::string detail;
  switch (n.kind) {
    case PlanKind::Scan: {
      detail = fmt::format("{} [{}]", n.table ? n.table->name : "?", columns_text(n.schema));
      for (const auto& g : n.prefilter) {
        std::string lits;
        for (const auto& l : g.literals) lits += (lits.empty() ? "" : "|") + l;
        detail += fmt::format(" prefilter{}({})", g.case_insensitive ? "~" : "", lits);
      }
      break;
    }
    case PlanKind::Values:
      detail = fmt::format("{} row(s) [{}]", n.rows.size(), columns_text(n.schema));
      break;
    case PlanKind::Range:
      detail = fmt::format("{} from {} to {} step {}", n.schema[0].name, kql_literal(n.range_from),
                           kql_literal(n.range_to), kql_literal(n.range_step));
      break;
    case PlanKind::Filter:
      detail = to_kql(*n.predicate, input);
      break;
    case PlanKind::Project:
      detail = exprs_text(n.exprs, input, n.schema);
      break;
    case PlanKind::Summarize: {
      std::string aggs;
      for (const auto& a : n.aggregates) {
        std::string args;
        for (const auto& e : a.args) args += (args.empty() ? "" : ", ") + to_kql(*e, input);
        if (a.predicate) args += (args.empty() ? "" : ", ") + to_kql(*a.predicate, input);
        aggs += (aggs.empty() ? "" : ", ") + fmt::format("{}({})", a.function->name, args);
      }
      std::string keys;
      for (const auto& k : n.keys) keys += (keys.empty() ? "" : ", ") + to_kql(*k, input);
      detail = aggs + (keys.empty() ? "" : " by " + keys);
      break;
    }
    case PlanKind::Join: {
      std::string on;
      for (std::size_t i = 0; i < n.left_keys.size(); ++i)
        on += (on.empty() ? "" : ", ") + fmt::format("$left.{} == $right.{}",
                                                     n.children[0]->schema[n.left_keys[i]].name,
                                                     n.children[1]->schema[n.right_keys[i]].name);
      detail = fmt::format("kind={} on {} -> [{}]", join_kind_name(n.join_kind), on,
                           columns_text(n.schema));
      break;
    }
    case PlanKind::Sort:
    case PlanKind::Top: {
      if (n.kind == PlanKind::Top) detail = fmt::format("{} ", n.limit);
      detail += "by ";
      for (std::size_t i = 0; i < n.sort_keys.size(); ++i) {
        const auto& k = n.sort_keys[i];
        detail += fmt::format("{}{} {} nulls {}", i ? ", " : "", input[k.column].name,
                              k.descending ? "desc" : "asc", k.nulls_first ? "first" : "last");
      }
      break;
    }
    case PlanKind::Take:
      detail = std::to_string(n.limit);
      break;
    case PlanKind::MvExpand:
      for (const auto& c : n.expand) detail += (detail.empty() ? "" : ", ") + input[c.column].name;
      break;
    case PlanKind::Parse:
      detail = fmt::format("{} -> [{}]", to_kql(*n.parse_source, input), columns_text(n.schema));
      break;
    case PlanKind::Exclude:
      for (const auto& r : n.rules) detail += (detail.empty() ? "" : ", ") + r.id;
      if (n.show_excluded) detail += " (show excluded)";
      break;
    case PlanKind::BagUnpack:
      detail = fmt::format("{} prefix '{}'", input[n.bag_column].name, n.bag_prefix);
      break;
    case PlanKind::Union:
    case PlanKind::Materialize:
      detail = fmt::format("[{}]", columns_text(n.schema));
      break;
  }
  out += pad + std::string(plan_kind_name(n.kind));
  if (!n.label.empty()) out += " <" + n.label + ">";
  if (!detail.empty()) out += " " + detail;
  out += '\n';
  for (const auto& c : n.children) explain_node(*c, depth + 1, out);
}

}  // namespace

std::string explain(const PlanNode& root) {
  std::string out;
  explain_node(root, 0, out);
  return out;
}

}  // namespace huntq::engine
