// huntq::json_quote: every byte a log may hold comes out as valid, printable JSON.
#include "huntq/value/json_quote.h"

#include <catch2/catch.hpp>
#include <string>

using huntq::json_quote;

TEST_CASE("json_quote escapes quotes, backslashes and named controls", "[value][json]") {
  CHECK(json_quote("plain") == R"("plain")");
  CHECK(json_quote("") == R"("")");
  CHECK(json_quote(R"(a"b\c)") == R"("a\"b\\c")");
  CHECK(json_quote("\b\f\n\r\t") == R"("\b\f\n\r\t")");
  CHECK(json_quote("C:\\Windows\\System32") == R"("C:\\Windows\\System32")");
}

TEST_CASE("json_quote escapes other C0 controls, DEL and C1 as \\u00XX", "[value][json]") {
  CHECK(json_quote("\x01\x1b[31m\x1f") == R"("\u0001\u001b[31m\u001f")");
  CHECK(json_quote("\x1b]0;title\x07") == R"("\u001b]0;title\u0007")");
  CHECK(json_quote(std::string("a\0b", 3)) == R"("a\u0000b")");
  CHECK(json_quote("\x7f") == R"("\u007f")");
  CHECK(json_quote("\xc2\x9b\xc2\x80") == R"("\u009b\u0080")");
  CHECK(json_quote("\xc2\xa0") == "\"\xc2\xa0\"");  // NBSP is not a control
}

TEST_CASE("json_quote escapes separators and invisible formatting characters", "[value][json]") {
  CHECK(json_quote("\xe2\x80\xa8\xe2\x80\xa9") == R"("\u2028\u2029")");
  CHECK(json_quote("a\xe2\x80\xae"
                   "b") == R"("a\u202eb")");
  CHECK(json_quote("\xef\xbb\xbf\xe2\x80\x8b") == R"("\ufeff\u200b")");
  // A tag character is outside the BMP: written as a surrogate pair.
  CHECK(json_quote("\xf3\xa0\x81\x81") == R"("\udb40\udc41")");
}

TEST_CASE("json_quote keeps valid UTF-8 and replaces each invalid byte", "[value][json]") {
  CHECK(json_quote("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") ==
        "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
  CHECK(json_quote("a\xff"
                   "b") == R"("a\ufffdb")");
  CHECK(json_quote("\xe2\x82") == R"("\ufffd\ufffd")");
  CHECK(json_quote("\xe2\x82"
                   "A") == R"("\ufffd\ufffdA")");
  CHECK(json_quote("\xc0\xaf") == R"("\ufffd\ufffd")");
  CHECK(json_quote("\xed\xa0\x80") == R"("\ufffd\ufffd\ufffd")");
}
