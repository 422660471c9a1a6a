#include <catch2/catch.hpp>
#include <string>

#include "output/capture.h"

using namespace huntq::output;
using huntq::output::test::Null;
using huntq::output::test::render;
using huntq::output::test::string_columns;
using huntq::output::test::terminal;

TEST_CASE("vertical prints one right-aligned Name: value line per field", "[output][vertical]") {
  const std::string out =
      render(Format::Vertical, string_columns({"Timestamp", "DeviceName", "FolderPath"}),
             {{"2024-01-15T10:00:00Z", "pc1", R"(C:\Users\a.lee\Downloads)"},
              {Null{},
               "pc\x1b"
               "2",
               ""}});
  CHECK(out ==
        "-[ RECORD 1 ]-\n"
        " Timestamp: 2024-01-15T10:00:00Z\n"
        "DeviceName: pc1\n"
        "FolderPath: C:\\Users\\a.lee\\Downloads\n"
        "-[ RECORD 2 ]-\n"
        " Timestamp:\n"
        "DeviceName: pc\u27e8ESC\u27e92\n"
        "FolderPath:\n");
}

TEST_CASE("vertical with no rows prints nothing", "[output][vertical]") {
  CHECK(render(Format::Vertical, string_columns({"A"}), {}) == "");
}

TEST_CASE("vertical prints values whole, on a terminal too", "[output][vertical]") {
  const std::string url = "https://dl.example.com/files/v2/setup.exe?token=abcdef";
  CHECK(render(Format::Vertical, string_columns({"Url"}), {{url}}, terminal(20)) ==
        "-[ RECORD 1 ]-\nUrl: " + url + "\n");
}

TEST_CASE("vertical keeps a field on one line", "[output][vertical]") {
  CHECK(render(Format::Vertical, string_columns({"Cmd"}), {{"a\r\nb\tc"}}) ==
        "-[ RECORD 1 ]-\nCmd: a\u27e8CR\u27e9\u27e8LF\u27e9b\u27e8TAB\u27e9c\n");
}

TEST_CASE("vertical aligns names by display width", "[output][vertical]") {
  // 名前 is 4 columns wide.
  CHECK(render(Format::Vertical, string_columns({"\xe5\x90\x8d\xe5\x89\x8d", "B"}), {{"x", "y"}}) ==
        "-[ RECORD 1 ]-\n\xe5\x90\x8d\xe5\x89\x8d: x\n   B: y\n");
}

TEST_CASE("vertical with color makes names bold and marks reversed", "[output][vertical]") {
  WriterOptions color;
  color.color = true;
  CHECK(render(Format::Vertical, string_columns({"A"}), {{"x\x1b"}}, color) ==
        "-[ RECORD 1 ]-\n\x1b[1mA\x1b[0m: x\x1b[7m\u27e8ESC\u27e9\x1b[27m\n");
}
