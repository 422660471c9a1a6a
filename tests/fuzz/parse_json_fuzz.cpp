// libFuzzer target for dynamic values (value/dynamic.h): parse_json_text, then to_json, then
// parse again must give the same tree (numbers compare by value: 1.0 prints as 1 and reads back
// as an int), and from the second round on to_json is a fixpoint. parse_json() on
// a string Value follows parse_json_text (D-1), member and index lookups find what the tree holds.
//
// Build and run: scripts/fuzz.sh [SECONDS] parse_json (seeds: tests/fuzz/corpus/parse_json).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "huntq/value/dynamic.h"

namespace {

using huntq::Dynamic;
using huntq::DynamicKind;
using huntq::fuzz::fail;

bool is_integer(DynamicKind k) {
  return k == DynamicKind::Int || k == DynamicKind::Long;
}

bool same_tree(const Dynamic& a, const Dynamic& b) {
  const bool a_number = is_integer(a.kind()) || a.kind() == DynamicKind::Real;
  const bool b_number = is_integer(b.kind()) || b.kind() == DynamicKind::Real;
  if (a_number && b_number) {
    if (is_integer(a.kind()) && is_integer(b.kind())) return a.as_int64() == b.as_int64();
    const double x = is_integer(a.kind()) ? static_cast<double>(a.as_int64()) : a.as_real();
    const double y = is_integer(b.kind()) ? static_cast<double>(b.as_int64()) : b.as_real();
    return x == y;
  }
  // A non-finite real (a number past the double range) is written as a string.
  if (a.kind() == DynamicKind::Real && b.kind() == DynamicKind::String) {
    return !std::isfinite(a.as_real()) && huntq::format_real(a.as_real()) == b.text();
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case DynamicKind::Null:
      return true;
    case DynamicKind::Bool:
      return a.as_bool() == b.as_bool();
    case DynamicKind::String:
    case DynamicKind::Guid:
      return a.text() == b.text();
    case DynamicKind::DateTime:
    case DynamicKind::TimeSpan:
      return a.as_int64() == b.as_int64();
    case DynamicKind::Array:
      if (a.items().size() != b.items().size()) return false;
      for (std::size_t i = 0; i < a.items().size(); ++i) {
        if (!same_tree(*a.items()[i], *b.items()[i])) return false;
      }
      return true;
    case DynamicKind::Object:
      if (a.members().size() != b.members().size()) return false;
      for (std::size_t i = 0; i < a.members().size(); ++i) {
        if (a.members()[i].key != b.members()[i].key) return false;
        if (!same_tree(*a.members()[i].value, *b.members()[i].value)) return false;
      }
      return true;
    default:
      return false;  // numbers were handled above
  }
}

// Lookups of the top level: each member by key (the first of duplicates), each item by index
// from both ends.
void check_lookups(const huntq::DynamicPtr& tree) {
  const huntq::Value v = huntq::Value::dynamic(tree);
  if (tree->is_object()) {
    for (const auto& m : tree->members()) {
      const huntq::DynamicPtr* first = tree->find(m.key);
      if (first == nullptr) fail("find() misses a key", m.key);
      const huntq::Value got = huntq::dynamic_member(v, m.key);
      const huntq::Value want = (*first)->to_value(*first);
      if (huntq::to_string(got) != huntq::to_string(want)) fail("dynamic_member() differs", m.key);
    }
  }
  if (tree->is_array()) {
    const auto n = static_cast<std::int64_t>(tree->items().size());
    for (std::int64_t i = 0; i < n && i < 64; ++i) {
      const auto& item = tree->items()[static_cast<std::size_t>(i)];
      const std::string want = huntq::to_string(item->to_value(item));
      if (huntq::to_string(huntq::dynamic_index(v, i)) != want) fail("dynamic_index() differs");
      if (huntq::to_string(huntq::dynamic_index(v, i - n)) != want) fail("negative index differs");
    }
    if (!huntq::dynamic_index(v, n).is_null()) fail("an index past the end is not null");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = huntq::fuzz::as_text(data, size);
  const huntq::DynamicPtr tree = huntq::parse_json_text(text);

  const huntq::Value parsed = huntq::parse_json(huntq::Value::string(std::string(text)));
  if (parsed.type() != huntq::Type::Dynamic) fail("parse_json() is not a dynamic");
  if (!tree) {
    // D-1: "" is null, other text that is not JSON a dynamic string holding it.
    const bool ok = text.empty() ? parsed.is_null()
                                 : (parsed.tree() && parsed.tree()->kind() == DynamicKind::String &&
                                    parsed.tree()->text() == text);
    if (!ok) fail("parse_json() of text that is not JSON");
    return 0;
  }
  const std::string json = huntq::to_json(*tree);
  if (!huntq::fuzz::valid_utf8(json)) fail("to_json() gives invalid UTF-8", json);
  const std::string parsed_json = parsed.is_null() ? "null" : huntq::to_json(*parsed.tree());
  if (parsed_json != json) fail("parse_json() differs from parse_json_text()", parsed_json);
  if (huntq::to_string(huntq::Value::dynamic(tree)) != json &&
      tree->kind() != DynamicKind::String && !tree->is_null()) {
    const auto k = tree->kind();
    if (k == DynamicKind::Array || k == DynamicKind::Object) fail("tostring() is not to_json()");
  }

  const huntq::DynamicPtr again = huntq::parse_json_text(json);
  if (!again) fail("to_json() is not JSON", json);
  if (!same_tree(*tree, *again)) fail("to_json() then parse gives another tree", json);
  // Numbers settle after one round (a real 1.0 prints as 1, -0.0 as -0, which read back as
  // integers); from then on the text is a fixpoint.
  const std::string json2 = huntq::to_json(*again);
  const huntq::DynamicPtr third = huntq::parse_json_text(json2);
  if (!third || !same_tree(*again, *third) || huntq::to_json(*third) != json2) {
    fail("to_json() is not a fixpoint after one round", json2);
  }
  if (tree->bytes() < sizeof(Dynamic)) fail("bytes() below one node");
  check_lookups(tree);
  return 0;
}
