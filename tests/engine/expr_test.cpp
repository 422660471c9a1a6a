// Scalar semantics, worked by hand from kql-semantics.md §2.
#include "huntq/engine/expr.h"

#include <catch2/catch.hpp>

using namespace huntq;
using namespace huntq::engine;

namespace {
const Schema kSchema{
    {"s", Type::String}, {"n", Type::Long}, {"b", Type::Bool}, {"d", Type::Dynamic}};

Value eval(const ExprPtr& e, std::vector<Value> row) {
  return BoundExpr(e, kSchema).eval(row);
}
std::vector<Value> row(std::string s, Value n = Value::null_of(Type::Long),
                       Value b = Value::null_of(Type::Bool),
                       Value d = Value::null_of(Type::Dynamic)) {
  return {Value::string(std::move(s)), n, b, d};
}
}  // namespace

TEST_CASE("expr: == on strings is case-sensitive (E-4)") {
  CHECK(eval(eq(col("s"), str("AntivirusDetection")), row("AntivirusDetection")).as_bool());
  CHECK_FALSE(eval(eq(col("s"), str("AntivirusDetection")), row("antivirusdetection")).as_bool());
  CHECK(eval(ne(col("s"), str("ABC")), row("abc")).as_bool());
}

TEST_CASE("expr: isnotempty / isempty (E-1, E-2)") {
  CHECK_FALSE(eval(isnotempty(col("s")), row("")).as_bool());
  CHECK(eval(isnotempty(col("s")), row(" ")).as_bool());
  CHECK_FALSE(eval(isnotempty(col("n")), row("")).as_bool());             // null long
  CHECK(eval(isnotempty(col("n")), row("", Value::int64(0))).as_bool());  // 0 is not empty
  CHECK(eval(isempty(parse_json(str(""))), row("")).as_bool());
  CHECK_FALSE(eval(isempty(parse_json(str("[]"))), row("")).as_bool());
  CHECK_FALSE(eval(isempty(parse_json(str("{}"))), row("")).as_bool());
}

TEST_CASE("expr: null comparisons and three-valued logic (E-8, E-9, E-10)") {
  const auto null_n = row("");
  CHECK(eval(eq(col("n"), lit(Value::int64(5))), null_n).as_bool() == false);
  CHECK_FALSE(eval(eq(col("n"), lit(Value::int64(5))), null_n).is_null());
  CHECK(eval(ne(col("n"), lit(Value::int64(5))), null_n).as_bool());  // null != 5 is true
  CHECK(eval(eq(col("n"), col("n")), null_n).is_null());              // null == null is null
  // false and null = false; true or null = true; true and null = null.
  CHECK_FALSE(eval(and_(lit(Value::boolean(false)), col("b")), null_n).as_bool());
  CHECK_FALSE(eval(and_(lit(Value::boolean(false)), col("b")), null_n).is_null());
  CHECK(eval(or_(lit(Value::boolean(true)), col("b")), null_n).as_bool());
  CHECK(eval(and_(lit(Value::boolean(true)), col("b")), null_n).is_null());
  // where keeps only true: a null predicate drops the row.
  CHECK_FALSE(BoundExpr(and_(lit(Value::boolean(true)), col("b")), kSchema).eval_true(null_n));
}

TEST_CASE("expr: tostring(parse_json(x).ThreatName) on the Q-2 AdditionalFields values") {
  const auto e = tostring(member(parse_json(col("s")), "ThreatName"));
  CHECK(eval(e, row(R"({"ThreatName":"Trojan:Win32/X"})")).text() == "Trojan:Win32/X");
  CHECK(eval(e, row("")).text() == "");
  CHECK(eval(e, row("{}")).text() == "");
  CHECK(eval(e, row("not json")).text() == "");
  CHECK(eval(e, row(R"({"ThreatName":7})")).text() == "7");
}
