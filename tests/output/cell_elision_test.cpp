#include "huntq/output/cell_elision.h"

#include <catch2/catch.hpp>
#include <string>

#include "huntq/output/terminal_text.h"

using huntq::output::display_width;
using huntq::output::elide_cell;
using huntq::output::escape_for_terminal;

namespace {
// 41 columns: "https://dl.example.com/" is 23, "files/v2" 8, "/setup.exe" 10.
const std::string kUrl = "https://dl.example.com/files/v2/setup.exe";
// 34 columns: "C:\" 3, "Users\a.lee\Downloads" 21, "\setup.exe" 10.
const std::string kPath = R"(C:\Users\a.lee\Downloads\setup.exe)";
}  // namespace

TEST_CASE("cells that fit are left whole", "[output][elision]") {
  CHECK(elide_cell(kUrl, 41) == kUrl);
  CHECK(elide_cell(kUrl, 500) == kUrl);
  CHECK(elide_cell("", 0) == "");
}

TEST_CASE("a URL keeps its host and file name, then folders that fit", "[output][elision]") {
  CHECK(elide_cell(kUrl, 40) == "https://dl.example.com/\u2026/v2/setup.exe");  // 37 wide
  CHECK(elide_cell(kUrl, 36) == "https://dl.example.com/\u2026/setup.exe");
  CHECK(elide_cell(kUrl, 34) == "https://dl.example.com/\u2026/setup.exe");
}

TEST_CASE("a URL too narrow for its scheme leaves the scheme out", "[output][elision]") {
  // "dl.example.com/" is 15: 15 + 1 + 10 = 26, and "/v2" makes 29.
  CHECK(elide_cell(kUrl, 33) == "dl.example.com/\u2026/v2/setup.exe");
  CHECK(elide_cell(kUrl, 28) == "dl.example.com/\u2026/setup.exe");
  CHECK(elide_cell(kUrl, 26) == "dl.example.com/\u2026/setup.exe");
  // Then the file name's end (its extension) after the host.
  CHECK(elide_cell(kUrl, 25) == "dl.example.com/\u2026setup.exe");
  CHECK(elide_cell(kUrl, 23) == "dl.example.com/\u2026tup.exe");
  CHECK(elide_cell(kUrl, 20) == "dl.example.com/\u2026.exe");
  // Then both ends of what is left.
  CHECK(elide_cell(kUrl, 17) == "dl.examp\u2026etup.exe");
}

TEST_CASE("a URL with nothing between host and file name only loses its scheme",
          "[output][elision]") {
  CHECK(elide_cell("http://x.test/a.exe", 18) == "x.test/a.exe");
}

TEST_CASE("a URL's last resort keeps the file name's end, not the query", "[output][elision]") {
  // Query cut (1 column), 17 left: "dl.examp" (8), the ellipsis, "etup.exe" (8).
  CHECK(elide_cell("https://dl.example.com/files/v2/setup.exe?token=abcdef", 18) ==
        "dl.examp\u2026etup.exe\u2026");
}

TEST_CASE("a URL's query is cut before its file name", "[output][elision]") {
  // 47 columns: head 23, "a" 1, "/setup.exe" 10, "?token=abcdef" 13.
  const std::string url = "https://dl.example.com/a/setup.exe?token=abcdef";
  CHECK(elide_cell(url, 47) == url);
  CHECK(elide_cell(url, 46) == "https://dl.example.com/\u2026/setup.exe?token=abcd\u2026");
  CHECK(elide_cell(url, 36) == "https://dl.example.com/\u2026/setup.exe?\u2026");
  CHECK(elide_cell(url, 35) == "https://dl.example.com/\u2026/setup.exe\u2026");
  CHECK(elide_cell(url, 32) == "dl.example.com/\u2026/setup.exe?toke\u2026");
}

TEST_CASE("a Windows path keeps its drive and file name", "[output][elision]") {
  CHECK(elide_cell(kPath, 33) == R"(C:\…\a.lee\Downloads\setup.exe)");  // 30 wide
  CHECK(elide_cell(kPath, 29) == R"(C:\…\Downloads\setup.exe)");
  CHECK(elide_cell(kPath, 14) == R"(C:\…\setup.exe)");
  CHECK(elide_cell(kPath, 13) == R"(C:\…setup.exe)");
  CHECK(elide_cell(kPath, 8) == R"(C:\….exe)");
  CHECK(elide_cell(kPath, 7) == R"(C:\…exe)");
  // A folder path: its last folder is what is kept.
  CHECK(elide_cell(R"(C:\Users\a.lee\Downloads)", 18) == R"(C:\…\Downloads)");
}

TEST_CASE("UNC and POSIX paths keep their first part", "[output][elision]") {
  CHECK(elide_cell(R"(\\fs01\share\dept\reports\q1.xlsx)", 30) ==
        R"(\\fs01\share\…\reports\q1.xlsx)");
  CHECK(elide_cell("/home/alice/projects/huntq/build/huntq", 20) == "/home/\u2026/build/huntq");
}

TEST_CASE("other text is cut at the end", "[output][elision]") {
  CHECK(elide_cell("powershell -nop -w hidden -enc JABzAD0", 20) == "powershell -nop -w \u2026");
  CHECK(elide_cell("abc", 1) == "\u2026");
  CHECK(elide_cell("abc", 0) == "");
}

TEST_CASE("elision never splits a mark and a mark's backslash is no separator",
          "[output][elision]") {
  // C:\ab⟨\xFF⟩cd\ef\name.txt: 25 columns; the backslash inside the mark is not a folder.
  const std::string shown = escape_for_terminal(
      "C:\\ab\xff"
      "cd\\ef\\name.txt");
  REQUIRE(display_width(shown) == 25);
  CHECK(elide_cell(shown, 20) == R"(C:\…\ef\name.txt)");
  // Plain text: the mark is kept whole or left out whole.
  const std::string esc = escape_for_terminal("ab\x1b[31mred");  // ab⟨ESC⟩[31mred
  CHECK(elide_cell(esc, 8) == "ab\u27e8ESC\u27e9\u2026");
  CHECK(elide_cell(esc, 7) == "ab\u2026");
}

TEST_CASE("elision counts wide characters as two columns", "[output][elision]") {
  // C:\文件\报告\年度.xlsx: 22 columns; "\年度.xlsx" is 10.
  const std::string path =
      "C:\\\xe6\x96\x87\xe4\xbb\xb6\\\xe6\x8a\xa5\xe5\x91\x8a\\\xe5\xb9\xb4\xe5\xba\xa6.xlsx";
  REQUIRE(display_width(path) == 22);
  CHECK(elide_cell(path, 16) == "C:\\\u2026\\\xe5\xb9\xb4\xe5\xba\xa6.xlsx");
  CHECK(display_width(elide_cell(path, 16)) == 14);
}
