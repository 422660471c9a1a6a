// dynamic functions, from the examples of Microsoft's doc pages (named per test) and hand-worked
// cases for what they leave open (docs/semantics/dynamic.md).
#include "huntq/value/dynamic.h"

#include <catch2/catch.hpp>
#include <limits>
#include <string>
#include <vector>

#include "huntq/engine/functions.h"
#include "huntq/error.h"
#include "huntq/value/datetime.h"
#include "huntq/value/timespan.h"

using namespace huntq;
using namespace huntq::engine;

namespace {

Value call(std::string_view name, std::vector<Value> args) {
  return call_function(name, args);
}
// A dynamic literal: dynamic([1, 2]) in KQL.
Value J(std::string_view json) {
  Value v = Value::dynamic_json(json);
  REQUIRE(v.type() == Type::Dynamic);
  return v;
}
Value S(std::string s) {
  return Value::string(std::move(s));
}
Value L(std::int64_t v) {
  return Value::int64(v);
}
Value I(std::int32_t v) {
  return Value::int32(v);
}
Value B(bool b) {
  return Value::boolean(b);
}
Value R(double d) {
  return Value::real(d);
}
const Value kNullDyn = Value::null_of(Type::Dynamic);
// How Kusto shows a dynamic result: compact JSON.
std::string json(const Value& v) {
  REQUIRE(v.type() == Type::Dynamic);
  return v.is_null() ? "null" : to_json(*v.tree());
}
Value dt(int y, unsigned m, unsigned d) {
  return Value::datetime(ticks_from_civil(y, m, d));
}

}  // namespace

// ------------------------------------------------------------------------------------------
// parse_json (parse-json-function.md), D-1

TEST_CASE("dynamic: parse_json duration metrics example (parse-json-function.md)") {
  const Value d = call("parse_json", {S(R"({"duration":{"value":118.0,"count":5.0,"min":100.0,)"
                                        R"("max":150.0,"stdDev":0.0,"sampledValue":118.0,)"
                                        R"("sum":118.0}})")});
  CHECK(
      json(d) ==
      R"({"duration":{"value":118,"count":5,"min":100,"max":150,"stdDev":0,"sampledValue":118,"sum":118}})");
  const Value value = dynamic_member(dynamic_member(d, "duration"), "value");
  const Value min = dynamic_member(dynamic_member(d, "duration"), "min");
  CHECK(to_string(value) == "118");
  CHECK(to_string(min) == "100");
  CHECK(value.tree()->gettype() == "real");
}

TEST_CASE("dynamic: parse_json nested JSON needs tostring (parse-json-function.md)") {
  const Value d = S(R"({"a":123, "b":"{\"c\":456}"})");
  const Value b = dynamic_member(call("parse_json", {d}), "b");
  CHECK(to_string(dynamic_member(call("parse_json", {S(to_string(b))}), "c")) == "456");
  // Without tostring the dynamic string passes through as is and has no member c.
  CHECK(dynamic_member(call("parse_json", {b}), "c").is_null());
}

TEST_CASE("dynamic: parse_json aliases, invalid text, empty text and refused types (D-1)") {
  for (const char* name : {"parse_json", "parsejson", "todynamic", "toobject"})
    CHECK(call(name, {S("[1, 2]")}).tree()->items().size() == 2);
  const Value not_json = call("parse_json", {S("not json")});
  CHECK(not_json.tree()->kind() == DynamicKind::String);
  CHECK(not_json.tree()->text() == "not json");
  CHECK(call("parse_json", {S("")}).is_null());
  CHECK(call("parse_json", {S("1")}).tree()->gettype() == "int");
  CHECK(call("parse_json", {S("10000000000")}).tree()->gettype() == "long");
  CHECK(json(call("parse_json", {J(R"({"a":1})")})) == R"({"a":1})");
  CHECK(call("parse_json", {kNullDyn}).is_null());
  CHECK_THROWS_AS(call("parse_json", {L(1)}), Error);  // Kusto: string or dynamic only
}

TEST_CASE("dynamic: unnamed results follow Kusto.Language's naming where the registry can say it") {
  // print x=dynamic([1]), s='1' | extend parse_json(s): the column s is replaced; the others
  // are Column1 (array_sort_asc, repeat and treepath have special names: see dynamic.md).
  for (const char* name : {"parse_json", "todynamic", "parsejson", "toobject"})
    CHECK(FunctionRegistry::instance().scalar(name)->result_name == ResultName::FirstArgument);
  for (const char* name : {"extract_json", "bag_pack", "pack_array", "array_length", "bag_keys",
                           "set_union", "zip", "dynamic_to_json"})
    CHECK(FunctionRegistry::instance().scalar(name)->result_name == ResultName::Fresh);
}

// ------------------------------------------------------------------------------------------
// extract_json (extract-json-function.md, jsonpath.md)

TEST_CASE("dynamic: extract_json example (extract-json-function.md)") {
  const Value doc = S(R"({"name": "John", "age": 30, "city": "New York"})");
  const Value name = call("extract_json", {S("$.name"), doc, S("string")});
  CHECK(name.type() == Type::String);
  CHECK(name.text() == "John");
  CHECK(call("extractjson", {S("$.name"), doc}).text() == "John");
  const Value age = call("extract_json", {S("$.age"), doc, S("long")});
  CHECK(age.type() == Type::Long);
  CHECK(age.as_int64() == 30);
  CHECK(call("extract_json", {S("$.age"), doc}).text() == "30");
  // Missing: "" as a string, null as a typed value.
  CHECK(call("extract_json", {S("$.zip"), doc}).text() == "");
  CHECK(call("extract_json", {S("$.zip"), doc, S("long")}).is_null());
  CHECK(call("extract_json", {S("$.name"), doc, S("long")}).is_null());  // "John" is no long
  CHECK(call("extract_json", {S("$.name"), S("not json")}).text() == "");
}

TEST_CASE("dynamic: extract_json on the jsonpath.md document") {
  const Value doc = S(R"({"Source": "Server-01", "Timestamp": "2023-07-25T09:15:32.123Z",
    "Log Level": "INFO", "Message": "Application started successfully.",
    "Details": {"Service": "AuthService", "Endpoint": "/api/login", "Response Code": 200,
      "Response Time": 54.21,
      "User": {"User ID": "user123", "Username": "kiana_anderson", "IP Address": "192.168.1.100"},
      "Tags": ["startup", "auth", "performance"]}})");
  auto get = [&](const char* path) { return call("extract_json", {S(path), doc}).text(); };
  CHECK(get("$.Source") == "Server-01");
  CHECK(get("$['Log Level']") == "INFO");
  CHECK(get("$[\"Log Level\"]") == "INFO");
  CHECK(get("$.Details.Service") == "AuthService");
  CHECK(get("$.Details['Response Code']") == "200");
  CHECK(get("$.Details['Response Time']") == "54.21");
  CHECK(get("$.Details.User['User ID']") == "user123");
  CHECK(get("$.Details.User.Username") == "kiana_anderson");
  CHECK(get("$.Details.User['IP Address']") == "192.168.1.100");
  // The page writes "$.Tags[0]", but Tags is inside Details in its document.
  CHECK(get("$.Details.Tags[0]") == "startup");
  CHECK(get("$.Tags[0]") == "");
  CHECK(get("$.Details.Tags[3]") == "");
  CHECK(get("$.Details.User") ==
        R"({"User ID":"user123","Username":"kiana_anderson","IP Address":"192.168.1.100"})");
  CHECK(get("$.Details.Tags") == R"(["startup","auth","performance"])");
  const Value ts = call("extract_json", {S("$.Timestamp"), doc, S("datetime")});
  CHECK(ts.ticks() == ticks_from_civil(2023, 7, 25, 9, 15, 32, 1230000));
  const Value rt = call("extract_json", {S("$.Details['Response Time']"), doc, S("real")});
  CHECK(rt.as_real() == 54.21);
  const Value code = call("extract_json", {S("$.Details['Response Code']"), doc, S("int")});
  CHECK(code.type() == Type::Int);
  CHECK(code.as_int64() == 200);
  const Value tags = call("extract_json", {S("$.Details.Tags"), doc, S("dynamic")});
  CHECK(json(tags) == R"(["startup","auth","performance"])");
}

TEST_CASE("dynamic: extract_json refuses unsupported paths and unknown types") {
  const Value doc = S(R"({"a":[1,2]})");
  for (const char* bad : {"a", "$.", "$..a", "$.*", "$[*]", "$['a'", "$[1", "$a", "$[-1]"})
    CHECK_THROWS_AS(call("extract_json", {S(bad), doc}), Error);
  CHECK_THROWS_AS(call("extract_json", {S("$.a"), doc, S("decimal")}), Error);
  CHECK_THROWS_AS(call("extract_json", {S("$.a"), J("{}")}), Error);  // source must be a string
  CHECK(call("extract_json", {S("$"), doc}).text() == R"({"a":[1,2]})");
  CHECK(call("extract_json", {S("$.a[1]"), doc, S("long")}).as_int64() == 2);
  CHECK(call("extract_json", {S(R"($['it\'s'])"), S(R"({"it's":5})")}).text() == "5");
}

// ------------------------------------------------------------------------------------------
// bag_pack / pack_array (pack-function.md, pack-array-function.md)

TEST_CASE("dynamic: bag_pack example 1 (pack-function.md)") {
  const Value inner = call("bag_pack", {S("url"), S("www.bing.com")});
  const Value bag =
      call("bag_pack", {S("Level"), S("Information"), S("ProcessID"), I(1234), S("Data"), inner});
  CHECK(json(bag) == R"({"Level":"Information","ProcessID":1234,"Data":{"url":"www.bing.com"}})");
  for (const char* alias : {"pack", "pack_dictionary"})
    CHECK(json(call(alias, {S("a"), I(1)})) == R"({"a":1})");
}

TEST_CASE("dynamic: bag_pack example 2 and member access (pack-function.md, D-2)") {
  const struct {
    int dest;
    const char* text;
  } rows[] = {{100, "Hi"}, {200, "Hello"}, {300, "Hey"}};
  for (const auto& r : rows) {
    const Value bag = call("bag_pack", {S("Dest"), I(r.dest), S("Text"), S(r.text)});
    CHECK(json(bag) == "{\"Dest\":" + std::to_string(r.dest) + ",\"Text\":\"" + r.text + "\"}");
    CHECK(to_string(dynamic_member(bag, "Dest")) == std::to_string(r.dest));
    CHECK(to_string(dynamic_member(bag, "Text")) == r.text);
    CHECK(dynamic_member(bag, "dest").is_null());  // keys are case-sensitive
  }
}

TEST_CASE("dynamic: bag_pack example 3 string values (pack-function.md)") {
  const Value bag = call(
      "bag_pack", {S("CharsCount"), S("50"), S("FileSize"), S("250"), S("FileName"), S("Pic2")});
  CHECK(json(bag) == R"({"CharsCount":"50","FileSize":"250","FileName":"Pic2"})");
}

TEST_CASE("dynamic: bag_pack nulls, repeated keys, typed values and refused arguments") {
  CHECK(json(call("bag_pack", {S("a"), Value::null_of(Type::Long)})) == R"({"a":null})");
  CHECK(json(call("bag_pack", {S("a"), I(1), S("b"), I(2), S("a"), I(3)})) == R"({"a":3,"b":2})");
  const Value bag =
      call("bag_pack", {S("t"), dt(2024, 1, 2), S("s"), Value::timespan(kTicksPerHour)});
  CHECK(dynamic_member(bag, "t").tree()->gettype() == "datetime");
  CHECK(json(bag) == R"({"t":"2024-01-02T00:00:00.0000000Z","s":"01:00:00"})");
  CHECK_THROWS_AS(call("bag_pack", {S("a"), I(1), S("b")}), Error);  // odd count
  CHECK_THROWS_AS(call("bag_pack", {I(1), I(1)}), Error);            // key not a string
  CHECK_THROWS_AS(call("bag_pack", {S("a"), I(1), I(2), I(3)}), Error);
  CHECK_THROWS_AS(call("bag_pack", {}), Error);
}

TEST_CASE("dynamic: pack_array examples (pack-array-function.md)") {
  for (std::int64_t x = 1; x <= 3; ++x) {
    const std::int64_t y = x * 2, z = y * 2;
    CHECK(json(call("pack_array", {L(x), L(y), L(z)})) ==
          "[" + std::to_string(x) + "," + std::to_string(y) + "," + std::to_string(z) + "]");
    const Value mixed = call(
        "pack_array", {L(x), S(std::to_string(x * 2)), Value::timespan(x * 2 * kTicksPerSecond)});
    CHECK(json(mixed) == "[" + std::to_string(x) + ",\"" + std::to_string(x * 2) + "\",\"00:00:0" +
                             std::to_string(x * 2) + "\"]");
    CHECK(mixed.tree()->items()[2]->gettype() == "timespan");
  }
  CHECK(json(call("pack_array", {Value::null_of(Type::Long), J("[1]")})) == "[null,[1]]");
  CHECK_THROWS_AS(call("pack_array", {}), Error);
}

// ------------------------------------------------------------------------------------------
// array_*

TEST_CASE("dynamic: array_length (array-length-function.md)") {
  const Value n = call("array_length", {J(R"([1, 2, 3, "four"])")});
  CHECK(n.type() == Type::Long);
  CHECK(n.as_int64() == 4);
  CHECK(call("arraylength", {J("[]")}).as_int64() == 0);
  CHECK(call("array_length", {J("{}")}).is_null());
  CHECK(call("array_length", {J("\"abc\"")}).is_null());
  CHECK(call("array_length", {kNullDyn}).is_null());
  CHECK(call("array_length", {S("[1]")}).is_null());  // a string is not an array
}

TEST_CASE("dynamic: array_index_of examples (array-index-of-function.md)") {
  const Value arr = J(R"(["this", "is", "an", "example", "an", "example"])");
  CHECK(call("array_index_of", {arr, S("an")}).as_int64() == 2);
  CHECK(call("array_index_of", {arr, S("example"), I(1), I(3)}).as_int64() == 3);
  CHECK(call("array_index_of", {arr, S("example"), I(1), I(2)}).as_int64() == -1);
  CHECK(call("array_index_of", {arr, S("is"), I(2), I(4)}).as_int64() == -1);
  CHECK(call("array_index_of", {arr, S("example"), I(2), I(-1)}).as_int64() == 3);
  CHECK(call("array_index_of", {arr, S("an"), I(1), I(-1), I(2)}).as_int64() == 4);
  CHECK(call("array_index_of", {arr, S("an"), I(1), I(-1), I(3)}).as_int64() == -1);
  CHECK(call("array_index_of", {arr, S("an"), I(-3)}).as_int64() == 4);
  CHECK(call("array_index_of", {arr, S("is"), I(-4)}).as_int64() == -1);
}

TEST_CASE("dynamic: array_index_of irrelevant inputs, types and bounds") {
  const Value arr = J(R"([1, "1", true, 2.5, null])");
  CHECK(call("array_index_of", {arr, I(1), I(0), I(-1), I(-1)}).is_null());  // occurrence < 0
  CHECK(call("array_index_of", {arr, I(1), I(0), I(-2)}).is_null());         // length < -1
  CHECK(call("array_index_of", {arr, L(1)}).as_int64() == 0);                // int node, long value
  CHECK(call("array_index_of", {arr, S("1")}).as_int64() == 1);
  CHECK(call("array_index_of", {arr, B(true)}).as_int64() == 2);
  CHECK(call("array_index_of", {arr, R(2.5)}).as_int64() == 3);
  CHECK(call("array_index_of", {arr, I(1), I(99)}).as_int64() == -1);
  CHECK(call("array_index_of", {arr, I(1), I(-99)}).as_int64() == 0);  // clamps to the start
  CHECK(call("array_index_of", {arr, I(1), L(0), L(std::numeric_limits<std::int64_t>::max())})
            .as_int64() == 0);
  CHECK(call("array_index_of", {J("{}"), I(1)}).is_null());
  const Value dates = call("pack_array", {dt(2020, 1, 1), dt(2021, 1, 1)});
  CHECK(call("array_index_of", {dates, dt(2021, 1, 1)}).as_int64() == 1);
}

TEST_CASE("dynamic: array_slice examples (array-slice-function.md)") {
  CHECK(json(call("array_slice", {J("[1,2,3]"), I(1), I(2)})) == "[2,3]");
  CHECK(json(call("array_slice", {J("[1,2,3,4,5]"), I(2), I(-1)})) == "[3,4,5]");
  CHECK(json(call("array_slice", {J("[1,2,3,4,5]"), I(-3), I(-2)})) == "[3,4]");
  // Out-of-bounds indices are ignored.
  CHECK(json(call("array_slice", {J("[1,2,3]"), I(-10), I(10)})) == "[1,2,3]");
  CHECK(json(call("array_slice", {J("[1,2,3]"), I(2), I(1)})) == "[]");
  CHECK(json(call("array_slice", {J("[1,2,3]"), I(5), I(9)})) == "[]");
  CHECK(json(call("array_slice", {J("[]"), I(0), I(0)})) == "[]");
  CHECK(json(call("array_slice", {J("[1,2,3]"), L(std::numeric_limits<std::int64_t>::min()),
                                  L(std::numeric_limits<std::int64_t>::max())})) == "[1,2,3]");
  CHECK(call("array_slice", {J("{}"), I(0), I(1)}).is_null());
  CHECK_THROWS_AS(call("array_slice", {J("[1]"), I(0), R(1.5)}), Error);
}

TEST_CASE("dynamic: array_concat example (array-concat-function.md)") {
  for (std::int64_t x = 1; x <= 3; ++x) {
    const Value a1 = call("pack_array", {L(x), L(2 * x), L(4 * x)});
    const Value a2 = call("pack_array", {L(x), L(2 * x)});
    const std::string xs = std::to_string(x), ys = std::to_string(2 * x);
    CHECK(json(call("array_concat", {a1, a2})) ==
          "[" + xs + "," + ys + "," + std::to_string(4 * x) + "," + xs + "," + ys + "]");
  }
  CHECK(json(call("array_concat", {J("[1]")})) == "[1]");
  CHECK(call("array_concat", {J("[1]"), J("2")}).is_null());
  CHECK(call("array_concat", {J("[1]"), kNullDyn}).is_null());
}

TEST_CASE("dynamic: array_reverse example (array-reverse-function.md)") {
  CHECK(json(call("array_reverse", {J(R"(["this", "is", "an", "example"])")})) ==
        R"(["example","an","is","this"])");
  CHECK(json(call("array_reverse", {J("[]")})) == "[]");
  CHECK(call("array_reverse", {J("{}")}).is_null());
}

TEST_CASE("dynamic: array_sort_asc examples (array-sort-asc-function.md)") {
  const Value sorted = call("array_sort_asc", {J("[1,3,4,5,2]"), J(R"(["a","b","c","d","e"])")});
  CHECK(json(sorted) == R"([[1,2,3,4,5],["a","e","b","c","d"]])");
  CHECK(json(call("array_sort_asc", {J(R"(["John","Paul","Jane","Kao"])")})) ==
        R"(["Jane","John","Kao","Paul"])");
  const Value colors = J(R"([null,"blue","yellow","green",null])");
  CHECK(json(call("array_sort_asc", {colors})) == R"(["blue","green","yellow",null,null])");
  CHECK(json(call("array_sort_asc", {colors, B(false)})) ==
        R"([null,null,"blue","green","yellow"])");
  CHECK(json(call("array_sort_asc", {colors, B(true)})) ==
        R"(["blue","green","yellow",null,null])");
}

TEST_CASE("dynamic: array_sort_desc examples (array-sort-desc-function.md)") {
  const Value sorted = call("array_sort_desc", {J("[1,3,4,5,2]"), J(R"(["a","b","c","d","e"])")});
  CHECK(json(sorted) == R"([[5,4,3,2,1],["d","c","b","e","a"]])");
  CHECK(json(call("array_sort_desc", {J(R"(["John","Paul","Jane","Kayo"])")})) ==
        R"(["Paul","Kayo","John","Jane"])");
  const Value colors = J(R"([null,"blue","yellow","green",null])");
  CHECK(json(call("array_sort_desc", {colors})) == R"(["yellow","green","blue",null,null])");
  CHECK(json(call("array_sort_desc", {colors, B(false)})) ==
        R"([null,null,"yellow","green","blue"])");
}

TEST_CASE("dynamic: array_sort_asc of make_list per user (array-sort-asc-function.md)") {
  // datatable(command, command_time, user_id) | summarize make_list per user_id, then
  // array_sort_asc(timestamps, commands)[1].
  const std::vector<std::pair<const char*, Value>> user1 = {
      {"chmod", dt(2019, 7, 15)}, {"ls", dt(2019, 7, 2)},  {"dir", dt(2019, 7, 22)},
      {"mkdir", dt(2019, 7, 14)}, {"rm", dt(2019, 7, 27)}, {"pwd", dt(2019, 7, 25)}};
  std::vector<std::vector<Value>> times, commands;
  for (const auto& [cmd, t] : user1) {
    times.push_back({t});
    commands.push_back({S(cmd)});
  }
  const Type dt_type[] = {Type::DateTime};
  const Type str_type[] = {Type::String};
  const Value timestamps = call_aggregate("make_list", times, dt_type)[0];
  const Value cmds = call_aggregate("make_list", commands, str_type)[0];
  CHECK(json(dynamic_index(call("array_sort_asc", {timestamps, cmds}), 1)) ==
        R"(["ls","mkdir","chmod","dir","pwd","rm"])");
  CHECK(json(dynamic_index(call("array_sort_desc", {timestamps, cmds}), 1)) ==
        R"(["rm","pwd","dir","chmod","mkdir","ls"])");
  const Value t2 = call("pack_array", {dt(2019, 7, 23), dt(2019, 7, 25)});
  const Value c2 = call("pack_array", {S("rm"), S("pwd")});
  CHECK(json(dynamic_index(call("array_sort_asc", {t2, c2}), 1)) == R"(["rm","pwd"])");
  CHECK(json(dynamic_index(call("array_sort_desc", {t2, c2}), 1)) == R"(["pwd","rm"])");
}

TEST_CASE("dynamic: array_sort mixed types, NaN, lengths and refused arguments") {
  const Value guid = Value::guid_text("00000000-0000-0000-0000-000000000001");
  const Value mixed = call("pack_array", {S("b"), L(2), guid, B(true), R(1.5), S("a"),
                                          dt(2020, 1, 1), Value::null_of(Type::Long), I(-1)});
  CHECK(
      json(call("array_sort_asc", {mixed})) ==
      R"([-1,1.5,2,"2020-01-01T00:00:00.0000000Z","a","b","00000000-0000-0000-0000-000000000001",true,null])");
  CHECK(json(call("array_sort_asc", {call("pack_array", {R(2), R(std::nan("")), R(1)})})) ==
        R"([1,2,"NaN"])");
  // A second array of another length gives null in its place.
  CHECK(json(call("array_sort_asc", {J("[2,1]"), J("[1]")})) == "[[1,2],null]");
  CHECK(call("array_sort_asc", {J("{}")}).is_null());
  CHECK_THROWS_AS(call("array_sort_asc", {J("[1]"), S("a")}), Error);
  CHECK_THROWS_AS(call("array_sort_asc", {B(true)}), Error);
  CHECK_THROWS_AS(call("array_sort_desc", {J("[1]"), B(true), J("[1]")}), Error);
  // Ties keep their input order (the other arrays follow it).
  CHECK(json(call("array_sort_asc", {J("[1,1,0]"), J(R"(["x","y","z"])")})) ==
        R"([[0,1,1],["z","x","y"]])");
}

TEST_CASE("dynamic: array_sum (array-sum-function.md)") {
  const Value sum = call("array_sum", {J("[1,2,3,4]")});
  CHECK(sum.type() == Type::Real);
  CHECK(sum.as_real() == 10);
  CHECK(call("array_sum", {J(R"([1,"2"])")}).is_null());
  CHECK(call("array_sum", {J("[1,null]")}).is_null());
  CHECK(call("array_sum", {J("[]")}).as_real() == 0);
  CHECK(call("array_sum", {J("[0.5, 10000000000]")}).as_real() == 10000000000.5);
  CHECK(call("array_sum", {J("{}")}).is_null());
}

TEST_CASE("dynamic: array_iff examples (array-iff-function.md)") {
  CHECK(json(call("array_iff", {J("[true,false,true]"), J("[1,2,3]"), J("[4,5,6]")})) == "[1,5,3]");
  CHECK(json(call("array_iif", {J("[1,0,50]"), S("yes"), S("no")})) == R"(["yes","no","yes"])");
  const Value cond = call("pack_array", {S("some string value"), dt(2022, 1, 1), kNullDyn});
  CHECK(json(call("array_iff", {cond, I(1), I(0)})) == "[null,null,null]");
  CHECK(json(call("array_iff", {J("[true,true,true]"), J("[1,2]"), J("[3,4]")})) == "[1,2,null]");
  CHECK(json(call("array_iff", {J("[true,false]"), kNullDyn, I(7)})) == "[null,7]");
  CHECK(call("array_iff", {J("true"), I(1), I(0)}).is_null());
}

TEST_CASE("dynamic: array_rotate_left and array_rotate_right examples") {
  const Value arr = J("[1,2,3,4,5]");
  CHECK(json(call("array_rotate_left", {arr, I(2)})) == "[3,4,5,1,2]");
  CHECK(json(call("array_rotate_left", {arr, I(-2)})) == "[4,5,1,2,3]");
  CHECK(json(call("array_rotate_right", {arr, I(2)})) == "[4,5,1,2,3]");
  CHECK(json(call("array_rotate_right", {arr, I(-2)})) == "[3,4,5,1,2]");
  CHECK(json(call("array_rotate_left", {arr, I(12)})) == "[3,4,5,1,2]");
  // INT64_MIN = -(5 * 1844674407370955161 + 3): rotating by it is rotating by -3.
  CHECK(json(call("array_rotate_left", {arr, L(std::numeric_limits<std::int64_t>::min())})) ==
        "[3,4,5,1,2]");
  CHECK(json(call("array_rotate_right", {arr, L(std::numeric_limits<std::int64_t>::min())})) ==
        "[4,5,1,2,3]");
  CHECK(json(call("array_rotate_left", {J("[]"), I(3)})) == "[]");
  CHECK(call("array_rotate_left", {J("{}"), I(3)}).is_null());
}

TEST_CASE("dynamic: array_shift_left and array_shift_right examples") {
  const Value arr = J("[1,2,3,4,5]");
  CHECK(json(call("array_shift_left", {arr, I(2)})) == "[3,4,5,null,null]");
  CHECK(json(call("array_shift_left", {arr, I(2), I(-1)})) == "[3,4,5,-1,-1]");
  CHECK(json(call("array_shift_left", {arr, I(-2), I(-1)})) == "[-1,-1,1,2,3]");
  CHECK(json(call("array_shift_right", {arr, I(2)})) == "[null,null,1,2,3]");
  CHECK(json(call("array_shift_right", {arr, I(2), I(-1)})) == "[-1,-1,1,2,3]");
  CHECK(json(call("array_shift_right", {arr, I(-2), I(-1)})) == "[3,4,5,-1,-1]");
  // Past the length every element is the fill; strings fill with "".
  CHECK(json(call("array_shift_left", {arr, L(std::numeric_limits<std::int64_t>::min())})) ==
        "[null,null,null,null,null]");
  CHECK(json(call("array_shift_right", {arr, L(std::numeric_limits<std::int64_t>::min())})) ==
        "[null,null,null,null,null]");
  CHECK(json(call("array_shift_left", {J(R"(["a","b"])"), I(1)})) == R"(["b",""])");
  CHECK(call("array_shift_left", {arr, Value::null_of(Type::Long)}).is_null());
  CHECK_THROWS_AS(call("array_shift_left", {arr, R(1.5)}), Error);
}

TEST_CASE("dynamic: array_split examples (array-split-function.md)") {
  const Value arr = J("[1,2,3,4,5]");
  CHECK(json(call("array_split", {arr, I(2)})) == "[[1,2],[3,4,5]]");
  CHECK(json(call("array_split", {arr, J("[1,3]")})) == "[[1],[2,3],[4,5]]");
  CHECK(json(call("array_split", {arr, I(-2)})) == "[[1,2,3],[4,5]]");
  CHECK(json(call("array_split", {arr, I(9)})) == "[[1,2,3,4,5],[]]");
  CHECK(json(call("array_split", {arr, J("[3,1]")})) == "[[1,2,3],[],[2,3,4,5]]");
  CHECK(call("array_split", {arr, J(R"(["a"])")}).is_null());
  CHECK(call("array_split", {J("{}"), I(1)}).is_null());
}

// ------------------------------------------------------------------------------------------
// bag_*

TEST_CASE("dynamic: bag_keys example (bag-keys-function.md)") {
  CHECK(json(call("bag_keys", {J(R"({"a":"b", "c":123})")})) == R"(["a","c"])");
  CHECK(json(call("bag_keys", {J(R"({"a":"b", "c":{"d":123}})")})) == R"(["a","c"])");
  CHECK(json(call("bag_keys", {J(R"({"a":"b", "c":[{"d":123}]})")})) == R"(["a","c"])");
  CHECK(call("bag_keys", {kNullDyn}).is_null());
  CHECK(json(call("bag_keys", {J("{}")})) == "[]");
  CHECK(call("bag_keys", {J("\"a\"")}).is_null());
  CHECK(call("bag_keys", {J("[]")}).is_null());
  CHECK(json(call("bag_keys", {J(R"({"a":1,"a":2})")})) == R"(["a"])");
}

TEST_CASE("dynamic: bag_merge example (bag-merge-function.md)") {
  CHECK(json(call("bag_merge",
                  {J(R"({"A1":12, "B1":2, "C1":3})"), J(R"({"A2":81, "B2":82, "A1":1})")})) ==
        R"({"A1":12,"B1":2,"C1":3,"A2":81,"B2":82})");
  CHECK(json(call("bag_merge", {J("[1]"), J(R"({"a":1})"), kNullDyn})) == R"({"a":1})");
  CHECK(call("bag_merge", {J("[1]"), kNullDyn}).is_null());
  CHECK_THROWS_AS(call("bag_merge", {J("{}")}), Error);
  CHECK_THROWS_AS(call("bag_merge", std::vector<Value>(65, J("{}"))), Error);
  CHECK(json(call("bag_merge", std::vector<Value>(64, J(R"({"k":1})")))) == R"({"k":1})");
}

TEST_CASE("dynamic: bag_remove_keys examples (bag-remove-keys-function.md)") {
  const Value keys = J(R"(["key2", "key4"])");
  CHECK(json(call("bag_remove_keys", {J(R"({"key1":123, "key2":"abc"})"), keys})) ==
        R"({"key1":123})");
  CHECK(json(call("bag_remove_keys", {J(R"({"key1":"value", "key3":42.0})"), keys})) ==
        R"({"key1":"value","key3":42})");
  const Value nested =
      J(R"({"key1": 123, "key2": {"prop1" : "abc", "prop2": "xyz"}, "key3": [100, 200]})");
  CHECK(json(call("bag_remove_keys", {nested, J(R"(["$.key2.prop1", "key3"])")})) ==
        R"({"key1":123,"key2":{"prop2":"xyz"}})");
  // Array indexing isn't supported, non-string keys are skipped, a plain key is literal.
  CHECK(json(call("bag_remove_keys", {nested, J(R"(["$.key3[0]", 5, "key2.prop1"])")})) ==
        json(nested));
  CHECK(call("bag_remove_keys", {J("[1]"), keys}).is_null());
  CHECK(call("bag_remove_keys", {J("{}"), J("\"a\"")}).is_null());
}

TEST_CASE("dynamic: bag_has_key examples (bag-has-key-function.md)") {
  CHECK(call("bag_has_key", {J(R"({"key1":123, "key2":"abc"})"), S("key2")}).as_bool());
  CHECK_FALSE(call("bag_has_key", {J(R"({"key1":123, "key3":"abc"})"), S("key2")}).as_bool());
  const Value nested =
      J(R"({"key1": 123, "key2": {"prop1" : "abc", "prop2": "xyz"}, "key3": [100, 200]})");
  CHECK(call("bag_has_key", {nested, S("$.key2.prop1")}).as_bool());
  CHECK_FALSE(call("bag_has_key", {nested, S("$.key2.prop9")}).as_bool());
  CHECK(call("bag_has_key", {J(R"({"a":null})"), S("a")}).as_bool());
  CHECK_FALSE(call("bag_has_key", {J("[1]"), S("a")}).as_bool());
  CHECK(call("bag_has_key", {kNullDyn, S("a")}).is_null());
  CHECK_THROWS_AS(call("bag_has_key", {nested, S("$.key3[0]")}), Error);
  CHECK_THROWS_AS(call("bag_has_key", {nested, I(1)}), Error);
}

TEST_CASE("dynamic: bag_set_key examples (bag-set-key-function.md)") {
  CHECK(json(call("bag_set_key", {J(R"({"key1": 1, "key2": 2})"), S("key3"), I(3)})) ==
        R"({"key1":1,"key2":2,"key3":3})");
  CHECK(json(call("bag_set_key", {J(R"({"key1": 1, "key3": "abc"})"), S("key3"), I(3)})) ==
        R"({"key1":1,"key3":3})");
  CHECK(json(call("bag_set_key", {J(R"({"key1": 123, "key2": {"prop1": 123, "prop2": "xyz"}})"),
                                  S("$.key2.prop1"), S("abc")})) ==
        R"({"key1":123,"key2":{"prop1":"abc","prop2":"xyz"}})");
  CHECK(json(call("bag_set_key", {J(R"({"key1": 123})"), S("$.key2.prop1"), S("abc")})) ==
        R"({"key1":123,"key2":{"prop1":"abc"}})");
  CHECK(call("bag_set_key", {J("[1]"), S("a"), I(1)}).is_null());
  CHECK(call("bag_set_key", {kNullDyn, S("a"), I(1)}).is_null());
  CHECK(json(call("bag_set_key", {J("{}"), S("a"), Value::null_of(Type::Long)})) ==
        R"({"a":null})");
  CHECK(json(call("bag_set_key", {J(R"({"a":5})"), S("$.a.b"), I(1)})) == R"({"a":{"b":1}})");
  CHECK_THROWS_AS(call("bag_set_key", {J("{}"), S("$"), I(1)}), Error);
  CHECK_THROWS_AS(call("bag_set_key", {J("{}"), S("$.a[0]"), I(1)}), Error);
}

TEST_CASE("dynamic: bag_zip examples (bag-zip.md)") {
  CHECK(json(call("bag_zip", {J(R"(["a","b","c"])"), J(R"([1,"2",3.4])")})) ==
        R"({"a":1,"b":"2","c":3.4})");
  CHECK(json(call("bag_zip", {J(R"(["a","b","c"])"), J(R"([1,"2"])")})) ==
        R"({"a":1,"b":"2","c":null})");
  CHECK(json(call("bag_zip", {J(R"(["a","b"])"), J(R"([1,"2",2.5])")})) == R"({"a":1,"b":"2"})");
  CHECK(json(call("bag_zip", {J(R"(["a",8,"b"])"), J(R"([1,"2",2.5])")})) == R"({"a":1,"b":2.5})");
  CHECK(json(call("bag_zip", {J(R"(["a",8,"b"])"), J("1")})) == R"({"a":null,"b":null})");
  CHECK(call("bag_zip", {J("\"a\""), J(R"([1,"2",2.5])")}).is_null());
}

// ------------------------------------------------------------------------------------------
// set_*, zip

TEST_CASE("dynamic: set_difference examples (set-difference-function.md)") {
  for (std::int64_t x = 1; x <= 3; ++x) {
    const std::int64_t y = 2 * x, z = 2 * y, w = 2 * z;
    const Value a1 = call("pack_array", {L(x), L(y), L(x), L(z)});
    const Value a2 = call("pack_array", {L(x), L(y)});
    const Value a3 = call("pack_array", {L(x), L(y), L(w)});
    CHECK(json(call("set_difference", {a1, a2, a3})) == "[" + std::to_string(z) + "]");
  }
  CHECK(json(call("set_difference", {J("[1,2,3]"), J("[1,2,3]")})) == "[]");
  CHECK(json(call("set_difference", {J("[3,1,3,2]"), J("[2]")})) == "[3,1]");
  CHECK_THROWS_AS(call("set_difference", {J("[1]")}), Error);
}

TEST_CASE("dynamic: set_union examples (set-union-function.md)") {
  for (std::int64_t x = 1; x <= 3; ++x) {
    const std::int64_t y = 2 * x, z = 2 * y, w = 2 * z;
    const Value a1 = call("pack_array", {L(x), L(y), L(x), L(z)});
    const Value a2 = call("pack_array", {L(x), L(y)});
    const Value a3 = call("pack_array", {L(w)});
    CHECK(json(call("set_union", {a1, a2, a3})) == "[" + std::to_string(x) + "," +
                                                       std::to_string(y) + "," + std::to_string(z) +
                                                       "," + std::to_string(w) + "]");
  }
  const Value arr1 = J(R"(["A4", "A2", "A7", "A2"])");
  CHECK(json(call("set_union", {arr1, arr1})) == R"(["A4","A2","A7"])");
  const Value arr2 = J(R"(["C4", "C7", "C1", "C4"])");
  CHECK(json(call("set_union", {arr2, arr2})) == R"(["C4","C7","C1"])");
  // Numbers are one element whatever their kind; strings are not numbers.
  CHECK(json(call("set_union", {J("[1, 1.0]"), call("pack_array", {L(1), S("1")})})) ==
        R"([1,"1"])");
  CHECK(call("set_union", {J("[1]"), J("{}")}).is_null());
}

TEST_CASE("dynamic: set_intersect examples (set-intersect-function.md)") {
  for (std::int64_t x = 1; x <= 3; ++x) {
    const std::int64_t y = 2 * x, z = 2 * y, w = 2 * z;
    const Value a1 = call("pack_array", {L(x), L(y), L(x), L(z)});
    const Value a2 = call("pack_array", {L(x), L(y)});
    const Value a3 = call("pack_array", {L(w), L(x)});
    CHECK(json(call("set_intersect", {a1, a2, a3})) == "[" + std::to_string(x) + "]");
  }
  CHECK(json(call("set_intersect", {J("[1, 2, 3]"), J("[4,5]")})) == "[]");
  CHECK(json(call("set_intersect", {J(R"([{"a":1},[2],null])"), J(R"([null,[2],{"a":1}])")})) ==
        R"([{"a":1},[2],null])");
}

TEST_CASE("dynamic: set_has_element example (set-has-element-function.md)") {
  const Value arr = J(R"(["this", "is", "an", "example"])");
  const Value r = call("set_has_element", {arr, S("example")});
  CHECK(r.type() == Type::Bool);
  CHECK(r.as_bool());
  CHECK_FALSE(call("set_has_element", {arr, S("Example")}).as_bool());
  CHECK(call("set_has_element", {J("[1, 2.5]"), R(1.0)}).as_bool());
  CHECK(call("set_has_element", {J("{}"), I(1)}).is_null());
}

TEST_CASE("dynamic: zip examples (zip-function.md)") {
  CHECK(json(call("zip", {J("[1,3,5]"), J("[2,4,6]")})) == "[[1,2],[3,4],[5,6]]");
  CHECK(json(call("zip", {J(R"(["A", 1, 1.5])"), J(R"([{}, "B"])")})) ==
        R"([["A",{}],[1,"B"],[1.5,null]])");
  const Type int_type[] = {Type::Int};
  const Type str_type[] = {Type::String};
  const Value a = call_aggregate("make_list", {{I(1)}, {I(2)}, {I(3)}}, int_type)[0];
  const Value b = call_aggregate("make_list", {{S("one")}, {S("two")}, {S("three")}}, str_type)[0];
  CHECK(json(call("zip", {a, b})) == R"([[1,"one"],[2,"two"],[3,"three"]])");
  CHECK(call("zip", {J("[1]"), J("1")}).is_null());
  CHECK_THROWS_AS(call("zip", {J("[1]")}), Error);
}

// ------------------------------------------------------------------------------------------
// repeat, dynamic_to_json, treepath

TEST_CASE("dynamic: repeat (repeat-function.md)") {
  CHECK(json(call("repeat", {I(1), I(3)})) == "[1,1,1]");
  CHECK(json(call("repeat", {S("a"), L(2)})) == R"(["a","a"])");
  CHECK(json(call("repeat", {I(1), I(0)})) == "[]");
  CHECK(call("repeat", {I(1), I(-1)}).is_null());
  CHECK(call("repeat", {I(1), Value::null_of(Type::Long)}).is_null());
  CHECK(json(call("repeat", {Value::null_of(Type::Long), I(2)})) == "[null,null]");
  CHECK(call("repeat", {dt(2020, 1, 1), I(1)}).tree()->items()[0]->gettype() == "datetime");
  // Past 1,048,576 elements the result is null rather than an unbounded allocation.
  CHECK(call("repeat", {I(1), L(1'000'000'000'000)}).is_null());
  CHECK(call("repeat", {I(1), L(1'048'576)}).tree()->items().size() == 1'048'576);
  CHECK_THROWS_AS(call("repeat", {I(1), R(2.5)}), Error);
}

TEST_CASE("dynamic: range examples (range-function.md)") {
  CHECK(json(call("range", {L(1), L(8), L(3)})) == "[1,4,7]");
  CHECK(json(call("range", {L(1), L(3)})) == "[1,2,3]");
  const Value hours =
      call("range", {Value::timespan(36'000'000'000), Value::timespan(5 * 36'000'000'000)});
  CHECK(json(hours) == R"(["01:00:00","02:00:00","03:00:00","04:00:00","05:00:00"])");
  // All the dates of 2007: 365 of them, the first and last as the doc shows them.
  const Value days =
      call("range", {dt(2007, 1, 1), dt(2007, 12, 31), Value::timespan(864'000'000'000)});
  REQUIRE(days.tree()->items().size() == 365);
  CHECK(to_json(*days.tree()->items().front()) == R"("2007-01-01T00:00:00.0000000Z")");
  CHECK(to_json(*days.tree()->items().back()) == R"("2007-12-31T00:00:00.0000000Z")");
  // range(1, 1000000000) is truncated to 2^20 elements (mv-expand | count gives 1,048,576).
  CHECK(call("range", {L(1), L(1'000'000'000)}).tree()->items().size() == 1'048'576);
}

TEST_CASE("dynamic: range, what the doc leaves open") {
  // Real bounds or step give reals; ints give longs.
  CHECK(json(call("range", {R(1.5), L(3)})) == "[1.5,2.5]");
  CHECK(json(call("range", {I(1), I(3), I(1)})) == "[1,2,3]");
  const Value quarters = call("range", {L(0), R(1), R(0.25)});
  CHECK(json(quarters) == "[0,0.25,0.5,0.75,1]");
  for (const auto& q : quarters.tree()->items()) CHECK(q->kind() == DynamicKind::Real);
  const Value longs = call("range", {L(0), L(2)});
  for (const auto& n : longs.tree()->items()) CHECK(n->kind() == DynamicKind::Long);
  // A negative step counts down; a step away from stop gives []; a zero step gives null.
  CHECK(json(call("range", {L(5), L(1), L(-2)})) == "[5,3,1]");
  CHECK(json(call("range", {L(1), L(5), L(-1)})) == "[]");
  CHECK(json(call("range", {L(3), L(3)})) == "[3]");
  CHECK(json(call("range", {L(1), L(5), L(0)})) == "null");
  // Datetimes step 1h by default; nulls give null.
  CHECK(call("range", {dt(2020, 1, 1), dt(2020, 1, 2)}).tree()->items().size() == 25);
  CHECK(json(call("range", {Value::null_of(Type::Long), L(3)})) == "null");
  // Extremes do not overflow: the span is computed in 128 bits.
  const auto big = call("range", {L(std::numeric_limits<std::int64_t>::min()),
                                  L(std::numeric_limits<std::int64_t>::max()),
                                  L(std::numeric_limits<std::int64_t>::max())});
  CHECK(json(big) == "[-9223372036854775808,-1,9223372036854775806]");
  // Strings are not a series (Kusto.Language: "must be summable").
  CHECK_THROWS_AS(call("range", {S("a"), S("b")}), Error);
}

TEST_CASE("dynamic: dynamic_to_json example (dynamic-to-json-function.md)") {
  const Value bag1 =
      call("dynamic_to_json", {J(R"({"Y10":{}, "X8":{"c3":1, "d8":5, "a4":6}, "D1":114, "A1":12,
                                 "B1":2, "C1":3, "A14":[15, 13, 18]})")});
  const Value bag2 =
      call("dynamic_to_json", {J(R"({"X8":{"a4":6, "c3":1, "d8":5}, "A14":[15, 13, 18], "C1":3,
                                 "B1":2, "Y10":{}, "A1":12, "D1":114})")});
  CHECK(bag1.text() == bag2.text());
  CHECK(
      bag1.text() ==
      R"({"A1":12,"A14":[15,13,18],"B1":2,"C1":3,"D1":114,"X8":{"a4":6,"c3":1,"d8":5},"Y10":{}})");
  CHECK(call("dynamic_to_json", {I(5)}).text() == "5");
  CHECK(call("dynamic_to_json", {S("abc")}).text() == "abc");
  CHECK(call("dynamic_to_json", {J("\"abc\"")}).text() == "\"abc\"");
  CHECK(call("dynamic_to_json", {kNullDyn}).text() == "");
  CHECK(call("dynamic_to_json", {J(R"({"b":1,"a":2,"b":3})")}).text() == R"({"a":2,"b":1})");
}

TEST_CASE("dynamic: treepath examples (treepath-function.md)") {
  CHECK(json(call("treepath", {call("parse_json", {S(R"({"a":"b", "c":123})")})})) ==
        R"(["['a']","['c']"])");
  CHECK(json(call("treepath",
                  {call("parse_json", {S(R"({"prop1":[1,2,3,4], "prop2":"value2"})")})})) ==
        R"(["['prop1']","['prop1'][0]","['prop2']"])");
  CHECK(json(call(
            "treepath",
            {call("parse_json", {S(R"({"listProperty":[100,200,300,"abcde",{"x":"y"}]})")})})) ==
        R"(["['listProperty']","['listProperty'][0]","['listProperty'][0]['x']"])");
  CHECK(json(call("treepath", {J("5")})) == "[]");
  CHECK(json(call("treepath", {J(R"({"it's":1})")})) == R"(["['it\\'s']"])");
}

TEST_CASE("dynamic: dynamic functions never crash on deep or hostile values") {
  std::string deep;
  for (int i = 0; i < 500; ++i) deep += "[";
  for (int i = 0; i < 500; ++i) deep += "]";
  const Value v = call("parse_json", {S(deep)});
  CHECK(call("array_length", {v}).as_int64() == 1);
  CHECK(call("treepath", {v}).tree()->items().size() == 499);
  CHECK(call("dynamic_to_json", {v}).text() == deep);
  CHECK(call("set_union", {v, v}).tree()->items().size() == 1);
  const std::string big(200'000, 'x');
  CHECK(call("extract_json", {S("$.a"), S(big)}).text() == "");
  try {
    call("extract_json", {S(big), S("{}")});
    FAIL("a 200 KB path is not a JSONPath");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).size() < 400);  // the path is quoted cut short
  }
}
