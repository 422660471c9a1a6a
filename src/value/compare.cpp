#include "huntq/value/compare.h"

#include <cmath>
#include <cstring>
#include <functional>

#include "huntq/value/dynamic.h"

namespace huntq {
namespace {

bool same_tree(const Dynamic& a, const Dynamic& b) noexcept {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case DynamicKind::Null:
      return true;
    case DynamicKind::Real:
      return a.as_real() == b.as_real() || (std::isnan(a.as_real()) && std::isnan(b.as_real()));
    case DynamicKind::String:
    case DynamicKind::Guid:
      return a.text() == b.text();
    case DynamicKind::Array: {
      if (a.items().size() != b.items().size()) return false;
      for (std::size_t i = 0; i < a.items().size(); ++i)
        if (!same_tree(*a.items()[i], *b.items()[i])) return false;
      return true;
    }
    case DynamicKind::Object: {
      if (a.members().size() != b.members().size()) return false;
      for (std::size_t i = 0; i < a.members().size(); ++i) {
        if (a.members()[i].key != b.members()[i].key) return false;
        if (!same_tree(*a.members()[i].value, *b.members()[i].value)) return false;
      }
      return true;
    }
    default:
      return a.as_int64() == b.as_int64();
  }
}

std::size_t mix(std::size_t h, std::size_t v) noexcept {
  return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

std::size_t hash_real(double d) noexcept {
  if (std::isnan(d)) return 0x7ff8;
  if (d == 0) d = 0;  // -0.0 hashes as 0.0
  std::uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return std::hash<std::uint64_t>{}(bits);
}

std::size_t hash_tree(const Dynamic& d) noexcept {
  std::size_t h = static_cast<std::size_t>(d.kind());
  switch (d.kind()) {
    case DynamicKind::Null:
      return h;
    case DynamicKind::Real:
      return mix(h, hash_real(d.as_real()));
    case DynamicKind::String:
    case DynamicKind::Guid:
      return mix(h, std::hash<std::string>{}(d.text()));
    case DynamicKind::Array:
      for (const auto& it : d.items()) h = mix(h, hash_tree(*it));
      return h;
    case DynamicKind::Object:
      for (const auto& m : d.members())
        h = mix(mix(h, std::hash<std::string>{}(m.key)), hash_tree(*m.value));
      return h;
    default:
      return mix(h, std::hash<std::int64_t>{}(d.as_int64()));
  }
}

}  // namespace

bool same_value(const Value& a, const Value& b) noexcept {
  if (a.type() != b.type() || a.is_null() != b.is_null()) return false;
  if (a.is_null()) return true;
  switch (a.type()) {
    case Type::String:
    case Type::Guid:
      return a.text() == b.text();
    case Type::Real:
      return a.as_real() == b.as_real() || (std::isnan(a.as_real()) && std::isnan(b.as_real()));
    case Type::Dynamic:
      return a.tree() == b.tree() || same_tree(*a.tree(), *b.tree());
    default:
      return a.as_int64() == b.as_int64();
  }
}

std::size_t hash_value(const Value& v) noexcept {
  const std::size_t h = static_cast<std::size_t>(v.type()) * 31 + (v.is_null() ? 1 : 0);
  if (v.is_null()) return h;
  switch (v.type()) {
    case Type::String:
    case Type::Guid:
      return mix(h, std::hash<std::string>{}(v.text()));
    case Type::Real:
      return mix(h, hash_real(v.as_real()));
    case Type::Dynamic:
      return mix(h, hash_tree(*v.tree()));
    default:
      return mix(h, std::hash<std::int64_t>{}(v.as_int64()));
  }
}

bool sorts_as_null(const Value& v) noexcept {
  return v.is_null() || (v.type() == Type::Real && std::isnan(v.as_real()));
}

int compare_values(const Value& a, const Value& b) noexcept {
  if (is_numeric(a.type()) && is_numeric(b.type())) {
    if (a.type() != Type::Real && b.type() != Type::Real)
      return a.as_int64() < b.as_int64() ? -1 : a.as_int64() > b.as_int64() ? 1 : 0;
    const double x = a.as_double(), y = b.as_double();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  switch (a.type()) {
    case Type::String:
    case Type::Guid: {
      const int c = a.text().compare(b.text());
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    case Type::Dynamic: {
      const int c = to_json(*a.tree()).compare(to_json(*b.tree()));
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    default:
      return a.as_int64() < b.as_int64() ? -1 : a.as_int64() > b.as_int64() ? 1 : 0;
  }
}

}  // namespace huntq
