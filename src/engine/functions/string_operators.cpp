// The string operators of datatypes-string-operators.md. Each runs once per row in `where`, so
// a constant right side (the usual case) is prepared once: a folded needle with its SIMD finder,
// a compiled regex, a hash set of list items. Case-insensitive forms fold ASCII letters only
// (huntq/value/case_fold.h). Both sides are strings: the binder turns a dynamic or another
// scalar into its tostring() text first (`dynamic([1,2]) has "1"` looks for the term 1 in
// "[1,2]").
#include "string_operators.h"

#include <fmt/format.h>

#include <memory>
#include <string>

#include "huntq/error.h"
#include "huntq/value/case_fold.h"
#include "string_regex.h"
#include "string_search.h"
#include "string_terms.h"

namespace huntq::engine {
namespace {

using Prepare = std::shared_ptr<const void> (*)(std::span<const ArgInfo>);

const Value* constant_arg(std::span<const ArgInfo> a, std::size_t i) {
  return i < a.size() ? a[i].constant : nullptr;
}

template <class T>
const T& state_of(const CallContext& c) {
  return *static_cast<const T*>(c.state);
}

// --- =~ and !~ ---------------------------------------------------------------------------------

std::shared_ptr<const void> prepare_folded(std::span<const ArgInfo> a) {
  const Value* rhs = constant_arg(a, 1);
  if (!rhs) return nullptr;
  return std::make_shared<const std::string>(fold_ascii(rhs->text()));
}

template <bool Negate>
Value k_equals_tilde(Args a, const CallContext& c) {
  const bool r = c.state ? equals_folded(a[0].text(), state_of<std::string>(c))
                         : equals_ignore_case(a[0].text(), a[1].text());
  return Value::boolean(r != Negate);
}

// --- contains ---------------------------------------------------------------------------------

template <bool IgnoreCase>
std::shared_ptr<const void> prepare_finder(std::span<const ArgInfo> a) {
  const Value* rhs = constant_arg(a, 1);
  if (!rhs) return nullptr;
  return std::make_shared<const StringFinder>(rhs->text(), IgnoreCase);
}

template <bool IgnoreCase, bool Negate>
Value k_contains(Args a, const CallContext& c) {
  const std::string& text = a[0].text();
  bool r;
  if (c.state) {
    r = state_of<StringFinder>(c).found_in(text);
  } else if (IgnoreCase) {
    r = find_ignore_case(text, a[1].text()) != std::string_view::npos;
  } else {
    r = find_bytes(text, a[1].text()) != std::string_view::npos;
  }
  return Value::boolean(r != Negate);
}

// --- startswith and endswith ---------------------------------------------------------------------

template <bool IgnoreCase>
std::shared_ptr<const void> prepare_affix(std::span<const ArgInfo> a) {
  const Value* rhs = constant_arg(a, 1);
  if (!rhs) return nullptr;
  return std::make_shared<const std::string>(IgnoreCase ? fold_ascii(rhs->text()) : rhs->text());
}

template <bool IgnoreCase, bool Negate>
Value k_startswith(Args a, const CallContext& c) {
  const std::string_view text = a[0].text();
  const std::string& affix = c.state ? state_of<std::string>(c) : a[1].text();
  bool r;
  if (!IgnoreCase) {
    r = text.starts_with(affix);
  } else if (c.state) {
    r = text.size() >= affix.size() && equals_folded(text.substr(0, affix.size()), affix);
  } else {
    r = starts_with_ignore_case(text, affix);
  }
  return Value::boolean(r != Negate);
}

template <bool IgnoreCase, bool Negate>
Value k_endswith(Args a, const CallContext& c) {
  const std::string_view text = a[0].text();
  const std::string& affix = c.state ? state_of<std::string>(c) : a[1].text();
  bool r;
  if (!IgnoreCase) {
    r = text.ends_with(affix);
  } else if (c.state) {
    r = text.size() >= affix.size() &&
        equals_folded(text.substr(text.size() - affix.size()), affix);
  } else {
    r = ends_with_ignore_case(text, affix);
  }
  return Value::boolean(r != Negate);
}

// --- has, hasprefix, hassuffix -------------------------------------------------------------------

template <bool IgnoreCase, TermMode Mode>
std::shared_ptr<const void> prepare_term(std::span<const ArgInfo> a) {
  const Value* rhs = constant_arg(a, 1);
  if (!rhs) return nullptr;
  return std::make_shared<const TermMatcher>(rhs->text(), IgnoreCase, Mode);
}

template <bool IgnoreCase, TermMode Mode, bool Negate>
Value k_has(Args a, const CallContext& c) {
  const bool r = c.state ? state_of<TermMatcher>(c).matches(a[0].text())
                         : term_match(a[0].text(), a[1].text(), IgnoreCase, Mode);
  return Value::boolean(r != Negate);
}

// --- matches regex ------------------------------------------------------------------------------

std::shared_ptr<const void> prepare_regex(std::span<const ArgInfo> a) {
  const Value* rhs = constant_arg(a, 1);
  if (!rhs) return nullptr;
  return compile_regex(rhs->text(), "matches regex");
}

Value k_matches_regex(Args a, const CallContext& c) {
  const RE2& re = c.state ? state_of<RE2>(c) : cached_regex(a[1].text(), "matches regex");
  return Value::boolean(RE2::PartialMatch(a[0].text(), re));
}

// --- has_any, has_all --------------------------------------------------------------------------

template <std::size_t Limit>
std::shared_ptr<const void> prepare_term_list(std::span<const ArgInfo> a) {
  const Value* list = constant_arg(a, 1);
  if (!list) return nullptr;
  std::vector<std::string> items;
  collect_list_items(*list, items);
  auto terms = std::make_shared<const TermList>(items);
  if (terms->size() > Limit)
    throw Error(
        fmt::format("the list has {} values, more than the {} allowed", terms->size(), Limit));
  return terms;
}

Value k_has_any(Args a, const CallContext& c) {
  if (c.state) return Value::boolean(state_of<TermList>(c).any_in(a[0].text()));
  std::vector<std::string> items;
  collect_list_items(a[1], items);
  for (const auto& item : items)
    if (term_match(a[0].text(), item, true, TermMode::Whole)) return Value::boolean(true);
  return Value::boolean(false);
}

Value k_has_all(Args a, const CallContext& c) {
  if (c.state) return Value::boolean(state_of<TermList>(c).all_in(a[0].text()));
  std::vector<std::string> items;
  collect_list_items(a[1], items);
  for (const auto& item : items)
    if (!term_match(a[0].text(), item, true, TermMode::Whole)) return Value::boolean(false);
  return Value::boolean(true);
}

// --- in~ and !in~ -------------------------------------------------------------------------------

std::shared_ptr<const void> prepare_in_tilde(std::span<const ArgInfo> a) {
  const Value* list = constant_arg(a, 1);
  if (!list) return nullptr;
  std::vector<std::string> items;
  collect_list_items(*list, items);
  auto set = std::make_shared<FoldedStringSet>();
  for (const auto& item : items) set->insert(item);
  return set;
}

template <bool Negate>
Value k_in_tilde(Args a, const CallContext& c) {
  bool r = false;
  if (c.state) {
    r = state_of<FoldedStringSet>(c).find(a[0].text()) >= 0;
  } else {
    std::vector<std::string> items;
    collect_list_items(a[1], items);
    for (const auto& item : items)
      if (equals_ignore_case(a[0].text(), item)) r = true;
  }
  return Value::boolean(r != Negate);
}

// --- registration ------------------------------------------------------------------------------

void add_binary(FunctionRegistry& r, std::string_view name, ScalarKernel kernel, Prepare prepare) {
  r.add(ScalarFunction{.name = name,
                       .overloads = {Overload{.params = {{ArgClass::String}, {ArgClass::String}},
                                              .fixed = Type::Bool,
                                              .kernel = kernel,
                                              .prepare = prepare}}});
}

void add_list(FunctionRegistry& r, std::string_view name, ScalarKernel kernel, Prepare prepare) {
  // A null list (dynamic(null)) holds nothing; the kernel sees it.
  r.add(ScalarFunction{.name = name,
                       .overloads = {Overload{.params = {{ArgClass::String}, {ArgClass::Dynamic}},
                                              .fixed = Type::Bool,
                                              .kernel = kernel,
                                              .nulls = NullPolicy::Kernel,
                                              .prepare = prepare}}});
}

template <bool IgnoreCase, TermMode Mode>
void add_term_pair(FunctionRegistry& r, std::string_view name, std::string_view negated) {
  add_binary(r, name, k_has<IgnoreCase, Mode, false>, prepare_term<IgnoreCase, Mode>);
  add_binary(r, negated, k_has<IgnoreCase, Mode, true>, prepare_term<IgnoreCase, Mode>);
}

}  // namespace

void register_string_operators(FunctionRegistry& r) {
  add_binary(r, "=~", k_equals_tilde<false>, prepare_folded);
  add_binary(r, "!~", k_equals_tilde<true>, prepare_folded);

  add_binary(r, "contains", k_contains<true, false>, prepare_finder<true>);
  add_binary(r, "!contains", k_contains<true, true>, prepare_finder<true>);
  add_binary(r, "contains_cs", k_contains<false, false>, prepare_finder<false>);
  add_binary(r, "!contains_cs", k_contains<false, true>, prepare_finder<false>);

  add_binary(r, "startswith", k_startswith<true, false>, prepare_affix<true>);
  add_binary(r, "!startswith", k_startswith<true, true>, prepare_affix<true>);
  add_binary(r, "startswith_cs", k_startswith<false, false>, prepare_affix<false>);
  add_binary(r, "!startswith_cs", k_startswith<false, true>, prepare_affix<false>);
  add_binary(r, "endswith", k_endswith<true, false>, prepare_affix<true>);
  add_binary(r, "!endswith", k_endswith<true, true>, prepare_affix<true>);
  add_binary(r, "endswith_cs", k_endswith<false, false>, prepare_affix<false>);
  add_binary(r, "!endswith_cs", k_endswith<false, true>, prepare_affix<false>);

  add_term_pair<true, TermMode::Whole>(r, "has", "!has");
  add_term_pair<false, TermMode::Whole>(r, "has_cs", "!has_cs");
  add_term_pair<true, TermMode::Prefix>(r, "hasprefix", "!hasprefix");
  add_term_pair<false, TermMode::Prefix>(r, "hasprefix_cs", "!hasprefix_cs");
  add_term_pair<true, TermMode::Suffix>(r, "hassuffix", "!hassuffix");
  add_term_pair<false, TermMode::Suffix>(r, "hassuffix_cs", "!hassuffix_cs");

  add_binary(r, "matches regex", k_matches_regex, prepare_regex);

  // Kusto considers up to 10,000 has_any values and 256 has_all values (has-any-operator.md,
  // has-all-operator.md); longer constant lists are refused as Kusto refuses them.
  add_list(r, "has_any", k_has_any, prepare_term_list<10000>);
  add_list(r, "has_all", k_has_all, prepare_term_list<256>);
  add_list(r, "in~", k_in_tilde<false>, prepare_in_tilde);
  add_list(r, "!in~", k_in_tilde<true>, prepare_in_tilde);
}

}  // namespace huntq::engine
