#include <catch2/catch.hpp>
#include <string>

#include "output/capture.h"

using namespace huntq::output;
using huntq::Type;
using huntq::output::test::Null;
using huntq::output::test::render;
using huntq::output::test::string_columns;
using huntq::output::test::terminal;

namespace {
const std::vector<Column> kTyped = {{"Name", Type::String}, {"N", Type::Long},
                                    {"R", Type::Real},      {"B", Type::Bool},
                                    {"D", Type::Dynamic},   {"T", Type::DateTime}};
const std::vector<std::vector<huntq::output::test::TestCell>> kTypedRows = {
    {"x\"y", "42", "1.5", "true", R"({"k":[1,2]})", "2024-01-02T03:04:05.0000000Z"},
    {Null{}, Null{}, Null{}, Null{}, Null{}, Null{}},
    {"", "-7", "NaN", "false", "[]", "2024-01-02T00:00:00.0000000Z"}};
}  // namespace

TEST_CASE("JSON writes an array with one typed object per line", "[output][json]") {
  CHECK(render(Format::Json, kTyped, kTypedRows) ==
        R"([
  {"Name":"x\"y","N":42,"R":1.5,"B":true,"D":{"k":[1,2]},"T":"2024-01-02T03:04:05.0000000Z"},
  {"Name":null,"N":null,"R":null,"B":null,"D":null,"T":null},
  {"Name":"","N":-7,"R":"NaN","B":false,"D":[],"T":"2024-01-02T00:00:00.0000000Z"}
]
)");
}

TEST_CASE("JSON with no rows is an empty array", "[output][json]") {
  CHECK(render(Format::Json, string_columns({"A"}), {}) == "[]\n");
}

TEST_CASE("NDJSON writes one typed object per line", "[output][ndjson]") {
  CHECK(
      render(Format::Ndjson, kTyped, kTypedRows) ==
      R"({"Name":"x\"y","N":42,"R":1.5,"B":true,"D":{"k":[1,2]},"T":"2024-01-02T03:04:05.0000000Z"}
{"Name":null,"N":null,"R":null,"B":null,"D":null,"T":null}
{"Name":"","N":-7,"R":"NaN","B":false,"D":[],"T":"2024-01-02T00:00:00.0000000Z"}
)");
}

TEST_CASE("NDJSON with no rows prints nothing", "[output][ndjson]") {
  CHECK(render(Format::Ndjson, string_columns({"A"}), {}) == "");
}

TEST_CASE("JSON writers escape hostile strings and keys the same way", "[output][json]") {
  const std::string hostile = "\x1b[31m\xc2\x9b\xe2\x80\xae\xff\xe2\x82" + std::string("\0\n\\", 3);
  const auto columns = string_columns({"Msg\x1b", "k\"ey"});
  const char* object =
      R"({"Msg\u001b":"\u001b[31m\u009b\u202e\ufffd\ufffd\ufffd\u0000\n\\","k\"ey":"\u2028"})";
  const std::vector<std::vector<huntq::output::test::TestCell>> rows = {{hostile, "\xe2\x80\xa8"}};
  CHECK(render(Format::Ndjson, columns, rows) == std::string(object) + "\n");
  CHECK(render(Format::Json, columns, rows) == "[\n  " + std::string(object) + "\n]\n");
}

TEST_CASE("JSON keeps Dynamic text but escapes raw controls inside its strings", "[output][json]") {
  const std::vector<Column> columns = {{"D", Type::Dynamic}};
  CHECK(render(Format::Ndjson, columns, {{"{\"a\":\"\x1b\"}"}, {""}}) ==
        "{\"D\":{\"a\":\"\\u001b\"}}\n{\"D\":null}\n");
}

TEST_CASE("JSON writes Dynamic text that is not a JSON value as a string", "[output][json]") {
  const std::vector<Column> columns = {{"D", Type::Dynamic}};
  CHECK(render(Format::Ndjson, columns, {{"abc"}, {"C:\\x"}, {"12"}, {"false"}, {"\"s\""}}) ==
        R"({"D":"abc"}
{"D":"C:\\x"}
{"D":12}
{"D":false}
{"D":"s"}
)");
}

TEST_CASE("JSON to a terminal escapes invisible characters as \\u escapes", "[output][json]") {
  // Soft hyphen, Hangul filler, variation selectors 1 and 17, interlinear annotation,
  // a musical format character, a Khmer inherent vowel: \u escapes, surrogate pairs above U+FFFF.
  const std::string text =
      "a\xc2\xad\xe3\x85\xa4\xef\xb8\x80\xf3\xa0\x84\x80\xef\xbf\xb9\xf0\x9d\x85\xb3"
      "\xe1\x9e\xb4z";
  const auto columns = string_columns({"K\xc2\xad"});
  CHECK(render(Format::Ndjson, columns, {{text}}, terminal(80)) ==
        R"({"K\u00ad":"a\u00ad\u3164\ufe00\udb40\udd00\ufff9\ud834\udd73\u17b4z"})"
        "\n");
  CHECK(render(Format::Json, columns, {{text}}, terminal(80)) ==
        "[\n  "
        R"({"K\u00ad":"a\u00ad\u3164\ufe00\udb40\udd00\ufff9\ud834\udd73\u17b4z"})"
        "\n]\n");
}

TEST_CASE("JSON to a file keeps printable invisible characters raw, as before", "[output][json]") {
  const std::string text = "a\xc2\xad\xe3\x85\xa4z";
  CHECK(render(Format::Ndjson, string_columns({"K"}), {{text}}) == "{\"K\":\"" + text + "\"}\n");
}

TEST_CASE("JSON to a terminal escapes Dynamic strings the same way", "[output][json]") {
  const std::vector<Column> columns = {{"D", Type::Dynamic}};
  CHECK(render(Format::Ndjson, columns, {{"{\"a\xc2\xad\":\"\xef\xbf\xb9\x1b\"}"}}, terminal(80)) ==
        R"({"D":{"a\u00ad":"\ufff9\u001b"}})"
        "\n");
}

TEST_CASE("JSON to a terminal keeps typed backslashes and C0 escapes as JSON has them",
          "[output][json]") {
  CHECK(render(Format::Ndjson, string_columns({"P"}), {{"C:\\x\x1b\xe2\x80\xae"}}, terminal(80)) ==
        R"({"P":"C:\\x\u001b\u202e"})"
        "\n");
}
