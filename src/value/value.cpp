#include "huntq/value/value.h"

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
    case Type::String:
      return "string";
    case Type::Dynamic:
      return "dynamic";
  }
  return "?";
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

Value Value::string(std::string s) {
  Value v;
  v.s_ = std::move(s);
  return v;
}

Value Value::dynamic_json(std::string json) {
  Value v;
  v.type_ = Type::Dynamic;
  v.s_ = std::move(json);
  return v;
}

}  // namespace huntq
