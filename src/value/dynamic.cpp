#include "huntq/value/dynamic.h"

#include <simdjson.h>

#include <charconv>

#include "huntq/value/datetime.h"
#include "huntq/value/utf8.h"

namespace huntq {
namespace {

// One DOM parser per thread: parse_json runs only on rows that passed the filters, so a DOM
// parse is cheap there, and reusing the parser avoids an allocation per call.
simdjson::dom::parser& dom_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

Value from_element(simdjson::dom::element e) {
  if (e.is_null()) return Value::null_of(Type::Dynamic);
  return Value::dynamic_json(simdjson::minify(e));
}

std::string timespan_text(std::int64_t ticks) {
  std::string out;
  std::uint64_t t;
  if (ticks < 0) {
    out += '-';
    t = static_cast<std::uint64_t>(-(ticks + 1)) + 1;
  } else {
    t = static_cast<std::uint64_t>(ticks);
  }
  const std::uint64_t frac = t % 10'000'000, secs = t / 10'000'000;
  const std::uint64_t days = secs / 86400;
  char buf[64];
  int n = days ? std::snprintf(buf, sizeof buf, "%llu.", static_cast<unsigned long long>(days)) : 0;
  n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "%02llu:%02llu:%02llu",
                     static_cast<unsigned long long>(secs / 3600 % 24),
                     static_cast<unsigned long long>(secs / 60 % 60),
                     static_cast<unsigned long long>(secs % 60));
  if (frac)
    n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%07llu",
                       static_cast<unsigned long long>(frac));
  out.append(buf, static_cast<std::size_t>(n));
  return out;
}

}  // namespace

Value parse_json(const Value& v) {
  if (v.type() == Type::Dynamic) return v;  // D-1: a dynamic is used as is
  if (v.is_null()) return Value::null_of(Type::Dynamic);
  if (v.type() != Type::String) return Value::dynamic_json(to_string(v));
  const std::string& s = v.text();
  if (s.empty()) return Value::null_of(Type::Dynamic);  // D-1: parse_json("") is null
  simdjson::dom::element e;
  if (dom_parser().parse(s).get(e) == simdjson::SUCCESS) return from_element(e);
  // D-1: text that is not JSON becomes a dynamic string holding it.
  return Value::dynamic_json(json_quote(s));
}

Value dynamic_member(const Value& d, std::string_view key) {
  if (d.type() != Type::Dynamic || d.is_null()) return Value::null_of(Type::Dynamic);
  simdjson::dom::element e;
  if (dom_parser().parse(d.text()).get(e) != simdjson::SUCCESS)
    return Value::null_of(Type::Dynamic);
  simdjson::dom::object obj;
  if (e.get_object().get(obj) != simdjson::SUCCESS) return Value::null_of(Type::Dynamic);  // D-3
  simdjson::dom::element child;
  if (obj.at_key(key).get(child) != simdjson::SUCCESS) return Value::null_of(Type::Dynamic);
  return from_element(child);
}

std::string to_string(const Value& v) {
  if (v.is_null()) return {};
  switch (v.type()) {
    case Type::String:
      return v.text();
    case Type::Bool:
      return v.as_bool() ? "true" : "false";
    case Type::Int:
    case Type::Long:
      return std::to_string(v.as_int64());
    case Type::Real: {
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, v.as_real());  // shortest round-trip form
      return std::string(buf, r.ptr);
    }
    case Type::DateTime:
      return format_datetime(v.ticks(), DateTimeStyle::Ticks7);
    case Type::TimeSpan:
      return timespan_text(v.ticks());
    case Type::Dynamic: {
      simdjson::dom::element e;
      if (dom_parser().parse(v.text()).get(e) != simdjson::SUCCESS) return v.text();
      std::string_view sv;
      if (e.get_string().get(sv) == simdjson::SUCCESS) return std::string(sv);  // unquoted
      return v.text();  // numbers, bools: their JSON text; objects, arrays: compact JSON
    }
  }
  return {};
}

}  // namespace huntq
