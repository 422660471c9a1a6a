#include "huntq/value/dynamic.h"

#include <catch2/catch.hpp>

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
  CHECK(not_json.text() == "\"not json\"");  // a dynamic string holding the text
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
