#include <catch2/catch.hpp>
#include <string>

#include "output/capture.h"

using namespace huntq::output;
using huntq::output::test::Null;
using huntq::output::test::render;
using huntq::output::test::string_columns;

TEST_CASE("table aligns columns with two spaces and a dash separator", "[output][table]") {
  const std::string out =
      render(Format::Table, string_columns({"A", "Bee"}), {{"x", "1"}, {"longer", "22"}});
  CHECK(out ==
        "A       Bee\n"
        "------  ---\n"
        "x       1\n"
        "longer  22\n");
}

TEST_CASE("table with no rows prints the header and separator", "[output][table]") {
  CHECK(render(Format::Table, string_columns({"A", "B"}), {}) == "A  B\n-  -\n");
}

TEST_CASE("table prints null cells empty", "[output][table]") {
  CHECK(render(Format::Table, string_columns({"A", "B"}), {{Null{}, "z"}}) == "A  B\n-  -\n   z\n");
}

TEST_CASE("table escapes control characters and sizes columns by the escaped text",
          "[output][table]") {
  const std::string out = render(Format::Table, string_columns({"Cell", "N"}),
                                 {{"\x1b]0;title\x07", "a\tb"}, {"\x1b[31m", "\\"}});
  // \e]0;title\x07 is 14 columns wide.
  CHECK(out ==
        "Cell            N\n"
        "--------------  ----\n"
        "\\e]0;title\\x07  a\\tb\n"
        "\\e[31m          \\\\\n");
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
}

TEST_CASE("table escapes every hostile byte sequence", "[output][table]") {
  const std::string hostile =
      std::string("\r\n\0", 3) + "\xc2\x9b\xe2\x80\xae\xff\xe2\x82\xc0\xaf\xed\xa0\x80\\";
  const std::string out = render(Format::Table, string_columns({"X"}), {{hostile}});
  const std::string shown = R"(\r\n\x00\u{009b}\u{202e}\xff\xe2\x82\xc0\xaf\xed\xa0\x80\\)";
  CHECK(out == "X\n" + std::string(shown.size(), '-') + "\n" + shown + "\n");
}

TEST_CASE("table escapes header names too", "[output][table]") {
  CHECK(render(Format::Table, string_columns({"a\x1b"}), {{"1"}}) == "a\\e\n---\n1\n");
}

TEST_CASE("table caps cells at 60 columns with an ellipsis", "[output][table]") {
  const std::string out = render(Format::Table, string_columns({"C", "D"}),
                                 {{std::string(70, 'x'), "d"}, {std::string(60, 'y'), "e"}});
  const std::string cut = std::string(59, 'x') + "\xe2\x80\xa6";
  CHECK(out == "C" + std::string(59, ' ') + "  D\n" + std::string(60, '-') + "  -\n" + cut +
                   "  d\n" + std::string(60, 'y') + "  e\n");
}

TEST_CASE("table counts wide characters as two columns", "[output][table]") {
  // 名前 is 4 columns, 日 is 2.
  CHECK(render(Format::Table, string_columns({"\xe5\x90\x8d\xe5\x89\x8d", "B"}),
               {{"\xe6\x97\xa5", "x"}}) ==
        "\xe5\x90\x8d\xe5\x89\x8d  B\n"
        "----  -\n"
        "\xe6\x97\xa5    x\n");
}

TEST_CASE("table header is bold only with color on", "[output][table]") {
  WriterOptions color;
  color.color = true;
  CHECK(render(Format::Table, string_columns({"A", "B"}), {{"1", "2"}}, color) ==
        "\x1b[1mA  B\x1b[0m\n-  -\n1  2\n");
  CHECK(render(Format::Table, string_columns({"A", "B"}), {{"1", "2"}}) == "A  B\n-  -\n1  2\n");
}
