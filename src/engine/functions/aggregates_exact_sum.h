// Exact sums of doubles, so sum(), avg(), stdev() and variance() of reals give the same bits
// whatever the order rows are added and merged in (any thread count, any split).
#pragma once

#include <cstddef>
#include <vector>

namespace huntq::engine::agg {

/// Shewchuk's non-overlapping partials (Python's math.fsum): adding keeps the exact sum, and
/// round() rounds it once, correctly (half to even). Callers keep magnitudes below 2^600 so no
/// partial overflows. At most ~45 partials exist at once (each is below half an ulp of the next).
class Partials {
 public:
  void add(double x);
  void add(const Partials& other) {
    for (double p : other.p_) add(p);
  }
  /// The exact sum correctly rounded to a double.
  double round() const;
  /// The exact sum as a canonical double-double: hi = round(), lo = round(sum - hi). Equal sums
  /// give equal pairs, however their partials came to be.
  void round2(double& hi, double& lo) const;
  bool empty() const noexcept { return p_.empty(); }
  /// The partials, smallest first; their exact sum is the sum.
  const std::vector<double>& parts() const noexcept { return p_; }
  std::size_t bytes() const noexcept { return p_.capacity() * sizeof(double); }

 private:
  std::vector<double> p_;
};

/// A double-double number: hi + lo with |lo| <= ulp(hi) / 2.
struct DD {
  double hi = 0;
  double lo = 0;
};
DD dd_add(DD a, DD b);
DD dd_mul(DD a, DD b);
DD dd_div(DD a, double b);
DD dd_scale(DD a, int exp);  // a * 2^exp

/// The exact sum of any doubles: values below 2^512 in magnitude are summed as they are, larger
/// ones scaled by 2^-600 (exactly) in a second set of partials, so neither can overflow however
/// many rows come; infinities and NaN are counted apart. Merging adds partials: exact.
class ExactSum {
 public:
  void add(double x);
  void merge(const ExactSum& later);
  /// The sum correctly rounded; ±infinity when it is past the double range (or an infinity was
  /// added), NaN after a NaN or infinities of both signs.
  double value() const;
  /// The mean: value() / n, computed without overflowing when the sum is past the range.
  double mean(double n) const;
  /// The sum as a canonical double-double times 2^exp (exp <= 0), for variance.
  DD scaled(int exp) const;
  bool has_special() const noexcept { return nan_ || pos_inf_ || neg_inf_; }
  double special() const;  // NaN or ±infinity, when has_special()
  bool has_big() const noexcept { return !big_.empty(); }
  const Partials& small() const noexcept { return small_; }
  std::size_t bytes() const noexcept { return small_.bytes() + big_.bytes(); }

  static constexpr int kBigExp = 512;  // |x| >= 2^512 goes to big_
  static constexpr int kShift = 600;   // big_ holds x * 2^-600

 private:
  Partials small_, big_;
  bool nan_ = false, pos_inf_ = false, neg_inf_ = false;
};

}  // namespace huntq::engine::agg
