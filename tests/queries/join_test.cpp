// join kinds on the examples of Microsoft's join-*.md pages (their output tables, checked by hand:
// rows compared as multisets, J-12), and innerunique's choice of left row (J-3).
#include <algorithm>
#include <catch2/catch.hpp>

#include "query_support.h"

using namespace huntq::testing;

namespace {

const std::string kXY = R"(
let X = datatable(Key:string, Value1:long) ['a',1, 'b',2, 'b',3, 'c',4];
let Y = datatable(Key:string, Value2:long) ['b',10, 'c',20, 'c',30, 'd',40];
)";

Rows sorted(Rows r) {
  std::sort(r.begin(), r.end());
  return r;
}

}  // namespace

TEST_CASE("join kind=leftouter (join-leftouter.md)") {
  const auto r = run_kql(kXY + "X | join kind=leftouter Y on Key");
  CHECK(r.columns ==
        std::vector<std::string>{"Key:string", "Value1:long", "Key1:string", "Value2:long"});
  CHECK(sorted(r.rows) == sorted({{"a", "1", "", "<null>"},
                                  {"b", "2", "b", "10"},
                                  {"b", "3", "b", "10"},
                                  {"c", "4", "c", "20"},
                                  {"c", "4", "c", "30"}}));
}

TEST_CASE("join kind=fullouter (join-fullouter.md)") {
  const auto r = run_kql(kXY + "X | join kind=fullouter Y on Key");
  CHECK(sorted(r.rows) == sorted({{"b", "3", "b", "10"},
                                  {"b", "2", "b", "10"},
                                  {"c", "4", "c", "20"},
                                  {"c", "4", "c", "30"},
                                  {"", "<null>", "d", "40"},
                                  {"a", "1", "", "<null>"}}));
}

TEST_CASE("join kind=rightouter (join-rightouter.md)") {
  const auto r = run_kql(kXY + "X | join kind=rightouter Y on Key");
  CHECK(sorted(r.rows) == sorted({{"b", "2", "b", "10"},
                                  {"b", "3", "b", "10"},
                                  {"c", "4", "c", "20"},
                                  {"c", "4", "c", "30"},
                                  {"", "<null>", "d", "40"}}));
}

TEST_CASE("semi and anti joins keep one side's columns (join-leftsemi.md and friends)") {
  auto ls = run_kql(kXY + "X | join kind=leftsemi Y on Key");
  CHECK(ls.columns == std::vector<std::string>{"Key:string", "Value1:long"});
  CHECK(sorted(ls.rows) == sorted({{"b", "2"}, {"b", "3"}, {"c", "4"}}));
  CHECK(run_kql(kXY + "X | join kind=leftanti Y on Key").rows == Rows{{"a", "1"}});
  CHECK(run_kql(kXY + "X | join kind=anti Y on Key").rows == Rows{{"a", "1"}});
  auto rs = run_kql(kXY + "X | join kind=rightsemi Y on Key");
  CHECK(rs.columns == std::vector<std::string>{"Key:string", "Value2:long"});
  CHECK(sorted(rs.rows) == sorted({{"b", "10"}, {"c", "20"}, {"c", "30"}}));
  // join-rightanti.md prints the header Key|Value1 over the row d|40; the binder (J-6) and the
  // row say the columns are the right side's.
  auto ra = run_kql(kXY + "X | join kind=rightanti Y on Key");
  CHECK(ra.columns == std::vector<std::string>{"Key:string", "Value2:long"});
  CHECK(ra.rows == Rows{{"d", "40"}});
}

TEST_CASE("join kind=inner is a per-key cross product (join-inner.md)") {
  const auto r = run_kql(R"(
let X = datatable(Key:string, Value1:long) ['a',1, 'b',2, 'b',3, 'k',5, 'c',4];
let Y = datatable(Key:string, Value2:long) ['b',10, 'c',20, 'c',30, 'd',40, 'k',50];
X | join kind=inner Y on Key)");
  CHECK(sorted(r.rows) == sorted({{"b", "3", "b", "10"},
                                  {"b", "2", "b", "10"},
                                  {"c", "4", "c", "20"},
                                  {"c", "4", "c", "30"},
                                  {"k", "5", "k", "50"}}));
}

TEST_CASE("the default join is innerunique and keeps the first left row per key (J-1, J-3)") {
  // join-innerunique.md: the deduplicated left side is (a,1), (b,2), (c,4).
  const Rows expected = {{"b", "2", "b", "10"}, {"c", "4", "c", "20"}, {"c", "4", "c", "30"}};
  CHECK(sorted(run_kql(kXY + "X | join Y on Key").rows) == sorted(expected));
  CHECK(sorted(run_kql(kXY + "X | join kind=innerunique Y on Key").rows) == sorted(expected));
  // Dedup happens after the left side's own filters: the first left row that passes them.
  CHECK(run_kql(kXY + "X | where Value1 > 2 | join Y on Key | where Key == 'b'").rows ==
        Rows{{"b", "3", "b", "10"}});
}

TEST_CASE("a where on left columns above innerunique moves below it, as Kusto's does") {
  // join-innerunique.md "Two possible outputs": with `| where value == "val1.2"` after the join
  // Kusto pushes the filter to the left side, so (b,3) represents key b here, not (b,2).
  CHECK(run_kql(kXY + "X | join Y on Key | where Value1 == 3").rows == Rows{{"b", "3", "b", "10"}});
  // A filter on right columns, or on both sides, does not change which left row is kept.
  CHECK(run_kql(kXY + "X | join Y on Key | where Value2 == 10").rows ==
        Rows{{"b", "2", "b", "10"}});
}

TEST_CASE("$left.A == $right.B keys and several keys (J-11)") {
  const auto r = run_kql(R"(
let L = datatable(a:string, b:long, v:string) ['x',1,'l1', 'x',2,'l2', 'y',1,'l3'];
let R = datatable(c:string, d:long, w:string) ['x',2,'r1', 'y',1,'r2', 'y',2,'r3'];
L | join kind=inner R on $left.a == $right.c, $left.b == $right.d)");
  CHECK(r.columns == std::vector<std::string>{"a:string", "b:long", "v:string", "c:string",
                                              "d:long", "w:string"});
  CHECK(sorted(r.rows) ==
        sorted({{"x", "2", "l2", "x", "2", "r1"}, {"y", "1", "l3", "y", "1", "r2"}}));
  // The reversed form names the same keys.
  CHECK(sorted(run_kql(R"(
let L = datatable(a:string, v:long) ['x',1];
let R = datatable(c:string, w:long) ['x',2];
L | join kind=inner R on $right.c == $left.a)")
                   .rows) == Rows{{"x", "1", "x", "2"}});
}

TEST_CASE("join keys compare by type and value, a real key is not cast (J-10)") {
  const auto r = run_kql(R"(
let L = datatable(k:real, v:string) [1.2,'a', 2.0,'b', real(nan),'n'];
let R = datatable(k:real, w:string) [1.9,'x', 2.0,'y', real(nan),'m'];
L | join kind=inner R on k)");
  CHECK(r.rows == Rows{{"2", "b", "2", "y"}});  // 1.2 does not join 1.9; NaN joins nothing
  // int and long keys are one type (J-10 promotes int to long).
  CHECK(run_kql(R"(
let L = datatable(k:int, v:string) [1,'a'];
let R = datatable(k:long, w:string) [1,'x'];
L | join kind=inner R on k)")
            .rows == Rows{{"1", "a", "1", "x"}});
}

TEST_CASE("joined names are made unique as Kusto's binder does (J-7)") {
  CHECK(run_kql(R"(
let L = datatable(k:string, k1:string) ['a','b'];
let R = datatable(k:string, rv:string) ['a','c'];
L | join kind=inner R on k)")
            .columns ==
        std::vector<std::string>{"k:string", "k1:string", "k2:string", "rv:string"});
}

TEST_CASE("lookup drops the right key columns (lookup-operator.md)") {
  const auto r = run_kql(R"(
let F = datatable(a:long, b:long) [1,2, 5,6];
let D = datatable(a:long, c:long) [1,3];
F | lookup D on a)");
  CHECK(r.columns == std::vector<std::string>{"a:long", "b:long", "c:long"});
  CHECK(r.rows == Rows{{"1", "2", "3"}, {"5", "6", "<null>"}});
  CHECK(run_kql(R"(
let F = datatable(a:long, b:long) [1,2, 5,6];
let D = datatable(a:long, c:long) [1,3];
F | lookup kind=inner D on a)")
            .rows == Rows{{"1", "2", "3"}});
}

TEST_CASE("join refuses dynamic keys and keys of different types") {
  CHECK_THROWS_WITH(run_kql("print a=1 | join (print a='x') on a"),
                    Catch::Contains("join keys of different types"));
  CHECK_THROWS_WITH(run_kql("print a=dynamic(1) | join (print a=dynamic(1)) on a"),
                    Catch::Contains("cannot be dynamic"));
}
