// sum, sumif, avg, avgif, stdev, stdevif, stdevp, variance, varianceif, variancep, variancepif,
// percentile, percentiles, percentiles_array, binary_all_and/or/xor.
//
// Every result is a function of the group's values alone, never of the order they were added
// or merged in: integer sums are kept exactly (128 bits), real sums as exact partials
// (aggregates_exact_sum.h), so any thread count and any split give the same bits.
#include <algorithm>
#include <cmath>
#include <limits>

#include "aggregates_exact_sum.h"
#include "aggregates_internal.h"
#include "huntq/value/dynamic.h"

namespace huntq::engine {
namespace {

using agg::same;
using Int128 = __int128;

constexpr std::int64_t kMaxTicks = 3155378975999999999;  // 9999-12-31T23:59:59.9999999

// A value as the double the real-valued aggregates use: numbers as they are, datetimes and
// timespans as their ticks.
double as_double(const Value& v) {
  return v.type() == Type::Real ? v.as_real() : static_cast<double>(v.as_int64());
}

// An exact integer total as a value of `t`: long wraps as .NET's unchecked arithmetic does;
// timespan and datetime are null outside their range.
Value integer_result(Int128 total, Type t) {
  if (t == Type::Long)
    return Value::int64(static_cast<std::int64_t>(
        static_cast<std::uint64_t>(static_cast<unsigned __int128>(total))));
  const bool fits = total >= std::numeric_limits<std::int64_t>::min() &&
                    total <= std::numeric_limits<std::int64_t>::max();
  if (t == Type::TimeSpan)
    return fits ? Value::timespan(static_cast<std::int64_t>(total)) : Value::null_of(t);
  const bool in_range = total >= 0 && total <= kMaxTicks;
  return in_range ? Value::datetime(static_cast<std::int64_t>(total)) : Value::null_of(t);
}

// ---------------------------------------------------------------------------------------------
// sum, avg

// sum() and avg() of int, long, timespan and datetime: an exact 128-bit total (2^64 rows of
// 2^63 cannot overflow it).
class IntegerTotalState final : public AggregateState {
 public:
  IntegerTotalState(Type result, bool average) : result_(result), average_(average) {}
  void add(Args a) override {
    if (a[0].is_null()) return;
    total_ += a[0].as_int64();
    ++n_;
  }
  void merge(AggregateState& later) override {
    auto& o = same<IntegerTotalState>(later);
    total_ += o.total_;
    n_ += o.n_;
  }
  void finish(std::span<Value> out) override {
    if (!average_) {
      // summarize-operator.md: sum() of no values is 0 (no datetime is "0": null there).
      out[0] = n_ == 0 && result_ == Type::DateTime ? Value::null_of(result_)
                                                    : integer_result(total_, result_);
      return;
    }
    if (result_ == Type::Real) {
      // summarize-operator.md: avg() of no values is NaN (0 / 0).
      out[0] = Value::real(n_ == 0 ? std::numeric_limits<double>::quiet_NaN()
                                   : static_cast<double>(total_) / static_cast<double>(n_));
      return;
    }
    if (n_ == 0) {
      out[0] = Value::null_of(result_);
      return;
    }
    out[0] = integer_result(total_ / n_, result_);  // ticks, truncated toward zero
  }
  std::size_t bytes() const override { return 0; }

 private:
  Type result_;
  bool average_;
  Int128 total_ = 0;
  std::int64_t n_ = 0;
};

class RealTotalState final : public AggregateState {
 public:
  explicit RealTotalState(bool average) : average_(average) {}
  void add(Args a) override {
    if (a[0].is_null()) return;
    sum_.add(a[0].as_real());
    ++n_;
  }
  void merge(AggregateState& later) override {
    auto& o = same<RealTotalState>(later);
    sum_.merge(o.sum_);
    n_ += o.n_;
  }
  void finish(std::span<Value> out) override {
    if (!average_) {
      out[0] = Value::real(sum_.value());
    } else {
      out[0] = Value::real(n_ == 0 ? std::numeric_limits<double>::quiet_NaN()
                                   : sum_.mean(static_cast<double>(n_)));
    }
  }
  std::size_t bytes() const override { return sum_.bytes(); }

 private:
  bool average_;
  agg::ExactSum sum_;
  std::int64_t n_ = 0;
};

template <bool kAverage>
std::unique_ptr<AggregateState> make_total(const AggregateCall& call) {
  const Type in = call.args[0].type;
  if (in == Type::Real) return std::make_unique<RealTotalState>(kAverage);
  return std::make_unique<IntegerTotalState>(call.outputs[0], kAverage);
}

// sum(int) and sum(long) are long; avg of any number is real; timespans and datetimes keep
// their type (Kusto.Language).
Type sum_type(std::span<const ArgInfo> args) {
  const Type t = args[0].type;
  return t == Type::Int ? Type::Long : t;
}

Type avg_type(std::span<const ArgInfo> args) {
  const Type t = args[0].type;
  return is_numeric(t) ? Type::Real : t;
}

// ---------------------------------------------------------------------------------------------
// variance, stdev

enum class Spread { Variance, VarianceP, Stdev, StdevP };

// The sums of x and x² are exact, and the variance is computed from them once at the end, so
// merging in any order gives the same bits. Within the usual range of magnitudes (2^-400 to
// 2^256) the numerator n·Σx² - (Σx)² is computed exactly and rounded once; outside it a
// double-double formula on canonical (exactly rounded) sums is used, still order-free.
class SpreadState final : public AggregateState {
 public:
  explicit SpreadState(Spread kind) : kind_(kind) {}

  void add(Args a) override {
    if (a[0].is_null()) return;
    const double x = as_double(a[0]);
    ++n_;
    s1_.add(x);
    const double ax = std::fabs(x);
    if (!std::isfinite(x)) {
      s2_.add(x * x);
      return;
    }
    max_abs_ = std::max(max_abs_, ax);
    if (ax != 0) min_abs_ = std::min(min_abs_, ax);
    if (ax < kHuge) {
      add_square(s2_, x);
    } else {
      add_square(s2_huge_, std::ldexp(x, -600));  // Σx² · 2^-1200
    }
  }

  void merge(AggregateState& later) override {
    auto& o = same<SpreadState>(later);
    n_ += o.n_;
    s1_.merge(o.s1_);
    s2_.merge(o.s2_);
    s2_huge_.merge(o.s2_huge_);
    max_abs_ = std::max(max_abs_, o.max_abs_);
    min_abs_ = std::min(min_abs_, o.min_abs_);
  }

  void finish(std::span<Value> out) override {
    const bool sample = kind_ == Spread::Variance || kind_ == Spread::Stdev;
    if (n_ == 0) {
      // summarize-operator.md: variance() and stdev() of no values are 0; variancep() and
      // stdevp() are among "all others": null.
      out[0] = sample ? Value::real(0) : Value::null_of(Type::Real);
      return;
    }
    double var = 0;
    if (s1_.has_special() || s2_.has_special()) {
      var = std::numeric_limits<double>::quiet_NaN();
    } else if (n_ > 1) {
      var = variance(sample);
    }
    if (kind_ == Spread::Stdev || kind_ == Spread::StdevP) var = std::sqrt(var);
    out[0] = Value::real(var);
  }

  std::size_t bytes() const override { return s1_.bytes() + s2_.bytes() + s2_huge_.bytes(); }

 private:
  static constexpr double kHuge = 0x1p480;  // x² of larger values could overflow

  // x² as two doubles that sum to it exactly (the low part rounds only when it underflows).
  static void add_square(agg::ExactSum& s, double x) {
    const double p = x * x;
    s.add(p);
    s.add(std::fma(x, x, -p));
  }

  // The variance of the values (sample: divided by n - 1, else by n); n >= 2.
  double variance(bool sample) const {
    const auto n = static_cast<double>(n_);
    const double denominator = n * (sample ? n - 1 : n);
    if (max_abs_ < 0x1p256 && min_abs_ >= 0x1p-400 && n_ < (std::int64_t{1} << 31)) {
      // The numerator n·Σx² - (Σx)² exactly, rounded once: Σx² is exact (its partials times n
      // are exact products), Σx is its canonical double-double. Equal values give exactly 0.
      double h1 = 0, l1 = 0;
      s1_.small().round2(h1, l1);
      agg::Partials num;
      auto add_product = [&num](double a, double b) {
        const double p = a * b;
        num.add(p);
        num.add(std::fma(a, b, -p));
      };
      for (double part : s2_.small().parts()) add_product(n, part);
      add_product(-h1, h1);
      add_product(-2 * h1, l1);
      add_product(-l1, l1);
      return std::max(0.0, num.round()) / denominator;
    }
    // Outside that range: n·E[x²] - n·E[x]² in double-double at a power-of-two scale chosen
    // from the largest magnitude (itself order-free), on canonical sums.
    const int k = max_abs_ >= 0x1p256 ? -600 : max_abs_ < 0x1p-200 ? 600 : 0;
    const agg::DD s1 = s1_.scaled(k);
    agg::DD s2 = s2_.scaled(2 * k);
    if (k == -600) s2 = agg::dd_add(s2, s2_huge_.scaled(0));
    const agg::DD sq = agg::dd_div(agg::dd_mul(s1, s1), n);  // (Σx)² / n
    const agg::DD diff = agg::dd_add(s2, agg::DD{-sq.hi, -sq.lo});
    return std::max(0.0, std::ldexp(diff.hi / (sample ? n - 1 : n), -2 * k));
  }

  Spread kind_;
  std::int64_t n_ = 0;
  agg::ExactSum s1_, s2_, s2_huge_;
  double max_abs_ = 0;
  double min_abs_ = std::numeric_limits<double>::infinity();
};

template <Spread kKind>
std::unique_ptr<AggregateState> make_spread(const AggregateCall&) {
  return std::make_unique<SpreadState>(kKind);
}

// ---------------------------------------------------------------------------------------------
// percentile

// Exact nearest-rank percentiles (percentiles-aggregation-function.md "Nearest-rank
// percentile"): every non-null value is kept, so memory grows with the group (counted in
// bytes()); Kusto's t-digest estimate can differ from it.
class PercentileState final : public AggregateState {
 public:
  PercentileState(std::vector<double> ps, Type in, Type out, bool as_array)
      : ps_(std::move(ps)), in_(in), out_(out), as_array_(as_array) {}

  void add(Args a) override {
    const Value& v = a[0];
    if (v.is_null()) return;
    if (in_ == Type::Real) {
      if (std::isnan(v.as_real())) return;  // NaN sorts with nulls (S-3): ignored like them
      reals_.push_back(v.as_real());
    } else {
      ints_.push_back(v.as_int64());
    }
  }
  void merge(AggregateState& later) override {
    auto& o = same<PercentileState>(later);
    reals_.insert(reals_.end(), o.reals_.begin(), o.reals_.end());
    ints_.insert(ints_.end(), o.ints_.begin(), o.ints_.end());
  }
  void finish(std::span<Value> out) override {
    const std::size_t n = in_ == Type::Real ? reals_.size() : ints_.size();
    if (n == 0) {
      out[0] = Value::null_of(out_);
      return;
    }
    std::sort(reals_.begin(), reals_.end());
    std::sort(ints_.begin(), ints_.end());
    std::vector<Value> results;
    for (double p : ps_) {
      const std::size_t i = rank(p, n) - 1;
      if (in_ == Type::Real) {
        results.push_back(Value::real(reals_[i]));
      } else {
        results.push_back(Value::int64(ints_[i], in_ == Type::Int ? Type::Long : in_));
      }
    }
    if (!as_array_) {
      out[0] = results[0];
      return;
    }
    Dynamic::Array items;
    for (const auto& r : results) items.push_back(Dynamic::from_value(r));
    out[0] = Value::dynamic(Dynamic::array(std::move(items)));
  }
  std::size_t bytes() const override {
    return (reals_.capacity() + ints_.capacity()) * 8 + ps_.capacity() * sizeof(double);
  }

 private:
  // The 1-based nearest rank: the smallest r with r / n >= p / 100; the 0th percentile is the
  // smallest value.
  static std::size_t rank(double p, std::size_t n) {
    if (p <= 0) return 1;
    const double target = p * static_cast<double>(n);  // r·100 >= p·n
    auto r = static_cast<std::size_t>(std::ceil(target / 100));
    while (r > 1 && static_cast<double>(r - 1) * 100 >= target) --r;
    while (r < n && static_cast<double>(r) * 100 < target) ++r;
    return std::clamp<std::size_t>(r, 1, n);
  }

  std::vector<double> ps_;
  Type in_, out_;
  bool as_array_;
  std::vector<double> reals_;
  std::vector<std::int64_t> ints_;
};

double percentile_argument(const Value* v) {
  if (!v) throw Error("percentile(): the percentile must be a constant");
  if (v->is_null() || !is_numeric(v->type()))
    throw Error("percentile(): the percentile must be a number between 0 and 100");
  const double p = v->as_double();
  if (!(p >= 0 && p <= 100))
    throw Error(fmt::format("percentile(): the percentile must be between 0 and 100, got {}", p));
  return p;
}

std::unique_ptr<AggregateState> make_percentile(const AggregateCall& call) {
  return std::make_unique<PercentileState>(
      std::vector<double>{percentile_argument(call.args[1].constant)}, call.args[0].type,
      call.outputs[0], false);
}

std::unique_ptr<AggregateState> make_percentiles_array(const AggregateCall& call) {
  std::vector<double> ps;
  for (std::size_t i = 1; i < call.args.size(); ++i) {
    const Value* v = call.args[i].constant;
    if (v && v->type() == Type::Dynamic && !v->is_null() && v->tree()->is_array()) {
      for (const auto& item : v->tree()->items()) {
        const Value e = item->to_value(item);
        ps.push_back(percentile_argument(&e));
      }
    } else {
      ps.push_back(percentile_argument(v));
    }
  }
  return std::make_unique<PercentileState>(std::move(ps), call.args[0].type, call.outputs[0], true);
}

Type percentile_type(std::span<const ArgInfo> args) {
  return args[0].type == Type::Int ? Type::Long : args[0].type;
}

// ---------------------------------------------------------------------------------------------
// binary_all_and / binary_all_or / binary_all_xor

enum class BitOp { And, Or, Xor };

class BitwiseState final : public AggregateState {
 public:
  BitwiseState(BitOp op, Type t) : op_(op), type_(t) {}
  void add(Args a) override {
    if (!a[0].is_null()) fold(static_cast<std::uint64_t>(a[0].as_int64()));
  }
  void merge(AggregateState& later) override {
    auto& o = same<BitwiseState>(later);
    if (o.any_) fold(o.acc_);
  }
  void finish(std::span<Value> out) override {
    // Sign-extended ints combine into sign-extended ints: the int result is exact.
    out[0] = any_ ? Value::int64(static_cast<std::int64_t>(acc_), type_) : Value::null_of(type_);
  }
  std::size_t bytes() const override { return 0; }

 private:
  void fold(std::uint64_t v) {
    if (!any_) {
      acc_ = v;
      any_ = true;
      return;
    }
    acc_ = op_ == BitOp::And ? acc_ & v : op_ == BitOp::Or ? acc_ | v : acc_ ^ v;
  }
  BitOp op_;
  Type type_;
  bool any_ = false;
  std::uint64_t acc_ = 0;
};

template <BitOp kOp>
std::unique_ptr<AggregateState> make_bitwise(const AggregateCall& call) {
  return std::make_unique<BitwiseState>(kOp, call.outputs[0]);
}

}  // namespace

void register_numeric_aggregates(FunctionRegistry& r) {
  using agg::aggregate;
  using agg::overload;
  using A = ArgClass;
  constexpr auto custom = ReturnRule::Custom;
  constexpr auto fixed = ReturnRule::Fixed;

  // sum and avg: numbers, timespans and datetimes (Kusto.Language's "summable").
  auto totals = [&](Type (*ret)(std::span<const ArgInfo>),
                    std::unique_ptr<AggregateState> (*make)(const AggregateCall&)) {
    std::vector<AggregateOverload> v;
    for (A cls : {A::Number, A::TimeSpan, A::DateTime}) {
      v.push_back(overload({{cls}}, custom, Type::Long, make));
      v.back().custom_return = ret;
    }
    return v;
  };
  r.add(aggregate("sum", "sum_", totals(sum_type, make_total<false>)));
  r.add(aggregate("sumif", "sumif_", totals(sum_type, make_total<false>), true));
  r.add(aggregate("avg", "avg_", totals(avg_type, make_total<true>)));
  r.add(aggregate("avgif", "avgif_", totals(avg_type, make_total<true>), true));

  auto spread = [&](std::unique_ptr<AggregateState> (*make)(const AggregateCall&)) {
    std::vector<AggregateOverload> v;
    for (A cls : {A::Number, A::TimeSpan, A::DateTime})
      v.push_back(overload({{cls}}, fixed, Type::Real, make));
    return v;
  };
  r.add(aggregate("variance", "variance_", spread(make_spread<Spread::Variance>)));
  r.add(aggregate("varianceif", "varianceif_", spread(make_spread<Spread::Variance>), true));
  r.add(aggregate("variancep", "variancep_", spread(make_spread<Spread::VarianceP>)));
  r.add(aggregate("variancepif", "variancepif_", spread(make_spread<Spread::VarianceP>), true));
  r.add(aggregate("stdev", "stdev_", spread(make_spread<Spread::Stdev>)));
  r.add(aggregate("stdevif", "stdevif_", spread(make_spread<Spread::Stdev>), true));
  r.add(aggregate("stdevp", "stdevp_", spread(make_spread<Spread::StdevP>)));

  auto percentile = [&](std::unique_ptr<AggregateState> (*make)(const AggregateCall&),
                        std::vector<ParamSpec> rest, bool variadic, bool array) {
    std::vector<AggregateOverload> v;
    for (A cls : {A::Number, A::TimeSpan, A::DateTime}) {
      std::vector<ParamSpec> params{{cls}};
      params.insert(params.end(), rest.begin(), rest.end());
      v.push_back(
          overload(params, array ? fixed : custom, Type::Dynamic, make, SIZE_MAX, variadic));
      if (!array) v.back().custom_return = percentile_type;
    }
    return v;
  };
  // The binder names these percentile_<column>_<p> (binder's concern, see aggregates.md).
  r.add(aggregate("percentile", "percentile_",
                  percentile(make_percentile, {{A::Number, true}}, false, false)));
  // percentiles() with one percentile; several need one output column each (see aggregates.md).
  r.add(aggregate("percentiles", "percentile_",
                  percentile(make_percentile, {{A::Number, true}}, false, false)));
  auto arrays = percentile(make_percentiles_array, {{A::Number, true}}, true, true);
  auto dyn_arrays = percentile(make_percentiles_array, {{A::Dynamic, true}}, false, true);
  arrays.insert(arrays.end(), dyn_arrays.begin(), dyn_arrays.end());
  r.add(aggregate("percentiles_array", "percentiles_", std::move(arrays)));

  // int stays int (Kusto.Language); the result is named after the column (binder's concern).
  const auto arg0 = ReturnRule::Arg0;
  r.add(aggregate("binary_all_and", "",
                  {overload({{A::Integer}}, arg0, Type::Long, make_bitwise<BitOp::And>)}));
  r.add(aggregate("binary_all_or", "",
                  {overload({{A::Integer}}, arg0, Type::Long, make_bitwise<BitOp::Or>)}));
  r.add(aggregate("binary_all_xor", "",
                  {overload({{A::Integer}}, arg0, Type::Long, make_bitwise<BitOp::Xor>)}));
}

}  // namespace huntq::engine
