// Logic functions and the equality family: ==, !=, in, !in, not, iff/iif, case, coalesce,
// min_of, max_of, isnull, isnotnull, isempty, isnotempty (docs/semantics/logic.md).
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <unordered_set>

#include "conversion_kernels.h"
#include "huntq/engine/functions.h"
#include "huntq/engine/truth.h"
#include "huntq/error.h"
#include "huntq/value/compare.h"
#include "huntq/value/dynamic.h"

namespace huntq::engine {
namespace {

// ---------------------------------------------------------------------------------------------
// Equality (null-values.md; logic.md "Equality")

enum class Tri : std::uint8_t { False, True, Null };

Value tri_value(Tri t) {
  return t == Tri::Null ? Value::null_of(Type::Bool) : Value::boolean(t == Tri::True);
}

Tri negate(Tri t) {
  return t == Tri::Null ? Tri::Null : t == Tri::True ? Tri::False : Tri::True;
}

Tri tri(bool b) {
  return b ? Tri::True : Tri::False;
}

bool numeric_or_bool(Type t) {
  return is_numeric(t) || t == Type::Bool;
}

bool numbers_equal(const conv::Number& x, const conv::Number& y) {
  if (!x.is_real && !y.is_real) return x.i == y.i;
  return x.as_double() == y.as_double();
}

bool is_numeric_kind(DynamicKind k) {
  return k == DynamicKind::Bool || k == DynamicKind::Int || k == DynamicKind::Long ||
         k == DynamicKind::Real;
}

conv::Number node_number(const Dynamic& d) {
  if (d.kind() == DynamicKind::Real) return {true, 0, d.as_real()};
  return {false, d.as_int64(), 0};
}

// Two dynamic trees as == sees them: numbers by value across int/long/real, strings and guids
// by text, arrays element by element, bags by key whatever their order.
bool trees_equal(const Dynamic& a, const Dynamic& b) {
  if (is_numeric_kind(a.kind()) && is_numeric_kind(b.kind()))
    return numbers_equal(node_number(a), node_number(b));
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case DynamicKind::Null:
      return true;
    case DynamicKind::String:
    case DynamicKind::Guid:
      return a.text() == b.text();
    case DynamicKind::DateTime:
    case DynamicKind::TimeSpan:
      return a.as_int64() == b.as_int64();
    case DynamicKind::Array: {
      if (a.items().size() != b.items().size()) return false;
      for (std::size_t i = 0; i < a.items().size(); ++i)
        if (!trees_equal(*a.items()[i], *b.items()[i])) return false;
      return true;
    }
    case DynamicKind::Object: {
      if (a.members().size() != b.members().size()) return false;
      for (const auto& m : a.members()) {
        const DynamicPtr* other = b.find(m.key);
        if (!other || !trees_equal(*m.value, **other)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

// tostring() of a dynamic compared with text, without building the text for string nodes.
bool dynamic_text_equals(const Value& d, std::string_view text) {
  if (d.is_null()) return text.empty();
  const DynamicKind k = d.tree()->kind();
  if (k == DynamicKind::String || k == DynamicKind::Guid) return d.tree()->text() == text;
  return to_string(d) == text;
}

// A dynamic against a typed scalar: the dynamic is converted to the scalar's type as the
// matching to*() function would, then compared (logic.md: "dynamic against a scalar").
Tri dynamic_equals_scalar(const Value& d, const Value& s) {
  if (s.is_null()) return d.is_null() ? Tri::Null : Tri::False;
  switch (s.type()) {
    case Type::String:
      return tri(dynamic_text_equals(d, s.text()));
    case Type::Bool: {
      const auto b = conv::to_bool(d);
      return tri(b && *b == s.as_bool());
    }
    case Type::Int:
    case Type::Long:
    case Type::Real: {
      const auto n = conv::number_of(d);
      return tri(n && numbers_equal(*n, *conv::number_of(s)));
    }
    case Type::DateTime: {
      const auto t = conv::to_datetime(d);
      return tri(t && *t == s.ticks());
    }
    case Type::TimeSpan: {
      const auto t = conv::to_timespan(d);
      return tri(t && *t == s.ticks());
    }
    case Type::Guid: {
      const auto g = conv::to_guid(d);
      return tri(g && *g == s.text());
    }
    case Type::Dynamic:
      break;
  }
  return Tri::False;
}

Tri equal3(const Value& a, const Value& b) {
  const bool da = a.type() == Type::Dynamic, db = b.type() == Type::Dynamic;
  if (da != db) return da ? dynamic_equals_scalar(a, b) : dynamic_equals_scalar(b, a);
  if (a.is_null() && b.is_null()) return Tri::Null;  // E-8
  if (a.is_null() || b.is_null()) return Tri::False;
  if (da) return tri(trees_equal(*a.tree(), *b.tree()));
  if (numeric_or_bool(a.type()) && numeric_or_bool(b.type()))
    return tri(numbers_equal(*conv::number_of(a), *conv::number_of(b)));
  if (a.type() != b.type()) return Tri::False;
  switch (a.type()) {
    case Type::String:
    case Type::Guid:
      return tri(a.text() == b.text());
    default:
      return tri(a.ticks() == b.ticks());
  }
}

bool equality_accepts(Type a, Type b) {
  return a == b || a == Type::Dynamic || b == Type::Dynamic ||
         (numeric_or_bool(a) && numeric_or_bool(b));
}

template <bool kNegated>
Type equality_return(std::span<const ArgInfo> args) {
  if (!equality_accepts(args[0].type, args[1].type))
    throw Error(fmt::format("{}: cannot compare {} with {}", kNegated ? "!=" : "==",
                            type_name(args[0].type), type_name(args[1].type)));
  return Type::Bool;
}

Value k_eq_strings(Args a, const CallContext&) {
  return Value::boolean(a[0].text() == a[1].text());
}

Value k_ne_strings(Args a, const CallContext&) {
  return Value::boolean(a[0].text() != a[1].text());
}

Value k_eq(Args a, const CallContext&) {
  return tri_value(equal3(a[0], a[1]));
}

Value k_ne(Args a, const CallContext&) {
  return tri_value(negate(equal3(a[0], a[1])));
}

// ---------------------------------------------------------------------------------------------
// in / !in: a logical OR of == over the list (null-values.md), with the list's values in hash
// sets when the list is a constant.

// The list's elements as == sees them: scalars typed, arrays inside the list expanded one level
// (E-6: `x in (dynamic([...]))` tests membership).
template <class F>
void for_each_element(const Value& list, F&& f) {
  if (list.is_null()) return;
  const Dynamic& root = *list.tree();
  if (!root.is_array()) {
    f(root.to_value(list.tree()));
    return;
  }
  for (const DynamicPtr& item : root.items()) {
    if (item->is_array()) {
      for (const DynamicPtr& inner : item->items()) f(inner->to_value(inner));
    } else {
      f(item->to_value(item));
    }
  }
}

struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

using StringSet = std::unordered_set<std::string, TransparentHash, std::equal_to<>>;

// A real that is a whole number an int64 holds exactly is stored as that int64, so 1, long(1),
// 1.0 and true (1) meet in one set.
bool as_whole(double d, std::int64_t& out) {
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || d != std::floor(d))
    return false;
  out = static_cast<std::int64_t>(d);
  return true;
}

class InSet {
 public:
  explicit InSet(const Value& list) {
    for_each_element(list, [this](const Value& e) { add(e); });
  }

  Tri contains(const Value& x) const {
    if (x.is_null()) {
      if (x.type() == Type::Dynamic && strings_.count(std::string_view{})) return Tri::True;
      return has_null_ ? Tri::Null : Tri::False;
    }
    switch (x.type()) {
      case Type::String:
        if (strings_.count(std::string_view(x.text())) || tree_texts_.count(x.text()))
          return Tri::True;
        return tri(x.text().empty() && has_null_);  // "" == dynamic(null) is true
      case Type::Bool:
      case Type::Int:
      case Type::Long:
        return tri(ints_.count(x.as_int64()) > 0);
      case Type::Real:
        return tri(has_number({true, 0, x.as_real()}));
      case Type::DateTime:
        return tri(datetimes_.count(x.ticks()) > 0);
      case Type::TimeSpan:
        return tri(timespans_.count(x.ticks()) > 0);
      case Type::Guid:
        return tri(guids_.count(x.text()) > 0);
      case Type::Dynamic:
        return tri(contains_dynamic(x));
    }
    return Tri::False;
  }

 private:
  void add(const Value& e) {
    if (e.is_null()) {
      has_null_ = true;
      return;
    }
    switch (e.type()) {
      case Type::String:
        strings_.insert(e.text());
        return;
      case Type::Bool:
        bools_ |= e.as_bool() ? 2 : 1;
        ints_.insert(e.as_int64());
        return;
      case Type::Int:
      case Type::Long:
        ints_.insert(e.as_int64());
        return;
      case Type::Real: {
        std::int64_t whole = 0;
        if (as_whole(e.as_real(), whole)) {
          ints_.insert(whole);
        } else if (!std::isnan(e.as_real())) {
          reals_.insert(e.as_real());
        }
        return;
      }
      case Type::DateTime:
        datetimes_.insert(e.ticks());
        return;
      case Type::TimeSpan:
        timespans_.insert(e.ticks());
        return;
      case Type::Guid:
        guids_.insert(e.text());
        return;
      case Type::Dynamic:
        tree_texts_.insert(to_string(e));
        trees_.push_back(e.tree());
        return;
    }
  }

  bool has_number(const conv::Number& n) const {
    if (!n.is_real) return ints_.count(n.i) > 0;
    std::int64_t whole = 0;
    if (as_whole(n.d, whole)) return ints_.count(whole) > 0;
    return reals_.count(n.d) > 0;
  }

  // A dynamic against each kind of element, converted as dynamic_equals_scalar() does.
  bool contains_dynamic(const Value& x) const {
    if (!strings_.empty() && dynamic_text_in_strings(x)) return true;
    if (!ints_.empty() || !reals_.empty()) {
      const auto n = conv::number_of(x);
      if (n && has_number(*n)) return true;
    }
    if (bools_) {
      const auto b = conv::to_bool(x);
      if (b && (bools_ & (*b ? 2 : 1))) return true;
    }
    if (!datetimes_.empty()) {
      const auto t = conv::to_datetime(x);
      if (t && datetimes_.count(*t)) return true;
    }
    if (!timespans_.empty()) {
      const auto t = conv::to_timespan(x);
      if (t && timespans_.count(*t)) return true;
    }
    if (!guids_.empty()) {
      const auto g = conv::to_guid(x);
      if (g && guids_.count(*g)) return true;
    }
    for (const DynamicPtr& t : trees_)
      if (trees_equal(*x.tree(), *t)) return true;
    return false;
  }

  bool dynamic_text_in_strings(const Value& x) const {
    const DynamicKind k = x.tree()->kind();
    if (k == DynamicKind::String || k == DynamicKind::Guid)
      return strings_.count(std::string_view(x.tree()->text())) > 0;
    return strings_.count(to_string(x)) > 0;
  }

  bool has_null_ = false;
  std::uint8_t bools_ = 0;  // bit 0: false is listed, bit 1: true is listed
  StringSet strings_;
  std::unordered_set<std::int64_t> ints_;  // int, long, bool and whole reals
  std::unordered_set<double> reals_;       // other reals (NaN equals nothing)
  std::unordered_set<std::int64_t> datetimes_, timespans_;
  std::unordered_set<std::string> guids_;
  std::unordered_set<std::string> tree_texts_;  // tostring() of listed arrays and bags
  std::vector<DynamicPtr> trees_;
};

std::shared_ptr<const void> prepare_in(std::span<const ArgInfo> args) {
  if (args.size() < 2 || !args[1].constant) return nullptr;
  return std::make_shared<const InSet>(*args[1].constant);
}

Tri in_linear(const Value& x, const Value& list) {
  Tri result = Tri::False;
  for_each_element(list, [&](const Value& e) {
    if (result == Tri::True) return;
    const Tri t = equal3(x, e);
    if (t == Tri::True || (t == Tri::Null && result == Tri::False)) result = t;
  });
  return result;
}

Tri in3(Args a, const CallContext& c) {
  if (c.state) return static_cast<const InSet*>(c.state)->contains(a[0]);
  return in_linear(a[0], a[1]);
}

Value k_in(Args a, const CallContext& c) {
  return tri_value(in3(a, c));
}

Value k_not_in(Args a, const CallContext& c) {
  return tri_value(negate(in3(a, c)));  // an AND of != is the negated OR of ==
}

// ---------------------------------------------------------------------------------------------
// Common result types of iff/case (Kusto.Language's CommonNonDynamic), coalesce (Common) and
// min_of/max_of (CommonOrderable).

enum class Common : std::uint8_t { NonDynamic, Strict, Orderable };

int numeric_rank(Type t) {
  return t == Type::Int ? 0 : t == Type::Long ? 1 : t == Type::Real ? 2 : -1;
}

// The type values of `types` convert to, or nullopt when they have none.
std::optional<Type> common_type(std::span<const Type> types, Common rule) {
  std::optional<Type> out;
  bool any_dynamic = false;
  for (Type t : types) {
    if (t == Type::Dynamic) {
      any_dynamic = true;
      continue;
    }
    if (rule == Common::Orderable && t == Type::Guid) return std::nullopt;
    if (!out || *out == t) {
      out = t;
    } else if (numeric_rank(*out) >= 0 && numeric_rank(t) >= 0) {
      if (numeric_rank(t) > numeric_rank(*out)) out = t;
    } else {
      return std::nullopt;
    }
  }
  if (!any_dynamic) return out;
  if (rule == Common::Orderable) return std::nullopt;
  if (!out) return Type::Dynamic;
  if (rule == Common::Strict) return std::nullopt;  // coalesce: dynamic only with dynamic
  return out;  // iff/case: a dynamic branch converts to the other branches' type
}

std::string describe(std::span<const Type> types) {
  std::string s;
  for (Type t : types) s += (s.empty() ? "" : ", ") + std::string(type_name(t));
  return s;
}

Type require_common(std::string_view fn, std::span<const Type> types, Common rule) {
  const auto t = common_type(types, rule);
  if (!t)
    throw Error(fmt::format("{}(): the values have no common type ({}); {}", fn, describe(types),
                            rule == Common::Orderable
                                ? "expected numbers, strings, bools, datetimes or timespans of "
                                  "one type"
                                : "expected values of one type (int, long and real mix)"));
  return *t;
}

// A branch value as the call's result type: numbers widen, a dynamic converts as to*() does.
Value as_result(const Value& v, Type t) {
  if (v.type() == t) return v;
  if (v.is_null()) return Value::null_of(t);
  if (t == Type::Long && v.type() == Type::Int) return Value::int64(v.as_int64());
  if (t == Type::Real && is_numeric(v.type())) return Value::real(v.as_double());
  return conv::convert(v, t);
}

Type iff_return(std::span<const ArgInfo> args) {
  const Type types[] = {args[1].type, args[2].type};
  return require_common("iff", types, Common::NonDynamic);
}

Value k_iff(Args a, const CallContext& c) {
  const bool take_then = !a[0].is_null() && a[0].as_bool();  // null counts as false
  return as_result(a[take_then ? 1 : 2], c.result);
}

Type case_return(std::span<const ArgInfo> args) {
  const std::size_t n = args.size();
  if (n < 3 || n % 2 == 0)
    throw Error(fmt::format(
        "case() takes predicate/value pairs and an else value (an odd number of at least 3 "
        "arguments), not {}",
        n));
  std::vector<Type> values;
  for (std::size_t i = 0; i + 1 < n; i += 2) {
    if (args[i].type != Type::Bool)
      throw Error(fmt::format("case(): argument {} must be a bool predicate, not {}", i + 1,
                              type_name(args[i].type)));
    values.push_back(args[i + 1].type);
  }
  values.push_back(args[n - 1].type);
  return require_common("case", values, Common::NonDynamic);
}

Value k_case(Args a, const CallContext& c) {
  const std::size_t n = a.size();
  for (std::size_t i = 0; i + 1 < n; i += 2)
    if (!a[i].is_null() && a[i].as_bool()) return as_result(a[i + 1], c.result);
  return as_result(a[n - 1], c.result);
}

std::vector<Type> types_of(std::span<const ArgInfo> args) {
  std::vector<Type> t;
  for (const auto& a : args) t.push_back(a.type);
  return t;
}

constexpr std::size_t kMaxVariadic = 64;  // coalesce-function.md, min-of-function.md

void check_count(std::string_view fn, std::size_t n) {
  if (n > kMaxVariadic)
    throw Error(fmt::format("{}() takes at most {} arguments, not {}", fn, kMaxVariadic, n));
}

Type coalesce_return(std::span<const ArgInfo> args) {
  check_count("coalesce", args.size());
  return require_common("coalesce", types_of(args), Common::Strict);
}

// coalesce-function.md: the first value that is not null (for strings: not empty).
Value k_coalesce(Args a, const CallContext& c) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Value& v = a[i];
    if (v.type() == Type::String ? !v.text().empty() : !v.is_null()) return as_result(v, c.result);
  }
  return Value::null_of(c.result);
}

template <bool kMax>
Type extremum_return(std::span<const ArgInfo> args) {
  check_count(kMax ? "max_of" : "min_of", args.size());
  return require_common(kMax ? "max_of" : "min_of", types_of(args), Common::Orderable);
}

// min-of-function.md: non-null values win over nulls; a NaN counts as a null here (S-3 sorts
// them together), so it is the result only when nothing else is there.
template <bool kMax>
Value k_extremum(Args a, const CallContext& c) {
  const Value* best = nullptr;
  const Value* nan = nullptr;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Value& v = a[i];
    if (v.is_null()) continue;
    if (v.type() == Type::Real && std::isnan(v.as_real())) {
      nan = &v;
      continue;
    }
    if (!best) {
      best = &v;
      continue;
    }
    const int cmp = compare_values(v, *best);
    if (kMax ? cmp > 0 : cmp < 0) best = &v;
  }
  if (!best) best = nan;
  return best ? as_result(*best, c.result) : Value::null_of(c.result);
}

// ---------------------------------------------------------------------------------------------
// not, null and empty tests

Value k_not(Args a, const CallContext&) {
  return kql_truth_not(a[0]);
}

Type not_dynamic_return(std::span<const ArgInfo> args) {
  if (args[0].type != Type::Dynamic) throw Error("not() takes a bool, not a string");
  return Type::Bool;
}

Value k_isnull(Args a, const CallContext&) {
  return Value::boolean(a[0].is_null());
}

Value k_isnotnull(Args a, const CallContext&) {
  return Value::boolean(!a[0].is_null());
}

// E-1, E-2: null and "" are empty; so is a dynamic holding "" (UNCONFIRMED, our reading).
bool is_empty(const Value& v) {
  if (v.is_null()) return true;
  if (v.type() == Type::String) return v.text().empty();
  if (v.type() == Type::Dynamic)
    return v.tree()->kind() == DynamicKind::String && v.tree()->text().empty();
  return false;
}

Value k_isempty(Args a, const CallContext&) {
  return Value::boolean(is_empty(a[0]));
}

Value k_isnotempty(Args a, const CallContext&) {
  return Value::boolean(!is_empty(a[0]));
}

// ---------------------------------------------------------------------------------------------

Overload fixed(std::vector<ParamSpec> params, Type result, ScalarKernel k,
               NullPolicy nulls = NullPolicy::Propagate) {
  Overload o;
  o.params = std::move(params);
  o.fixed = result;
  o.kernel = k;
  o.nulls = nulls;
  return o;
}

Overload custom(std::vector<ParamSpec> params, Type (*ret)(std::span<const ArgInfo>),
                ScalarKernel k) {
  Overload o;
  o.params = std::move(params);
  o.ret = ReturnRule::Custom;
  o.custom_return = ret;
  o.kernel = k;
  o.nulls = NullPolicy::Kernel;
  return o;
}

// `min_args` values, then more of the last one (the registry requires as many parameters as
// required arguments).
Overload variadic(Type (*ret)(std::span<const ArgInfo>), ScalarKernel k, std::size_t min_args) {
  Overload o = custom(std::vector<ParamSpec>(min_args, {ArgClass::Any}), ret, k);
  o.variadic = true;
  return o;
}

}  // namespace

void register_logic_functions(FunctionRegistry& r) {
  const ParamSpec any{ArgClass::Any}, str{ArgClass::StrictString};
  r.add({"==",
         {},
         {fixed({str, str}, Type::Bool, k_eq_strings),
          custom({any, any}, equality_return<false>, k_eq)}});
  r.add({"!=",
         {},
         {fixed({str, str}, Type::Bool, k_ne_strings),
          custom({any, any}, equality_return<true>, k_ne)}});

  Overload in = fixed({any, {ArgClass::Dynamic}}, Type::Bool, k_in, NullPolicy::Kernel);
  in.prepare = prepare_in;
  Overload not_in = in;
  not_in.kernel = k_not_in;
  r.add({"in", {}, {in}});
  r.add({"!in", {}, {not_in}});

  r.add({"not",
         {},
         {fixed({{ArgClass::Bool}}, Type::Bool, k_not),
          custom({{ArgClass::StringOrDynamic}}, not_dynamic_return, k_not)}});
  r.add({"iff", {"iif"}, {custom({{ArgClass::Bool}, any, any}, iff_return, k_iff)}});
  r.add({"case", {}, {variadic(case_return, k_case, 3)}});
  r.add({"coalesce", {}, {variadic(coalesce_return, k_coalesce, 2)}});
  r.add({"min_of", {}, {variadic(extremum_return<false>, k_extremum<false>, 2)}});
  r.add({"max_of", {}, {variadic(extremum_return<true>, k_extremum<true>, 2)}});

  r.add({"isnull", {}, {fixed({any}, Type::Bool, k_isnull, NullPolicy::Kernel)}});
  r.add({"isnotnull", {"notnull"}, {fixed({any}, Type::Bool, k_isnotnull, NullPolicy::Kernel)}});
  r.add({"isempty", {}, {fixed({any}, Type::Bool, k_isempty, NullPolicy::Kernel)}});
  r.add({"isnotempty", {"notempty"}, {fixed({any}, Type::Bool, k_isnotempty, NullPolicy::Kernel)}});
}

}  // namespace huntq::engine
