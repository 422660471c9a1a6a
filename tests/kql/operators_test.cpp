// Tabular operators: each parsed into its node with all its parts.
#include <catch2/catch.hpp>

#include "kql_test_util.h"

using huntq::kql::test::dump_query;
using huntq::kql::test::error_of;

TEST_CASE("operators: where and filter") {
  CHECK(dump_query("T | where a > 1") == "(pipe (name T) (where (> (name a) (long 1))))");
  CHECK(dump_query("T | filter a > 1") == "(pipe (name T) (filter (> (name a) (long 1))))");
  CHECK(dump_query("T | where a | where b") ==
        "(pipe (pipe (name T) (where (name a))) (where (name b)))");
}

TEST_CASE("operators: extend items, named, unnamed and tuples") {
  CHECK(dump_query("T | extend A = 1, B, (C, D) = f(x)") ==
        "(pipe (name T) (extend (= A (long 1)) (name B) (= (C D) (call f (name x)))))");
  CHECK(dump_query("T | extend ['a b'] = 1") == "(pipe (name T) (extend (= [\"a b\"] (long 1))))");
}

TEST_CASE("operators: project and its variants") {
  CHECK(dump_query("T | project a, b = c + 1, ['x y']") ==
        "(pipe (name T) (project (name a) (= b (+ (name c) (long 1))) (name [\"x y\"])))");
  CHECK(dump_query("T | project-away MD51, Init*, ['a b'], *Id") ==
        "(pipe (name T) (project-away MD51 Init* [\"a b\"] *Id))");
  CHECK(dump_query("T | project-keep a, Dev*ce*") == "(pipe (name T) (project-keep a Dev*ce*))");
  CHECK(dump_query("T | project-rename New = Old, ['n 2'] = ['o 2']") ==
        "(pipe (name T) (project-rename (= New Old) (= [\"n 2\"] [\"o 2\"])))");
  CHECK(dump_query("T | project-reorder b, a* asc, c desc, d granny-asc") ==
        "(pipe (name T) (project-reorder b (asc a*) (desc c) (granny-asc d)))");
}

TEST_CASE("operators: summarize with hints, named and tuple aggregates, named by items") {
  CHECK(dump_query("T | summarize hint.strategy=shuffle Count = count(), dcount(x) by Day = "
                   "bin(Timestamp, 1d), DeviceName") ==
        "(pipe (name T) (summarize (params (hint.strategy (name shuffle))) (aggregates (= Count "
        "(call count)) (call dcount (name x))) (by (= Day (call bin (name Timestamp) (timespan "
        "864000000000))) (name DeviceName))))");
  CHECK(dump_query("T | summarize (Time, Id) = arg_max(Timestamp, ReportId) by DeviceId") ==
        "(pipe (name T) (summarize (aggregates (= (Time Id) (call arg_max (name Timestamp) (name "
        "ReportId)))) (by (name DeviceId))))");
  CHECK(dump_query("T | summarize by x") ==
        "(pipe (name T) (summarize (aggregates) (by (name x))))");
  CHECK(dump_query("T | summarize arg_max(Timestamp, *) by DeviceId") ==
        "(pipe (name T) (summarize (aggregates (call arg_max (name Timestamp) *)) (by (name "
        "DeviceId))))");
  CHECK(dump_query("T | summarize") == "(pipe (name T) (summarize (aggregates)))");
}

TEST_CASE("operators: join with params, right sides and on conditions as written") {
  CHECK(dump_query("A | join kind=leftouter hint.strategy=broadcast (B | where x) on $left.a == "
                   "$right.b, c and $right.d == $left.e") ==
        "(pipe (name A) (join (params (kind (name leftouter)) (hint.strategy (name broadcast))) "
        "(paren (pipe (name B) (where (name x)))) (on (== (. (name $left) a) (. (name $right) b)) "
        "(name c) (== (. (name $right) d) (. (name $left) e)))))");
  CHECK(dump_query("A | join B on Id") == "(pipe (name A) (join (name B) (on (name Id))))");
  CHECK(dump_query("A | join (B) on (Id)") ==
        "(pipe (name A) (join (paren (name B)) (on (paren (name Id)))))");
  CHECK(
      dump_query("A | lookup kind=leftouter (B) on Id") ==
      "(pipe (name A) (lookup (params (kind (name leftouter))) (paren (name B)) (on (name Id))))");
  CHECK(error_of("A | join kind=inner (B) where x == 1") ==
        "1:25: 'join ... where' is not supported");
  CHECK(error_of("A | lookup B") == "1:13: expected 'on' and the lookup keys, found end of query");
}

TEST_CASE("operators: union as a source and piped") {
  CHECK(dump_query("union kind=outer withsource=SourceTable isfuzzy=true DeviceProcessEvents, "
                   "Device*Events, (T | take 1)") ==
        "(operator (union (params (kind (name outer)) (withsource (name SourceTable)) (isfuzzy "
        "(bool true))) (name DeviceProcessEvents) (wildcard Device*Events) (paren (pipe (name T) "
        "(take (long 1))))))");
  CHECK(dump_query("T | union U, V") == "(pipe (name T) (union (name U) (name V)))");
  CHECK(dump_query("union Device*") == "(operator (union (wildcard Device*)))");
}

TEST_CASE("operators: sort, top, take") {
  CHECK(dump_query("T | order by a asc nulls first, b desc, c nulls last, d") ==
        "(pipe (name T) (order (by (asc (name a) nulls-first) (desc (name b)) (default (name c) "
        "nulls-last) (name d))))");
  CHECK(dump_query("T | sort by Timestamp desc") ==
        "(pipe (name T) (sort (by (desc (name Timestamp)))))");
  CHECK(dump_query("T | top 10 by Timestamp desc nulls last") ==
        "(pipe (name T) (top (long 10) (by (desc (name Timestamp) nulls-last))))");
  CHECK(dump_query("T | take 5 | limit 3") ==
        "(pipe (pipe (name T) (take (long 5))) (limit (long 3)))");
  CHECK(error_of("T | sort x") == "1:10: expected 'by' after 'sort', found 'x'");
}

TEST_CASE("operators: distinct and count") {
  CHECK(dump_query("T | distinct a, b") == "(pipe (name T) (distinct (name a) (name b)))");
  CHECK(dump_query("T | distinct *") == "(pipe (name T) (distinct *))");
  CHECK(dump_query("T | count") == "(pipe (name T) (count))");
  CHECK(dump_query("T | count as N") == "(pipe (name T) (count (as N)))");
}

TEST_CASE("operators: mv-expand and legacy mvexpand") {
  CHECK(dump_query("T | mv-expand kind=array with_itemindex=Idx bagexpansion=bag Values = "
                   "AdditionalFields.x to typeof(string), y limit 100") ==
        "(pipe (name T) (mv-expand (params (kind (name array)) (with_itemindex (name Idx)) "
        "(bagexpansion (name bag))) (to-typeof string (= Values (. (name AdditionalFields) x))) "
        "(name y) (limit (long 100))))");
  CHECK(dump_query("T | mvexpand x") == "(pipe (name T) (mvexpand (name x)))");
}

TEST_CASE("operators: parse with a pattern of strings, stars and typed columns") {
  CHECK(dump_query("T | parse kind=regex flags=Ui Cmd with * \"user=\" User:string \" id=\" "
                   "Id:long *") ==
        "(pipe (name T) (parse (params (kind (name regex)) (flags (name Ui))) (name Cmd) (with * "
        "\"user=\" (column User string) \" id=\" (column Id long) *)))");
  CHECK(dump_query("T | parse Url with \"https://\" Domain \"/\" *") ==
        "(pipe (name T) (parse (name Url) (with \"https://\" (column Domain) \"/\" *)))");
}

TEST_CASE("operators: serialize, getschema, evaluate, render, invoke, as") {
  CHECK(dump_query("T | serialize") == "(pipe (name T) (serialize))");
  CHECK(dump_query("T | serialize rn = row_number()") ==
        "(pipe (name T) (serialize (= rn (call row_number))))");
  CHECK(dump_query("T | getschema") == "(pipe (name T) (getschema))");
  CHECK(dump_query("T | evaluate bag_unpack(col, 'prefix_')") ==
        "(pipe (name T) (evaluate (call bag_unpack (name col) (string \"prefix_\"))))");
  CHECK(dump_query("T | render timechart with (title=\"x\", ycolumns=a,b)") ==
        "(pipe (name T) (render timechart (properties \"with (title=\\\"x\\\", ycolumns=a,b)\")))");
  CHECK(dump_query("T | render columnchart") == "(pipe (name T) (render columnchart))");
  CHECK(dump_query("T | invoke FileProfile(SHA1, 1000)") ==
        "(pipe (name T) (invoke (call FileProfile (name SHA1) (long 1000))))");
  CHECK(dump_query("T | as hint.materialized=true X") ==
        "(pipe (name T) (as (params (hint.materialized (bool true))) X))");
}

TEST_CASE("operators: print, range and datatable start a pipeline") {
  CHECK(dump_query("print a = 1, \"x\"") == "(operator (print (= a (long 1)) (string \"x\")))");
  CHECK(dump_query("range x from 1 to 10 step 2") ==
        "(operator (range x (long 1) (long 10) (long 2)))");
  CHECK(dump_query("datatable(a:string, b:long) [\"x\", 1, 'y', -2, ]") ==
        "(datatable (columns (a string) (b long)) (values (string \"x\") (long 1) (string \"y\") "
        "(long -2)))");
  CHECK(dump_query("datatable(d:dynamic, t:datetime) [dynamic({}), datetime(null)] | take 1") ==
        "(pipe (datatable (columns (d dynamic) (t datetime)) (values (dynamic (object)) (datetime "
        "null))) (take (long 1)))");
  CHECK(dump_query("table(\"x\") | take 1") ==
        "(pipe (call table (string \"x\")) (take (long 1)))");
}

TEST_CASE("operators: unsupported operators are refused by name where they are written") {
  CHECK(error_of("T | make-series count() on Timestamp step 1d") ==
        "1:5: 'make-series' is not supported");
  CHECK(error_of("T | top-nested 3 of x by count()") == "1:5: 'top-nested' is not supported");
  CHECK(error_of("T | top-hitters 3 of x") == "1:5: 'top-hitters' is not supported");
  CHECK(error_of("T | sample 10") == "1:5: 'sample' is not supported");
  CHECK(error_of("T | sample-distinct 10 of x") == "1:5: 'sample-distinct' is not supported");
  CHECK(error_of("T | mv-apply x on (take 1)") == "1:5: 'mv-apply' is not supported");
  CHECK(error_of("T | partition by x (take 1)") == "1:5: 'partition' is not supported");
  CHECK(error_of("T | fork (take 1)") == "1:5: 'fork' is not supported");
  CHECK(error_of("T | facet by x") == "1:5: 'facet' is not supported");
  CHECK(error_of("T | scan with (step s: true;)") == "1:5: 'scan' is not supported");
  CHECK(error_of("T | reduce by x") == "1:5: 'reduce' is not supported");
  CHECK(error_of("T | project-smart") == "1:5: 'project-smart' is not supported");
  CHECK(error_of("T | consume") == "1:5: 'consume' is not supported");
  CHECK(error_of("T | parse-where x with * \"a\" y") == "1:5: 'parse-where' is not supported");
  CHECK(error_of("search \"x\"") == "1:1: 'search' is not supported");
  CHECK(error_of("T | search \"x\"") == "1:5: 'search' is not supported");
  CHECK(error_of("find where x == 1") == "1:1: 'find' is not supported");
  CHECK(error_of("let x = externaldata(a:string) [@\"https://x\"];") ==
        "1:9: 'externaldata' is not supported");
  CHECK(error_of("union *, database(\"DB1\").T*") == "1:26: '.T*' is not supported");
  CHECK(error_of(".create table T (a:string)") ==
        "1:1: '.create' is not supported (control commands)");
  CHECK(error_of("T | evaluate r(typeof(*, fx:double), 'x')") ==
        "1:16: 'typeof(...) with a column list' is not supported");
  CHECK(error_of("let g = entity_group [cluster('c').database('d')];") ==
        "1:9: 'entity_group' is not supported");
  CHECK(error_of("T | foo") == "1:5: unknown query operator 'foo'");
  CHECK(error_of("T | where") == "1:10: expected a predicate after 'where', found end of query");
  CHECK(error_of("where x > 1") == "1:1: 'where' needs an input: write 'Table | where ...'");
}
