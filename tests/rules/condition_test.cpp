// Conditions: and/or/not, parentheses, precedence (not > and > or), `1 of` / `all of`.
#include <catch2/catch.hpp>

#include "rules_test_support.h"

using huntq::rules::testing::excludes;
using huntq::rules::testing::Row;

namespace {

// Three selections, each true when its cell holds the letter: a (FileName), b (DeviceName),
// c (MD5), plus _d (ThreatName), whose leading '_' keeps it out of `them`.
std::string rule(std::string_view condition) {
  return "id: r\ntitle: t\nexclude:\n"
         "  a:\n    FileName: a\n"
         "  b:\n    DeviceName: b\n"
         "  c:\n    MD5: c\n"
         "  _d:\n    ThreatName: d\n"
         "  condition: " +
         std::string(condition) + "\n";
}

/// Row where selection a/b/c/_d hold as given.
Row row(bool a, bool b, bool c, bool d = false) {
  return Row{{"FileName", a ? "a" : "-"},
             {"DeviceName", b ? "b" : "-"},
             {"MD5", c ? "c" : "-"},
             {"ThreatName", d ? "d" : "-"}};
}

}  // namespace

TEST_CASE("and, or, not", "[rules][condition]") {
  CHECK(excludes(rule("a and b"), row(true, true, false)));
  CHECK_FALSE(excludes(rule("a and b"), row(true, false, true)));
  CHECK(excludes(rule("a or b"), row(false, true, false)));
  CHECK_FALSE(excludes(rule("a or b"), row(false, false, true)));
  CHECK(excludes(rule("not a"), row(false, false, false)));
  CHECK_FALSE(excludes(rule("not a"), row(true, false, false)));
  CHECK(excludes(rule("not not a"), row(true, false, false)));
  CHECK(excludes(rule("a and b and c"), row(true, true, true)));
  CHECK_FALSE(excludes(rule("a and b and c"), row(true, true, false)));
}

TEST_CASE("precedence: not > and > or", "[rules][condition]") {
  // a or (b and c): true when only a holds; (a or b) and c would be false.
  CHECK(excludes(rule("a or b and c"), row(true, false, false)));
  // (b and c) or a, same grouping from the other side.
  CHECK(excludes(rule("b and c or a"), row(true, false, false)));
  // (not a) and b: false when a holds and b does not; not (a and b) would be true.
  CHECK_FALSE(excludes(rule("not a and b"), row(true, false, false)));
  CHECK(excludes(rule("not a and b"), row(false, true, false)));
  // (not a) or b.
  CHECK_FALSE(excludes(rule("not a or b"), row(true, false, false)));
}

TEST_CASE("parentheses", "[rules][condition]") {
  CHECK_FALSE(excludes(rule("(a or b) and c"), row(true, false, false)));
  CHECK(excludes(rule("(a or b) and c"), row(false, true, true)));
  CHECK(excludes(rule("not (a and b)"), row(true, false, false)));
  CHECK_FALSE(excludes(rule("not (a or b)"), row(false, true, false)));
  CHECK(excludes(rule("((a))and(b)"), row(true, true, false)));
  CHECK(excludes(rule("a and not (b or (c and not a))"), row(true, false, true)));
  CHECK_FALSE(excludes(rule("a and not (b or (c and not a))"), row(true, true, false)));
}

TEST_CASE("1 of / all of with patterns and them", "[rules][condition]") {
  const std::string one =
      "id: r\ntitle: t\nexclude:\n"
      "  sel_file:\n    FileName: a\n"
      "  sel_device:\n    DeviceName: b\n"
      "  other:\n    MD5: c\n"
      "  condition: 1 of sel_*\n";
  CHECK(excludes(one, row(false, true, false)));
  CHECK_FALSE(excludes(one, row(false, false, true)));  // `other` is not in sel_*

  const std::string all =
      "id: r\ntitle: t\nexclude:\n"
      "  sel_file:\n    FileName: a\n"
      "  sel_device:\n    DeviceName: b\n"
      "  other:\n    MD5: c\n"
      "  condition: all of sel_* and not other\n";
  CHECK(excludes(all, row(true, true, false)));
  CHECK_FALSE(excludes(all, row(true, false, false)));
  CHECK_FALSE(excludes(all, row(true, true, true)));

  CHECK(excludes(rule("1 of them"), row(false, false, true)));
  CHECK_FALSE(excludes(rule("1 of them"), row(false, false, false, true)));  // _d is left out
  CHECK(excludes(rule("all of them"), row(true, true, true, false)));
  CHECK_FALSE(excludes(rule("all of them"), row(true, true, false, true)));
  CHECK(excludes(rule("1 of _*"), row(false, false, false, true)));
  CHECK(excludes(rule("not 1 of them"), row(false, false, false)));
  CHECK(excludes(rule("1 of *"), row(false, false, false, true)));  // a pattern, unlike `them`
}

TEST_CASE("one selection needs no condition", "[rules][condition]") {
  const std::string r = "id: r\ntitle: t\nexclude:\n  only:\n    FileName: a\n";
  CHECK(excludes(r, row(true, false, false)));
  CHECK_FALSE(excludes(r, row(false, true, true)));
}
