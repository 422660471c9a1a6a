// Helpers for the scalar function tests: short value constructors, Catch printing, and a reader
// for the KQL literal calls of the result-type tables (the same text node ref.js was given).
#pragma once

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/engine/functions.h"
#include "huntq/error.h"
#include "huntq/value/compare.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/guid.h"
#include "huntq/value/timespan.h"

namespace huntq::engine::test {

inline Value I(std::int32_t v) {
  return Value::int32(v);
}
inline Value L(std::int64_t v) {
  return Value::int64(v);
}
inline Value R(double v) {
  return Value::real(v);
}
inline Value B(bool v) {
  return Value::boolean(v);
}
inline Value S(std::string v) {
  return Value::string(std::move(v));
}
inline Value N(Type t) {
  return Value::null_of(t);
}
/// An ISO 8601 datetime (the value layer's parser).
inline Value DT(std::string_view iso) {
  const auto t = parse_datetime(iso);
  if (!t) throw std::runtime_error("bad test datetime " + std::string(iso));
  return Value::datetime(*t);
}
/// A timespan from its text ("1.00:00:00", "2d", "-1h").
inline Value TS(std::string_view text) {
  const auto t = parse_timespan(text);
  if (!t) throw std::runtime_error("bad test timespan " + std::string(text));
  return Value::timespan(*t);
}
inline Value Ticks(std::int64_t t) {
  return Value::timespan(t);
}
inline Value G(std::string_view text) {
  return Value::guid_text(*parse_guid(text));
}
/// A dynamic holding a long (what arithmetic on dynamics gives).
inline Value DL(std::int64_t v) {
  return Value::dynamic(Dynamic::integer(v));
}
/// A dynamic parsed from JSON text ("" gives dynamic null).
inline Value D(std::string_view json) {
  return Value::dynamic_json(json);
}

inline Value call(std::string_view name, std::vector<Value> args) {
  return call_function(name, args);
}

/// Same type and value (NaN equals NaN), for CHECK(same(...)).
inline bool same(const Value& a, const Value& b) {
  return same_value(a, b);
}

inline std::string describe(const Value& v) {
  std::string s(type_name(v.type()));
  if (v.is_null()) return s + "(null)";
  if (v.type() == Type::String) return s + "(\"" + v.text() + "\")";
  return s + "(" + to_string(v) + ")";
}

// ---------------------------------------------------------------------------------------------
// The result-type tables: calls written as KQL with literal arguments.

struct LiteralArg {
  Value value;
  bool constant = true;
};

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Splits at top-level commas (not inside parentheses or quotes).
inline std::vector<std::string_view> split_args(std::string_view s) {
  std::vector<std::string_view> out;
  int depth = 0;
  bool quote = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\'') quote = !quote;
    if (quote) continue;
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (!trim(s.substr(start)).empty()) out.push_back(trim(s.substr(start)));
  return out;
}

inline std::string_view inside(std::string_view s, std::string_view head) {
  return s.substr(head.size(), s.size() - head.size() - 1);
}

/// true, int(1), long(1), real(1), 1, 1.5, datetime(...), 1h/1d, guid(...), 'text',
/// dynamic(...); a leading '@' marks a value that is not a constant (a column).
inline LiteralArg parse_literal(std::string_view s) {
  s = trim(s);
  LiteralArg a;
  if (!s.empty() && s.front() == '@') {
    a = parse_literal(s.substr(1));
    a.constant = false;
    return a;
  }
  auto starts = [&](std::string_view p) { return s.substr(0, p.size()) == p; };
  if (s == "true" || s == "false") {
    a.value = B(s == "true");
  } else if (starts("int(")) {
    a.value = I(std::stoi(std::string(inside(s, "int("))));
  } else if (starts("long(")) {
    a.value = L(std::stoll(std::string(inside(s, "long("))));
  } else if (starts("real(")) {
    a.value = R(std::stod(std::string(inside(s, "real("))));
  } else if (starts("datetime(")) {
    a.value = DT(inside(s, "datetime("));
  } else if (starts("guid(")) {
    a.value = G(inside(s, "guid("));
  } else if (starts("dynamic(")) {
    std::string json(inside(s, "dynamic("));
    for (char& c : json)
      if (c == '\'') c = '"';
    a.value = D(json);
  } else if (s.front() == '\'') {
    a.value = S(std::string(s.substr(1, s.size() - 2)));
  } else if (s.back() == 'h' || s.back() == 'd') {
    a.value = TS(s);
  } else if (s.find('.') != std::string_view::npos) {
    a.value = R(std::stod(std::string(s)));
  } else {
    a.value = L(std::stoll(std::string(s)));
  }
  return a;
}

struct ParsedCall {
  std::string name;
  std::vector<LiteralArg> args;
};

/// `-x`, `x between (a .. b)`, `x !between (a .. b)`, `x in (a, b)`, `x !in (a, b)` and
/// `f(a, b)`. The list of `in` becomes one constant dynamic array, as the binder passes it.
inline ParsedCall parse_call(std::string_view text) {
  text = trim(text);
  ParsedCall c;
  if (text.front() == '-') {
    c.name = "-unary";
    if (text.substr(1) == "@int") {
      c.args.push_back({I(1), false});
    } else {
      c.args.push_back(parse_literal(text.substr(1)));
    }
    return c;
  }
  for (std::string_view op : {" !between (", " between (", " !in (", " in ("}) {
    const std::size_t at = text.find(op);
    if (at == std::string_view::npos) continue;
    c.name = std::string(trim(op.substr(0, op.size() - 1)));
    c.args.push_back(parse_literal(text.substr(0, at)));
    const std::string_view rest = text.substr(at + op.size(), text.size() - at - op.size() - 1);
    if (c.name == "between" || c.name == "!between") {
      const std::size_t dots = rest.find("..");
      c.args.push_back(parse_literal(rest.substr(0, dots)));
      c.args.push_back(parse_literal(rest.substr(dots + 2)));
    } else {
      Dynamic::Array items;
      for (std::string_view e : split_args(rest))
        items.push_back(Dynamic::from_value(parse_literal(e).value));
      c.args.push_back({Value::dynamic(Dynamic::array(std::move(items))), true});
    }
    return c;
  }
  const std::size_t open = text.find('(');
  c.name = std::string(text.substr(0, open));
  for (std::string_view a : split_args(text.substr(open + 1, text.size() - open - 2)))
    c.args.push_back(parse_literal(a));
  return c;
}

/// The type huntq's registry gives the call, or nullopt when it refuses it.
inline std::optional<Type> resolved_type(const ParsedCall& c) {
  const ScalarFunction* f = FunctionRegistry::instance().scalar(c.name);
  if (!f) throw std::runtime_error("unknown function " + c.name);
  std::vector<ArgInfo> infos;
  for (const auto& a : c.args) infos.push_back({a.value.type(), a.constant ? &a.value : nullptr});
  try {
    return resolve_call(*f, infos).result;
  } catch (const Error&) {
    return std::nullopt;
  }
}

inline std::string type_text(std::optional<Type> t) {
  return t ? std::string(type_name(*t)) : "ERROR";
}

/// One row of a result-type table: the call as given to `node ref.js 'print x = <call>'`, the
/// type Kusto.Language gave it ("ERROR" when it reported an error), and huntq's type where huntq
/// deliberately differs (docs/semantics/*.md say why), else null.
struct TypeRow {
  const char* call;
  const char* kusto;
  const char* huntq = nullptr;
};

inline void check_type_rows(std::initializer_list<TypeRow> rows) {
  for (const TypeRow& row : rows) {
    const std::string expected = row.huntq ? row.huntq : row.kusto;
    INFO(row.call << "  (Kusto.Language: " << row.kusto << ")");
    CHECK(type_text(resolved_type(parse_call(row.call))) == expected);
  }
}

}  // namespace huntq::engine::test

namespace Catch {
template <>
struct StringMaker<huntq::Value> {
  static std::string convert(const huntq::Value& v) { return huntq::engine::test::describe(v); }
};
}  // namespace Catch
