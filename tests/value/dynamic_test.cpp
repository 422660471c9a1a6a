#include "huntq/value/dynamic.h"

#include <catch2/catch.hpp>
#include <limits>

#include "huntq/value/datetime.h"

using namespace huntq;

namespace {
std::string threat(const Value& additional) {
  return to_string(dynamic_member(parse_json(additional), "ThreatName"));
}
}  // namespace

TEST_CASE("dynamic: parse_json of the forms AdditionalFields arrives in (D-1)") {
  CHECK(threat(Value::string(R"({"ThreatName":"Trojan:Win32/X"})")) == "Trojan:Win32/X");
  CHECK(parse_json(Value::string("")).is_null());  // parse_json("") is null
  CHECK(threat(Value::string("")) == "");
  const Value not_json = parse_json(Value::string("not json"));
  CHECK_FALSE(not_json.is_null());
  CHECK(to_json(*not_json.tree()) == "\"not json\"");  // a dynamic string holding the text
  CHECK(threat(Value::string("not json")) == "");
  // Already dynamic (Sentinel): used as is.
  CHECK(threat(Value::dynamic_json(R"({"ThreatName":"HackTool:Win32/Keygen"})")) ==
        "HackTool:Win32/Keygen");
  CHECK(threat(Value::string(R"(  {"ThreatName":"x"}  )")) == "x");  // whitespace allowed
  CHECK(parse_json(Value::string("null")).is_null());
}

TEST_CASE("dynamic: member access gives null, never an error (D-2, D-3)") {
  CHECK(dynamic_member(parse_json(Value::string(R"({"a":1})")), "zzz").is_null());
  CHECK(dynamic_member(parse_json(Value::string("[1,2]")), "a").is_null());
  CHECK(dynamic_member(parse_json(Value::string("5")), "a").is_null());
  CHECK(dynamic_member(Value::null_of(Type::Dynamic), "a").is_null());
  // Keys are case-sensitive (our documented default).
  CHECK(dynamic_member(parse_json(Value::string(R"({"ThreatName":"x"})")), "threatname").is_null());
}

TEST_CASE("dynamic: tostring of each kind of value (D-4)") {
  auto ts = [](const char* json, const char* key) {
    return to_string(dynamic_member(parse_json(Value::string(json)), key));
  };
  CHECK(ts(R"({"a":"s"})", "a") == "s");
  CHECK(ts(R"({"a":123})", "a") == "123");
  CHECK(ts(R"({"a":true})", "a") == "true");
  CHECK(ts(R"({"a":false})", "a") == "false");
  CHECK(ts(R"({"a":null})", "a") == "");
  CHECK(ts(R"({"a":[ "A1", "A2" ]})", "a") == R"(["A1","A2"])");
  CHECK(ts(R"({"a":{"x": 1}})", "a") == R"({"x":1})");
  CHECK(ts(R"({"a":"line\nbreak \u00ae"})", "a") == "line\nbreak \xc2\xae");
  CHECK(to_string(Value::null_of(Type::Long)) == "");
  CHECK(to_string(Value::int64(123)) == "123");
  CHECK(to_string(Value::boolean(true)) == "true");
  CHECK(to_string(Value::datetime(0)) == "0001-01-01T00:00:00.0000000Z");
}

TEST_CASE("dynamic: json_quote always yields valid UTF-8 JSON") {
  CHECK(json_quote("a\"b\\c") == R"("a\"b\\c")");
  CHECK(json_quote(std::string("\x1b[31m\x07", 6)) == R"("\u001b[31m\u0007")");
  CHECK(json_quote("\xff") == R"("\ufffd")");
  CHECK(json_quote("\xc0\xaf") == R"("\ufffd\ufffd")");            // overlong '/'
  CHECK(json_quote("\xed\xa0\x80") == R"("\ufffd\ufffd\ufffd")");  // UTF-16 surrogate
  CHECK(json_quote("\xe2\x80\xa8") == R"("\u2028")");
  CHECK(json_quote("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
}

TEST_CASE("dynamic: parse_json keeps each value's Kusto type (D-6 gettype table)") {
  auto type_of = [](const char* json) {
    const Value v = parse_json(Value::string(json));
    return v.is_null() ? std::string("null") : std::string(v.tree()->gettype());
  };
  // gettype-function.md: parse_json('1') is int, ' "abc" ' string, {..} dictionary, [..] array,
  // parse_json('') null.
  CHECK(type_of("1") == "int");
  CHECK(type_of(" \"abc\" ") == "string");
  CHECK(type_of(" {\"abc\":1} ") == "dictionary");
  CHECK(type_of(" [1, 2, 3] ") == "array");
  CHECK(type_of("") == "null");
  CHECK(type_of("4294967296") == "long");  // past 32 bits
  CHECK(type_of("1.5") == "real");
  CHECK(type_of("true") == "bool");
}

TEST_CASE("dynamic: index access counts from 0, negative from the end (D-2)") {
  const Value arr = parse_json(Value::string("[100,101,102]"));
  CHECK(to_string(dynamic_index(arr, 0)) == "100");
  CHECK(to_string(dynamic_index(arr, -1)) == "102");
  CHECK(dynamic_index(arr, 3).is_null());
  CHECK(dynamic_index(arr, -4).is_null());
  CHECK(dynamic_index(parse_json(Value::string(R"({"a":1})")), 0).is_null());
  // dynamic.md: Y["a b c"] is the dynamic "2015-01-01"
  const Value y = parse_json(Value::string(R"({"a1":100, "a b c":"2015-01-01"})"));
  CHECK(to_string(dynamic_member(y, "a b c")) == "2015-01-01");
  CHECK(dynamic_member(y, "a1").tree()->kind() == DynamicKind::Int);
}

TEST_CASE("dynamic: typed scalars inside a bag print as Kusto prints them") {
  Dynamic::Object members;
  members.push_back({"t", Dynamic::from_value(Value::datetime(ticks_from_civil(2017, 1, 1)))});
  members.push_back({"s", Dynamic::from_value(Value::timespan(2 * 10'000'000))});
  members.push_back({"n", Dynamic::from_value(Value::null_of(Type::Long))});
  members.push_back({"q", Dynamic::from_value(Value::string("a\"b"))});
  // make-series-operator.md prints datetimes in dynamic arrays with 7 fraction digits.
  CHECK(to_json(*Dynamic::object(members)) ==
        R"({"t":"2017-01-01T00:00:00.0000000Z","s":"00:00:02","n":null,"q":"a\"b"})");
  // The first of duplicate keys is the one a lookup sees.
  const Value dup = parse_json(Value::string(R"({"k":1,"k":2})"));
  CHECK(to_string(dynamic_member(dup, "k")) == "1");
}

TEST_CASE("dynamic: a parsed tree prints back as compact JSON in source key order") {
  const Value v = parse_json(Value::string(R"( { "b" : [ 1 , 2.5 , "x" ] , "a" : { } } )"));
  CHECK(to_json(*v.tree()) == R"({"b":[1,2.5,"x"],"a":{}})");
  CHECK(format_real(0.1) == "0.1");
  CHECK(format_real(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  CHECK(format_real(-std::numeric_limits<double>::infinity()) == "-Infinity");
}

TEST_CASE("dynamic: a large real prints with an exponent and reads back as a real") {
  // 19223372036854775807.0 is the double 19223372036854775808 (past 2^64): as plain digits,
  // JSON readers refuse it as an integer. Found by the parse_json fuzz target.
  CHECK(format_real(19223372036854775807.0) == "1.9223372036854776e+19");
  CHECK(format_real(1234567890123456.0) == "1.234567890123456e+15");
  CHECK(format_real(-1e20) == "-1e+20");
  CHECK(format_real(123456789012345.0) == "123456789012345");  // below 1e15: digits
  const Value v = parse_json(Value::string("[19223372036854775807.0]"));
  const std::string json = to_json(*v.tree());
  CHECK(json == "[1.9223372036854776e+19]");
  const Value again = parse_json(Value::string(json));
  REQUIRE(again.tree()->is_array());
  CHECK(again.tree()->items()[0]->kind() == DynamicKind::Real);
}
