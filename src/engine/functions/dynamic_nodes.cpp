#include "dynamic_nodes.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

namespace huntq::engine {
namespace {

bool is_number(DynamicKind k) noexcept {
  return k == DynamicKind::Int || k == DynamicKind::Long || k == DynamicKind::Real;
}

// Exact comparison of an integer with a double (no rounding of the integer): <0, 0, >0, or 2
// when the double is NaN.
int compare_int_real(std::int64_t i, double d) noexcept {
  if (std::isnan(d)) return 2;
  // 2^63 as a double: every double at or past it is above any int64.
  constexpr double kTwo63 = 9223372036854775808.0;
  if (d >= kTwo63) return -1;
  if (d < -kTwo63) return 1;
  const double t = std::trunc(d);
  const auto ti = static_cast<std::int64_t>(t);  // in range: -2^63 <= t < 2^63
  if (i != ti) return i < ti ? -1 : 1;
  const double frac = d - t;
  return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

// Numbers by value: int and long nodes exactly, reals as doubles, NaN == NaN.
int compare_numbers(const Dynamic& a, const Dynamic& b) noexcept {
  const bool ar = a.kind() == DynamicKind::Real, br = b.kind() == DynamicKind::Real;
  if (!ar && !br) {
    return a.as_int64() < b.as_int64() ? -1 : a.as_int64() > b.as_int64() ? 1 : 0;
  }
  if (ar && br) {
    const double x = a.as_real(), y = b.as_real();
    if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y) ? 0 : 2;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ar) {
    const int c = compare_int_real(b.as_int64(), a.as_real());
    return c == 2 ? 2 : -c;
  }
  return compare_int_real(a.as_int64(), b.as_real());
}

std::size_t mix(std::size_t h, std::size_t v) noexcept {
  return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

std::size_t hash_number(const Dynamic& d) noexcept {
  // Equal numbers of different kinds must hash alike: hash integral values as int64, the rest
  // by their bits.
  if (d.kind() != DynamicKind::Real) return std::hash<std::int64_t>{}(d.as_int64());
  const double x = d.as_real();
  if (std::isnan(x)) return 0x7ff8;
  if (x == std::trunc(x) && x >= -9223372036854775808.0 && x < 9223372036854775808.0)
    return std::hash<std::int64_t>{}(static_cast<std::int64_t>(x));
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return std::hash<std::uint64_t>{}(bits);
}

// The kind number hashing uses: every number is one kind.
std::size_t kind_tag(DynamicKind k) noexcept {
  return is_number(k) ? static_cast<std::size_t>(DynamicKind::Long) : static_cast<std::size_t>(k);
}

int sort_group(DynamicKind k) noexcept {
  switch (k) {
    case DynamicKind::Int:
    case DynamicKind::Long:
    case DynamicKind::Real:
    case DynamicKind::DateTime:
    case DynamicKind::TimeSpan:
      return 0;
    case DynamicKind::String:
      return 1;
    case DynamicKind::Guid:
      return 2;
    default:
      return 3;
  }
}

int sub_rank(DynamicKind k) noexcept {
  return k == DynamicKind::DateTime ? 1 : k == DynamicKind::TimeSpan ? 2 : 0;
}

}  // namespace

bool same_node(const Dynamic& a, const Dynamic& b) noexcept {
  if (is_number(a.kind()) && is_number(b.kind())) return compare_numbers(a, b) == 0;
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case DynamicKind::Null:
      return true;
    case DynamicKind::String:
    case DynamicKind::Guid:
      return a.text() == b.text();
    case DynamicKind::Array: {
      if (a.items().size() != b.items().size()) return false;
      for (std::size_t i = 0; i < a.items().size(); ++i)
        if (!same_node(*a.items()[i], *b.items()[i])) return false;
      return true;
    }
    case DynamicKind::Object: {
      if (a.members().size() != b.members().size()) return false;
      for (std::size_t i = 0; i < a.members().size(); ++i) {
        if (a.members()[i].key != b.members()[i].key) return false;
        if (!same_node(*a.members()[i].value, *b.members()[i].value)) return false;
      }
      return true;
    }
    default:  // bool, datetime, timespan
      return a.as_int64() == b.as_int64();
  }
}

std::size_t hash_node(const Dynamic& d) noexcept {
  std::size_t h = kind_tag(d.kind());
  switch (d.kind()) {
    case DynamicKind::Null:
      return h;
    case DynamicKind::Int:
    case DynamicKind::Long:
    case DynamicKind::Real:
      return mix(h, hash_number(d));
    case DynamicKind::String:
    case DynamicKind::Guid:
      return mix(h, std::hash<std::string>{}(d.text()));
    case DynamicKind::Array:
      for (const auto& it : d.items()) h = mix(h, hash_node(*it));
      return h;
    case DynamicKind::Object:
      for (const auto& m : d.members())
        h = mix(mix(h, std::hash<std::string>{}(m.key)), hash_node(*m.value));
      return h;
    default:
      return mix(h, std::hash<std::int64_t>{}(d.as_int64()));
  }
}

bool node_equals_value(const Dynamic& node, const Value& v) {
  if (v.type() == Type::Dynamic) return same_node(node, v.is_null() ? *Dynamic::null() : *v.tree());
  if (v.is_null()) return node.is_null();
  // Compare without building a node for the common scalar cases.
  switch (v.type()) {
    case Type::String:
      return node.kind() == DynamicKind::String && node.text() == v.text();
    case Type::Guid:
      return node.kind() == DynamicKind::Guid && node.text() == v.text();
    case Type::Bool:
      return node.kind() == DynamicKind::Bool && node.as_bool() == v.as_bool();
    case Type::DateTime:
      return node.kind() == DynamicKind::DateTime && node.as_int64() == v.ticks();
    case Type::TimeSpan:
      return node.kind() == DynamicKind::TimeSpan && node.as_int64() == v.ticks();
    default:
      return is_number(node.kind()) && same_node(node, *Dynamic::from_value(v));
  }
}

bool node_sorts_as_null(const Dynamic& d) noexcept {
  return d.is_null() || (d.kind() == DynamicKind::Real && std::isnan(d.as_real()));
}

int compare_nodes_for_sort(const Dynamic& a, const Dynamic& b) noexcept {
  const int ga = sort_group(a.kind()), gb = sort_group(b.kind());
  if (ga != gb) return ga < gb ? -1 : 1;
  switch (ga) {
    case 0: {
      const int ra = sub_rank(a.kind()), rb = sub_rank(b.kind());
      if (ra != rb) return ra < rb ? -1 : 1;
      if (ra == 0) {
        const int c = compare_numbers(a, b);
        return c == 2 ? 0 : c;  // NaN never reaches here (callers place it with nulls)
      }
      return a.as_int64() < b.as_int64() ? -1 : a.as_int64() > b.as_int64() ? 1 : 0;
    }
    case 1:
    case 2: {
      const int c = a.text().compare(b.text());
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    default:
      return 0;
  }
}

}  // namespace huntq::engine
