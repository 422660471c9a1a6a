// Statements: let (values, functions, views), set, declare query_parameters, queries.
#include <catch2/catch.hpp>

#include "kql_test_util.h"

using namespace huntq::kql;
using huntq::kql::test::dump_script;
using huntq::kql::test::error_of;
using huntq::kql::test::parse;

TEST_CASE("statements: let values, scalar or tabular, then the query") {
  CHECK(dump_script("let x = 5; T | where a == x") ==
        "(script (let x (long 5)) (query (pipe (name T) (where (== (name a) (name x))))))");
  CHECK(dump_script("let T2 = T | where x; T2") ==
        "(script (let T2 (pipe (name T) (where (name x)))) (query (name T2)))");
  CHECK(dump_script("let ['a b'] = 1; print ['a b']") ==
        "(script (let [\"a b\"] (long 1)) (query (operator (print (name [\"a b\"])))))");
  CHECK(dump_script("let m = materialize(T | take 1); m") ==
        "(script (let m (call materialize (pipe (name T) (take (long 1))))) (query (name m)))");
}

TEST_CASE("statements: separators, trailing semicolons, lets only, several queries") {
  CHECK(dump_script("T;") == "(script (query (name T)))");
  CHECK(dump_script("let a = 1;") == "(script (let a (long 1)))");
  CHECK(dump_script("let a = 1; ;") == "(script (let a (long 1)))");
  CHECK(dump_script("T; U") == "(script (query (name T)) (query (name U)))");
  CHECK(dump_script("") == "(script)");
  CHECK(dump_script("// only a comment\n") == "(script)");
  CHECK(error_of("let x = 1 T") == "1:11: expected ';' after the statement, found 'T'");
}

TEST_CASE("statements: user functions with typed, defaulted and tabular parameters") {
  CHECK(dump_script("let f = (a:string, b:long = 5, T:(*), U:(x:string)) { let y = a; T | where "
                    "b > 1 };") ==
        "(script (let f (function (params (param a string) (param b long (default (long 5))) "
        "(param T (table *)) (param U (table (x string)))) (body (let y (name a)) (pipe (name T) "
        "(where (> (name b) (long 1))))))))");
  CHECK(dump_script("let g = () { 1 }; print g()") ==
        "(script (let g (function (params) (body (long 1)))) (query (operator (print (call "
        "g)))))");
  CHECK(dump_script("let h = (d:dynamic = dynamic(null), s:string = 'x') { d };") ==
        "(script (let h (function (params (param d dynamic (default (dynamic (dynamic null)))) "
        "(param s string (default (string \"x\")))) (body (name d)))))");
  CHECK(dump_script("let v = view () { T | take 1 };") ==
        "(script (let v (view (params) (body (pipe (name T) (take (long 1)))))))");
  CHECK(dump_script("let f = (n:int64, t:timespan) { n; };") ==
        "(script (let f (function (params (param n long) (param t timespan)) (body (name n)))))");
}

TEST_CASE("statements: set and declare query_parameters") {
  CHECK(dump_script("set notruncation; set query_now = datetime(2020-01-01); T") ==
        "(script (set notruncation) (set query_now (datetime \"2020-01-01\")) (query (name T)))");
  CHECK(dump_script("declare query_parameters(x:string = \"a\", n:long); T") ==
        "(script (query_parameters (param x string (default (string \"a\"))) (param n long)) "
        "(query (name T)))");
  CHECK(error_of("declare pattern p;") == "1:1: 'declare pattern' is not supported");
  CHECK(error_of("alias database db = cluster('c').database('d');") ==
        "1:1: 'alias database' is not supported");
  CHECK(error_of("restrict access to (T);") == "1:1: 'restrict access' is not supported");
}

TEST_CASE("statements: every node keeps its byte span") {
  const Script s = parse("T | where a == 1");
  const auto& pipe = s.statements()[0]->as<QueryStatement>().expr->as<PipeExpr>();
  CHECK(pipe.offset == 0);
  CHECK(pipe.end == 16);
  CHECK(pipe.source->offset == 0);
  CHECK(pipe.source->end == 1);
  const auto& where = pipe.op->as<WhereOp>();
  CHECK(where.offset == 4);
  CHECK(where.end == 16);
  const auto& eq = where.predicate->as<BinaryExpr>();
  CHECK(eq.offset == 10);
  CHECK(eq.end == 16);
  CHECK(eq.right->offset == 15);
  const Script l = parse("let x = -5;");
  const auto& let = l.statements()[0]->as<LetStatement>();
  CHECK(let.offset == 0);
  CHECK(let.end == 10);
  CHECK(let.name.offset == 4);
  CHECK(let.value->offset == 8);  // the sign belongs to the literal
  CHECK(let.value->end == 10);
}
