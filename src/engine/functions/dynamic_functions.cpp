// dynamic (JSON) functions: parse_json, extract_json, bag_pack, pack_array, the array_*, bag_*
// and set_* functions, zip, range, repeat, dynamic_to_json, treepath and bag_zip
// (docs/semantics/dynamic.md).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_set>

#include "dynamic_json_path.h"
#include "dynamic_nodes.h"
#include "huntq/engine/functions.h"
#include "huntq/error.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/guid.h"
#include "huntq/value/timespan.h"

namespace huntq::engine {
namespace {

// repeat() refuses counts past this (as make_list's largest size): the array would not fit
// memory budgets, and Kusto limits dynamic arrays alike.
constexpr std::int64_t kMaxRepeat = 1'048'576;
// bag_merge, set_* and zip take at most 64 arguments (Kusto.Language's signatures).
constexpr std::size_t kMaxArrays = 64;

Value null_dynamic() {
  return Value::null_of(Type::Dynamic);
}

Value dyn(DynamicPtr p) {
  return Value::dynamic(std::move(p));
}

const Dynamic::Array* array_of(const Value& v) {
  if (v.type() != Type::Dynamic || v.is_null() || !v.tree()->is_array()) return nullptr;
  return &v.tree()->items();
}

const Dynamic* bag_of(const Value& v) {
  if (v.type() != Type::Dynamic || v.is_null() || !v.tree()->is_object()) return nullptr;
  return v.tree().get();
}

std::size_t checked_count(std::span<const ArgInfo> args, std::string_view name) {
  if (args.size() > kMaxArrays)
    throw Error(
        fmt::format("{}() takes at most {} arguments, got {}", name, kMaxArrays, args.size()));
  return args.size();
}

// ---------------------------------------------------------------------------------------------
// parse_json, extract_json

Value k_parse_json(Args a, const CallContext&) {
  return parse_json(a[0]);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<std::int64_t> text_to_long(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<double> text_to_real(std::string_view s) {
  s = trim(s);
  if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (s == "Infinity" || s == "+Infinity") return std::numeric_limits<double>::infinity();
  if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

bool is_number(DynamicKind k) {
  return k == DynamicKind::Int || k == DynamicKind::Long || k == DynamicKind::Real;
}

// A real truncated toward zero when it fits [lo, hi].
std::optional<std::int64_t> truncated(double d, double lo, double hi) {
  if (!(d >= lo && d < hi)) return std::nullopt;  // NaN fails too
  return static_cast<std::int64_t>(std::trunc(d));
}

// extract_json's typeof conversion of the node found: the node's own value when it has the
// type, otherwise as the to<type>() conversions read a string or a number; null when it cannot
// be read as that type.
Value convert_node(const DynamicPtr& node, Type t) {
  const Dynamic& n = *node;
  if (t == Type::Dynamic) return dyn(node);
  if (t == Type::String)
    return n.is_null() ? Value::string({}) : Value::string(to_string(dyn(node)));
  if (n.is_null()) return Value::null_of(t);
  const bool str = n.kind() == DynamicKind::String;
  switch (t) {
    case Type::Bool:
      if (n.kind() == DynamicKind::Bool) return Value::boolean(n.as_bool());
      if (n.kind() == DynamicKind::Int || n.kind() == DynamicKind::Long)
        return Value::boolean(n.as_int64() != 0);
      if (str) {
        std::string s(trim(n.text()));
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (s == "true") return Value::boolean(true);
        if (s == "false") return Value::boolean(false);
      }
      return Value::null_of(t);
    case Type::Int:
    case Type::Long: {
      std::optional<std::int64_t> v;
      if (n.kind() == DynamicKind::Int || n.kind() == DynamicKind::Long) v = n.as_int64();
      if (n.kind() == DynamicKind::Real)
        v = truncated(n.as_real(), -9223372036854775808.0, 9223372036854775808.0);
      if (n.kind() == DynamicKind::Bool) v = n.as_bool() ? 1 : 0;
      if (str) v = text_to_long(n.text());
      if (!v) return Value::null_of(t);
      if (t == Type::Int) {
        if (*v < std::numeric_limits<std::int32_t>::min() ||
            *v > std::numeric_limits<std::int32_t>::max())
          return Value::null_of(t);
        return Value::int32(static_cast<std::int32_t>(*v));
      }
      return Value::int64(*v);
    }
    case Type::Real: {
      if (n.kind() == DynamicKind::Real) return Value::real(n.as_real());
      if (n.kind() == DynamicKind::Int || n.kind() == DynamicKind::Long)
        return Value::real(static_cast<double>(n.as_int64()));
      if (n.kind() == DynamicKind::Bool) return Value::real(n.as_bool() ? 1 : 0);
      if (str)
        if (auto d = text_to_real(n.text())) return Value::real(*d);
      return Value::null_of(t);
    }
    case Type::DateTime:
      if (n.kind() == DynamicKind::DateTime) return Value::datetime(n.as_int64());
      if (str)
        if (auto ticks = parse_datetime(n.text())) return Value::datetime(*ticks);
      return Value::null_of(t);
    case Type::TimeSpan:
      if (n.kind() == DynamicKind::TimeSpan) return Value::timespan(n.as_int64());
      if (str)
        if (auto ticks = parse_timespan(n.text())) return Value::timespan(*ticks);
      return Value::null_of(t);
    case Type::Guid:
      if (n.kind() == DynamicKind::Guid) return Value::guid_text(n.text());
      if (str)
        if (auto g = parse_guid(n.text())) return Value::guid_text(std::move(*g));
      return Value::null_of(t);
    default:
      return Value::null_of(t);
  }
}

std::string cut(std::string_view s) {
  return s.size() <= 80 ? std::string(s) : std::string(s.substr(0, 80)) + "...";
}

Type extract_json_return(std::span<const ArgInfo> args) {
  if (args.size() < 3) return Type::String;
  const std::string& name = args[2].constant->text();
  if (auto t = type_from_name(name)) return *t;
  throw Error(fmt::format("extract_json(): '{}' is not a type name (expected typeof(long), ...)",
                          cut(name)));
}

std::shared_ptr<const void> prepare_constant_path(std::span<const ArgInfo> args,
                                                  std::string_view fn) {
  if (!args[0].constant) return nullptr;
  const std::string& text = args[0].constant->text();
  auto path = parse_json_path(text);
  if (!path)
    throw Error(fmt::format("{}(): '{}' is not a supported JSONPath ($, .name, ['name'], [n])", fn,
                            cut(text)));
  return std::make_shared<PreparedPath>(PreparedPath{std::move(*path)});
}

std::shared_ptr<const void> prepare_extract_json(std::span<const ArgInfo> args) {
  return prepare_constant_path(args, "extract_json");
}

Value k_extract_json(Args a, const CallContext& c) {
  std::optional<JsonPath> parsed;
  const JsonPath* path = nullptr;
  if (c.state) {
    path = &static_cast<const PreparedPath*>(c.state)->path;
  } else {
    parsed = parse_json_path(a[0].text());
    if (!parsed) return Value::null_of(c.result);
    path = &*parsed;
  }
  DynamicPtr root = parse_json_text(a[1].text());
  if (!root) return Value::null_of(c.result);
  const DynamicPtr* found = follow_json_path(root, *path);
  if (!found) return Value::null_of(c.result);
  return convert_node(*found, c.result);
}

// ---------------------------------------------------------------------------------------------
// bag_pack, pack_array

std::shared_ptr<const void> prepare_bag_pack(std::span<const ArgInfo> args) {
  if (args.size() % 2 != 0)
    throw Error(fmt::format(
        "bag_pack() takes key, value pairs: an even number of arguments, got {}", args.size()));
  for (std::size_t i = 0; i < args.size(); i += 2)
    if (args[i].type != Type::String)
      throw Error(fmt::format("bag_pack(): key {} must be a string, not {}", i / 2 + 1,
                              type_name(args[i].type)));
  return nullptr;
}

// A key given twice keeps its first place and takes the later value, as setting keys one after
// another does.
void set_member(Dynamic::Object& members, std::string_view key, DynamicPtr value) {
  for (auto& m : members)
    if (m.key == key) {
      m.value = std::move(value);
      return;
    }
  members.push_back({std::string(key), std::move(value)});
}

Value k_bag_pack(Args a, const CallContext&) {
  Dynamic::Object members;
  members.reserve(a.size() / 2);
  for (std::size_t i = 0; i + 1 < a.size(); i += 2)
    set_member(members, a[i].text(), Dynamic::from_value(a[i + 1]));
  return dyn(Dynamic::object(std::move(members)));
}

Value k_pack_array(Args a, const CallContext&) {
  Dynamic::Array items;
  items.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) items.push_back(Dynamic::from_value(a[i]));
  return dyn(Dynamic::array(std::move(items)));
}

// ---------------------------------------------------------------------------------------------
// array_*

Value k_array_length(Args a, const CallContext&) {
  const auto* arr = array_of(a[0]);
  if (!arr) return Value::null_of(Type::Long);
  return Value::int64(static_cast<std::int64_t>(arr->size()));
}

Value k_array_index_of(Args a, const CallContext&) {
  const auto* arr = array_of(a[0]);
  if (!arr) return Value::null_of(Type::Long);
  const auto n = static_cast<std::int64_t>(arr->size());
  std::int64_t start = a.size() > 2 ? a[2].as_int64() : 0;
  const std::int64_t length = a.size() > 3 ? a[3].as_int64() : -1;
  std::int64_t occurrence = a.size() > 4 ? a[4].as_int64() : 1;
  if (occurrence < 0 || length < -1) return Value::null_of(Type::Long);
  if (occurrence == 0) occurrence = 1;
  if (start < 0) start = std::max<std::int64_t>(0, start + n);  // n <= 2^31: no overflow
  if (start >= n) return Value::int64(-1);
  const std::int64_t end = (length == -1 || length > n - start) ? n : start + length;
  for (std::int64_t i = start; i < end; ++i)
    if (node_equals_value(*(*arr)[static_cast<std::size_t>(i)], a[1]) && --occurrence == 0)
      return Value::int64(i);
  return Value::int64(-1);
}

Value k_array_slice(Args a, const CallContext&) {
  const auto* arr = array_of(a[0]);
  if (!arr) return null_dynamic();
  const auto n = static_cast<std::int64_t>(arr->size());
  std::int64_t s = a[1].as_int64(), e = a[2].as_int64();
  if (s < 0) s += n;
  if (e < 0) e += n;
  s = std::max<std::int64_t>(s, 0);
  e = std::min<std::int64_t>(e, n - 1);
  if (s > e) return dyn(Dynamic::array({}));
  return dyn(Dynamic::array(Dynamic::Array(arr->begin() + s, arr->begin() + e + 1)));
}

Value k_array_concat(Args a, const CallContext&) {
  Dynamic::Array items;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto* arr = array_of(a[i]);
    if (!arr) return null_dynamic();
    items.insert(items.end(), arr->begin(), arr->end());
  }
  return dyn(Dynamic::array(std::move(items)));
}

Value k_array_reverse(Args a, const CallContext&) {
  const auto* arr = array_of(a[0]);
  if (!arr) return null_dynamic();
  return dyn(Dynamic::array(Dynamic::Array(arr->rbegin(), arr->rend())));
}

std::shared_ptr<const void> prepare_array_sort(std::span<const ArgInfo> args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool last = i + 1 == args.size();
    if (args[i].type == Type::Dynamic) continue;
    if (last && i > 0 && args[i].type == Type::Bool) continue;
    throw Error(fmt::format(
        "array_sort_asc/array_sort_desc: argument {} must be a dynamic array{}, not {}", i + 1,
        last && i > 0 ? " or the bool nulls_last" : "", type_name(args[i].type)));
  }
  return nullptr;
}

Value sort_arrays(Args a, bool descending) {
  std::size_t n_arrays = a.size();
  bool nulls_last = true;
  if (n_arrays > 1 && a[n_arrays - 1].type() == Type::Bool) {
    --n_arrays;
    if (!a[n_arrays].is_null()) nulls_last = a[n_arrays].as_bool();
  }
  const auto* first = array_of(a[0]);
  std::vector<std::size_t> order;
  if (first) {
    const auto& keys = *first;
    order.resize(keys.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
      const Dynamic &x = *keys[i], &y = *keys[j];
      const bool nx = node_sorts_as_null(x), ny = node_sorts_as_null(y);
      if (nx || ny) return nx != ny && (nulls_last ? ny : nx);
      const int c = compare_nodes_for_sort(x, y);
      return descending ? c > 0 : c < 0;
    });
  }
  auto sorted = [&](std::size_t k) -> DynamicPtr {
    const auto* arr = array_of(a[k]);
    if (!first || !arr || arr->size() != first->size()) return Dynamic::null();
    Dynamic::Array out;
    out.reserve(arr->size());
    for (std::size_t i : order) out.push_back((*arr)[i]);
    return Dynamic::array(std::move(out));
  };
  // One array gives the sorted array; several give an array of the sorted arrays (the binder
  // spreads it over one column per array, as Kusto's print does; `[1]` indexes it).
  if (n_arrays == 1) return dyn(sorted(0));
  Dynamic::Array all;
  for (std::size_t k = 0; k < n_arrays; ++k) all.push_back(sorted(k));
  return dyn(Dynamic::array(std::move(all)));
}

Value k_array_sort_asc(Args a, const CallContext&) {
  return sort_arrays(a, false);
}

Value k_array_sort_desc(Args a, const CallContext&) {
  return sort_arrays(a, true);
}

Value k_array_sum(Args a, const CallContext&) {
  const auto* arr = array_of(a[0]);
  if (!arr) return Value::null_of(Type::Real);
  double sum = 0;
  for (const auto& item : *arr) {
    if (!is_number(item->kind())) return Value::null_of(Type::Real);
    sum +=
        item->kind() == DynamicKind::Real ? item->as_real() : static_cast<double>(item->as_int64());
  }
  return Value::real(sum);
}

DynamicPtr element_or_scalar(const Value& v, std::size_t i) {
  if (const auto* arr = array_of(v)) return i < arr->size() ? (*arr)[i] : Dynamic::null();
  return Dynamic::from_value(v);
}

Value k_array_iff(Args a, const CallContext&) {
  const auto* cond = array_of(a[0]);
  if (!cond) return null_dynamic();
  Dynamic::Array out;
  out.reserve(cond->size());
  for (std::size_t i = 0; i < cond->size(); ++i) {
    const Dynamic& c = *(*cond)[i];
    std::optional<bool> pick;
    if (c.kind() == DynamicKind::Bool) pick = c.as_bool();
    if (c.kind() == DynamicKind::Int || c.kind() == DynamicKind::Long) pick = c.as_int64() != 0;
    if (c.kind() == DynamicKind::Real) pick = c.as_real() != 0;
    out.push_back(!pick ? Dynamic::null() : element_or_scalar(*pick ? a[1] : a[2], i));
  }
  return dyn(Dynamic::array(std::move(out)));
}

// Rotates left by `k` (any sign) positions.
Value rotate_left(const Value& v, std::int64_t k) {
  const auto* arr = array_of(v);
  if (!arr) return null_dynamic();
  const auto n = static_cast<std::int64_t>(arr->size());
  if (n == 0) return dyn(Dynamic::array({}));
  const std::int64_t shift = ((k % n) + n) % n;
  Dynamic::Array out;
  out.reserve(arr->size());
  for (std::int64_t i = 0; i < n; ++i)
    out.push_back((*arr)[static_cast<std::size_t>((i + shift) % n)]);
  return dyn(Dynamic::array(std::move(out)));
}

Value k_array_rotate_left(Args a, const CallContext&) {
  return rotate_left(a[0], a[1].as_int64());
}

Value k_array_rotate_right(Args a, const CallContext&) {
  const auto* arr = array_of(a[0]);
  const auto n = arr ? std::max<std::int64_t>(1, static_cast<std::int64_t>(arr->size())) : 1;
  return rotate_left(a[0], -(a[1].as_int64() % n));  // % first: -INT64_MIN would overflow
}

// The fill of array_shift_*: an empty string for an array of strings, otherwise null
// (array-shift-left-function.md: "null or an empty string depending on the type of elements").
DynamicPtr default_fill(const Dynamic::Array& arr) {
  bool any_string = false;
  for (const auto& item : arr) {
    if (item->is_null()) continue;
    if (item->kind() != DynamicKind::String) return Dynamic::null();
    any_string = true;
  }
  return any_string ? Dynamic::string({}) : Dynamic::null();
}

// Shifts left by `k` (any sign): element i takes element i + k.
Value shift_left(Args a, std::int64_t k) {
  const auto* arr = array_of(a[0]);
  if (!arr) return null_dynamic();
  const auto n = static_cast<std::int64_t>(arr->size());
  k = std::clamp(k, -n, n);
  const DynamicPtr fill = a.size() > 2 ? Dynamic::from_value(a[2]) : default_fill(*arr);
  Dynamic::Array out;
  out.reserve(arr->size());
  for (std::int64_t i = 0; i < n; ++i) {
    const std::int64_t from = i + k;
    out.push_back(from >= 0 && from < n ? (*arr)[static_cast<std::size_t>(from)] : fill);
  }
  return dyn(Dynamic::array(std::move(out)));
}

Value k_array_shift_left(Args a, const CallContext&) {
  if (a[0].is_null() || a[1].is_null()) return null_dynamic();
  return shift_left(a, a[1].as_int64());
}

Value k_array_shift_right(Args a, const CallContext&) {
  if (a[0].is_null() || a[1].is_null()) return null_dynamic();
  const std::int64_t k = a[1].as_int64();
  // -INT64_MIN overflows; shift_left clamps to the array's length anyway.
  return shift_left(a, k == std::numeric_limits<std::int64_t>::min()
                           ? std::numeric_limits<std::int64_t>::max()
                           : -k);
}

std::optional<std::int64_t> integral_node(const Dynamic& d) {
  if (d.kind() == DynamicKind::Int || d.kind() == DynamicKind::Long) return d.as_int64();
  if (d.kind() == DynamicKind::Real && d.as_real() == std::trunc(d.as_real()))
    return truncated(d.as_real(), -9223372036854775808.0, 9223372036854775808.0);
  return std::nullopt;
}

Value split_at(const Dynamic::Array& arr, const std::vector<std::int64_t>& at) {
  const auto n = static_cast<std::int64_t>(arr.size());
  Dynamic::Array out;
  std::int64_t from = 0;
  auto slice = [&](std::int64_t b, std::int64_t e) {
    Dynamic::Array part;
    if (b < e) part.assign(arr.begin() + b, arr.begin() + e);
    out.push_back(Dynamic::array(std::move(part)));
  };
  for (std::int64_t i : at) {
    if (i < 0) i += n;
    i = std::clamp<std::int64_t>(i, 0, n);
    slice(from, i);  // [from..i): empty when the indices go backwards
    from = i;
  }
  slice(from, n);
  return dyn(Dynamic::array(std::move(out)));
}

Value k_array_split_long(Args a, const CallContext&) {
  const auto* arr = array_of(a[0]);
  if (!arr) return null_dynamic();
  return split_at(*arr, {a[1].as_int64()});
}

Value k_array_split_dynamic(Args a, const CallContext&) {
  const auto* arr = array_of(a[0]);
  if (!arr) return null_dynamic();
  std::vector<std::int64_t> at;
  if (const auto* idx = array_of(a[1])) {
    for (const auto& item : *idx) {
      auto v = integral_node(*item);
      if (!v) return null_dynamic();
      at.push_back(*v);
    }
  } else {
    auto v = integral_node(*a[1].tree());
    if (!v) return null_dynamic();
    at.push_back(*v);
  }
  return split_at(*arr, at);
}

// ---------------------------------------------------------------------------------------------
// bag_*

Value k_bag_keys(Args a, const CallContext&) {
  const Dynamic* bag = bag_of(a[0]);
  if (!bag) return null_dynamic();
  Dynamic::Array keys;
  keys.reserve(bag->members().size());
  for (std::size_t i = 0; i < bag->members().size(); ++i) {
    const std::string& key = bag->members()[i].key;
    // A key written twice (JSON allows it) is one key: lookups take its first value.
    if (bag->find(key) != &bag->members()[i].value) continue;
    keys.push_back(Dynamic::string(key));
  }
  return dyn(Dynamic::array(std::move(keys)));
}

std::shared_ptr<const void> prepare_bag_merge(std::span<const ArgInfo> args) {
  checked_count(args, "bag_merge");
  return nullptr;
}

Value k_bag_merge(Args a, const CallContext&) {
  Dynamic::Object members;
  bool any_bag = false;
  std::unordered_set<std::string_view> seen;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Dynamic* bag = bag_of(a[i]);
    if (!bag) continue;  // arguments that are not bags add nothing
    any_bag = true;
    for (const auto& m : bag->members())
      if (seen.insert(m.key).second) members.push_back(m);  // the leftmost bag's value wins
  }
  if (!any_bag) return null_dynamic();
  return dyn(Dynamic::object(std::move(members)));
}

bool has_index_step(const JsonPath& p) {
  return std::any_of(p.begin(), p.end(), [](const JsonPathStep& s) { return s.is_index; });
}

// The node without the member a path names; the same node when there is none. Array steps are
// not followed (bag-remove-keys-function.md: array indexing isn't supported).
DynamicPtr remove_path(const DynamicPtr& node, std::span<const JsonPathStep> path) {
  if (path.empty() || !node->is_object() || path[0].is_index) return node;
  const auto& members = node->members();
  Dynamic::Object out;
  out.reserve(members.size());
  bool changed = false;
  if (path.size() == 1) {
    for (const auto& m : members) {
      if (m.key == path[0].key) {
        changed = true;
        continue;
      }
      out.push_back(m);
    }
  } else {
    const DynamicPtr* child = node->find(path[0].key);
    if (!child) return node;
    DynamicPtr updated = remove_path(*child, path.subspan(1));
    if (updated == *child) return node;
    for (const auto& m : members)
      out.push_back(&m.value == child ? Dynamic::Member{m.key, updated} : m);
    changed = true;
  }
  return changed ? Dynamic::object(std::move(out)) : node;
}

Value k_bag_remove_keys(Args a, const CallContext&) {
  if (!bag_of(a[0])) return null_dynamic();
  const auto* keys = array_of(a[1]);
  if (!keys) return null_dynamic();
  DynamicPtr bag = a[0].tree();
  for (const auto& key : *keys) {
    if (key->kind() != DynamicKind::String) continue;
    const JsonPath path = key_or_json_path(key->text());
    if (has_index_step(path)) continue;
    bag = remove_path(bag, path);
  }
  return dyn(std::move(bag));
}

std::shared_ptr<const void> prepare_bag_key(std::span<const ArgInfo> args, std::string_view fn) {
  if (!args[1].constant) return nullptr;
  JsonPath path = key_or_json_path(args[1].constant->text());
  if (path.empty() || has_index_step(path))
    throw Error(
        fmt::format("{}(): '{}' names no key (root paths and array indexing aren't "
                    "supported)",
                    fn, cut(args[1].constant->text())));
  return std::make_shared<PreparedPath>(PreparedPath{std::move(path)});
}

std::shared_ptr<const void> prepare_bag_has_key(std::span<const ArgInfo> args) {
  return prepare_bag_key(args, "bag_has_key");
}

std::shared_ptr<const void> prepare_bag_set_key(std::span<const ArgInfo> args) {
  return prepare_bag_key(args, "bag_set_key");
}

// The call's key path: prepared when constant, else read from the argument.
const JsonPath& key_path(const Value& key, const CallContext& c, JsonPath& scratch) {
  if (c.state) return static_cast<const PreparedPath*>(c.state)->path;
  scratch = key_or_json_path(key.text());
  return scratch;
}

Value k_bag_has_key(Args a, const CallContext& c) {
  if (!bag_of(a[0])) return Value::boolean(false);
  JsonPath scratch;
  const JsonPath& path = key_path(a[1], c, scratch);
  if (path.empty() || has_index_step(path)) return Value::boolean(false);
  return Value::boolean(follow_json_path(a[0].tree(), path) != nullptr);
}

// The bag with the path set to `value`, creating bags for missing steps and replacing a step
// that is not a bag.
DynamicPtr set_path(const DynamicPtr& node, std::span<const JsonPathStep> path,
                    const DynamicPtr& value) {
  Dynamic::Object members;
  if (node->is_object()) members = node->members();
  const std::string& key = path[0].key;
  auto it = std::find_if(members.begin(), members.end(),
                         [&](const Dynamic::Member& m) { return m.key == key; });
  DynamicPtr updated =
      path.size() == 1
          ? value
          : set_path(it != members.end() ? it->value : Dynamic::null(), path.subspan(1), value);
  if (it != members.end()) {
    it->value = std::move(updated);
  } else {
    members.push_back({key, std::move(updated)});
  }
  return Dynamic::object(std::move(members));
}

Value k_bag_set_key(Args a, const CallContext& c) {
  if (!bag_of(a[0])) return null_dynamic();
  JsonPath scratch;
  const JsonPath& path = key_path(a[1], c, scratch);
  if (path.empty() || has_index_step(path)) return null_dynamic();
  return dyn(set_path(a[0].tree(), path, Dynamic::from_value(a[2])));
}

Value k_bag_zip(Args a, const CallContext&) {
  const auto* keys = array_of(a[0]);
  if (!keys) return null_dynamic();
  const auto* values = array_of(a[1]);
  Dynamic::Object members;
  for (std::size_t i = 0; i < keys->size(); ++i) {
    const Dynamic& k = *(*keys)[i];
    if (k.kind() != DynamicKind::String) continue;  // bag-zip.md: keys that aren't strings
    set_member(members, k.text(), values && i < values->size() ? (*values)[i] : Dynamic::null());
  }
  return dyn(Dynamic::object(std::move(members)));
}

// ---------------------------------------------------------------------------------------------
// set_*, zip

using NodeSet = std::unordered_set<DynamicPtr, NodeHash, SameNode>;

std::shared_ptr<const void> prepare_set(std::span<const ArgInfo> args) {
  checked_count(args, "set_union/set_intersect/set_difference/zip");
  return nullptr;
}

bool all_arrays(Args a) {
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!array_of(a[i])) return false;
  return true;
}

Value k_set_union(Args a, const CallContext&) {
  if (!all_arrays(a)) return null_dynamic();
  NodeSet seen;
  Dynamic::Array out;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (const auto& item : *array_of(a[i]))
      if (seen.insert(item).second) out.push_back(item);
  return dyn(Dynamic::array(std::move(out)));
}

Value k_set_difference(Args a, const CallContext&) {
  if (!all_arrays(a)) return null_dynamic();
  NodeSet seen;  // the later arrays' elements, then the first array's as they are output
  for (std::size_t i = 1; i < a.size(); ++i)
    for (const auto& item : *array_of(a[i])) seen.insert(item);
  Dynamic::Array out;
  for (const auto& item : *array_of(a[0]))
    if (seen.insert(item).second) out.push_back(item);
  return dyn(Dynamic::array(std::move(out)));
}

Value k_set_intersect(Args a, const CallContext&) {
  if (!all_arrays(a)) return null_dynamic();
  std::vector<NodeSet> others(a.size() - 1);
  for (std::size_t i = 1; i < a.size(); ++i)
    others[i - 1].insert(array_of(a[i])->begin(), array_of(a[i])->end());
  NodeSet seen;
  Dynamic::Array out;
  for (const auto& item : *array_of(a[0])) {
    if (!seen.insert(item).second) continue;
    if (std::all_of(others.begin(), others.end(),
                    [&](const NodeSet& s) { return s.count(item) > 0; }))
      out.push_back(item);
  }
  return dyn(Dynamic::array(std::move(out)));
}

Value k_set_has_element(Args a, const CallContext&) {
  const auto* arr = array_of(a[0]);
  if (!arr) return Value::null_of(Type::Bool);
  for (const auto& item : *arr)
    if (node_equals_value(*item, a[1])) return Value::boolean(true);
  return Value::boolean(false);
}

Value k_zip(Args a, const CallContext&) {
  if (!all_arrays(a)) return null_dynamic();
  std::size_t len = 0;
  for (std::size_t i = 0; i < a.size(); ++i) len = std::max(len, array_of(a[i])->size());
  Dynamic::Array out;
  out.reserve(len);
  for (std::size_t j = 0; j < len; ++j) {
    Dynamic::Array tuple;
    tuple.reserve(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      const auto& arr = *array_of(a[i]);
      tuple.push_back(j < arr.size() ? arr[j] : Dynamic::null());
    }
    out.push_back(Dynamic::array(std::move(tuple)));
  }
  return dyn(Dynamic::array(std::move(out)));
}

// ---------------------------------------------------------------------------------------------
// range (range-function.md)

// At most 2^20 elements; a longer series is truncated (the doc's last example).
constexpr std::int64_t kMaxRange = 1'048'576;
// The default step of datetime and timespan series: 1h.
constexpr std::int64_t kHourTicks = 36'000'000'000;

// start, start + step, ... up to stop (down to it for a negative step), at most kMaxRange values;
// a step of 0 gives null.
template <class Make>
Value integer_series(std::int64_t start, std::int64_t stop, std::int64_t step, Make make) {
  if (step == 0) return null_dynamic();
  const __int128 span = static_cast<__int128>(stop) - start;
  Dynamic::Array out;
  if ((span >= 0) == (step > 0) || span == 0) {
    const __int128 count = span / step + 1;
    const std::int64_t n = count > kMaxRange ? kMaxRange : static_cast<std::int64_t>(count);
    out.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
      out.push_back(make(static_cast<std::int64_t>(start + static_cast<__int128>(i) * step)));
  }
  return dyn(Dynamic::array(std::move(out)));
}

Value k_range_number(Args a, const CallContext&) {
  const bool real = a[0].type() == Type::Real || a[1].type() == Type::Real ||
                    (a.size() > 2 && a[2].type() == Type::Real);
  if (!real)
    return integer_series(a[0].as_int64(), a[1].as_int64(), a.size() > 2 ? a[2].as_int64() : 1,
                          [](std::int64_t v) { return Dynamic::integer(v); });
  const double start = a[0].as_double(), stop = a[1].as_double();
  const double step = a.size() > 2 ? a[2].as_double() : 1.0;
  if (step == 0 || !std::isfinite(start) || !std::isfinite(stop) || !std::isfinite(step))
    return null_dynamic();
  // Each value is start + i * step (no running sum, so no drift over long series).
  Dynamic::Array out;
  for (std::int64_t i = 0; i < kMaxRange; ++i) {
    const double v = start + static_cast<double>(i) * step;
    if (step > 0 ? v > stop : v < stop) break;
    out.push_back(Dynamic::real(v));
  }
  return dyn(Dynamic::array(std::move(out)));
}

Value k_range_datetime(Args a, const CallContext&) {
  return integer_series(a[0].as_int64(), a[1].as_int64(),
                        a.size() > 2 ? a[2].as_int64() : kHourTicks,
                        [](std::int64_t v) { return Dynamic::from_value(Value::datetime(v)); });
}

Value k_range_timespan(Args a, const CallContext&) {
  return integer_series(a[0].as_int64(), a[1].as_int64(),
                        a.size() > 2 ? a[2].as_int64() : kHourTicks,
                        [](std::int64_t v) { return Dynamic::from_value(Value::timespan(v)); });
}

// ---------------------------------------------------------------------------------------------
// repeat, dynamic_to_json, treepath

Value k_repeat(Args a, const CallContext&) {
  if (a[1].is_null()) return null_dynamic();
  const std::int64_t count = a[1].as_int64();
  if (count < 0 || count > kMaxRepeat) return null_dynamic();
  const DynamicPtr node = Dynamic::from_value(a[0]);  // shared: one node, `count` references
  return dyn(Dynamic::array(Dynamic::Array(static_cast<std::size_t>(count), node)));
}

// dynamic_to_json's canonical form: compact JSON with every bag's keys sorted ordinally.
void append_canonical_json(std::string& out, const Dynamic& d) {
  if (d.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < d.items().size(); ++i) {
      if (i) out += ',';
      append_canonical_json(out, *d.items()[i]);
    }
    out += ']';
  } else if (d.is_object()) {
    std::vector<const Dynamic::Member*> sorted;
    for (std::size_t i = 0; i < d.members().size(); ++i) {
      const auto& m = d.members()[i];
      if (d.find(m.key) == &m.value) sorted.push_back(&m);  // a repeated key once, first value
    }
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto* x, const auto* y) { return x->key < y->key; });
    out += '{';
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      if (i) out += ',';
      append_json_quoted(out, sorted[i]->key);
      out += ':';
      append_canonical_json(out, *sorted[i]->value);
    }
    out += '}';
  } else {
    append_json(out, d);
  }
}

Value k_dynamic_to_json(Args a, const CallContext&) {
  if (a[0].type() != Type::Dynamic) return Value::string(to_string(a[0]));
  std::string out;
  append_canonical_json(out, *a[0].tree());
  return Value::string(std::move(out));
}

void append_tree_paths(const Dynamic& d, std::string& prefix, std::unordered_set<std::string>& seen,
                       Dynamic::Array& out) {
  auto emit = [&] {
    if (seen.insert(prefix).second) out.push_back(Dynamic::string(prefix));
  };
  const std::size_t mark = prefix.size();
  if (d.is_object()) {
    for (const auto& m : d.members()) {
      prefix += "['";
      for (char ch : m.key) {
        if (ch == '\'' || ch == '\\') prefix += '\\';
        prefix += ch;
      }
      prefix += "']";
      emit();
      append_tree_paths(*m.value, prefix, seen, out);
      prefix.resize(mark);
    }
  } else if (d.is_array() && !d.items().empty()) {
    // Every element is reached as [0]: the paths describe the shape, not each element.
    prefix += "[0]";
    emit();
    for (const auto& item : d.items()) append_tree_paths(*item, prefix, seen, out);
    prefix.resize(mark);
  }
}

Value k_treepath(Args a, const CallContext&) {
  std::string prefix;
  std::unordered_set<std::string> seen;
  Dynamic::Array out;
  append_tree_paths(*a[0].tree(), prefix, seen, out);
  return dyn(Dynamic::array(std::move(out)));
}

// ---------------------------------------------------------------------------------------------

ParamSpec p(ArgClass cls, bool constant = false) {
  return ParamSpec{cls, constant};
}

Overload fn(std::vector<ParamSpec> params, Type result, ScalarKernel kernel,
            NullPolicy nulls = NullPolicy::Propagate, std::size_t min_args = SIZE_MAX,
            bool variadic = false,
            std::shared_ptr<const void> (*prepare)(std::span<const ArgInfo>) = nullptr) {
  Overload o;
  o.params = std::move(params);
  o.min_args = min_args;
  o.variadic = variadic;
  o.ret = ReturnRule::Fixed;
  o.fixed = result;
  o.kernel = kernel;
  o.nulls = nulls;
  o.prepare = prepare;
  return o;
}

}  // namespace

void register_dynamic_functions(FunctionRegistry& r) {
  using A = ArgClass;
  constexpr Type D = Type::Dynamic;
  constexpr auto kernel_nulls = NullPolicy::Kernel;
  constexpr auto propagate = NullPolicy::Propagate;

  r.add({"parse_json",
         {"parsejson", "todynamic", "toobject"},
         {fn({p(A::StringOrDynamic)}, D, k_parse_json)},
         ResultName::FirstArgument});

  Overload extract = fn({p(A::StrictString), p(A::StrictString), p(A::StrictString, true)},
                        Type::String, k_extract_json, propagate, 2, false, prepare_extract_json);
  extract.ret = ReturnRule::Custom;
  extract.custom_return = extract_json_return;
  r.add({"extract_json", {"extractjson"}, {extract}});

  r.add({"bag_pack",
         {"pack", "pack_dictionary"},
         {fn({p(A::StrictString), p(A::Any)}, D, k_bag_pack, kernel_nulls, SIZE_MAX, true,
             prepare_bag_pack)}});
  r.add({"pack_array", {}, {fn({p(A::Any)}, D, k_pack_array, kernel_nulls, 1, true)}});

  r.add({"array_length", {"arraylength"}, {fn({p(A::Dynamic)}, Type::Long, k_array_length)}});
  r.add({"array_index_of",
         {},
         {fn({p(A::Dynamic), p(A::Any), p(A::Long), p(A::Long), p(A::Long)}, Type::Long,
             k_array_index_of, propagate, 2)}});
  r.add({"array_slice", {}, {fn({p(A::Dynamic), p(A::Long), p(A::Long)}, D, k_array_slice)}});
  r.add({"array_concat", {}, {fn({p(A::Dynamic)}, D, k_array_concat, propagate, 1, true)}});
  r.add({"array_reverse", {}, {fn({p(A::Dynamic)}, D, k_array_reverse)}});
  r.add({"array_sort_asc",
         {},
         {fn({p(A::Any)}, D, k_array_sort_asc, kernel_nulls, 1, true, prepare_array_sort)}});
  r.add({"array_sort_desc",
         {},
         {fn({p(A::Any)}, D, k_array_sort_desc, kernel_nulls, 1, true, prepare_array_sort)}});
  r.add({"array_sum", {}, {fn({p(A::Dynamic)}, Type::Real, k_array_sum)}});
  r.add({"array_iff",
         {"array_iif"},
         {fn({p(A::Dynamic), p(A::Dynamic), p(A::Dynamic)}, D, k_array_iff, kernel_nulls)}});
  r.add({"array_rotate_left", {}, {fn({p(A::Dynamic), p(A::Long)}, D, k_array_rotate_left)}});
  r.add({"array_rotate_right", {}, {fn({p(A::Dynamic), p(A::Long)}, D, k_array_rotate_right)}});
  r.add({"array_shift_left",
         {},
         {fn({p(A::Dynamic), p(A::Long), p(A::Any)}, D, k_array_shift_left, kernel_nulls, 2)}});
  r.add({"array_shift_right",
         {},
         {fn({p(A::Dynamic), p(A::Long), p(A::Any)}, D, k_array_shift_right, kernel_nulls, 2)}});
  r.add({"array_split",
         {},
         {fn({p(A::Dynamic), p(A::Long)}, D, k_array_split_long),
          fn({p(A::Dynamic), p(A::Dynamic)}, D, k_array_split_dynamic)}});

  r.add({"bag_keys", {}, {fn({p(A::Dynamic)}, D, k_bag_keys)}});
  r.add({"bag_merge",
         {},
         {fn({p(A::Dynamic), p(A::Dynamic)}, D, k_bag_merge, kernel_nulls, SIZE_MAX, true,
             prepare_bag_merge)}});
  r.add({"bag_remove_keys", {}, {fn({p(A::Dynamic), p(A::Dynamic)}, D, k_bag_remove_keys)}});
  r.add({"bag_has_key",
         {},
         {fn({p(A::Dynamic), p(A::StrictString)}, Type::Bool, k_bag_has_key, propagate, SIZE_MAX,
             false, prepare_bag_has_key)}});
  r.add({"bag_set_key",
         {},
         {fn({p(A::Dynamic), p(A::StrictString), p(A::Any)}, D, k_bag_set_key, kernel_nulls,
             SIZE_MAX, false, prepare_bag_set_key)}});
  r.add({"bag_zip", {}, {fn({p(A::Dynamic), p(A::Dynamic)}, D, k_bag_zip)}});

  const std::pair<std::string_view, ScalarKernel> sets[] = {{"set_union", k_set_union},
                                                            {"set_intersect", k_set_intersect},
                                                            {"set_difference", k_set_difference},
                                                            {"zip", k_zip}};
  for (const auto& [name, kernel] : sets)
    r.add(
        {name,
         {},
         {fn({p(A::Dynamic), p(A::Dynamic)}, D, kernel, propagate, SIZE_MAX, true, prepare_set)}});
  r.add({"set_has_element", {}, {fn({p(A::Dynamic), p(A::Any)}, Type::Bool, k_set_has_element)}});

  r.add(
      {"range",
       {},
       {fn({p(A::Number), p(A::Number), p(A::Number)}, D, k_range_number, propagate, 2),
        fn({p(A::DateTime), p(A::DateTime), p(A::TimeSpan)}, D, k_range_datetime, propagate, 2),
        fn({p(A::TimeSpan), p(A::TimeSpan), p(A::TimeSpan)}, D, k_range_timespan, propagate, 2)}});
  r.add({"repeat", {}, {fn({p(A::Any), p(A::Long)}, D, k_repeat, kernel_nulls)}});
  r.add({"dynamic_to_json", {}, {fn({p(A::Any)}, Type::String, k_dynamic_to_json)}});
  r.add({"treepath", {}, {fn({p(A::Dynamic)}, D, k_treepath)}});
}

}  // namespace huntq::engine
