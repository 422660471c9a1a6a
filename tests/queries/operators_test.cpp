// Tabular operators on the examples of their Microsoft doc pages and the spec's rules
// (kql-semantics.md ids in the test names), compared with the published outputs.
#include <catch2/catch.hpp>

#include "query_support.h"

using namespace huntq::testing;
using Cols = std::vector<std::string>;

TEST_CASE("project-reorder (project-reorder-operator.md)") {
  auto r = run_kql("print a='a', b='b', c='c' | project-reorder b");
  CHECK(r.columns == Cols{"b:string", "a:string", "c:string"});
  CHECK(r.rows == Rows{{"b", "a", "c"}});
  r = run_kql("print b = 'b', a2='a2', a3='a3', a1='a1' | project-reorder a* asc");
  CHECK(r.columns == Cols{"a1:string", "a2:string", "a3:string", "b:string"});
}

TEST_CASE("project-rename keeps positions (P-4, project-rename-operator.md)") {
  auto r = run_kql("print a='a', b='b', c='c' | project-rename new_b=b, new_a=a");
  CHECK(r.columns == Cols{"new_a:string", "new_b:string", "c:string"});
  CHECK(r.rows == Rows{{"a", "b", "c"}});
}

TEST_CASE("project-away and project-keep with wildcards (P-3, P-6)") {
  auto r = run_kql("print session_id=1, session_title='t', other=2 | project-away session*");
  CHECK(r.columns == Cols{"other:long"});
  r = run_kql("print session_id=1, session_title='t', other=2 | project-keep session*");
  CHECK(r.columns == Cols{"session_id:long", "session_title:string"});
  CHECK_THROWS_WITH(run_kql("print a=1 | project-away b"), Catch::Contains("unknown column 'b'"));
  CHECK(run_kql("print a=1 | project-away b*").columns ==
        Cols{"a:long"});  // a pattern may match nothing
}

TEST_CASE("extend replaces an existing column in place (P-1)") {
  auto r = run_kql("datatable(a:long,b:long,c:long)[1,2,3] | extend b = 99, z = 7");
  CHECK(r.columns == Cols{"a:long", "b:long", "c:long", "z:long"});
  CHECK(r.rows == Rows{{"1", "99", "3", "7"}});
}

TEST_CASE("project orders and names columns (P-2)") {
  auto r = run_kql("print a=1,b=2,c=3 | project c, x=a");
  CHECK(r.columns == Cols{"c:long", "x:long"});
  CHECK(r.rows == Rows{{"3", "1"}});
  CHECK_THROWS_WITH(run_kql("print x=1 | project x, x"), Catch::Contains("already declared"));
}

TEST_CASE("sort puts nulls first ascending and last descending (S-1, S-2)") {
  const std::string t = "datatable(x:long)[3, long(null), 1]";
  CHECK(run_kql(t + " | sort by x asc").rows == Rows{{"<null>"}, {"1"}, {"3"}});
  CHECK(run_kql(t + " | sort by x desc").rows == Rows{{"3"}, {"1"}, {"<null>"}});
  CHECK(run_kql(t + " | sort by x").rows == Rows{{"3"}, {"1"}, {"<null>"}});
  CHECK(run_kql(t + " | sort by x desc nulls first").rows == Rows{{"<null>"}, {"3"}, {"1"}});
  CHECK(run_kql(t + " | order by x asc nulls last").rows == Rows{{"1"}, {"3"}, {"<null>"}});
}

TEST_CASE("NaN sorts beside null, null outermost (S-3)") {
  const std::string t =
      "datatable(x:real)[5.0, real(null), real(nan), real(-inf), 0.0, -5.0, real(+inf)]";
  CHECK(run_kql(t + " | sort by x asc").rows ==
        Rows{{"<null>"}, {"NaN"}, {"-Infinity"}, {"-5"}, {"0"}, {"5"}, {"Infinity"}});
  CHECK(run_kql(t + " | sort by x desc").rows ==
        Rows{{"Infinity"}, {"5"}, {"0"}, {"-5"}, {"-Infinity"}, {"NaN"}, {"<null>"}});
  CHECK(run_kql(t + " | sort by x asc nulls last").rows ==
        Rows{{"-Infinity"}, {"-5"}, {"0"}, {"5"}, {"Infinity"}, {"NaN"}, {"<null>"}});
  CHECK(run_kql(t + " | sort by x desc nulls first").rows ==
        Rows{{"<null>"}, {"NaN"}, {"Infinity"}, {"5"}, {"0"}, {"-5"}, {"-Infinity"}});
}

TEST_CASE("sort keeps input order among ties, by several keys (S-4, our rule)") {
  auto r = run_kql("datatable(k:long, v:string)[1,'a', 2,'b', 1,'c', 2,'d'] | sort by k asc");
  CHECK(r.rows == Rows{{"1", "a"}, {"1", "c"}, {"2", "b"}, {"2", "d"}});
  r = run_kql("datatable(k:long, v:string)[1,'a', 2,'b', 1,'c'] | sort by k asc, v desc");
  CHECK(r.rows == Rows{{"1", "c"}, {"1", "a"}, {"2", "b"}});
}

TEST_CASE("take and top (S-6, S-7)") {
  const std::string t = "datatable(x:long)[5, 1, 4, 2, 3]";
  CHECK(run_kql(t + " | take 2").rows == Rows{{"5"}, {"1"}});  // input order: our rule
  CHECK(run_kql(t + " | limit 0").rows.empty());
  CHECK(run_kql(t + " | top 2 by x").rows == Rows{{"5"}, {"4"}});
  CHECK(run_kql(t + " | top 2 by x asc").rows == Rows{{"1"}, {"2"}});
  CHECK(run_kql(t + " | sort by x asc | take 3").rows == Rows{{"1"}, {"2"}, {"3"}});
}

TEST_CASE("union by column name, type clashes suffixed (union-operator.md)") {
  auto r = run_kql(R"(
let View_1 = view () { print x=1 };
let View_2 = view () { print x=int(2) };
union withsource=TableName View_1, View_2)");
  CHECK(r.columns == Cols{"TableName:string", "x_long:long", "x_int:int"});
  CHECK(r.rows == Rows{{"View_1", "1", "<null>"}, {"View_2", "<null>", "2"}});
  r = run_kql("print a=1 | union (print b='x')");
  CHECK(r.columns == Cols{"a:long", "b:string"});
  CHECK(r.rows == Rows{{"1", ""}, {"<null>", "x"}});
  r = run_kql("union kind=inner (print a=1, b=2), (print a=3, c=4)");
  CHECK(r.columns == Cols{"a:long"});
  CHECK(r.rows == Rows{{"1"}, {"3"}});
}

TEST_CASE("mv-expand arrays, bags and in parallel (mv-expand-operator.md)") {
  auto r = run_kql(R"(datatable (a: int, b: dynamic)
[1, dynamic([10, 20]), 2, dynamic(['a', 'b'])] | mv-expand b)");
  CHECK(r.columns == Cols{"a:int", "b:dynamic"});
  CHECK(r.rows == Rows{{"1", "10"}, {"1", "20"}, {"2", "\"a\""}, {"2", "\"b\""}});
  r = run_kql(R"(datatable (a: int, b: dynamic)
[1, dynamic({"prop1": "a1", "prop2": "b1"}), 2, dynamic({"prop1": "a2", "prop2": "b2"})]
| mv-expand b)");
  CHECK(r.rows == Rows{{"1", R"({"prop1":"a1"})"},
                       {"1", R"({"prop2":"b1"})"},
                       {"2", R"({"prop1":"a2"})"},
                       {"2", R"({"prop2":"b2"})"}});
  r = run_kql(R"(datatable (a: int, b: dynamic)
[1, dynamic({"prop1": "a1", "prop2": "b1"})] | mv-expand kind=array b)");
  CHECK(r.rows == Rows{{"1", R"(["prop1","a1"])"}, {"1", R"(["prop2","b1"])"}});
  // Zipped: the shorter array gives nulls.
  r = run_kql(R"(datatable (a: int, b: dynamic, c: dynamic)
[1, dynamic({"prop1": "a", "prop2": "b"}), dynamic([5, 4, 3])] | mv-expand b, c)");
  CHECK(r.rows ==
        Rows{{"1", R"({"prop1":"a"})", "5"}, {"1", R"({"prop2":"b"})", "4"}, {"1", "<null>", "3"}});
  // with_itemindex, to typeof, limit; an empty array makes no row, null makes one.
  r = run_kql(
      R"(datatable(a:long, b:dynamic)[1, dynamic([10,20,30]), 2, dynamic([]), 3, dynamic(null)]
| mv-expand with_itemindex=i b to typeof(long) limit 2)");
  CHECK(r.columns == Cols{"a:long", "b:long", "i:long"});
  CHECK(r.rows == Rows{{"1", "10", "0"}, {"1", "20", "1"}, {"3", "<null>", "0"}});
}

TEST_CASE("parse, simple and regex kinds (parse-operator.md)") {
  auto r = run_kql(R"q(
let Leads=datatable(Contacts: string)
["Event: LeadContact (email=john@contosohotel.com, Website=https:contosohotel.com)",
 "Event: LeadContact (email=abi@fourthcoffee.com, Website=https:www.fourthcoffee.com)"];
Leads
| parse Contacts with * "email=" alias:string "@" domain: string ", Website=https:" WebsiteDomain: string ")"
| project EmailAlias=alias, domain, WebsiteDomain)q");
  CHECK(r.rows == Rows{{"john", "contosohotel.com", "contosohotel.com"},
                       {"abi", "fourthcoffee.com", "www.fourthcoffee.com"}});
  r = run_kql(
      R"q(print s = "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=23)"
| parse s with * "resourceName=" resourceName ", totalSlices=" totalSlices: long * "sliceNumber=" sliceNumber: long ")"
| project resourceName, totalSlices, sliceNumber)q");
  CHECK(r.columns == Cols{"resourceName:string", "totalSlices:long", "sliceNumber:long"});
  CHECK(r.rows == Rows{{"PipelineScheduler", "27", "23"}});
  // A row that does not match gets nulls ("" for strings).
  r = run_kql(R"(print s="no match here" | parse s with "a=" v:long | project v)");
  CHECK(r.rows == Rows{{"<null>"}});
  r = run_kql(R"(print s="x=12;y=ab" | parse kind=regex s with "x=" x:long ";y=" y:string)");
  CHECK(r.rows == Rows{{"x=12;y=ab", "12", "ab"}});
}

TEST_CASE("range over numbers and datetimes (range-operator.md)") {
  CHECK(run_kql("range x from 1 to 5 step 2").rows == Rows{{"1"}, {"3"}, {"5"}});
  CHECK(run_kql("range x from 5 to 1 step -2").rows == Rows{{"5"}, {"3"}, {"1"}});
  auto r = run_kql("range Time from datetime(2024-01-01) to datetime(2024-01-03) step 1d");
  CHECK(r.columns == Cols{"Time:datetime"});
  CHECK(r.rows ==
        Rows{{"2024-01-01T00:00:00Z"}, {"2024-01-02T00:00:00Z"}, {"2024-01-03T00:00:00Z"}});
  CHECK_THROWS_WITH(run_kql("range x from 1 to 1000000000000 step 1"),
                    Catch::Contains("'range' would make over a billion rows"));
}

TEST_CASE("getschema (getschema-operator.md)") {
  auto r = run_kql("datatable(StartTime:datetime, EpisodeId:int, State:string)[] | getschema");
  CHECK(r.columns ==
        Cols{"ColumnName:string", "ColumnOrdinal:long", "DataType:string", "ColumnType:string"});
  CHECK(r.rows == Rows{{"StartTime", "0", "System.DateTime", "datetime"},
                       {"EpisodeId", "1", "System.Int32", "int"},
                       {"State", "2", "System.String", "string"}});
}

TEST_CASE("distinct keeps first appearances in input order") {
  auto r = run_kql("datatable(a:string, b:long)['x',1, 'y',2, 'x',1, 'x',3] | distinct a, b");
  CHECK(r.rows == Rows{{"x", "1"}, {"y", "2"}, {"x", "3"}});
  CHECK(run_kql("datatable(a:string)['x','y','x'] | distinct *").rows == Rows{{"x"}, {"y"}});
}

TEST_CASE("print names unnamed columns print_N (Kusto.Language)") {
  auto r = run_kql("let x = 1; print x, 2, y = 3");
  CHECK(r.columns == Cols{"print_0:long", "print_1:long", "y:long"});
}

TEST_CASE("let, views, functions with parameters and invoke (L-1)") {
  auto r = run_kql(R"(
let T = datatable(a:long, b:string)[1,'x', 2,'y'];
let pick = (t:(a:long), n:long) { t | take n };
let first = view () { T | take 1 };
union (pick(T, 2) | project a), (first | project a), (T | invoke pick(1) | project a))");
  CHECK(r.rows == Rows{{"1"}, {"2"}, {"1"}, {"1"}});
  CHECK_THROWS_WITH(run_kql("let f = (x:long) { x }; print f('a')"),
                    Catch::Contains("is string, not long"));
}

TEST_CASE("materialize runs its table once and shares it") {
  auto r = run_kql(R"(
let M = materialize(datatable(a:long)[1, 2, 3]);
M | join kind=inner (M) on a | project a, a1)");
  CHECK(r.rows == Rows{{"1", "1"}, {"2", "2"}, {"3", "3"}});
}

TEST_CASE("refusals name the construct and its place") {
  CHECK_THROWS_WITH(run_kql("print a=1 | evaluate pivot(a)"),
                    Catch::Contains("test.kql:1:22: 'evaluate pivot' is not supported"));
  CHECK_THROWS_WITH(run_kql("print x = FileProfile(1)"),
                    Catch::Contains("needs the Defender cloud"));
  CHECK_THROWS_WITH(run_kql("print x = no_such_fn(1)"),
                    Catch::Contains("'no_such_fn()' is not supported"));
  CHECK_THROWS_WITH(run_kql("print a=1 | project b"),
                    Catch::Contains("unknown column or name 'b'"));
}

TEST_CASE("union: a made-up name_type that a leg's own column has takes a number") {
  // union-operator.md "Source columns types mismatch": View_1's x becomes x_long1 because
  // View_3 brings its own x_long.
  auto r = run_kql(R"(
let View_1 = view () { print x=1 };
let View_2 = view () { print x=toint(2) };
let View_3 = view () { print x_long=3 };
union withsource=TableName View_1, View_2, View_3)");
  CHECK(r.columns == Cols{"TableName:string", "x_long1:long", "x_int:int", "x_long:long"});
  CHECK(r.rows == Rows{{"View_1", "1", "<null>", "<null>"},
                       {"View_2", "<null>", "2", "<null>"},
                       {"View_3", "<null>", "<null>", "3"}});
}

TEST_CASE("parse kind=regex: string columns are greedy, flags=U makes them lazy") {
  // parse-operator.md "Regex mode with regex flags": without U the column runs to the last ','.
  const std::string t = R"(print s="a=1, b=2, c=3" | parse kind=regex )";
  CHECK(run_kql(t + R"(s with "a=" v ',' * | project v)").rows == Rows{{"1, b=2"}});
  CHECK(run_kql(t + R"(flags=U s with "a=" v ',' * | project v)").rows == Rows{{"1"}});
  CHECK(run_kql(t + R"(flags=Ui s with "A=" v ',' * | project v)").rows == Rows{{"1"}});
  // In simple mode a column that does not end the pattern stops at the first delimiter.
  CHECK(run_kql(R"(print s="a=1, b=2, c=3" | parse s with "a=" v ',' * | project v)").rows ==
        Rows{{"1"}});
}

TEST_CASE("parse kind=regex: the pattern's own groups may capture") {
  // parse-operator.md "Regex mode": `"(.*?)[a-zA-Z]*=" resourceName` and `(previous)?`.
  auto r = run_kql(
      R"(print s="x: name=abc, n=12, previousT=z" | parse kind=regex s with "(.*?)[a-z]*=" name ", n=" n:long ".*?(previous)?T=" t | project name, n, t)");
  CHECK(r.rows == Rows{{"abc", "12", "z"}});
}

TEST_CASE("parse: typed datetime columns read todatetime()'s forms, around whitespace") {
  // parse-operator.md's `releaseTime: date` over `02/17/2016 08:40:01`; with flags=s a column
  // ending at a line break.
  auto r = run_kql(
      R"(print s="t=02/17/2016 08:40:01, u=1" | parse s with "t=" t:date ", u=" u:long | project t, u)");
  CHECK(r.rows == Rows{{"2016-02-17T08:40:01Z", "1"}});
  r = run_kql(
      R"(print s="t=02/17/2016 08:40:01\nu=1" | parse kind=regex flags=s s with "t=" t:datetime "(.*?)u=" u:long | project t)");
  CHECK(r.rows == Rows{{"2016-02-17T08:40:01Z"}});
  // A typed column that does not convert still fails the whole match.
  r = run_kql(R"(print s="t=soon, u=1" | parse s with "t=" t:date ", u=" u:long | project t, u)");
  CHECK(r.rows == Rows{{"<null>", "<null>"}});
}

TEST_CASE("bag_unpack: replace_source keeps the replaced column's place, prefixes apply") {
  // bag-unpack-plugin.md: `Name` stays first and takes the bag's values (empty when absent).
  auto r = run_kql(R"(
datatable(Name:string, d:dynamic)['James', dynamic({"Name": "John", "Age":20}), 'David', dynamic({"Age":40})]
| evaluate bag_unpack(d, columnsConflict='replace_source'))");
  CHECK(r.columns == Cols{"Name:string", "Age:long"});
  CHECK(r.rows == Rows{{"John", "20"}, {"", "40"}});
  r = run_kql(R"(
datatable(p_a:long, d:dynamic)[1, dynamic({"a": 2, "b": 3})]
| evaluate bag_unpack(d, 'p_', 'replace_source'))");
  CHECK(r.columns == Cols{"p_a:long", "p_b:long"});
  CHECK(r.rows == Rows{{"2", "3"}});
  CHECK_THROWS_WITH(run_kql(R"(
datatable(a:long, d:dynamic)[1, dynamic({"a": 2})] | evaluate bag_unpack(d))"),
                    Catch::Contains("is also a column"));
}

TEST_CASE("count(x) counts rows, nulls included (summarize-operator.md)") {
  auto r = run_kql(R"(
range x from 1 to 2 step 1
| extend y = iff(x == 1, real(null), real(5))
| summarize count(y), count())");
  CHECK(r.columns == Cols{"count_y:long", "count_:long"});
  CHECK(r.rows == Rows{{"2", "2"}});
}

TEST_CASE("pack_all(true) leaves out null and empty cells (pack-all-function.md)") {
  auto r = run_kql(R"(
datatable(s:string, n:long, d:dynamic)['', 1, dynamic(null), 'x', long(null), dynamic([])]
| project all = pack_all(), some = pack_all(true))");
  CHECK(r.rows == Rows{{R"({"s":"","n":1,"d":null})", R"({"n":1})"},
                       {R"({"s":"x","n":null,"d":[]})", R"({"s":"x","d":[]})"}});
  CHECK_THROWS_WITH(run_kql("print a=1 | extend b = pack_all(1)"),
                    Catch::Contains("ignore_null_empty is a bool"));
}

TEST_CASE("a let in a function body may use the row-valued parameters") {
  // parse-url-query-function.md: `let params = parse_urlquery(querystring);` in a function.
  auto r = run_kql(R"(
let f = (s:string) { let n = strlen(s); n * 2 };
datatable(s:string)['ab', 'abcd'] | extend m = f(s))");
  CHECK(r.rows == Rows{{"ab", "4"}, {"abcd", "8"}});
  CHECK_THROWS_WITH(run_kql("let r = rand(); print r"),
                    Catch::Contains("must not depend on a row"));
}

TEST_CASE("parse over a short string (kept inside its value) gives its text") {
  // The captures point into the source text; growing the row after matching moved a short
  // string and left them dangling (the first column read "\0").
  CHECK(run_kql("print s='a,b' | parse s with x ',' y").rows == Rows{{"a,b", "a", "b"}});
  CHECK(run_kql("print s='xy,b' | parse kind=regex s with x ',' y").rows ==
        Rows{{"xy,b", "xy", "b"}});
}
