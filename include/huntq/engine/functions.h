// The function registry: every KQL scalar function and aggregate huntq runs, as data.
//
// A name maps to overloads (as in DuckDB's function sets and Kusto.Language's signatures); an
// overload carries its parameter classes, its return-type rule and its kernel, so the binder and
// the executor read the same entry and adding a function touches one family file
// (src/engine/functions/<family>.cpp) and nothing else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/value/value.h"

namespace huntq::engine {

// Operators are functions too, registered under their KQL spelling: "==", "!=", "<", "<=", ">",
// ">=", "+", "-", "*", "/", "%", "-unary", "=~", "!~", "contains", "!contains", "contains_cs",
// "!contains_cs", "has", "!has", "has_cs", "!has_cs", "hasprefix", "!hasprefix", "hasprefix_cs",
// "!hasprefix_cs", "hassuffix", "!hassuffix", "hassuffix_cs", "!hassuffix_cs", "startswith",
// "!startswith", "startswith_cs", "!startswith_cs", "endswith", "!endswith", "endswith_cs",
// "!endswith_cs", "matches regex", "between", "!between", and the list operators "in", "!in",
// "in~", "!in~", "has_any", "has_all" whose second argument is the list as one dynamic array
// (a constant when every element is). `and`/`or` are not functions: the evaluator runs them with
// three-valued logic and short-circuits. now() and ago() are folded by the binder with the
// query's --now; toscalar(), materialize(), pack_all(), row_number(), prev() and next() are
// binder forms, not registry entries.

/// What an argument may be. The binder converts an argument to what the overload declares before
/// the kernel sees it: int widens to long or real, long to real; a non-string becomes its
/// tostring() text where a String is declared (Kusto converts implicitly there); a scalar becomes
/// a dynamic where Dynamic is declared. Kernels therefore see exactly the declared types (and
/// nulls, see NullPolicy).
enum class ArgClass : std::uint8_t {
  Any,              ///< any scalar, dynamic included, unconverted
  NotDynamic,       ///< any scalar but dynamic, unconverted
  Bool,             ///< bool
  Int,              ///< int (a long argument is refused)
  Long,             ///< int or long, as long
  Real,             ///< int, long or real, as real
  Number,           ///< int, long or real, unconverted
  Integer,          ///< int or long, unconverted
  DateTime,         ///< datetime
  TimeSpan,         ///< timespan
  Guid,             ///< guid
  String,           ///< any scalar, as its tostring() text
  StrictString,     ///< a string only
  Dynamic,          ///< any scalar, as a dynamic
  StringOrDynamic,  ///< string or dynamic, unconverted
  Summable,         ///< int, long, real or timespan, unconverted (sum, avg)
  Orderable,        ///< anything but dynamic and bool: numbers, datetime, timespan, string, guid
  Binnable,         ///< int, long, real, datetime or timespan, unconverted (bin's first argument)
};

struct ParamSpec {
  ArgClass cls = ArgClass::Any;
  bool constant = false;  ///< the argument must be a constant (a literal, a let scalar...)
};

/// How a call's result type follows from its (converted) argument types.
enum class ReturnRule : std::uint8_t {
  Fixed,     ///< Overload::fixed
  Arg0,      ///< the first argument's type
  Arg1,      ///< the second argument's type
  Promoted,  ///< the widest numeric type among the arguments: int < long < real
  Custom,    ///< Overload::custom_return
};

/// Whether nulls reach the kernel.
enum class NullPolicy : std::uint8_t {
  Propagate,  ///< a null argument (strings are never null) gives null of the result type
  Kernel,     ///< the kernel sees nulls and decides (isnull, coalesce, iff, strcat...)
};

/// A bound call's arguments as the kernel sees them: no copies of the row's cells.
class Args {
 public:
  Args(const Value* const* values, std::size_t n) : values_(values), n_(n) {}
  const Value& operator[](std::size_t i) const { return *values_[i]; }
  std::size_t size() const noexcept { return n_; }

 private:
  const Value* const* values_;
  std::size_t n_;
};

/// What a kernel knows about its call site, fixed when the query is bound.
struct CallContext {
  Type result = Type::String;
  /// What Overload::prepare made from the constant arguments (a compiled regex...), or null.
  const void* state = nullptr;
};

using ScalarKernel = Value (*)(Args args, const CallContext& ctx);

/// What prepare() and custom return rules see of an argument.
struct ArgInfo {
  Type type = Type::String;
  const Value* constant = nullptr;  ///< the value when the argument is a constant, else null
};

struct Overload {
  std::vector<ParamSpec> params;
  /// Arguments from `min_args` on are optional; with `variadic`, the last parameter repeats.
  std::size_t min_args = SIZE_MAX;  ///< SIZE_MAX: all parameters are required
  bool variadic = false;
  ReturnRule ret = ReturnRule::Fixed;
  Type fixed = Type::String;
  Type (*custom_return)(std::span<const ArgInfo> args) = nullptr;
  ScalarKernel kernel = nullptr;
  NullPolicy nulls = NullPolicy::Propagate;
  /// Builds per-call-site state from constant arguments (e.g. compiles a regex). Throws
  /// huntq::Error with a message (no location: the binder adds the call's place).
  std::shared_ptr<const void> (*prepare)(std::span<const ArgInfo> args) = nullptr;
  bool is_volatile = false;  ///< never folded into a constant (rand, new_guid)
};

/// How an unnamed `extend`/`project` column computed by the function is named (Kusto.Language's
/// ResultNameKind): a fresh ColumnN, or the name of its first argument when that is a column.
enum class ResultName : std::uint8_t { Fresh, FirstArgument };

struct ScalarFunction {
  std::string_view name;
  std::vector<std::string_view> aliases;  ///< legacy spellings: parsejson, makeset, iif...
  std::vector<Overload> overloads;
  ResultName result_name = ResultName::Fresh;
};

/// Per-group state of an aggregate. States of one group are combined in input order: `merge`
/// receives the state of rows that came after this one's, so order-sensitive aggregates
/// (make_list, take_any, arg_max ties) are deterministic at any thread count.
class AggregateState {
 public:
  virtual ~AggregateState() = default;
  virtual void add(Args args) = 0;
  virtual void merge(AggregateState& later) = 0;
  /// Writes the result cells (one per output column of the call).
  virtual void finish(std::span<Value> out) = 0;
  /// Heap bytes held, for the memory budget; keep it O(1) to compute.
  virtual std::size_t bytes() const = 0;
};

/// What an aggregate call site knows: its converted argument types and constant arguments.
struct AggregateCall {
  std::vector<ArgInfo> args;
  std::vector<Type> outputs;  ///< result types, one per output column
};

struct AggregateOverload {
  std::vector<ParamSpec> params;
  std::size_t min_args = SIZE_MAX;
  bool variadic = false;
  ReturnRule ret = ReturnRule::Fixed;  ///< type of the first (usually only) output
  Type fixed = Type::Long;
  Type (*custom_return)(std::span<const ArgInfo> args) = nullptr;
  std::unique_ptr<AggregateState> (*make)(const AggregateCall& call) = nullptr;
};

struct AggregateFunction {
  std::string_view name;
  std::vector<std::string_view> aliases;
  std::vector<AggregateOverload> overloads;
  /// The result column's default name: prefix + first argument's column name ("dcount_" ->
  /// dcount_DeviceName), or the prefix alone when the argument is not a column ("count_").
  std::string_view name_prefix;
  /// arg_max/arg_min: outputs are the arguments themselves (names and types of each argument,
  /// `*` expanded by the binder), not one column.
  bool outputs_are_arguments = false;
  /// countif, sumif, dcountif...: the last argument is a bool predicate; rows where it is not
  /// true are not added (the binder strips it before matching `overloads`).
  bool predicate_last = false;
};

/// The registry: built once, read-only afterwards (safe to share between threads).
class FunctionRegistry {
 public:
  static const FunctionRegistry& instance();

  /// By name or alias, case-sensitive as KQL is; nullptr if unknown.
  const ScalarFunction* scalar(std::string_view name) const;
  const AggregateFunction* aggregate(std::string_view name) const;

  void add(ScalarFunction f);
  void add(AggregateFunction f);

  const std::vector<ScalarFunction>& scalars() const { return scalars_; }
  const std::vector<AggregateFunction>& aggregates() const { return aggregates_; }

 private:
  std::vector<ScalarFunction> scalars_;
  std::vector<AggregateFunction> aggregates_;
};

// One registration function per family file (src/engine/functions/*.cpp); registry.cpp calls
// each. Adding a family means adding a line there and here.
void register_string_functions(FunctionRegistry& r);
void register_datetime_functions(FunctionRegistry& r);
void register_math_functions(FunctionRegistry& r);
void register_conversion_functions(FunctionRegistry& r);
void register_dynamic_functions(FunctionRegistry& r);
void register_network_functions(FunctionRegistry& r);
void register_logic_functions(FunctionRegistry& r);
void register_aggregate_functions(FunctionRegistry& r);

/// A call bound to one overload: the overload, the conversions its arguments need, and the
/// prepared state. What the binder builds for every call site.
struct ResolvedCall {
  const Overload* overload = nullptr;
  std::vector<Type> param_types;  ///< what each argument is converted to before the kernel
  Type result = Type::String;
  std::shared_ptr<const void> state;
};

/// Evaluates a resolved call on arguments already converted to `param_types`, applying its
/// NullPolicy.
Value evaluate_call(const ResolvedCall& call, Args args);

/// Picks the aggregate overload for these argument types (with `predicate_last`, the predicate is
/// checked and left out of `args` matching); returns the call site's types.
AggregateCall resolve_aggregate(const AggregateFunction& f, std::span<const ArgInfo> args,
                                const AggregateOverload*& chosen);

/// Picks the overload for these argument types (fewest conversions; ties go to the first
/// declared), fills conversions, runs prepare(). Throws huntq::Error (no location) naming the
/// function and the argument types when none fits.
ResolvedCall resolve_call(const ScalarFunction& f, std::span<const ArgInfo> args);

/// Converts a value as the binder's implicit conversions do (int to long/real, anything to
/// string via tostring, scalar to dynamic).
Value convert_argument(const Value& v, Type to);

/// Resolves and evaluates `name(args...)` on constant values: for tests and constant folding.
/// Throws huntq::Error for unknown functions or arguments that fit no overload.
Value call_function(std::string_view name, std::span<const Value> args);

/// The same for aggregates: feeds `rows` (each one call's arguments, the predicate last for
/// `predicate_last` aggregates) in order and returns the output cells. It also splits `rows` at
/// every point, merges the two states in order and throws huntq::Error if any split gives a
/// different result, so every test of an aggregate also tests its merge().
std::vector<Value> call_aggregate(std::string_view name,
                                  const std::vector<std::vector<Value>>& rows,
                                  std::span<const Type> arg_types);

}  // namespace huntq::engine
