#include "huntq/value/dynamic.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "huntq/value/datetime.h"
#include "huntq/value/timespan.h"

namespace huntq {
namespace {

// One DOM parser per thread, reused: parse_json runs per row.
simdjson::dom::parser& dom_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

std::shared_ptr<Dynamic> make(DynamicKind kind) {
  return std::make_shared<Dynamic>(kind);
}

DynamicPtr from_element(simdjson::dom::element e);

}  // namespace

// Builders live in a class with access to the node's fields.
struct DynamicBuilder {
  static DynamicPtr scalar(DynamicKind kind, std::int64_t i, double d, std::string s) {
    auto n = make(kind);
    n->i_ = i;
    n->d_ = d;
    n->bytes_ += s.capacity() > 15 ? s.capacity() : 0;
    n->s_ = std::move(s);
    return n;
  }
  static DynamicPtr array(Dynamic::Array items) {
    auto n = make(DynamicKind::Array);
    n->bytes_ += items.capacity() * sizeof(DynamicPtr);
    for (const auto& it : items) n->bytes_ += it->bytes();
    n->items_ = std::move(items);
    return n;
  }
  static DynamicPtr object(Dynamic::Object members) {
    auto n = make(DynamicKind::Object);
    n->bytes_ += members.capacity() * sizeof(Dynamic::Member);
    for (const auto& m : members) n->bytes_ += m.value->bytes() + m.key.size();
    n->members_ = std::move(members);
    return n;
  }
};

namespace {

DynamicPtr from_element(simdjson::dom::element e) {
  using simdjson::dom::element_type;
  switch (e.type()) {
    case element_type::NULL_VALUE:
      return Dynamic::null();
    case element_type::BOOL:
      return Dynamic::boolean(bool(e));
    case element_type::INT64: {
      const std::int64_t v = int64_t(e);
      // D-6: parse_json('1') is an int; integers past 32 bits are longs.
      const bool fits = v >= std::numeric_limits<std::int32_t>::min() &&
                        v <= std::numeric_limits<std::int32_t>::max();
      return Dynamic::integer(v, fits ? DynamicKind::Int : DynamicKind::Long);
    }
    case element_type::UINT64:
      return Dynamic::real(static_cast<double>(uint64_t(e)));
    case element_type::DOUBLE:
      return Dynamic::real(double(e));
    case element_type::STRING:
      return Dynamic::string(std::string(std::string_view(e)));
    case element_type::ARRAY: {
      Dynamic::Array items;
      for (simdjson::dom::element child : simdjson::dom::array(e))
        items.push_back(from_element(child));
      return Dynamic::array(std::move(items));
    }
    case element_type::OBJECT: {
      Dynamic::Object members;
      for (auto field : simdjson::dom::object(e))
        members.push_back({std::string(field.key), from_element(field.value)});
      return Dynamic::object(std::move(members));
    }
  }
  return Dynamic::null();
}

}  // namespace

DynamicPtr Dynamic::null() {
  static const DynamicPtr kNull = make(DynamicKind::Null);
  return kNull;
}

DynamicPtr Dynamic::boolean(bool b) {
  return DynamicBuilder::scalar(DynamicKind::Bool, b ? 1 : 0, 0, {});
}

DynamicPtr Dynamic::integer(std::int64_t v, DynamicKind kind) {
  return DynamicBuilder::scalar(kind, v, 0, {});
}

DynamicPtr Dynamic::real(double v) {
  return DynamicBuilder::scalar(DynamicKind::Real, 0, v, {});
}

DynamicPtr Dynamic::string(std::string s) {
  return DynamicBuilder::scalar(DynamicKind::String, 0, 0, std::move(s));
}

DynamicPtr Dynamic::guid(std::string canonical) {
  return DynamicBuilder::scalar(DynamicKind::Guid, 0, 0, std::move(canonical));
}

DynamicPtr Dynamic::array(Array items) {
  return DynamicBuilder::array(std::move(items));
}

DynamicPtr Dynamic::object(Object members) {
  return DynamicBuilder::object(std::move(members));
}

DynamicPtr Dynamic::from_value(const Value& v) {
  if (v.is_null()) return null();
  switch (v.type()) {
    case Type::Bool:
      return boolean(v.as_bool());
    case Type::Int:
      return integer(v.as_int64(), DynamicKind::Int);
    case Type::Long:
      return integer(v.as_int64(), DynamicKind::Long);
    case Type::Real:
      return real(v.as_real());
    case Type::DateTime:
      return integer(v.ticks(), DynamicKind::DateTime);
    case Type::TimeSpan:
      return integer(v.ticks(), DynamicKind::TimeSpan);
    case Type::Guid:
      return guid(v.text());
    case Type::String:
      return string(v.text());
    case Type::Dynamic:
      return v.tree();
  }
  return null();
}

const DynamicPtr* Dynamic::find(std::string_view key) const noexcept {
  for (const auto& m : members_)
    if (m.key == key) return &m.value;
  return nullptr;
}

Value Dynamic::to_value(const DynamicPtr& self) const {
  switch (kind_) {
    case DynamicKind::Null:
      return Value::null_of(Type::Dynamic);
    case DynamicKind::Bool:
      return Value::boolean(as_bool());
    case DynamicKind::Int:
      return Value::int64(i_, Type::Int);
    case DynamicKind::Long:
      return Value::int64(i_);
    case DynamicKind::Real:
      return Value::real(d_);
    case DynamicKind::DateTime:
      return Value::datetime(i_);
    case DynamicKind::TimeSpan:
      return Value::timespan(i_);
    case DynamicKind::Guid:
      return Value::guid_text(s_);
    case DynamicKind::String:
      return Value::string(s_);
    case DynamicKind::Array:
    case DynamicKind::Object:
      return Value::dynamic(self);
  }
  return Value::null_of(Type::Dynamic);
}

std::string_view Dynamic::gettype() const noexcept {
  switch (kind_) {
    case DynamicKind::Null:
      return "null";
    case DynamicKind::Bool:
      return "bool";
    case DynamicKind::Int:
      return "int";
    case DynamicKind::Long:
      return "long";
    case DynamicKind::Real:
      return "real";
    case DynamicKind::DateTime:
      return "datetime";
    case DynamicKind::TimeSpan:
      return "timespan";
    case DynamicKind::Guid:
      return "guid";
    case DynamicKind::String:
      return "string";
    case DynamicKind::Array:
      return "array";
    case DynamicKind::Object:
      return "dictionary";
  }
  return "null";
}

DynamicPtr parse_json_text(std::string_view text) {
  simdjson::dom::element e;
  // simdjson needs padding after the bytes; padded_string copies them once.
  if (dom_parser().parse(simdjson::padded_string(text)).get(e) != simdjson::SUCCESS) return nullptr;
  return from_element(e);
}

std::string format_real(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
  // Plain digits are shorter than the exponent form up to 1e21, but past 2^64 JSON readers
  // (simdjson too) refuse them as integers; from 1e15 on .NET writes an exponent as well.
  if (std::abs(v) >= 1e15 &&
      std::string_view(buf, r.ptr).find_first_of(".e") == std::string_view::npos) {
    r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  }
  return std::string(buf, r.ptr);
}

void append_json(std::string& out, const Dynamic& d) {
  switch (d.kind()) {
    case DynamicKind::Null:
      out += "null";
      return;
    case DynamicKind::Bool:
      out += d.as_bool() ? "true" : "false";
      return;
    case DynamicKind::Int:
    case DynamicKind::Long:
      out += std::to_string(d.as_int64());
      return;
    case DynamicKind::Real:
      if (std::isfinite(d.as_real())) {
        out += format_real(d.as_real());
      } else {
        append_json_quoted(out, format_real(d.as_real()));
      }
      return;
    case DynamicKind::DateTime:
      append_json_quoted(out, format_datetime(d.as_int64(), DateTimeStyle::Ticks7));
      return;
    case DynamicKind::TimeSpan:
      append_json_quoted(out, format_timespan(d.as_int64()));
      return;
    case DynamicKind::Guid:
    case DynamicKind::String:
      append_json_quoted(out, d.text());
      return;
    case DynamicKind::Array: {
      out += '[';
      bool first = true;
      for (const auto& item : d.items()) {
        if (!first) out += ',';
        first = false;
        append_json(out, *item);
      }
      out += ']';
      return;
    }
    case DynamicKind::Object: {
      out += '{';
      bool first = true;
      for (const auto& m : d.members()) {
        if (!first) out += ',';
        first = false;
        append_json_quoted(out, m.key);
        out += ':';
        append_json(out, *m.value);
      }
      out += '}';
      return;
    }
  }
}

std::string to_json(const Dynamic& d) {
  std::string out;
  append_json(out, d);
  return out;
}

Value parse_json(const Value& v) {
  if (v.type() == Type::Dynamic) return v;  // D-1: a dynamic is used as is
  if (v.is_null()) return Value::null_of(Type::Dynamic);
  if (v.type() != Type::String) return Value::dynamic(Dynamic::from_value(v));
  const std::string& s = v.text();
  if (s.empty()) return Value::null_of(Type::Dynamic);  // D-1: parse_json("") is null
  if (DynamicPtr tree = parse_json_text(s)) return Value::dynamic(std::move(tree));
  // D-1: text that is not JSON becomes a dynamic string holding it.
  return Value::dynamic(Dynamic::string(s));
}

Value dynamic_member(const Value& d, std::string_view key) {
  if (d.type() != Type::Dynamic || d.is_null() || !d.tree()->is_object())
    return Value::null_of(Type::Dynamic);  // D-3
  const DynamicPtr* child = d.tree()->find(key);
  return child ? Value::dynamic(*child) : Value::null_of(Type::Dynamic);
}

Value dynamic_index(const Value& d, std::int64_t index) {
  if (d.type() != Type::Dynamic || d.is_null() || !d.tree()->is_array())
    return Value::null_of(Type::Dynamic);
  const auto& items = d.tree()->items();
  const auto n = static_cast<std::int64_t>(items.size());
  if (index < 0) index += n;  // D-2: arr[-1] is the last element
  if (index < 0 || index >= n) return Value::null_of(Type::Dynamic);
  return Value::dynamic(items[static_cast<std::size_t>(index)]);
}

std::string to_string(const Value& v) {
  if (v.is_null()) return {};
  switch (v.type()) {
    case Type::String:
    case Type::Guid:
      return v.text();
    case Type::Bool:
      return v.as_bool() ? "true" : "false";
    case Type::Int:
    case Type::Long:
      return std::to_string(v.as_int64());
    case Type::Real:
      return format_real(v.as_real());
    case Type::DateTime:
      return format_datetime(v.ticks(), DateTimeStyle::Ticks7);
    case Type::TimeSpan:
      return format_timespan(v.ticks());
    case Type::Dynamic: {
      const Dynamic& d = *v.tree();
      switch (d.kind()) {
        case DynamicKind::String:
        case DynamicKind::Guid:
          return d.text();  // unquoted
        case DynamicKind::Array:
        case DynamicKind::Object:
          return to_json(d);
        default:
          return to_string(d.to_value(v.tree()));
      }
    }
  }
  return {};
}

}  // namespace huntq
