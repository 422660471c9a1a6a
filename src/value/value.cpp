#include "huntq/value/value.h"

#include <array>

#include "huntq/value/dynamic.h"

namespace huntq {

std::string_view type_name(Type t) {
  switch (t) {
    case Type::Bool:
      return "bool";
    case Type::Int:
      return "int";
    case Type::Long:
      return "long";
    case Type::Real:
      return "real";
    case Type::DateTime:
      return "datetime";
    case Type::TimeSpan:
      return "timespan";
    case Type::Guid:
      return "guid";
    case Type::String:
      return "string";
    case Type::Dynamic:
      return "dynamic";
  }
  return "?";
}

std::optional<Type> type_from_name(std::string_view name) {
  struct Alias {
    std::string_view name;
    Type type;
  };
  // T-1's names and aliases; KQL type names are case-sensitive.
  static constexpr std::array<Alias, 15> kNames{{{"bool", Type::Bool},
                                                 {"boolean", Type::Bool},
                                                 {"int", Type::Int},
                                                 {"long", Type::Long},
                                                 {"real", Type::Real},
                                                 {"double", Type::Real},
                                                 {"datetime", Type::DateTime},
                                                 {"date", Type::DateTime},
                                                 {"timespan", Type::TimeSpan},
                                                 {"time", Type::TimeSpan},
                                                 {"guid", Type::Guid},
                                                 {"uuid", Type::Guid},
                                                 {"uniqueid", Type::Guid},
                                                 {"string", Type::String},
                                                 {"dynamic", Type::Dynamic}}};
  for (const auto& a : kNames)
    if (a.name == name) return a.type;
  return std::nullopt;
}

Value Value::null_of(Type t) {
  Value v;
  v.type_ = t;
  v.null_ = t != Type::String;  // T-1: string has no null; its "missing" is ""
  return v;
}

Value Value::boolean(bool b) {
  Value v;
  v.type_ = Type::Bool;
  v.i_ = b ? 1 : 0;
  return v;
}

Value Value::int32(std::int32_t x) {
  return int64(x, Type::Int);
}

Value Value::int64(std::int64_t x, Type t) {
  Value v;
  v.type_ = t;
  v.i_ = x;
  return v;
}

Value Value::real(double x) {
  Value v;
  v.type_ = Type::Real;
  v.d_ = x;
  return v;
}

Value Value::datetime(std::int64_t ticks) {
  return int64(ticks, Type::DateTime);
}

Value Value::timespan(std::int64_t ticks) {
  return int64(ticks, Type::TimeSpan);
}

Value Value::string(std::string s) {
  Value v;
  v.s_ = std::move(s);
  return v;
}

Value Value::guid_text(std::string canonical) {
  Value v;
  v.type_ = Type::Guid;
  v.s_ = std::move(canonical);
  return v;
}

Value Value::dynamic(DynamicPtr tree) {
  Value v;
  v.type_ = Type::Dynamic;
  if (!tree || tree->is_null()) {
    v.null_ = true;
  } else {
    v.dyn_ = std::move(tree);
  }
  return v;
}

Value Value::dynamic_json(std::string_view json) {
  return parse_json(Value::string(std::string(json)));
}

}  // namespace huntq
