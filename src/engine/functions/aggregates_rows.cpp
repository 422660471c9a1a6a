// min, max, minif, maxif, arg_max, arg_min (argmax, argmin), take_any (any), take_anyif (anyif).
//
// Ties and "arbitrary" picks go to the earliest row in input order: merge() receives the state
// of the rows that came later, and only a strictly better value from it wins.
#include "aggregates_internal.h"
#include "huntq/value/compare.h"
#include "huntq/value/dynamic.h"

namespace huntq::engine {
namespace {

using agg::same;

// Heap bytes a value holds (string text, dynamic tree), for bytes().
std::size_t heap_of(const Value& v) {
  std::size_t n = v.text().capacity() > 15 ? v.text().capacity() : 0;
  if (v.type() == Type::Dynamic && !v.is_null()) n += v.tree()->bytes();
  return n;
}

// min() and max(): nulls (and NaN, which sorts with them, S-3) are ignored; strings compare
// ordinally (S-5).
class ExtremeState final : public AggregateState {
 public:
  ExtremeState(Type t, bool max) : best_(Value::null_of(t)), max_(max) {}
  void add(Args a) override { offer(a[0]); }
  void merge(AggregateState& later) override {
    auto& o = same<ExtremeState>(later);
    if (o.has_) offer(o.best_);
  }
  void finish(std::span<Value> out) override { out[0] = best_; }
  std::size_t bytes() const override { return heap_of(best_); }

 private:
  void offer(const Value& v) {
    if (sorts_as_null(v)) return;
    if (has_) {
      const int c = compare_values(v, best_);
      if (max_ ? c <= 0 : c >= 0) return;  // ties keep the earlier value
    }
    best_ = v;
    has_ = true;
  }
  Value best_;
  bool max_;
  bool has_ = false;
};

template <bool kMax>
std::unique_ptr<AggregateState> make_extreme(const AggregateCall& call) {
  return std::make_unique<ExtremeState>(call.outputs[0], kMax);
}

// arg_max(ExprToMaximize, Expr...): the row (all arguments) where the first is largest. A row
// whose first argument is null only wins when every row's is (arg-max-aggregation-function.md),
// and then the first row does.
class ArgExtremeState final : public AggregateState {
 public:
  ArgExtremeState(const std::vector<Type>& types, bool max) : max_(max) {
    for (Type t : types) row_.push_back(Value::null_of(t));
  }
  void add(Args a) override {
    const bool null_key = sorts_as_null(a[0]);
    if (!better(a[0], null_key)) return;
    bytes_ = 0;
    for (std::size_t i = 0; i < row_.size(); ++i) {
      row_[i] = a[i];
      bytes_ += heap_of(row_[i]);
    }
    has_ = true;
    key_null_ = null_key;
  }
  void merge(AggregateState& later) override {
    auto& o = same<ArgExtremeState>(later);
    if (!o.has_ || !better(o.row_[0], o.key_null_)) return;
    row_ = std::move(o.row_);
    bytes_ = o.bytes_;
    has_ = true;
    key_null_ = o.key_null_;
  }
  void finish(std::span<Value> out) override {
    for (std::size_t i = 0; i < row_.size(); ++i) out[i] = row_[i];
  }
  std::size_t bytes() const override { return bytes_ + row_.capacity() * sizeof(Value); }

 private:
  // Whether a later row with this key replaces the current one.
  bool better(const Value& key, bool null_key) const {
    if (!has_) return true;
    if (null_key) return false;
    if (key_null_) return true;
    const int c = compare_values(key, row_[0]);
    return max_ ? c > 0 : c < 0;
  }
  std::vector<Value> row_;
  bool max_;
  bool has_ = false;
  bool key_null_ = false;
  std::size_t bytes_ = 0;
};

template <bool kMax>
std::unique_ptr<AggregateState> make_arg_extreme(const AggregateCall& call) {
  return std::make_unique<ArgExtremeState>(call.outputs, kMax);
}

// take_any(expr...): the first row in input order (Kusto picks an arbitrary one). With one
// argument it prefers the first non-null, non-empty value, as take-any-aggregation-function.md
// says Kusto attempts to; when there is none, the first row's value.
class TakeAnyState final : public AggregateState {
 public:
  explicit TakeAnyState(const std::vector<Type>& types) {
    for (Type t : types) row_.push_back(Value::null_of(t));
  }
  void add(Args a) override {
    if (good_ || (has_ && !(row_.size() == 1 && non_empty(a[0])))) return;
    bytes_ = 0;
    for (std::size_t i = 0; i < row_.size(); ++i) {
      row_[i] = a[i];
      bytes_ += heap_of(row_[i]);
    }
    has_ = true;
    good_ = row_.size() > 1 || non_empty(row_[0]);
  }
  void merge(AggregateState& later) override {
    auto& o = same<TakeAnyState>(later);
    if (good_ || !o.has_ || (has_ && !o.good_)) return;
    row_ = std::move(o.row_);
    bytes_ = o.bytes_;
    has_ = true;
    good_ = o.good_;
  }
  void finish(std::span<Value> out) override {
    for (std::size_t i = 0; i < row_.size(); ++i) out[i] = row_[i];
  }
  std::size_t bytes() const override { return bytes_ + row_.capacity() * sizeof(Value); }

 private:
  static bool non_empty(const Value& v) {
    return !v.is_null() && !(v.type() == Type::String && v.text().empty());
  }
  std::vector<Value> row_;
  bool has_ = false;
  bool good_ = false;  // the row is final: a non-empty single value, or any row of several
  std::size_t bytes_ = 0;
};

std::unique_ptr<AggregateState> make_take_any(const AggregateCall& call) {
  return std::make_unique<TakeAnyState>(call.outputs);
}

std::vector<AggregateOverload> orderable_overloads(
    std::unique_ptr<AggregateState> (*make)(const AggregateCall&), bool with_rest) {
  std::vector<AggregateOverload> v;
  for (ArgClass cls : agg::kOrderable) {
    if (with_rest) {
      v.push_back(
          agg::overload({{cls}, {ArgClass::Any}}, ReturnRule::Arg0, Type::Long, make, 1, true));
    } else {
      v.push_back(agg::overload({{cls}}, ReturnRule::Arg0, Type::Long, make));
    }
  }
  return v;
}

AggregateFunction row_picker(std::string_view name, std::string_view prefix,
                             std::vector<AggregateOverload> overloads) {
  AggregateFunction f = agg::aggregate(name, prefix, std::move(overloads));
  f.outputs_are_arguments = true;
  return f;
}

}  // namespace

void register_row_aggregates(FunctionRegistry& r) {
  using agg::aggregate;
  using agg::overload;
  r.add(aggregate("min", "min_", orderable_overloads(make_extreme<false>, false)));
  r.add(aggregate("max", "max_", orderable_overloads(make_extreme<true>, false)));
  r.add(aggregate("minif", "minif_", orderable_overloads(make_extreme<false>, false), true));
  r.add(aggregate("maxif", "maxif_", orderable_overloads(make_extreme<true>, false), true));

  // Result names differ between the current and the legacy spellings (Kusto.Language):
  // arg_max(FileSize, DeviceName) gives FileSize, DeviceName; argmax(...) gives max_FileSize,
  // max_FileSize_DeviceName. The prefix is what a non-column argument is named after
  // (arg_max(x + 1, ...) gives max_). See docs/semantics/aggregates.md.
  r.add(row_picker("arg_max", "max_", orderable_overloads(make_arg_extreme<true>, true)));
  r.add(row_picker("arg_min", "min_", orderable_overloads(make_arg_extreme<false>, true)));
  r.add(row_picker("argmax", "max_", orderable_overloads(make_arg_extreme<true>, true)));
  r.add(row_picker("argmin", "min_", orderable_overloads(make_arg_extreme<false>, true)));

  const auto any_args = [] {
    return std::vector<AggregateOverload>{
        overload({{ArgClass::Any}}, ReturnRule::Arg0, Type::Long, make_take_any, 1, true)};
  };
  r.add(row_picker("take_any", "any_", any_args()));
  r.add(row_picker("any", "any_", any_args()));
  const auto any_if = [] {
    return std::vector<AggregateOverload>{
        overload({{ArgClass::Any}}, ReturnRule::Arg0, Type::Long, make_take_any)};
  };
  r.add(aggregate("take_anyif", "", any_if(), true));
  r.add(aggregate("anyif", "anyif_", any_if(), true));
}

}  // namespace huntq::engine
