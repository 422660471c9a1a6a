#include "huntq/output/json_string.h"

#include <catch2/catch.hpp>
#include <string>

using huntq::output::append_json_text;
using huntq::output::is_json_number;
using huntq::output::json_string;

namespace {
std::string json_text(std::string_view in) {
  std::string out;
  append_json_text(out, in);
  return out;
}
}  // namespace

TEST_CASE("json_string escapes quotes, backslashes and named controls", "[output][json]") {
  CHECK(json_string("plain") == R"("plain")");
  CHECK(json_string("") == R"("")");
  CHECK(json_string(R"(a"b\c)") == R"("a\"b\\c")");
  CHECK(json_string("\b\f\n\r\t") == R"("\b\f\n\r\t")");
  CHECK(json_string("C:\\Windows\\System32") == R"("C:\\Windows\\System32")");
}

TEST_CASE("json_string escapes other C0 controls, DEL and C1 as \\u00XX", "[output][json]") {
  CHECK(json_string("\x01\x1b[31m\x1f") == R"("\u0001\u001b[31m\u001f")");
  CHECK(json_string("\x1b]0;title\x07") == R"("\u001b]0;title\u0007")");
  CHECK(json_string(std::string("a\0b", 3)) == R"("a\u0000b")");
  CHECK(json_string("\x7f") == R"("\u007f")");
  CHECK(json_string("\xc2\x9b\xc2\x80") == R"("\u009b\u0080")");
  CHECK(json_string("\xc2\xa0") == "\"\xc2\xa0\"");  // NBSP is not a control
}

TEST_CASE("json_string escapes separators and invisible formatting characters", "[output][json]") {
  CHECK(json_string("\xe2\x80\xa8\xe2\x80\xa9") == R"("\u2028\u2029")");
  CHECK(json_string("a\xe2\x80\xae"
                    "b") == R"("a\u202eb")");
  CHECK(json_string("\xef\xbb\xbf\xe2\x80\x8b") == R"("\ufeff\u200b")");
  // A tag character is outside the BMP: written as a surrogate pair.
  CHECK(json_string("\xf3\xa0\x81\x81") == R"("\udb40\udc41")");
}

TEST_CASE("json_string keeps valid UTF-8 and replaces each invalid byte", "[output][json]") {
  CHECK(json_string("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") ==
        "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
  CHECK(json_string("a\xff"
                    "b") == R"("a\ufffdb")");
  CHECK(json_string("\xe2\x82") == R"("\ufffd\ufffd")");
  CHECK(json_string("\xe2\x82"
                    "A") == R"("\ufffd\ufffdA")");
  CHECK(json_string("\xc0\xaf") == R"("\ufffd\ufffd")");
  CHECK(json_string("\xed\xa0\x80") == R"("\ufffd\ufffd\ufffd")");
}

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
