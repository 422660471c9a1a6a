// Scalar expressions: precedence (kql-semantics.md E-11, Kusto's QueryParser), names, calls,
// member and index chains, in/between.
#include <catch2/catch.hpp>

#include "kql_test_util.h"

using huntq::kql::test::dump_expr;
using huntq::kql::test::dump_query;
using huntq::kql::test::error_of;

TEST_CASE("expressions: or binds loosest, then and") {
  CHECK(dump_expr("a or b and c") == "(or (name a) (and (name b) (name c)))");
  // E-11's example: x == 1 and y == 2 or z == 3 is ((x==1) and (y==2)) or (z==3).
  CHECK(dump_expr("x == 1 and y == 2 or z == 3") ==
        "(or (and (== (name x) (long 1)) (== (name y) (long 2))) (== (name z) (long 3)))");
  CHECK(dump_expr("a or b or c") == "(or (or (name a) (name b)) (name c))");
  CHECK(dump_expr("(a or b) and c") == "(and (paren (or (name a) (name b))) (name c))");
}

TEST_CASE("expressions: equality below relational below additive below multiplicative") {
  CHECK(dump_expr("a < b == c") == "(== (< (name a) (name b)) (name c))");
  CHECK(dump_expr("a + 1 < b * 2") == "(< (+ (name a) (long 1)) (* (name b) (long 2)))");
  CHECK(dump_expr("a + b * c") == "(+ (name a) (* (name b) (name c)))");
  CHECK(dump_expr("a - b - c") == "(- (- (name a) (name b)) (name c))");
  CHECK(dump_expr("a % b / c") == "(/ (% (name a) (name b)) (name c))");
  CHECK(dump_expr("a <> b") == "(!= (name a) (name b))");
  CHECK(dump_expr("a != b") == "(!= (name a) (name b))");
  CHECK(dump_expr("a >= b") == "(>= (name a) (name b))");
}

TEST_CASE("expressions: string operators bind tighter than multiplicative") {
  CHECK(dump_expr("a * b has c") == "(* (name a) (has (name b) (name c)))");
  CHECK(dump_expr("a has b and c") == "(and (has (name a) (name b)) (name c))");
  CHECK(dump_expr("a == b has c") == "(== (name a) (has (name b) (name c)))");
  CHECK(dump_expr("a =~ b") == "(=~ (name a) (name b))");
  CHECK(dump_expr("a !~ b") == "(!~ (name a) (name b))");
  CHECK(dump_expr("a matches regex \"x\"") == "(matches-regex (name a) (string \"x\"))");
  CHECK(dump_expr("a !contains_cs \"x\"") == "(!contains_cs (name a) (string \"x\"))");
  CHECK(dump_expr("a containscs \"x\"") == "(contains_cs (name a) (string \"x\"))");
  CHECK(dump_expr("a notcontains \"x\"") == "(!contains (name a) (string \"x\"))");
  CHECK(dump_expr("a hasprefix_cs \"x\"") == "(hasprefix_cs (name a) (string \"x\"))");
  CHECK(dump_expr("a !hassuffix \"x\"") == "(!hassuffix (name a) (string \"x\"))");
  CHECK(dump_expr("a !startswith_cs \"x\"") == "(!startswith_cs (name a) (string \"x\"))");
  CHECK(dump_expr("a endswith_cs \"x\"") == "(endswith_cs (name a) (string \"x\"))");
  CHECK(dump_expr("a like \"x\"") == "(like (name a) (string \"x\"))");
}

TEST_CASE("expressions: equality, relational and string operators do not chain") {
  CHECK(error_of("print x = a == b == c") == "1:18: expected '|', ';' or end of query, found '=='");
  CHECK(error_of("print x = a < b < c") == "1:17: expected '|', ';' or end of query, found '<'");
  CHECK(error_of("print x = a has b has c") ==
        "1:19: expected '|', ';' or end of query, found 'has'");
}

TEST_CASE("expressions: unary signs apply to a primary, and join a number written against them") {
  CHECK(dump_expr("-a.b") == "(unary- (. (name a) b))");
  CHECK(dump_expr("+x") == "(unary+ (name x))");
  CHECK(dump_expr("-5 + 3") == "(+ (long -5) (long 3))");
  CHECK(dump_expr("- 5") == "(unary- (long 5))");
  CHECK(dump_expr("a - -5") == "(- (name a) (long -5))");
  CHECK(dump_expr("2 -1") == "(- (long 2) (long 1))");
  CHECK(dump_expr("-(a + b)") == "(unary- (paren (+ (name a) (name b))))");
  CHECK(error_of("print x = - -a") == "1:13: expected an expression, found '-'");
}

TEST_CASE("expressions: in-family right sides") {
  CHECK(dump_expr(R"(x in ("a", "b"))") == R"((in (name x) (list (string "a") (string "b"))))");
  CHECK(dump_expr("x !in~ (T | project y)") ==
        "(!in~ (name x) (list (pipe (name T) (project (name y)))))");
  CHECK(dump_expr("x in ((T | project y))") ==
        "(in (name x) (list (paren (pipe (name T) (project (name y))))))");
  CHECK(dump_expr("x in (myList)") == "(in (name x) (list (name myList)))");
  CHECK(dump_expr("x in~ (myList)") == "(in~ (name x) (list (name myList)))");
  CHECK(dump_expr("x !in (1)") == "(!in (name x) (list (long 1)))");
  CHECK(dump_expr(R"(x has_any (dynamic(["a"])))") ==
        R"((has_any (name x) (list (dynamic (array (string "a"))))))");
  CHECK(dump_expr(R"(x has_all ("a", "b"))") ==
        R"((has_all (name x) (list (string "a") (string "b"))))");
  CHECK(dump_expr("a in (1) and b") == "(and (in (name a) (list (long 1))) (name b))");
  CHECK(error_of("print x = a in b") == "1:16: expected '(' after 'in', found 'b'");
}

TEST_CASE("expressions: between") {
  CHECK(dump_expr("x between (1 .. 10)") == "(between (name x) (long 1) (long 10))");
  CHECK(dump_expr("t !between (ago(1d) .. now())") ==
        "(!between (name t) (call ago (timespan 864000000000)) (call now))");
  CHECK(dump_expr("StartTime between (datetime(2007-07-27) .. 3d)") ==
        "(between (name StartTime) (datetime \"2007-07-27\") (timespan 2592000000000))");
}

TEST_CASE("expressions: member access, index and their chains") {
  CHECK(dump_expr("x.a.b[0][\"c\"]") == "([] ([] (. (. (name x) a) b) (long 0)) (string \"c\"))");
  CHECK(dump_expr("x.['a b']") == "(. (name x) [\"a b\"])");
  CHECK(dump_expr("parse_json(f).ThreatName") == "(. (call parse_json (name f)) ThreatName)");
  CHECK(dump_expr("d[-1]") == "([] (name d) (long -1))");
  CHECK(dump_expr("d.type.count") == "(. (. (name d) type) count)");
  CHECK(dump_expr("$left.X == $right.Y") == "(== (. (name $left) X) (. (name $right) Y))");
  CHECK(dump_expr("p[\"Query Parameters\"].[param]") ==
        "([] ([] (name p) (string \"Query Parameters\")) (name param))");
}

TEST_CASE("expressions: names, bracketed names, star and typeof") {
  CHECK(dump_expr("['a b'] + [\"c\"]") == "(+ (name [\"a b\"]) (name [\"c\"]))");
  CHECK(dump_expr("['a' 'b']") == "(name [\"ab\"])");
  CHECK(dump_expr("typeof(string)") == "(typeof string)");
  CHECK(dump_expr("typeof(int64)") == "(typeof long)");
  CHECK(dump_query("T | where * has \"x\"") == "(pipe (name T) (where (has * (string \"x\"))))");
  CHECK(dump_query("T | where * == \"x\"") == "(pipe (name T) (where (== * (string \"x\"))))");
}

TEST_CASE("expressions: function calls and their arguments") {
  CHECK(dump_expr("arg_max(Timestamp, *)") == "(call arg_max (name Timestamp) *)");
  CHECK(dump_expr("count()") == "(call count)");
  CHECK(dump_expr("count(*)") == "(call count *)");
  CHECK(dump_expr("toscalar(T | summarize count())") ==
        "(call toscalar (pipe (name T) (summarize (aggregates (call count)))))");
  CHECK(dump_expr("materialize(T)") == "(call materialize (name T))");
  CHECK(dump_expr("f(x = 1, 2)") == "(call f (= x (long 1)) (long 2))");
  CHECK(dump_expr("not(a and b)") == "(call not (and (name a) (name b)))");
  CHECK(dump_expr("iff(a > 1, \"x\", \"y\")") ==
        "(call iff (> (name a) (long 1)) (string \"x\") (string \"y\"))");
  CHECK(dump_expr("cluster(\"c\").database(\"d\").T") ==
        "(. (call (receiver (call cluster (string \"c\"))) database (string \"d\")) T)");
  CHECK(dump_expr("range(1, 5, 1)") == "(call range (long 1) (long 5) (long 1))");
}

TEST_CASE("expressions: keywords are names where a name is expected") {
  CHECK(dump_query("T | project Type, count, kind, title, source, table, to, by, on, with, from, "
                   "step") ==
        "(pipe (name T) (project (name Type) (name count) (name kind) (name title) (name source) "
        "(name table) (name to) (name by) (name on) (name with) (name from) (name step)))");
  CHECK(dump_query("T | where count > 5 and kind == 'x'") ==
        "(pipe (name T) (where (and (> (name count) (long 5)) (== (name kind) (string \"x\")))))");
  CHECK(dump_query("T | extend kind = 1, title = 2") ==
        "(pipe (name T) (extend (= kind (long 1)) (= title (long 2))))");
  CHECK(dump_query("T | summarize count() by Type") ==
        "(pipe (name T) (summarize (aggregates (call count)) (by (name Type))))");
  CHECK(dump_query("T | where d.source == 1") ==
        "(pipe (name T) (where (== (. (name d) source) (long 1))))");
}
