#include <catch2/catch.hpp>
#include <string>

#include "huntq/output/json_string.h"

using huntq::json_quote;
using huntq::output::append_json_text;
using huntq::output::is_json_number;

namespace {
std::string json_text(std::string_view in) {
  std::string out;
  append_json_text(out, in);
  return out;
}
}  // namespace

TEST_CASE("append_json_text passes valid JSON and repairs what is unsafe", "[output][json]") {
  CHECK(json_text(R"({"a":[1,2.5,null,true],"b":{"c":"x\"y\u001b"}})") ==
        R"({"a":[1,2.5,null,true],"b":{"c":"x\"y\u001b"}})");
  CHECK(json_text("") == "null");
  CHECK(json_text("{\"a\":\"\x1b[31m\xe2\x80\xa8\xff\"}") == R"({"a":"\u001b[31m\u2028\ufffd"})");
  // A stray backslash or short \u escape is escaped itself, keeping the string valid.
  CHECK(json_text(R"(["a\qb","\u12"])") == R"(["a\\qb","\\u12"])");
  // Outside strings only printable ASCII and JSON whitespace survive.
  CHECK(json_text("[1,\x1b"
                  "2]") == "[1, 2]");
  CHECK(json_text("\"open") == "\"open\"");
}

TEST_CASE("is_json_number accepts exactly the JSON number grammar", "[output][json]") {
  for (const char* yes : {"0", "-1", "42", "1.5", "-0.25", "1e10", "-2.5E-3", "3e+2"})
    CHECK(is_json_number(yes));
  for (const char* no : {"", "-", "01", "1.", ".5", "+1", "NaN", "Infinity", "1e", "1 ", "0x10"})
    CHECK_FALSE(is_json_number(no));
}
