// Overload resolution and implicit conversions, shared by the binder, constant folding and tests.
#include <fmt/format.h>

#include <algorithm>
#include <climits>

#include "huntq/engine/functions.h"
#include "huntq/error.h"
#include "huntq/value/compare.h"
#include "huntq/value/dynamic.h"

namespace huntq::engine {

const FunctionRegistry& FunctionRegistry::instance() {
  static const FunctionRegistry registry = [] {
    FunctionRegistry r;
    register_string_functions(r);
    register_datetime_functions(r);
    register_math_functions(r);
    register_conversion_functions(r);
    register_dynamic_functions(r);
    register_network_functions(r);
    register_logic_functions(r);
    register_aggregate_functions(r);
    return r;
  }();
  return registry;
}

const ScalarFunction* FunctionRegistry::scalar(std::string_view name) const {
  for (const auto& f : scalars_) {
    if (f.name == name) return &f;
    if (std::find(f.aliases.begin(), f.aliases.end(), name) != f.aliases.end()) return &f;
  }
  return nullptr;
}

const AggregateFunction* FunctionRegistry::aggregate(std::string_view name) const {
  for (const auto& f : aggregates_) {
    if (f.name == name) return &f;
    if (std::find(f.aliases.begin(), f.aliases.end(), name) != f.aliases.end()) return &f;
  }
  return nullptr;
}

void FunctionRegistry::add(ScalarFunction f) {
  scalars_.push_back(std::move(f));
}

void FunctionRegistry::add(AggregateFunction f) {
  aggregates_.push_back(std::move(f));
}

namespace {

constexpr int kNoMatch = -1;

// The cost of passing `t` where `cls` is declared, and the type the kernel then sees.
int match_cost(ArgClass cls, Type t, Type& converted) {
  converted = t;
  const bool number = is_numeric(t);
  switch (cls) {
    case ArgClass::Any:
      return 0;
    case ArgClass::NotDynamic:
      return t == Type::Dynamic ? kNoMatch : 0;
    case ArgClass::Bool:
      return t == Type::Bool ? 0 : kNoMatch;
    case ArgClass::Int:
      return t == Type::Int ? 0 : kNoMatch;
    case ArgClass::Long:
      converted = Type::Long;
      return t == Type::Long ? 0 : t == Type::Int ? 1 : kNoMatch;
    case ArgClass::Real:
      converted = Type::Real;
      return t == Type::Real ? 0 : number ? 2 : kNoMatch;
    case ArgClass::Number:
      return number ? 0 : kNoMatch;
    case ArgClass::Integer:
      return t == Type::Int || t == Type::Long ? 0 : kNoMatch;
    case ArgClass::DateTime:
      return t == Type::DateTime ? 0 : kNoMatch;
    case ArgClass::TimeSpan:
      return t == Type::TimeSpan ? 0 : kNoMatch;
    case ArgClass::Guid:
      return t == Type::Guid ? 0 : kNoMatch;
    case ArgClass::String:
      converted = Type::String;
      return t == Type::String ? 0 : 4;
    case ArgClass::StrictString:
      return t == Type::String ? 0 : kNoMatch;
    case ArgClass::Dynamic:
      converted = Type::Dynamic;
      return t == Type::Dynamic ? 0 : 3;
    case ArgClass::StringOrDynamic:
      return t == Type::String || t == Type::Dynamic ? 0 : kNoMatch;
    case ArgClass::Summable:
      return number || t == Type::TimeSpan ? 0 : kNoMatch;
    case ArgClass::Orderable:
      return t == Type::Dynamic || t == Type::Bool ? kNoMatch : 0;
    case ArgClass::Binnable:
      return number || t == Type::DateTime || t == Type::TimeSpan ? 0 : kNoMatch;
  }
  return kNoMatch;
}

template <class O>
int overload_cost(const O& o, std::span<const ArgInfo> args, std::vector<Type>& converted,
                  bool& wants_constant) {
  const std::size_t n = args.size();
  const std::size_t min_args = std::min(o.min_args, o.params.size());
  if (n < min_args) return kNoMatch;
  if (n > o.params.size() && !o.variadic) return kNoMatch;
  if (o.params.empty() && n > 0) return kNoMatch;
  converted.assign(n, Type::String);
  int cost = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const ParamSpec& p = o.params[std::min(i, o.params.size() - 1)];
    const int c = match_cost(p.cls, args[i].type, converted[i]);
    if (c == kNoMatch) return kNoMatch;
    if (p.constant && !args[i].constant) {
      wants_constant = true;
      return kNoMatch;
    }
    cost += c;
  }
  return cost;
}

std::string describe_args(std::span<const ArgInfo> args) {
  std::string s;
  for (const auto& a : args) s += (s.empty() ? "" : ", ") + std::string(type_name(a.type));
  return s;
}

Type widest_numeric(std::span<const Type> types, Type fallback) {
  Type best = fallback;
  int rank = -1;
  for (Type t : types) {
    const int r = t == Type::Int ? 0 : t == Type::Long ? 1 : t == Type::Real ? 2 : -1;
    if (r > rank) rank = r, best = t;
  }
  return best;
}

template <class O>
Type result_type(const O& o, std::span<const ArgInfo> converted_args,
                 std::span<const Type> converted) {
  switch (o.ret) {
    case ReturnRule::Fixed:
      return o.fixed;
    case ReturnRule::Arg0:
      return converted.empty() ? o.fixed : converted[0];
    case ReturnRule::Arg1:
      return converted.size() < 2 ? o.fixed : converted[1];
    case ReturnRule::Promoted:
      return widest_numeric(converted, converted.empty() ? o.fixed : converted[0]);
    case ReturnRule::Custom:
      return o.custom_return(converted_args);
  }
  return o.fixed;
}

template <class O>
const O* pick(const std::vector<O>& overloads, std::string_view name, std::span<const ArgInfo> args,
              std::vector<Type>& converted) {
  const O* best = nullptr;
  int best_cost = INT_MAX;
  bool wants_constant = false;
  std::vector<Type> tmp;
  for (const auto& o : overloads) {
    const int c = overload_cost(o, args, tmp, wants_constant);
    if (c != kNoMatch && c < best_cost) best = &o, best_cost = c, converted = tmp;
  }
  if (!best) {
    if (wants_constant) throw Error(fmt::format("{}(): an argument must be a constant here", name));
    throw Error(fmt::format("{}() takes no arguments of types ({})", name, describe_args(args)));
  }
  return best;
}

}  // namespace

ResolvedCall resolve_call(const ScalarFunction& f, std::span<const ArgInfo> args) {
  ResolvedCall call;
  call.overload = pick(f.overloads, f.name, args, call.param_types);
  std::vector<ArgInfo> converted_args(args.begin(), args.end());
  std::vector<Value> converted_constants(args.size());
  for (std::size_t i = 0; i < args.size(); ++i) {
    converted_args[i].type = call.param_types[i];
    if (args[i].constant && args[i].type != call.param_types[i]) {
      converted_constants[i] = convert_argument(*args[i].constant, call.param_types[i]);
      converted_args[i].constant = &converted_constants[i];
    }
  }
  call.result = result_type(*call.overload, converted_args, call.param_types);
  if (call.overload->prepare) call.state = call.overload->prepare(converted_args);
  return call;
}

Value convert_argument(const Value& v, Type to) {
  if (v.type() == to) return v;
  switch (to) {
    case Type::Long:
      return v.is_null() ? Value::null_of(to) : Value::int64(v.as_int64());
    case Type::Real:
      return v.is_null() ? Value::null_of(to) : Value::real(v.as_double());
    case Type::String:
      return Value::string(to_string(v));
    case Type::Dynamic:
      return Value::dynamic(Dynamic::from_value(v));
    default:
      return v;  // classes that do not convert keep the value as it is
  }
}

Value evaluate_call(const ResolvedCall& call, Args args) {
  CallContext ctx{call.result, call.state.get()};
  if (call.overload->nulls == NullPolicy::Propagate) {
    for (std::size_t i = 0; i < args.size(); ++i)
      if (args[i].is_null()) return Value::null_of(call.result);
  }
  return call.overload->kernel(args, ctx);
}

Value call_function(std::string_view name, std::span<const Value> args) {
  const ScalarFunction* f = FunctionRegistry::instance().scalar(name);
  if (!f) throw Error(fmt::format("unknown function '{}'", name));
  std::vector<ArgInfo> infos;
  for (const auto& a : args) infos.push_back({a.type(), &a});
  const ResolvedCall call = resolve_call(*f, infos);
  std::vector<Value> converted;
  for (std::size_t i = 0; i < args.size(); ++i)
    converted.push_back(convert_argument(args[i], call.param_types[i]));
  std::vector<const Value*> ptrs;
  for (const auto& v : converted) ptrs.push_back(&v);
  return evaluate_call(call, Args(ptrs.data(), ptrs.size()));
}

AggregateCall resolve_aggregate(const AggregateFunction& f, std::span<const ArgInfo> args,
                                const AggregateOverload*& chosen) {
  std::span<const ArgInfo> matched = args;
  if (f.predicate_last) {
    if (args.empty() || args.back().type != Type::Bool)
      throw Error(fmt::format("{}(): the last argument must be a bool predicate", f.name));
    matched = args.first(args.size() - 1);
  }
  std::vector<Type> converted;
  chosen = pick(f.overloads, f.name, matched, converted);
  AggregateCall call;
  for (std::size_t i = 0; i < matched.size(); ++i)
    call.args.push_back({converted[i], matched[i].constant});
  if (f.outputs_are_arguments) {
    call.outputs = converted;
  } else {
    call.outputs.push_back(result_type(*chosen, call.args, converted));
  }
  return call;
}

std::vector<Value> call_aggregate(std::string_view name,
                                  const std::vector<std::vector<Value>>& rows,
                                  std::span<const Type> arg_types) {
  const AggregateFunction* f = FunctionRegistry::instance().aggregate(name);
  if (!f) throw Error(fmt::format("unknown aggregate '{}'", name));
  std::vector<ArgInfo> infos;
  for (Type t : arg_types) infos.push_back({t, nullptr});
  // Constant arguments (dcount's accuracy, make_set's max size) are taken from the first row.
  if (!rows.empty())
    for (std::size_t i = 0; i < infos.size() && i < rows[0].size(); ++i)
      infos[i].constant = &rows[0][i];
  const AggregateOverload* o = nullptr;
  const AggregateCall call = resolve_aggregate(*f, infos, o);
  const std::size_t n_args = call.args.size();
  auto feed = [&](AggregateState& state, std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      const auto& row = rows[r];
      if (f->predicate_last) {
        const Value& pred = row.back();
        if (pred.is_null() || !pred.as_bool()) continue;
      }
      std::vector<Value> converted;
      for (std::size_t i = 0; i < n_args; ++i)
        converted.push_back(convert_argument(row[i], call.args[i].type));
      std::vector<const Value*> ptrs;
      for (const auto& v : converted) ptrs.push_back(&v);
      state.add(Args(ptrs.data(), ptrs.size()));
    }
  };
  auto whole = o->make(call);
  feed(*whole, 0, rows.size());
  std::vector<Value> out(call.outputs.size());
  whole->finish(out);
  for (std::size_t k = 0; k <= rows.size(); ++k) {
    auto first = o->make(call), second = o->make(call);
    feed(*first, 0, k);
    feed(*second, k, rows.size());
    first->merge(*second);
    std::vector<Value> merged(call.outputs.size());
    first->finish(merged);
    for (std::size_t i = 0; i < out.size(); ++i)
      if (!same_value(out[i], merged[i]))
        throw Error(fmt::format("{}(): merging states split before row {} gives {} instead of {}",
                                name, k, to_string(merged[i]), to_string(out[i])));
  }
  return out;
}

}  // namespace huntq::engine
