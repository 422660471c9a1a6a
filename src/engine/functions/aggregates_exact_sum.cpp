#include "aggregates_exact_sum.h"

#include <cmath>
#include <limits>
#include <utility>

namespace huntq::engine::agg {

void Partials::add(double x) {
  std::size_t i = 0;
  for (std::size_t j = 0; j < p_.size(); ++j) {
    double y = p_[j];
    if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
    const double hi = x + y;
    const double lo = y - (hi - x);  // exact: Fast2Sum with |x| >= |y|
    if (lo != 0.0) p_[i++] = lo;
    x = hi;
  }
  p_.resize(i);
  if (x != 0.0) p_.push_back(x);
}

double Partials::round() const {
  // Python's math.fsum: add from the top until the sum becomes inexact, then fix the one case
  // where half-even rounding of the top two would be wrong because of the partials below.
  std::size_t n = p_.size();
  if (n == 0) return 0.0;
  double hi = p_[--n];
  double lo = 0.0;
  while (n > 0) {
    const double x = hi;
    const double y = p_[--n];
    hi = x + y;
    const double yr = hi - x;
    lo = y - yr;
    if (lo != 0.0) break;
  }
  if (n > 0 && ((lo < 0.0 && p_[n - 1] < 0.0) || (lo > 0.0 && p_[n - 1] > 0.0))) {
    const double y = lo * 2.0;
    const double x = hi + y;
    const double yr = x - hi;
    if (y == yr) hi = x;
  }
  return hi;
}

void Partials::round2(double& hi, double& lo) const {
  hi = round();
  Partials rest = *this;
  rest.add(-hi);  // exact: the sum is within an ulp of hi
  lo = rest.round();
}

namespace {

DD quick_two_sum(double a, double b) {
  const double s = a + b;
  return {s, b - (s - a)};
}

DD two_sum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}

}  // namespace

DD dd_add(DD a, DD b) {
  DD s = two_sum(a.hi, b.hi);
  const DD t = two_sum(a.lo, b.lo);
  s.lo += t.hi;
  s = quick_two_sum(s.hi, s.lo);
  s.lo += t.lo;
  return quick_two_sum(s.hi, s.lo);
}

DD dd_mul(DD a, DD b) {
  const double p = a.hi * b.hi;
  double e = std::fma(a.hi, b.hi, -p);
  e += a.hi * b.lo + a.lo * b.hi;
  return quick_two_sum(p, e);
}

DD dd_div(DD a, double b) {
  const double q1 = a.hi / b;
  const double p = q1 * b;
  const double pe = std::fma(q1, b, -p);
  const DD r = dd_add(a, DD{-p, -pe});
  const double q2 = r.hi / b;
  return quick_two_sum(q1, q2);
}

DD dd_scale(DD a, int exp) {
  return {std::ldexp(a.hi, exp), std::ldexp(a.lo, exp)};
}

void ExactSum::add(double x) {
  if (std::isnan(x)) {
    nan_ = true;
  } else if (std::isinf(x)) {
    (x > 0 ? pos_inf_ : neg_inf_) = true;
  } else if (std::fabs(x) < 0x1p512) {  // 2^kBigExp
    small_.add(x);
  } else {
    big_.add(std::ldexp(x, -kShift));  // exact: the result stays a normal double
  }
}

void ExactSum::merge(const ExactSum& later) {
  small_.add(later.small_);
  big_.add(later.big_);
  nan_ |= later.nan_;
  pos_inf_ |= later.pos_inf_;
  neg_inf_ |= later.neg_inf_;
}

double ExactSum::special() const {
  if (nan_ || (pos_inf_ && neg_inf_)) return std::numeric_limits<double>::quiet_NaN();
  return pos_inf_ ? std::numeric_limits<double>::infinity()
                  : -std::numeric_limits<double>::infinity();
}

DD ExactSum::scaled(int exp) const {
  DD s;
  small_.round2(s.hi, s.lo);
  if (big_.empty()) return dd_scale(s, exp);
  // Both parts canonical, combined at the big part's scale: the same bits for the same sum.
  DD b;
  big_.round2(b.hi, b.lo);
  return dd_scale(dd_add(b, dd_scale(s, -kShift)), exp + kShift);
}

double ExactSum::value() const {
  if (has_special()) return special();
  if (big_.empty()) return small_.round();
  const DD t = scaled(-kShift);
  return std::ldexp(t.hi, kShift);  // past the range: ±infinity
}

double ExactSum::mean(double n) const {
  if (has_special()) return special();
  if (big_.empty()) return small_.round() / n;
  return std::ldexp(dd_div(scaled(-kShift), n).hi, kShift);
}

}  // namespace huntq::engine::agg
