// make_set, make_set_if, makeset, make_list, make_list_if, makelist, make_list_with_nulls,
// make_bag, make_bag_if, make_dictionary.
//
// Each stops growing at its maxSize (default 1,048,576, the largest allowed; 128 for the legacy
// makeset, makelist and make_dictionary), keeps input order (make_set and make_bag: order of
// first appearance), and merges the later rows' state after its own, so the result is the same
// at any split.
#include <string>
#include <unordered_set>

#include "aggregates_distinct.h"
#include "aggregates_internal.h"
#include "huntq/value/dynamic.h"

namespace huntq::engine {
namespace {

using agg::is_true;
using agg::same;

constexpr std::int64_t kLargest = 1'048'576;
constexpr std::int64_t kLegacy = 128;

struct CollectOptions {
  std::int64_t limit;
  int predicate_at;  // -1: no predicate argument
};

bool passes(Args a, int predicate_at) {
  return predicate_at < 0 || is_true(a[static_cast<std::size_t>(predicate_at)]);
}

// make_set: distinct non-null values; an array value adds its elements
// (make-set-aggregation-function.md "Set from array column").
class MakeSetState final : public AggregateState {
 public:
  explicit MakeSetState(CollectOptions o) : o_(o) {}
  void add(Args a) override {
    if (!passes(a, o_.predicate_at) || full()) return;
    const Value& v = a[0];
    if (v.is_null()) return;
    if (v.type() == Type::Dynamic && v.tree()->is_array()) {
      for (const auto& item : v.tree()->items()) {
        if (full()) return;
        if (!item->is_null()) set_.insert(item);
      }
      return;
    }
    set_.insert(v);
  }
  void merge(AggregateState& later) override {
    set_.merge(same<MakeSetState>(later).set_, static_cast<std::size_t>(o_.limit));
  }
  void finish(std::span<Value> out) override {
    out[0] = Value::dynamic(Dynamic::array(set_.to_array()));
  }
  std::size_t bytes() const override { return set_.bytes(); }

 private:
  bool full() const { return set_.size() >= static_cast<std::size_t>(o_.limit); }
  CollectOptions o_;
  agg::DistinctValues set_;
};

// make_list: the values in input order, nulls skipped unless `with_nulls`.
class MakeListState final : public AggregateState {
 public:
  MakeListState(CollectOptions o, bool with_nulls) : o_(o), with_nulls_(with_nulls) {}
  void add(Args a) override {
    if (!passes(a, o_.predicate_at)) return;
    push(a[0]);
  }
  void merge(AggregateState& later) override {
    for (const auto& v : same<MakeListState>(later).items_) push(v);
  }
  void finish(std::span<Value> out) override {
    Dynamic::Array items;
    items.reserve(items_.size());
    for (const auto& v : items_) items.push_back(Dynamic::from_value(v));
    out[0] = Value::dynamic(Dynamic::array(std::move(items)));
  }
  std::size_t bytes() const override { return heap_ + items_.capacity() * sizeof(Value); }

 private:
  void push(const Value& v) {
    if (static_cast<std::int64_t>(items_.size()) >= o_.limit) return;
    if (v.is_null() && !with_nulls_) return;
    items_.push_back(v);
    heap_ += v.text().capacity() > 15 ? v.text().capacity() : 0;
    if (v.type() == Type::Dynamic && !v.is_null()) heap_ += v.tree()->bytes();
  }
  CollectOptions o_;
  bool with_nulls_;
  std::vector<Value> items_;
  std::size_t heap_ = 0;
};

// make_bag: the members of the property-bag values merged; values that are not bags are skipped.
// A key seen twice keeps its first value (Kusto: "an arbitrary value").
class MakeBagState final : public AggregateState {
 public:
  explicit MakeBagState(CollectOptions o) : o_(o) {}
  void add(Args a) override {
    if (!passes(a, o_.predicate_at)) return;
    const Value& v = a[0];
    if (v.is_null() || !v.tree()->is_object()) return;
    any_bag_ = true;
    add_members(v.tree()->members());
  }
  void merge(AggregateState& later) override {
    auto& o = same<MakeBagState>(later);
    any_bag_ |= o.any_bag_;
    add_members(o.members_);
  }
  void finish(std::span<Value> out) override {
    // summarize-operator.md lists make_bag's default (no bag at all) as [] with make_list's.
    out[0] = Value::dynamic(any_bag_ ? Dynamic::object(members_) : Dynamic::array({}));
  }
  std::size_t bytes() const override {
    return heap_ + members_.capacity() * sizeof(Dynamic::Member) +
           keys_.bucket_count() * sizeof(void*);
  }

 private:
  void add_members(const Dynamic::Object& members) {
    for (const auto& m : members) {
      if (static_cast<std::int64_t>(members_.size()) >= o_.limit) return;
      if (!keys_.insert(m.key).second) continue;
      members_.push_back(m);
      heap_ += 2 * (m.key.capacity() + sizeof(std::string) + sizeof(void*)) + m.value->bytes();
    }
  }
  CollectOptions o_;
  bool any_bag_ = false;
  Dynamic::Object members_;
  std::unordered_set<std::string> keys_;
  std::size_t heap_ = 0;
};

enum class Kind { Set, List, ListWithNulls, Bag };

// kLimitAt: where the maxSize argument is (-1: none); kPredicateAt: where the predicate is.
template <Kind kKind, std::int64_t kDefault, int kLimitAt, int kPredicateAt>
std::unique_ptr<AggregateState> make_collect(const AggregateCall& call) {
  constexpr std::string_view kName = kKind == Kind::Set   ? "make_set"
                                     : kKind == Kind::Bag ? "make_bag"
                                                          : "make_list";
  const CollectOptions o{
      kLimitAt < 0 ? kDefault : agg::size_argument(call, kLimitAt, kDefault, kLargest, kName),
      kPredicateAt};
  if constexpr (kKind == Kind::Set) return std::make_unique<MakeSetState>(o);
  if constexpr (kKind == Kind::List) return std::make_unique<MakeListState>(o, false);
  if constexpr (kKind == Kind::ListWithNulls) return std::make_unique<MakeListState>(o, true);
  if constexpr (kKind == Kind::Bag) return std::make_unique<MakeBagState>(o);
}

template <Kind kKind, std::int64_t kDefault>
AggregateFunction collect(std::string_view name, std::string_view prefix, ArgClass value,
                          bool with_predicate) {
  const ParamSpec size{ArgClass::Long, true};
  std::vector<AggregateOverload> overloads;
  if (with_predicate) {
    overloads.push_back(agg::overload({{value}, {ArgClass::Bool}, size}, ReturnRule::Fixed,
                                      Type::Dynamic, make_collect<kKind, kDefault, 2, 1>, 2));
  } else {
    overloads.push_back(agg::overload({{value}, size}, ReturnRule::Fixed, Type::Dynamic,
                                      make_collect<kKind, kDefault, 1, -1>, 1));
  }
  return agg::aggregate(name, prefix, std::move(overloads));
}

}  // namespace

void register_collect_aggregates(FunctionRegistry& r) {
  using A = ArgClass;
  r.add(collect<Kind::Set, kLargest>("make_set", "set_", A::Any, false));
  r.add(collect<Kind::Set, kLegacy>("makeset", "set_", A::Any, false));
  r.add(collect<Kind::Set, kLargest>("make_set_if", "set_", A::Any, true));
  r.add(collect<Kind::List, kLargest>("make_list", "list_", A::Any, false));
  r.add(collect<Kind::List, kLegacy>("makelist", "list_", A::Any, false));
  r.add(collect<Kind::List, kLargest>("make_list_if", "list_", A::Any, true));
  r.add(agg::aggregate("make_list_with_nulls", "list_",
                       {agg::overload({{A::Any}}, ReturnRule::Fixed, Type::Dynamic,
                                      make_collect<Kind::ListWithNulls, kLargest, -1, -1>)}));
  r.add(collect<Kind::Bag, kLargest>("make_bag", "bag_", A::Dynamic, false));
  r.add(collect<Kind::Bag, kLegacy>("make_dictionary", "dictionary_", A::Dynamic, false));
  r.add(collect<Kind::Bag, kLargest>("make_bag_if", "bag_", A::Dynamic, true));
}

}  // namespace huntq::engine
