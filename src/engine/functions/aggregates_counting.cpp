// count, countif, dcount, dcountif, count_distinct, count_distinctif.
#include "aggregates_distinct.h"
#include "aggregates_internal.h"

namespace huntq::engine {
namespace {

using agg::is_true;
using agg::same;

class CountState final : public AggregateState {
 public:
  void add(Args) override { ++n_; }
  void merge(AggregateState& later) override { n_ += same<CountState>(later).n_; }
  void finish(std::span<Value> out) override { out[0] = Value::int64(n_); }
  std::size_t bytes() const override { return 0; }

 private:
  std::int64_t n_ = 0;
};

// dcount is exact in huntq (Kusto's is a HyperLogLog estimate): the distinct non-null values
// are kept, and the accuracy argument is accepted and ignored. With `predicate_at`, rows whose
// argument there is not true are skipped (dcountif's predicate is not last when accuracy
// follows it).
class DistinctCountState final : public AggregateState {
 public:
  explicit DistinctCountState(int predicate_at) : predicate_at_(predicate_at) {}
  void add(Args a) override {
    if (predicate_at_ >= 0 && !is_true(a[static_cast<std::size_t>(predicate_at_)])) return;
    if (!a[0].is_null()) values_.insert(a[0]);
  }
  void merge(AggregateState& later) override {
    values_.merge(same<DistinctCountState>(later).values_, SIZE_MAX);
  }
  void finish(std::span<Value> out) override {
    out[0] = Value::int64(static_cast<std::int64_t>(values_.size()));
  }
  std::size_t bytes() const override { return values_.bytes(); }

 private:
  int predicate_at_;
  agg::DistinctValues values_;
};

std::unique_ptr<AggregateState> make_count(const AggregateCall&) {
  return std::make_unique<CountState>();
}

std::unique_ptr<AggregateState> make_distinct(const AggregateCall&) {
  return std::make_unique<DistinctCountState>(-1);
}

std::unique_ptr<AggregateState> make_distinct_if(const AggregateCall&) {
  return std::make_unique<DistinctCountState>(1);
}

}  // namespace

void register_counting_aggregates(FunctionRegistry& r) {
  using agg::aggregate;
  using agg::overload;
  using A = ArgClass;
  constexpr auto fixed = ReturnRule::Fixed;
  // count(x) counts rows too, nulls included (summarize-operator.md: "The standard count
  // function includes null values in its count", `count(y)` over (null, 5) is 2).
  r.add(aggregate("count", "count_",
                  {overload({}, fixed, Type::Long, make_count),
                   overload({{A::Any}}, fixed, Type::Long, make_count)}));
  r.add(aggregate("countif", "countif_", {overload({}, fixed, Type::Long, make_count)}, true));
  r.add(aggregate("dcount", "dcount_",
                  {overload({{A::Any}, {A::Number}}, fixed, Type::Long, make_distinct, 1)}));
  r.add(aggregate(
      "dcountif", "dcountif_",
      {overload({{A::Any}, {A::Bool}, {A::Number}}, fixed, Type::Long, make_distinct_if, 2)}));
  r.add(aggregate("count_distinct", "count_distinct_",
                  {overload({{A::Any}}, fixed, Type::Long, make_distinct)}));
  r.add(aggregate("count_distinctif", "count_distinctif_",
                  {overload({{A::Any}}, fixed, Type::Long, make_distinct)}, true));
}

}  // namespace huntq::engine
