// Kusto's names for result columns (Kusto.Language 12.4.1's Binder.GetExpressionResultName and
// GetFunctionResultName, ProjectionBuilder and UniqueNameTable), so huntq's result columns are
// named exactly as Kusto names them.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include "binder_impl.h"

namespace huntq::kql {
namespace {

using K = FunctionNaming::Kind;

// Every built-in function and aggregate whose unnamed result is not a fresh ColumnN, with its
// ResultNameKind and ResultNamePrefix as Kusto.Language declares them (Functions.All and
// Aggregates.All; NameAndFirstArgument is PrefixAndFirstArgument with the function's name as
// the prefix). hll_merge, merge_tdigest and tdigest_merge are listed as aggregates only. Sorted
// by name.
constexpr std::pair<std::string_view, FunctionNaming> kNaming[] = {
    {"__hll_normalize", {K::FirstArgument, ""}},
    {"abs", {K::FirstArgument, ""}},
    {"acos", {K::FirstArgument, ""}},
    {"any", {K::PrefixAndFirstArgument, "any"}},
    {"anyif", {K::PrefixAndFirstArgument, "anyif"}},
    {"argmax", {K::Default, "max"}},
    {"argmin", {K::Default, "min"}},
    {"asin", {K::FirstArgument, ""}},
    {"atan", {K::FirstArgument, ""}},
    {"atan2", {K::FirstArgument, ""}},
    {"avg", {K::PrefixAndFirstArgument, "avg"}},
    {"avgif", {K::PrefixAndFirstArgument, "avgif"}},
    {"bin", {K::FirstArgument, ""}},
    {"bin_at", {K::FirstArgument, ""}},
    {"bin_auto", {K::FirstArgument, ""}},
    {"binary_all_and", {K::FirstArgument, ""}},
    {"binary_all_or", {K::FirstArgument, ""}},
    {"binary_all_xor", {K::FirstArgument, ""}},
    {"binary_and", {K::FirstArgument, ""}},
    {"binary_not", {K::FirstArgument, ""}},
    {"binary_or", {K::FirstArgument, ""}},
    {"binary_shift_left", {K::FirstArgument, ""}},
    {"binary_shift_right", {K::FirstArgument, ""}},
    {"binary_xor", {K::FirstArgument, ""}},
    {"bitset_count_ones", {K::FirstArgument, ""}},
    {"buildschema", {K::PrefixAndFirstArgument, "schema"}},
    {"ceiling", {K::FirstArgument, ""}},
    {"cnt", {K::PrefixAndFirstArgument, "cnt"}},
    {"column_ifexists", {K::FirstArgumentValueIfColumn, ""}},
    {"columnifexists", {K::FirstArgumentValueIfColumn, ""}},
    {"cos", {K::FirstArgument, ""}},
    {"count", {K::PrefixAndFirstArgument, "count"}},
    {"count_distinct", {K::PrefixAndFirstArgument, "count_distinct"}},
    {"count_distinctif", {K::PrefixAndFirstArgument, "count_distinctif"}},
    {"countif", {K::PrefixAndFirstArgument, "countif"}},
    {"covariance", {K::PrefixAndFirstArgument, "covariance"}},
    {"covarianceif", {K::PrefixAndFirstArgument, "covarianceif"}},
    {"covariancep", {K::PrefixAndFirstArgument, "covariancep"}},
    {"covariancepif", {K::PrefixAndFirstArgument, "covariancepif"}},
    {"dcount", {K::PrefixAndFirstArgument, "dcount"}},
    {"dcount_hll", {K::PrefixAndFirstArgument, "dcount_hll"}},
    {"dcountif", {K::PrefixAndFirstArgument, "dcountif"}},
    {"erf", {K::FirstArgument, ""}},
    {"erfc", {K::FirstArgument, ""}},
    {"exp", {K::FirstArgument, ""}},
    {"exp10", {K::FirstArgument, ""}},
    {"exp2", {K::FirstArgument, ""}},
    {"floor", {K::FirstArgument, ""}},
    {"format_bytes", {K::FirstArgument, ""}},
    {"format_datetime", {K::FirstArgument, ""}},
    {"format_timespan", {K::FirstArgument, ""}},
    {"gamma", {K::FirstArgument, ""}},
    {"gettype", {K::PrefixAndFirstArgument, "type"}},
    {"hll", {K::PrefixAndFirstArgument, "hll"}},
    {"hll_if", {K::PrefixAndFirstArgument, "hll_if"}},
    {"hll_merge", {K::PrefixAndFirstArgument, "hll_merge"}},
    {"ingestion_time", {K::PrefixOnly, "$IngestionTime"}},
    {"log", {K::FirstArgument, ""}},
    {"log10", {K::FirstArgument, ""}},
    {"log2", {K::FirstArgument, ""}},
    {"loggamma", {K::FirstArgument, ""}},
    {"make_bag", {K::PrefixAndFirstArgument, "bag"}},
    {"make_bag_if", {K::PrefixAndFirstArgument, "bag"}},
    {"make_datetime", {K::OnlyArgument, ""}},
    {"make_dictionary", {K::PrefixAndFirstArgument, "dictionary"}},
    {"make_list", {K::PrefixAndFirstArgument, "list"}},
    {"make_list_if", {K::PrefixAndFirstArgument, "list"}},
    {"make_list_with_nulls", {K::PrefixAndFirstArgument, "list"}},
    {"make_set", {K::PrefixAndFirstArgument, "set"}},
    {"make_set_if", {K::PrefixAndFirstArgument, "set"}},
    {"make_timespan", {K::OnlyArgument, ""}},
    {"makelist", {K::PrefixAndFirstArgument, "list"}},
    {"makeset", {K::PrefixAndFirstArgument, "set"}},
    {"max", {K::PrefixAndFirstArgument, "max"}},
    {"maxif", {K::PrefixAndFirstArgument, "maxif"}},
    {"merge_tdigest", {K::PrefixAndFirstArgument, "merge_tdigests"}},
    {"min", {K::PrefixAndFirstArgument, "min"}},
    {"minif", {K::PrefixAndFirstArgument, "minif"}},
    {"parse_csv", {K::FirstArgument, ""}},
    {"parse_json", {K::FirstArgument, ""}},
    {"parse_xml", {K::FirstArgument, ""}},
    {"parsejson", {K::FirstArgument, ""}},
    {"passthrough", {K::FirstArgument, ""}},
    {"percentile_tdigest", {K::PrefixAndFirstArgument, "percentile_tdigest"}},
    {"percentiles_array_tdigest", {K::PrefixAndFirstArgument, "percentile_tdigest"}},
    {"pow", {K::FirstArgument, ""}},
    {"rand", {K::FirstArgument, ""}},
    {"repeat", {K::PrefixAndFirstArgument, "repeat"}},
    {"round", {K::FirstArgument, ""}},
    {"series_fill_backward", {K::FirstArgument, ""}},
    {"series_fill_const", {K::FirstArgument, ""}},
    {"series_fill_forward", {K::FirstArgument, ""}},
    {"series_fill_linear", {K::FirstArgument, ""}},
    {"series_fir", {K::FirstArgument, ""}},
    {"series_iir", {K::FirstArgument, ""}},
    {"series_outliers", {K::FirstArgument, ""}},
    {"sin", {K::FirstArgument, ""}},
    {"split", {K::FirstArgument, ""}},
    {"sqrt", {K::FirstArgument, ""}},
    {"startofday", {K::FirstArgument, ""}},
    {"stdev", {K::PrefixAndFirstArgument, "stdev"}},
    {"stdevif", {K::PrefixAndFirstArgument, "stdevif"}},
    {"stdevp", {K::PrefixAndFirstArgument, "stdevp"}},
    {"string_size", {K::PrefixAndFirstArgument, "string_size"}},
    {"strlen", {K::PrefixAndFirstArgument, "strlen"}},
    {"sum", {K::PrefixAndFirstArgument, "sum"}},
    {"sumif", {K::PrefixAndFirstArgument, "sumif"}},
    {"take_anyif", {K::FirstArgument, ""}},
    {"tan", {K::FirstArgument, ""}},
    {"tdigest", {K::PrefixAndFirstArgument, "tdigest"}},
    {"tdigest_merge", {K::PrefixAndFirstArgument, "merge_tdigests"}},
    {"tobool", {K::FirstArgument, ""}},
    {"toboolean", {K::FirstArgument, ""}},
    {"todatetime", {K::FirstArgument, ""}},
    {"todecimal", {K::FirstArgument, ""}},
    {"todouble", {K::FirstArgument, ""}},
    {"todynamic", {K::FirstArgument, ""}},
    {"toguid", {K::FirstArgument, ""}},
    {"tohex", {K::FirstArgument, ""}},
    {"toint", {K::FirstArgument, ""}},
    {"tolong", {K::FirstArgument, ""}},
    {"toobject", {K::FirstArgument, ""}},
    {"toreal", {K::FirstArgument, ""}},
    {"tostring", {K::FirstArgument, ""}},
    {"totime", {K::FirstArgument, ""}},
    {"totimespan", {K::FirstArgument, ""}},
    {"treepath", {K::PrefixAndFirstArgument, "tree"}},
    {"variance", {K::PrefixAndFirstArgument, "variance"}},
    {"varianceif", {K::PrefixAndFirstArgument, "varianceif"}},
    {"variancep", {K::PrefixAndFirstArgument, "variancep"}},
    {"variancepif", {K::PrefixAndFirstArgument, "variancepif"}},
};

bool is_whitespace_only(const std::optional<std::string>& s) {
  return !s || std::all_of(s->begin(), s->end(),
                           [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::string or_empty(const std::optional<std::string>& s) {
  return s ? *s : std::string();
}

// `left_right` for a.b and a["b"] when a has a name, else `right` (Kusto: String.Format with
// null written as "").
std::optional<std::string> selector_name(const std::optional<std::string>& left,
                                         const std::optional<std::string>& right) {
  if (!is_whitespace_only(left)) return *left + "_" + or_empty(right);
  return right;
}

// Kusto.Language's IsConversionFunction: a call of these on a column of the type it converts to
// is that column.
bool is_conversion_function(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "tobool", "todatetime", "todecimal", "todouble", "todynamic", "toguid",
      "toint",  "tolong",     "toreal",    "tostring", "totime",    "totimespan"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

}  // namespace

const Expr& without_parens(const Expr& e) {
  const Expr* p = &e;
  while (const auto* paren = p->try_as<ParenExpr>()) p = paren->inner;
  return *p;
}

int column_identity(const Expr& syntax, const engine::Expr& bound, const Schema& row) {
  const Expr& s = without_parens(syntax);
  if (const auto* n = s.try_as<NameExpr>()) {
    const int i = engine::find_column(row, n->name.text);
    return i >= 0 && bound.kind == engine::ExprKind::Column ? i : -1;
  }
  if (const auto* c = s.try_as<CallExpr>(); c && !c->receiver && c->args.size() == 1 &&
                                            c->args[0].names.empty() &&
                                            is_conversion_function(c->name.text)) {
    if (const auto* n = without_parens(*c->args[0].expr).try_as<NameExpr>()) {
      const int i = engine::find_column(row, n->name.text);
      if (i >= 0 && row[static_cast<std::size_t>(i)].type == bound.type) return i;
    }
  }
  return -1;
}

const FunctionNaming& function_naming(std::string_view name) {
  static constexpr FunctionNaming kDefault{};
  static_assert(std::is_sorted(std::begin(kNaming), std::end(kNaming),
                               [](const auto& a, const auto& b) { return a.first < b.first; }));
  const auto* it = std::lower_bound(std::begin(kNaming), std::end(kNaming), name,
                                    [](const auto& e, std::string_view n) { return e.first < n; });
  return it != std::end(kNaming) && it->first == name ? it->second : kDefault;
}

std::optional<std::string> function_result_name(const CallExpr& c,
                                                const std::optional<std::string>& fallback,
                                                const NameScope& scope) {
  // A user function's result is never named after its arguments.
  if (c.receiver || (scope.is_user_function && scope.is_user_function(c.name.text)))
    return fallback;
  const FunctionNaming& f = function_naming(c.name.text);
  const auto arg_name = [&](std::size_t i) {
    return argument_result_name(c.args[i], fallback, scope);
  };
  switch (f.kind) {
    case K::PrefixAndFirstArgument:
      if (!c.args.empty()) {
        if (f.prefix.empty()) return arg_name(0);
        return std::string(f.prefix) + "_" + or_empty(arg_name(0));
      }
      if (!f.prefix.empty()) return std::string(f.prefix) + "_";
      return std::nullopt;
    case K::PrefixAndOnlyArgument:
      if (c.args.size() == 1) {
        if (f.prefix.empty()) return arg_name(0);
        return std::string(f.prefix) + "_" + or_empty(arg_name(0));
      }
      return fallback;
    case K::FirstArgumentValueIfColumn:
      // column_ifexists("Name", default): the column's name when the row has it.
      if (!c.args.empty())
        if (const auto* lit = without_parens(*c.args[0].expr).try_as<LiteralExpr>();
            lit && lit->type == ScalarType::String) {
          if (scope.row && engine::find_column(*scope.row, lit->text) >= 0) return lit->text;
          return fallback;
        }
      return fallback;
    case K::FirstArgument:
      if (!c.args.empty()) return arg_name(0);
      return std::nullopt;
    case K::PrefixOnly:
      if (!f.prefix.empty()) return std::string(f.prefix);
      return fallback;
    case K::OnlyArgument:
      if (c.args.size() == 1) return arg_name(0);
      return fallback;
    case K::Default:
      break;
  }
  return fallback;
}

std::optional<std::string> argument_result_name(const NamedExpr& arg,
                                                const std::optional<std::string>& fallback,
                                                const NameScope& scope) {
  // A named argument (`bin(Day = Timestamp, 1d)`) is a SimpleNamedExpression: its name.
  if (!arg.names.empty()) return arg.names[0].text;
  return expression_result_name(*arg.expr, fallback, scope);
}

std::optional<std::string> expression_result_name(const Expr& e,
                                                  const std::optional<std::string>& fallback,
                                                  const NameScope& scope) {
  switch (e.kind) {
    case ExprKind::Paren:
      return expression_result_name(*e.as<ParenExpr>().inner, fallback, scope);
    case ExprKind::Name:
      return e.as<NameExpr>().name.text;
    case ExprKind::Member: {
      // huntq binds `.name` on dynamic values only, the case Kusto names `left_right`.
      const auto& m = e.as<MemberExpr>();
      return selector_name(expression_result_name(*m.object, std::nullopt, scope), m.member.text);
    }
    case ExprKind::Index: {
      const auto& ix = e.as<IndexExpr>();
      std::optional<std::string> right;
      // A literal string, long or int selector names the column; anything else does not.
      // huntq folds a sign into a number literal; to Kusto `-1` is an expression, not a literal.
      if (const auto* lit = ix.index->try_as<LiteralExpr>(); lit && !lit->is_null) {
        if (lit->type == ScalarType::String) right = lit->text;
        if ((lit->type == ScalarType::Long || lit->type == ScalarType::Int) && lit->int_value >= 0)
          right = std::to_string(lit->int_value);
      }
      return selector_name(expression_result_name(*ix.object, std::nullopt, scope), right);
    }
    case ExprKind::Call:
      return function_result_name(e.as<CallExpr>(), fallback, scope);
    default:
      return fallback;
  }
}

std::string UniqueNames::get_or_add(const std::string& name) {
  auto it = last_suffix_.find(name);
  if (it == last_suffix_.end()) {
    last_suffix_.emplace(name, 0);
    return name;
  }
  for (int suffix = it->second + 1;; ++suffix) {
    std::string candidate = name + std::to_string(suffix);
    if (!last_suffix_.count(candidate)) {
      last_suffix_[name] = suffix;
      last_suffix_.emplace(candidate, 0);
      return candidate;
    }
  }
}

void UniqueNames::add(const std::string& name) {
  if (!name.empty()) last_suffix_.emplace(name, 0);
}

std::size_t ProjectionBuilder::add(std::string name, Type type, ExprPtr expr, bool replace,
                                   int identity) {
  if (name.empty()) return npos;
  if (identity >= 0 && do_not_add_.count(identity)) return npos;
  if (replace) {
    if (auto it = index_.find(name); it != index_.end()) {
      columns_[it->second] = {std::move(name), type, std::move(expr)};
      return it->second;
    }
  }
  std::string unique = names_.get_or_add(name);
  columns_.push_back({unique, type, std::move(expr)});
  index_[unique] = columns_.size() - 1;
  return columns_.size() - 1;
}

std::optional<std::size_t> ProjectionBuilder::declare(std::string name, Type type, ExprPtr expr,
                                                      bool replace, int identity) {
  if (declared_.count(name)) return std::nullopt;
  if (replace) {
    if (auto it = index_.find(name); it != index_.end()) {
      columns_[it->second] = {name, type, std::move(expr)};
      declared_.insert(std::move(name));
      return it->second;
    }
  }
  const std::size_t at = add(name, type, std::move(expr), false, identity);
  declared_.insert(at != npos ? columns_[at].name : std::move(name));
  return at;
}

bool ProjectionBuilder::has(std::string_view name) const {
  return index_.find(std::string(name)) != index_.end();
}

std::string dotnet_number_text(const Value& v) {
  if (v.is_null()) return "";
  if (v.type() != Type::Real) return std::to_string(v.as_int64());
  const double d = v.as_real();
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  // .NET's shortest round-trip text: fixed for decimal exponents -4..14, else d.dddE+XX.
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, r.ptr);
  const auto e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c >= '0' && c <= '9') digits += c;
  const bool negative = sci[0] == '-';
  const int exponent = std::stoi(sci.substr(e + 1));
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = negative ? "-" : "";
  if (exponent >= -4 && exponent < 15) {
    if (exponent < 0) {
      out += "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    } else if (static_cast<std::size_t>(exponent) + 1 >= digits.size()) {
      out += digits + std::string(static_cast<std::size_t>(exponent) + 1 - digits.size(), '0');
    } else {
      out += digits.substr(0, static_cast<std::size_t>(exponent) + 1) + "." +
             digits.substr(static_cast<std::size_t>(exponent) + 1);
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  const int a = exponent < 0 ? -exponent : exponent;
  out += std::string("E") + (exponent < 0 ? "-" : "+") + (a < 10 ? "0" : "") + std::to_string(a);
  return out;
}

std::string name_fragment(const Value& v) {
  std::string text = dotnet_number_text(v);
  for (char& c : text)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) c = '_';
  return text;
}

bool wildcard_match(std::string_view pattern, std::string_view name) {
  // Iterative glob with backtracking to the last '*': linear for practical patterns.
  std::size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p, ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace huntq::kql
