// Arithmetic (+ - * / % -unary), ordering comparisons (< <= > >= between !between) and math
// functions (docs/semantics/math.md).
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <limits>
#include <random>

#include "conversion_kernels.h"
#include "huntq/engine/functions.h"
#include "huntq/error.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"

namespace huntq::engine {
namespace {

// The last tick of 9999-12-31 (T-DT-1); datetimes outside [0, kMaxTicks] do not exist.
const std::int64_t kMaxTicks = ticks_from_civil(10000, 1, 1) - 1;

Value null_of(const CallContext& c) {
  return Value::null_of(c.result);
}

// ---------------------------------------------------------------------------------------------
// Numbers: long arithmetic wraps as .NET's unchecked arithmetic does; what .NET refuses even
// unchecked (division by zero, INT64_MIN / -1) gives null. Reals follow IEEE 754 (real.md:
// 1.0/0.0 is +inf, 0.0/0.0 is NaN).

enum class Op : std::uint8_t { Add, Sub, Mul, Div, Mod };

constexpr std::string_view op_name(Op op) {
  constexpr std::array<std::string_view, 5> kNames{"+", "-", "*", "/", "%"};
  return kNames[static_cast<std::size_t>(op)];
}

std::int64_t wrap(std::uint64_t v) {
  return static_cast<std::int64_t>(v);  // modular since C++20
}

// numerical-operators.md: N % D is always in [0, |D|).
std::int64_t floor_mod(std::int64_t a, std::int64_t b) {
  if (b == -1) return 0;  // a % -1 is 0, and INT64_MIN % -1 is undefined in C++
  const std::int64_t r = a % b;
  if (r >= 0) return r;
  const std::uint64_t magnitude = b < 0 ? 0 - static_cast<std::uint64_t>(b)  // |INT64_MIN| = 2^63
                                        : static_cast<std::uint64_t>(b);
  return wrap(static_cast<std::uint64_t>(r) + magnitude);
}

std::optional<std::int64_t> long_op(Op op, std::int64_t a, std::int64_t b) {
  const auto ua = static_cast<std::uint64_t>(a), ub = static_cast<std::uint64_t>(b);
  switch (op) {
    case Op::Add:
      return wrap(ua + ub);
    case Op::Sub:
      return wrap(ua - ub);
    case Op::Mul:
      return wrap(ua * ub);
    case Op::Div:
      if (b == 0 || (a == INT64_MIN && b == -1)) return std::nullopt;
      return a / b;  // truncates toward zero
    case Op::Mod:
      if (b == 0) return std::nullopt;
      return floor_mod(a, b);
  }
  return std::nullopt;
}

double real_mod(double a, double b) {
  const double r = std::fmod(a, b);
  return r < 0 ? r + std::fabs(b) : r;
}

double real_op(Op op, double a, double b) {
  switch (op) {
    case Op::Add:
      return a + b;
    case Op::Sub:
      return a - b;
    case Op::Mul:
      return a * b;
    case Op::Div:
      return a / b;
    case Op::Mod:
      return real_mod(a, b);
  }
  return 0;
}

template <Op kOp>
Value k_long(Args a, const CallContext& c) {
  const auto r = long_op(kOp, a[0].as_int64(), a[1].as_int64());
  return r ? Value::int64(*r) : null_of(c);
}

template <Op kOp>
Value k_real(Args a, const CallContext&) {
  return Value::real(real_op(kOp, a[0].as_real(), a[1].as_real()));
}

// A dynamic operand as a number (conv::number_of: numbers, bools and numeric text).
std::optional<conv::Number> dyn_number(const Value& v) {
  return conv::number_of(v);
}

std::optional<std::int64_t> truncate(double d) {
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return std::nullopt;
  return static_cast<std::int64_t>(d);
}

std::optional<std::int64_t> long_of(const conv::Number& n) {
  return n.is_real ? truncate(n.d) : std::optional<std::int64_t>(n.i);
}

// dynamic op long/int -> long, and long op dynamic -> long: the dynamic is read as a long.
template <Op kOp>
Value k_dyn_long(Args a, const CallContext& c) {
  std::optional<std::int64_t> x, y;
  if (auto n = dyn_number(a[0])) x = long_of(*n);
  if (auto n = dyn_number(a[1])) y = long_of(*n);
  if (!x || !y) return null_of(c);
  const auto r = long_op(kOp, *x, *y);
  return r ? Value::int64(*r) : null_of(c);
}

template <Op kOp>
Value k_dyn_real(Args a, const CallContext& c) {
  const auto x = dyn_number(a[0]), y = dyn_number(a[1]);
  if (!x || !y) return null_of(c);
  return Value::real(real_op(kOp, x->as_double(), y->as_double()));
}

// dynamic op dynamic -> dynamic: a long when both hold whole numbers, else a real.
template <Op kOp>
Value k_dyn_dyn(Args a, const CallContext& c) {
  const auto x = dyn_number(a[0]), y = dyn_number(a[1]);
  if (!x || !y) return null_of(c);
  if (!x->is_real && !y->is_real) {
    const auto r = long_op(kOp, x->i, y->i);
    return r ? Value::dynamic(Dynamic::integer(*r)) : null_of(c);
  }
  return Value::dynamic(Dynamic::real(real_op(kOp, x->as_double(), y->as_double())));
}

// Overloads that declare StringOrDynamic accept only a dynamic there: Kusto has no arithmetic or
// ordering on strings, and the registry has no dynamic-only class.
template <Type kResult>
Type dynamic_only(std::span<const ArgInfo> args) {
  for (const auto& a : args)
    if (a.type == Type::String)
      throw Error(
          "this operator does not take a string operand; convert it first (toint, "
          "tolong, toreal, todatetime, totimespan)");
  return kResult;
}

// ---------------------------------------------------------------------------------------------
// Timespans and datetimes (datetime-timespan-arithmetic.md). .NET throws on TimeSpan overflow and
// on DateTime out of range; those give null.

Value datetime_or_null(std::int64_t ticks) {
  return ticks >= 0 && ticks <= kMaxTicks ? Value::datetime(ticks) : Value::null_of(Type::DateTime);
}

Value k_ts_add(Args a, const CallContext& c) {
  std::int64_t r;
  if (__builtin_add_overflow(a[0].ticks(), a[1].ticks(), &r)) return null_of(c);
  return Value::timespan(r);
}

Value k_ts_sub(Args a, const CallContext& c) {
  std::int64_t r;
  if (__builtin_sub_overflow(a[0].ticks(), a[1].ticks(), &r)) return null_of(c);
  return Value::timespan(r);
}

// datetime + timespan and timespan + datetime.
Value k_dt_add(Args a, const CallContext& c) {
  std::int64_t r;
  if (__builtin_add_overflow(a[0].ticks(), a[1].ticks(), &r)) return null_of(c);
  return datetime_or_null(r);
}

Value k_dt_sub_ts(Args a, const CallContext& c) {
  std::int64_t r;
  if (__builtin_sub_overflow(a[0].ticks(), a[1].ticks(), &r)) return null_of(c);
  return datetime_or_null(r);
}

Value k_dt_sub_dt(Args a, const CallContext&) {
  return Value::timespan(a[0].ticks() - a[1].ticks());  // both in range: cannot overflow
}

// Ticks from a real, rounded to the nearest tick (ties to even, as .NET's TimeSpan * double).
std::optional<std::int64_t> ticks_of_real(double t) {
  const double r = std::nearbyint(t);
  return truncate(r);
}

// The timespan is argument `ts`, the factor the other one.
template <int kTs>
Value k_ts_mul_long(Args a, const CallContext& c) {
  std::int64_t r;
  if (__builtin_mul_overflow(a[kTs].ticks(), a[1 - kTs].as_int64(), &r)) return null_of(c);
  return Value::timespan(r);
}

template <int kTs>
Value k_ts_mul_real(Args a, const CallContext& c) {
  const auto r = ticks_of_real(static_cast<double>(a[kTs].ticks()) * a[1 - kTs].as_real());
  return r ? Value::timespan(*r) : null_of(c);
}

Value k_ts_div_long(Args a, const CallContext& c) {
  const auto r = long_op(Op::Div, a[0].ticks(), a[1].as_int64());
  return r ? Value::timespan(*r) : null_of(c);
}

Value k_ts_div_real(Args a, const CallContext& c) {
  if (a[1].as_real() == 0) return null_of(c);
  const auto r = ticks_of_real(static_cast<double>(a[0].ticks()) / a[1].as_real());
  return r ? Value::timespan(*r) : null_of(c);
}

Value k_ts_div_ts(Args a, const CallContext&) {
  return Value::real(static_cast<double>(a[0].ticks()) / static_cast<double>(a[1].ticks()));
}

// timespan % timespan, timespan % long and datetime % timespan: ticks, modulo as for numbers.
Value k_ticks_mod(Args a, const CallContext& c) {
  const std::int64_t d = a[1].type() == Type::Long ? a[1].as_int64() : a[1].ticks();
  const auto r = long_op(Op::Mod, a[0].ticks(), d);
  return r ? Value::timespan(*r) : null_of(c);
}

Value k_ticks_mod_real(Args a, const CallContext& c) {
  const auto r = ticks_of_real(real_mod(static_cast<double>(a[0].ticks()), a[1].as_real()));
  return r ? Value::timespan(*r) : null_of(c);
}

// A dynamic operand of a datetime/timespan operator, converted to the type Kusto.Language's
// chosen signature gives it (todatetime/totimespan semantics), then the typed kernel.
template <Type kAs, ScalarKernel kBase>
Value k_dyn_time(Args a, const CallContext& c) {
  Value converted[2];
  const Value* ptrs[2];
  for (std::size_t i = 0; i < 2; ++i) {
    if (a[i].type() != Type::Dynamic) {
      ptrs[i] = &a[i];
      continue;
    }
    converted[i] = conv::convert(a[i], kAs);
    if (converted[i].is_null()) return null_of(c);
    ptrs[i] = &converted[i];
  }
  return kBase(Args(ptrs, 2), c);
}

// ---------------------------------------------------------------------------------------------
// Unary minus

// numerical-operators: a constant int stays int (-int(1) folds into a constant), any other int
// widens to long (Kusto.Language's UnaryMinus return rule).
Type negate_return(std::span<const ArgInfo> args) {
  if (args[0].type == Type::Int && !args[0].constant) return Type::Long;
  return args[0].type;
}

Value k_negate(Args a, const CallContext& c) {
  const Value& v = a[0];
  switch (v.type()) {
    case Type::Int:
      if (c.result == Type::Int)
        return Value::int32(
            static_cast<std::int32_t>(0 - static_cast<std::uint32_t>(v.as_int64())));
      return Value::int64(wrap(0 - static_cast<std::uint64_t>(v.as_int64())));
    case Type::Long:
      return Value::int64(wrap(0 - static_cast<std::uint64_t>(v.as_int64())));
    case Type::Real:
      return Value::real(-v.as_real());
    case Type::TimeSpan:
      return v.ticks() == INT64_MIN ? null_of(c) : Value::timespan(-v.ticks());
    default:
      return null_of(c);
  }
}

Value k_negate_dyn(Args a, const CallContext& c) {
  const auto n = dyn_number(a[0]);
  if (!n) return null_of(c);
  if (n->is_real) return Value::dynamic(Dynamic::real(-n->d));
  return Value::dynamic(Dynamic::integer(wrap(0 - static_cast<std::uint64_t>(n->i))));
}

// ---------------------------------------------------------------------------------------------
// Ordering comparisons. Numbers compare by value across int/long/real (a real against an
// integer as doubles, as .NET does); NaN is unordered: every comparison with it is false.

enum class Cmp : std::uint8_t { Lt, Le, Gt, Ge };

// -1, 0, 1, or 2 when unordered.
int compare_numbers(const conv::Number& x, const conv::Number& y) {
  if (!x.is_real && !y.is_real) return x.i < y.i ? -1 : x.i > y.i ? 1 : 0;
  const double a = x.as_double(), b = y.as_double();
  if (std::isnan(a) || std::isnan(b)) return 2;
  return a < b ? -1 : a > b ? 1 : 0;
}

int compare_ticks(std::int64_t a, std::int64_t b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

template <Cmp kCmp>
bool holds(int c) {
  if (c == 2) return false;
  switch (kCmp) {
    case Cmp::Lt:
      return c < 0;
    case Cmp::Le:
      return c <= 0;
    case Cmp::Gt:
      return c > 0;
    case Cmp::Ge:
      return c >= 0;
  }
  return false;
}

template <Cmp kCmp>
Value k_cmp_numbers(Args a, const CallContext&) {
  return Value::boolean(
      holds<kCmp>(compare_numbers(*conv::number_of(a[0]), *conv::number_of(a[1]))));
}

template <Cmp kCmp>
Value k_cmp_ticks(Args a, const CallContext&) {
  return Value::boolean(holds<kCmp>(compare_ticks(a[0].ticks(), a[1].ticks())));
}

// A dynamic against a number, or two dynamics: numbers by value; two dynamics holding datetimes
// or timespans by ticks; anything else is not comparable and gives null.
std::optional<int> compare_dynamic(const Value& x, const Value& y) {
  const auto nx = dyn_number(x), ny = dyn_number(y);
  if (nx && ny) return compare_numbers(*nx, *ny);
  if (x.type() == Type::Dynamic && y.type() == Type::Dynamic) {
    const DynamicKind kx = x.tree()->kind(), ky = y.tree()->kind();
    if (kx == ky && (kx == DynamicKind::DateTime || kx == DynamicKind::TimeSpan))
      return compare_ticks(x.tree()->as_int64(), y.tree()->as_int64());
  }
  return std::nullopt;
}

template <Cmp kCmp>
Value k_cmp_dynamic(Args a, const CallContext& c) {
  const auto r = compare_dynamic(a[0], a[1]);
  return r ? Value::boolean(holds<kCmp>(*r)) : null_of(c);
}

// ---------------------------------------------------------------------------------------------
// between / !between (between-operator.md): inclusive at both ends.

template <bool kNegated>
Value between_result(int lo, int hi) {
  // lo: value vs lower bound, hi: value vs upper bound.
  const bool inside = holds<Cmp::Ge>(lo) && holds<Cmp::Le>(hi);
  return Value::boolean(kNegated ? !inside : inside);
}

template <bool kNegated>
Value k_between_numbers(Args a, const CallContext&) {
  const auto v = *conv::number_of(a[0]);
  return between_result<kNegated>(compare_numbers(v, *conv::number_of(a[1])),
                                  compare_numbers(v, *conv::number_of(a[2])));
}

template <bool kNegated>
Value k_between_ticks(Args a, const CallContext&) {
  return between_result<kNegated>(compare_ticks(a[0].ticks(), a[1].ticks()),
                                  compare_ticks(a[0].ticks(), a[2].ticks()));
}

// datetime between (datetime .. timespan): the upper bound is lower + span.
template <bool kNegated>
Value k_between_span(Args a, const CallContext&) {
  std::int64_t upper;
  if (__builtin_add_overflow(a[1].ticks(), a[2].ticks(), &upper))
    upper = a[2].ticks() > 0 ? INT64_MAX : INT64_MIN;
  return between_result<kNegated>(compare_ticks(a[0].ticks(), a[1].ticks()),
                                  compare_ticks(a[0].ticks(), upper));
}

template <bool kNegated>
Value k_between_dynamic(Args a, const CallContext& c) {
  const auto lo = compare_dynamic(a[0], a[1]), hi = compare_dynamic(a[0], a[2]);
  if (!lo || !hi) return null_of(c);
  return between_result<kNegated>(*lo, *hi);
}

// ---------------------------------------------------------------------------------------------
// Math functions

Value real_or_null(double d, bool ok) {
  return ok ? Value::real(d) : Value::null_of(Type::Real);
}

Value k_abs_long(Args a, const CallContext& c) {
  const std::int64_t v = a[0].as_int64();
  if (v == INT64_MIN) return null_of(c);  // .NET Math.Abs throws here
  return Value::int64(v < 0 ? -v : v);
}

Value k_abs_real(Args a, const CallContext&) {
  return Value::real(std::fabs(a[0].as_real()));
}

Value k_abs_ts(Args a, const CallContext& c) {
  const std::int64_t v = a[0].ticks();
  if (v == INT64_MIN) return null_of(c);
  return Value::timespan(v < 0 ? -v : v);
}

// 10^n for n in [0, 22]: exact doubles.
double pow10(int n) {
  static const std::array<double, 23> kPow = [] {
    std::array<double, 23> p{};
    p[0] = 1;
    for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
    return p;
  }();
  return kPow[static_cast<std::size_t>(n)];
}

// round-function.md: to `digits` decimal places, halves away from zero (round(2.15, 1) is 2.2:
// 2.15 * 10 is 21.5 in doubles); negative digits round to tens, hundreds...
double round_real(double x, std::int64_t digits) {
  if (!std::isfinite(x)) return x;
  if (digits > 15) return x;  // finer than a double's precision: unchanged
  if (digits >= 0) {
    const double scale = pow10(static_cast<int>(digits));
    const double scaled = x * scale;
    if (!std::isfinite(scaled)) return x;
    return std::round(scaled) / scale;
  }
  if (digits < -22) return 0.0 * x;
  const double scale = pow10(static_cast<int>(-digits));
  return std::round(x / scale) * scale;
}

// Whole numbers: unchanged for digits >= 0; else halves away from zero to a multiple of 10^-d.
std::optional<std::int64_t> round_long(std::int64_t v, std::int64_t digits) {
  if (digits >= 0) return v;
  if (digits < -18) return 0;  // 10^19 exceeds every long: rounds to 0 (|v| < 10^19 / 2)
  __int128 scale = 1;
  for (std::int64_t i = 0; i < -digits; ++i) scale *= 10;
  const __int128 x = v;
  __int128 q = x / scale, r = x % scale;
  if (2 * (r < 0 ? -r : r) >= scale) q += x < 0 ? -1 : 1;
  const __int128 out = q * scale;
  if (out < INT64_MIN || out > INT64_MAX) return std::nullopt;
  return static_cast<std::int64_t>(out);
}

Value k_round(Args a, const CallContext& c) {
  const std::int64_t digits = a.size() > 1 ? a[1].as_int64() : 0;
  const Value& v = a[0];
  if (v.type() == Type::Real) return Value::real(round_real(v.as_real(), digits));
  const auto r = round_long(v.as_int64(), digits);
  if (!r) return null_of(c);
  if (v.type() == Type::Int) {
    if (*r < INT32_MIN || *r > INT32_MAX) return null_of(c);
    return Value::int32(static_cast<std::int32_t>(*r));
  }
  return Value::int64(*r);
}

Value k_ceiling(Args a, const CallContext&) {
  return a[0].type() == Type::Real ? Value::real(std::ceil(a[0].as_real())) : a[0];
}

Value k_sqrt(Args a, const CallContext&) {
  const double x = a[0].as_real();
  return real_or_null(std::sqrt(x), !(x < 0));  // sqrt-function.md: negative gives null
}

Value k_pow(Args a, const CallContext&) {
  return Value::real(std::pow(a[0].as_real(), a[1].as_real()));
}

template <double (*kF)(double)>
Value k_real_fn(Args a, const CallContext&) {
  return Value::real(kF(a[0].as_real()));
}

double exp10_of(double x) {
  return std::pow(10.0, x);
}

// log-function.md: negative gives null; log(0) is -inf.
template <double (*kF)(double)>
Value k_log_fn(Args a, const CallContext&) {
  const double x = a[0].as_real();
  return real_or_null(kF(x), !(x < 0));
}

// asin/acos: outside [-1, 1] gives null (acos-function.md).
template <double (*kF)(double)>
Value k_arc_fn(Args a, const CallContext&) {
  const double x = a[0].as_real();
  return real_or_null(kF(x), !(x < -1 || x > 1));
}

double exp_of(double x) {
  return std::exp(x);
}
double exp2_of(double x) {
  return std::exp2(x);
}
double log_of(double x) {
  return std::log(x);
}
double log2_of(double x) {
  return std::log2(x);
}
double log10_of(double x) {
  return std::log10(x);
}
double sin_of(double x) {
  return std::sin(x);
}
double cos_of(double x) {
  return std::cos(x);
}
double tan_of(double x) {
  return std::tan(x);
}
double asin_of(double x) {
  return std::asin(x);
}
double acos_of(double x) {
  return std::acos(x);
}
double atan_of(double x) {
  return std::atan(x);
}
double cot_of(double x) {
  return 1.0 / std::tan(x);
}
double degrees_of(double x) {
  return x * (180.0 / M_PI);
}
double radians_of(double x) {
  return x * (M_PI / 180.0);
}
double gamma_of(double x) {
  return std::tgamma(x);
}
double loggamma_of(double x) {
  int sign = 0;
  return ::lgamma_r(x, &sign);  // lgamma() writes a global: not thread-safe
}

Value k_atan2(Args a, const CallContext&) {
  return Value::real(std::atan2(a[0].as_real(), a[1].as_real()));
}

// sign-function.md; NaN has no sign (.NET's Math.Sign throws): null.
Value k_sign(Args a, const CallContext& c) {
  const double x = a[0].as_real();
  if (std::isnan(x)) return null_of(c);
  return Value::real(x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0);
}

Value k_pi(Args, const CallContext&) {
  return Value::real(M_PI);
}

std::mt19937_64& random_engine() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

// rand-function.md: [0, 1), or one of 0.0 .. N-1 for rand(N); N < 1 has no such set: null.
Value k_rand(Args a, const CallContext& c) {
  const double u = std::uniform_real_distribution<double>(0.0, 1.0)(random_engine());
  if (a.size() == 0) return Value::real(u);
  const std::int64_t n = a[0].as_int64();
  if (n < 1) return null_of(c);
  return Value::real(std::floor(u * static_cast<double>(n)));
}

// new-guid-function.md: a random GUID, here a version 4 (random) one as .NET's Guid.NewGuid().
Value k_new_guid(Args, const CallContext&) {
  std::uint64_t hi = random_engine()(), lo = random_engine()();
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
  return Value::guid_text(fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32,
                                      (hi >> 16) & 0xFFFF, hi & 0xFFFF, lo >> 48,
                                      lo & 0xFFFFFFFFFFFFull));
}

Value k_isnan(Args a, const CallContext&) {
  return Value::boolean(std::isnan(a[0].as_real()));
}
Value k_isinf(Args a, const CallContext&) {
  return Value::boolean(std::isinf(a[0].as_real()));
}
Value k_isfinite(Args a, const CallContext&) {
  return Value::boolean(std::isfinite(a[0].as_real()));
}

enum class Bit : std::uint8_t { And, Or, Xor, Left, Right };

template <Bit kBit>
Value k_bits(Args a, const CallContext& c) {
  const auto x = static_cast<std::uint64_t>(a[0].as_int64());
  const std::int64_t y = a[1].as_int64();
  switch (kBit) {
    case Bit::And:
      return Value::int64(wrap(x & static_cast<std::uint64_t>(y)));
    case Bit::Or:
      return Value::int64(wrap(x | static_cast<std::uint64_t>(y)));
    case Bit::Xor:
      return Value::int64(wrap(x ^ static_cast<std::uint64_t>(y)));
    case Bit::Left:
      // binary-shift-left-function.md: value << (shift % 64); a negative shift gives null.
      if (y < 0) return null_of(c);
      return Value::int64(wrap(x << (y % 64)));
    case Bit::Right:
      if (y < 0) return null_of(c);
      return Value::int64(a[0].as_int64() >> (y % 64));  // arithmetic, as .NET's >> on long
  }
  return null_of(c);
}

Value k_binary_not(Args a, const CallContext&) {
  return Value::int64(~a[0].as_int64());
}

// ---------------------------------------------------------------------------------------------
// Registration helpers

Overload ov(std::vector<ParamSpec> params, Type result, ScalarKernel k) {
  Overload o;
  o.params = std::move(params);
  o.fixed = result;
  o.kernel = k;
  return o;
}

Overload ov_custom(std::vector<ParamSpec> params, Type (*ret)(std::span<const ArgInfo>),
                   ScalarKernel k) {
  Overload o;
  o.params = std::move(params);
  o.ret = ReturnRule::Custom;
  o.custom_return = ret;
  o.kernel = k;
  return o;
}

const ParamSpec kLong{ArgClass::Long}, kReal{ArgClass::Real}, kNum{ArgClass::Number},
    kBool{ArgClass::Bool}, kTs{ArgClass::TimeSpan}, kDt{ArgClass::DateTime},
    kDyn{ArgClass::StringOrDynamic};

// Numbers (int+int is long: numerical-operators.md) and the dynamic forms of Kusto.Language.
template <Op kOp>
std::vector<Overload> number_overloads() {
  return {
      ov({kLong, kLong}, Type::Long, k_long<kOp>),
      ov({kReal, kReal}, Type::Real, k_real<kOp>),
      ov_custom({kDyn, kDyn}, dynamic_only<Type::Dynamic>, k_dyn_dyn<kOp>),
      ov_custom({kDyn, kLong}, dynamic_only<Type::Long>, k_dyn_long<kOp>),
      ov_custom({kLong, kDyn}, dynamic_only<Type::Long>, k_dyn_long<kOp>),
      ov_custom({kDyn, kReal}, dynamic_only<Type::Real>, k_dyn_real<kOp>),
      ov_custom({kReal, kDyn}, dynamic_only<Type::Real>, k_dyn_real<kOp>),
  };
}

template <Op kOp>
void add_arithmetic(FunctionRegistry& r, std::vector<Overload> time_overloads) {
  std::vector<Overload> all = number_overloads<kOp>();
  for (auto& o : time_overloads) all.push_back(std::move(o));
  r.add({op_name(kOp), {}, std::move(all)});
}

template <Cmp kCmp>
void add_comparison(FunctionRegistry& r, std::string_view name) {
  r.add({name,
         {},
         {
             ov({kNum, kNum}, Type::Bool, k_cmp_numbers<kCmp>),
             ov({kBool, kNum}, Type::Bool, k_cmp_numbers<kCmp>),
             ov({kNum, kBool}, Type::Bool, k_cmp_numbers<kCmp>),
             ov({kBool, kBool}, Type::Bool, k_cmp_numbers<kCmp>),
             ov({kTs, kTs}, Type::Bool, k_cmp_ticks<kCmp>),
             ov({kDt, kDt}, Type::Bool, k_cmp_ticks<kCmp>),
             ov_custom({kDyn, kDyn}, dynamic_only<Type::Bool>, k_cmp_dynamic<kCmp>),
             ov_custom({kDyn, kNum}, dynamic_only<Type::Bool>, k_cmp_dynamic<kCmp>),
             ov_custom({kNum, kDyn}, dynamic_only<Type::Bool>, k_cmp_dynamic<kCmp>),
         }});
}

template <bool kNegated>
void add_between(FunctionRegistry& r, std::string_view name) {
  r.add({name,
         {},
         {
             ov({kNum, kNum, kNum}, Type::Bool, k_between_numbers<kNegated>),
             ov({kTs, kTs, kTs}, Type::Bool, k_between_ticks<kNegated>),
             ov({kDt, kDt, kDt}, Type::Bool, k_between_ticks<kNegated>),
             ov({kDt, kDt, kTs}, Type::Bool, k_between_span<kNegated>),
             ov_custom({kDyn, kNum, kNum}, dynamic_only<Type::Bool>, k_between_dynamic<kNegated>),
             ov_custom({kNum, kDyn, kDyn}, dynamic_only<Type::Bool>, k_between_dynamic<kNegated>),
         }});
}

void add_real_fn(FunctionRegistry& r, std::string_view name, ScalarKernel k,
                 ResultName result_name = ResultName::FirstArgument) {
  r.add({name, {}, {ov({kReal}, Type::Real, k)}, result_name});
}

}  // namespace

void register_math_functions(FunctionRegistry& r) {
  constexpr Type kSpan = Type::TimeSpan, kDate = Type::DateTime;
  add_arithmetic<Op::Add>(
      r, {
             ov({kTs, kTs}, kSpan, k_ts_add),
             ov({kDt, kTs}, kDate, k_dt_add),
             ov({kTs, kDt}, kDate, k_dt_add),
             ov_custom({kDyn, kTs}, dynamic_only<kSpan>, k_dyn_time<kSpan, k_ts_add>),
             ov_custom({kTs, kDyn}, dynamic_only<kSpan>, k_dyn_time<kSpan, k_ts_add>),
             ov_custom({kDt, kDyn}, dynamic_only<kDate>, k_dyn_time<kSpan, k_dt_add>),
             ov_custom({kDyn, kDt}, dynamic_only<kDate>, k_dyn_time<kSpan, k_dt_add>),
         });
  add_arithmetic<Op::Sub>(
      r, {
             ov({kTs, kTs}, kSpan, k_ts_sub),
             ov({kDt, kDt}, kSpan, k_dt_sub_dt),
             ov({kDt, kTs}, kDate, k_dt_sub_ts),
             ov_custom({kTs, kDyn}, dynamic_only<kSpan>, k_dyn_time<kSpan, k_ts_sub>),
             ov_custom({kDyn, kTs}, dynamic_only<kSpan>, k_dyn_time<kSpan, k_ts_sub>),
             ov_custom({kDt, kDyn}, dynamic_only<kSpan>, k_dyn_time<kDate, k_dt_sub_dt>),
             ov_custom({kDyn, kDt}, dynamic_only<kSpan>, k_dyn_time<kDate, k_dt_sub_dt>),
         });
  add_arithmetic<Op::Mul>(r, {
                                 ov({kTs, kLong}, Type::TimeSpan, k_ts_mul_long<0>),
                                 ov({kTs, kReal}, Type::TimeSpan, k_ts_mul_real<0>),
                                 ov({kLong, kTs}, Type::TimeSpan, k_ts_mul_long<1>),
                                 ov({kReal, kTs}, Type::TimeSpan, k_ts_mul_real<1>),
                             });
  add_arithmetic<Op::Div>(r, {
                                 ov({kTs, kTs}, Type::Real, k_ts_div_ts),
                                 ov({kTs, kLong}, Type::TimeSpan, k_ts_div_long),
                                 ov({kTs, kReal}, Type::TimeSpan, k_ts_div_real),
                             });
  add_arithmetic<Op::Mod>(r, {
                                 ov({kTs, kTs}, Type::TimeSpan, k_ticks_mod),
                                 ov({kTs, kLong}, Type::TimeSpan, k_ticks_mod),
                                 ov({kTs, kReal}, Type::TimeSpan, k_ticks_mod_real),
                                 ov({kDt, kTs}, Type::TimeSpan, k_ticks_mod),
                             });
  r.add({"-unary",
         {},
         {ov_custom({{ArgClass::Summable}}, negate_return, k_negate),
          ov_custom({kDyn}, dynamic_only<Type::Dynamic>, k_negate_dyn)}});

  add_comparison<Cmp::Lt>(r, "<");
  add_comparison<Cmp::Le>(r, "<=");
  add_comparison<Cmp::Gt>(r, ">");
  add_comparison<Cmp::Ge>(r, ">=");
  add_between<false>(r, "between");
  add_between<true>(r, "!between");

  r.add({"abs",
         {},
         {ov({kLong}, Type::Long, k_abs_long), ov({kReal}, Type::Real, k_abs_real),
          ov({kTs}, Type::TimeSpan, k_abs_ts)},
         ResultName::FirstArgument});

  Overload round;
  round.params = {kNum, ParamSpec{ArgClass::Long, true}};
  round.min_args = 1;
  round.ret = ReturnRule::Arg0;
  round.kernel = k_round;
  r.add({"round", {}, {round}, ResultName::FirstArgument});

  Overload ceiling = ov({kNum}, Type::Real, k_ceiling);
  ceiling.ret = ReturnRule::Arg0;
  r.add({"ceiling", {}, {ceiling}, ResultName::FirstArgument});

  add_real_fn(r, "sqrt", k_sqrt);
  r.add({"pow", {}, {ov({kReal, kReal}, Type::Real, k_pow)}, ResultName::FirstArgument});
  add_real_fn(r, "exp", k_real_fn<exp_of>);
  add_real_fn(r, "exp2", k_real_fn<exp2_of>);
  add_real_fn(r, "exp10", k_real_fn<exp10_of>);
  add_real_fn(r, "log", k_log_fn<log_of>);
  add_real_fn(r, "log2", k_log_fn<log2_of>);
  add_real_fn(r, "log10", k_log_fn<log10_of>);
  add_real_fn(r, "sin", k_real_fn<sin_of>);
  add_real_fn(r, "cos", k_real_fn<cos_of>);
  add_real_fn(r, "tan", k_real_fn<tan_of>);
  add_real_fn(r, "asin", k_arc_fn<asin_of>);
  add_real_fn(r, "acos", k_arc_fn<acos_of>);
  add_real_fn(r, "atan", k_real_fn<atan_of>);
  r.add({"atan2", {}, {ov({kReal, kReal}, Type::Real, k_atan2)}, ResultName::FirstArgument});
  add_real_fn(r, "cot", k_real_fn<cot_of>, ResultName::Fresh);
  add_real_fn(r, "degrees", k_real_fn<degrees_of>, ResultName::Fresh);
  add_real_fn(r, "radians", k_real_fn<radians_of>, ResultName::Fresh);
  add_real_fn(r, "gamma", k_real_fn<gamma_of>);
  add_real_fn(r, "loggamma", k_real_fn<loggamma_of>);
  add_real_fn(r, "sign", k_sign, ResultName::Fresh);
  r.add({"isnan", {}, {ov({kReal}, Type::Bool, k_isnan)}});
  r.add({"isinf", {}, {ov({kReal}, Type::Bool, k_isinf)}});
  r.add({"isfinite", {}, {ov({kReal}, Type::Bool, k_isfinite)}});
  r.add({"pi", {}, {ov({}, Type::Real, k_pi)}});

  Overload rand = ov({{ArgClass::Integer}}, Type::Real, k_rand);
  rand.min_args = 0;
  rand.is_volatile = true;
  r.add({"rand", {}, {rand}, ResultName::FirstArgument});
  Overload new_guid = ov({}, Type::Guid, k_new_guid);
  new_guid.is_volatile = true;
  r.add({"new_guid", {}, {new_guid}});

  r.add({"binary_and",
         {},
         {ov({kLong, kLong}, Type::Long, k_bits<Bit::And>)},
         ResultName::FirstArgument});
  r.add({"binary_or",
         {},
         {ov({kLong, kLong}, Type::Long, k_bits<Bit::Or>)},
         ResultName::FirstArgument});
  r.add({"binary_xor",
         {},
         {ov({kLong, kLong}, Type::Long, k_bits<Bit::Xor>)},
         ResultName::FirstArgument});
  r.add({"binary_not", {}, {ov({kLong}, Type::Long, k_binary_not)}, ResultName::FirstArgument});
  r.add({"binary_shift_left",
         {},
         {ov({kLong, kLong}, Type::Long, k_bits<Bit::Left>)},
         ResultName::FirstArgument});
  r.add({"binary_shift_right",
         {},
         {ov({kLong, kLong}, Type::Long, k_bits<Bit::Right>)},
         ResultName::FirstArgument});
}

}  // namespace huntq::engine
