#include "time_window.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "huntq/engine/expr.h"
#include "huntq/error.h"
#include "huntq/value/datetime.h"
#include "huntq/value/timespan.h"

namespace huntq::cli {
namespace {

std::int64_t parse_bound(const std::string& text, const char* option, std::int64_t now_ticks) {
  if (auto t = parse_datetime(text)) return *t;
  // A bare number has no unit: refuse it rather than guess days or ticks.
  const bool bare_number = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '-';
  });
  if (!bare_number) {
    if (auto d = parse_timespan(text)) {
      if (*d < 0)
        throw Error(
            fmt::format("{} takes a duration counted back from --now, so a positive one, "
                        "not '{}'",
                        option, text.substr(0, 40)));
      return now_ticks - *d;
    }
  }
  throw Error(fmt::format(
      "{} takes an ISO 8601 date or datetime (2024-03-12, 2024-03-12T10:00:00Z) or a duration "
      "counted back from --now (7d, 12h, 30m), not '{}'",
      option, text.substr(0, 40)));
}

class WindowRewriter {
 public:
  explicit WindowRewriter(const TimeWindow& w) : window_(w) {}

  engine::PlanPtr plan(const engine::PlanPtr& n) {
    if (!n) return n;
    if (auto it = done_.find(n.get()); it != done_.end()) return it->second;
    engine::PlanPtr out = n->kind == engine::PlanKind::Scan ? scan(n) : inner(n);
    done_[n.get()] = out;
    return out;
  }

  std::vector<std::string> unfiltered;

 private:
  // A node other than a scan: rebuilt only when a child or a subquery changed.
  engine::PlanPtr inner(const engine::PlanPtr& n) {
    auto c = std::make_shared<engine::PlanNode>(*n);
    bool changed = false;
    auto fix = [&](engine::ExprPtr& e) {
      engine::ExprPtr r = expr(e);
      changed = changed || r != e;
      e = std::move(r);
    };
    fix(c->predicate);
    fix(c->parse_source);
    for (auto& e : c->exprs) fix(e);
    for (auto& e : c->keys) fix(e);
    for (auto& a : c->aggregates) {
      for (auto& e : a.args) fix(e);
      fix(a.predicate);
    }
    for (auto& r : c->rules) fix(r.predicate);
    for (auto& child : c->children) {
      engine::PlanPtr r = plan(child);
      changed = changed || r != child;
      child = std::move(r);
    }
    return changed ? engine::PlanPtr(c) : n;
  }

  engine::ExprPtr expr(const engine::ExprPtr& e) {
    if (!e || !engine::has_subquery(*e)) return e;
    auto c = std::make_shared<engine::Expr>(*e);
    if (c->kind == engine::ExprKind::Subquery) c->subquery = plan(c->subquery);
    for (auto& a : c->args) a = expr(a);
    return c;
  }

  engine::PlanPtr scan(const engine::PlanPtr& n) {
    const int col = engine::find_column(n->schema, "Timestamp");
    const std::string table = n->table ? std::string(n->table->name) : "?";
    if (col < 0) {
      note_unfiltered(table);
      return n;
    }
    const Type type = n->schema[static_cast<std::size_t>(col)].type;
    if (type != Type::DateTime && type != Type::String) {
      note_unfiltered(table);
      return n;
    }
    engine::ExprPtr ts = engine::column_ref(static_cast<std::size_t>(col), type);
    if (type == Type::String) ts = engine::call("todatetime", {ts});
    std::vector<engine::ExprPtr> terms;
    if (window_.since)
      terms.push_back(engine::call(">=", {ts, engine::constant(Value::datetime(*window_.since))}));
    if (window_.until)
      terms.push_back(engine::call("<", {ts, engine::constant(Value::datetime(*window_.until))}));
    auto f = engine::make_node(engine::PlanKind::Filter);
    f->schema = n->schema;
    f->children.push_back(n);
    f->predicate = terms.size() == 1 ? terms[0] : engine::and_of(std::move(terms));
    f->label = "--since/--until";
    return f;
  }

  void note_unfiltered(const std::string& table) {
    if (std::find(unfiltered.begin(), unfiltered.end(), table) == unfiltered.end())
      unfiltered.push_back(table);
  }

  const TimeWindow& window_;
  std::map<const engine::PlanNode*, engine::PlanPtr> done_;
};

}  // namespace

TimeWindow parse_time_window(const std::string& since, const std::string& until,
                             std::int64_t now_ticks) {
  TimeWindow w;
  if (!since.empty()) w.since = parse_bound(since, "--since", now_ticks);
  if (!until.empty()) w.until = parse_bound(until, "--until", now_ticks);
  if (w.since && w.until && *w.since >= *w.until)
    throw Error(fmt::format("the time window is empty: --since ({}) is not before --until ({})",
                            format_datetime(*w.since), format_datetime(*w.until)));
  return w;
}

WindowedPlan apply_time_window(const engine::PlanPtr& root, const TimeWindow& window) {
  if (!window.active()) return {root, {}};
  WindowRewriter r(window);
  WindowedPlan out;
  out.plan = r.plan(root);
  out.unfiltered_tables = std::move(r.unfiltered);
  std::sort(out.unfiltered_tables.begin(), out.unfiltered_tables.end());
  return out;
}

std::string describe_time_window(const TimeWindow& window) {
  std::string out;
  if (window.since) out += format_datetime(*window.since) + " <= ";
  out += "Timestamp";
  if (window.until) out += " < " + format_datetime(*window.until);
  return out;
}

}  // namespace huntq::cli
