#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "huntq/output/terminal_text.h"
#include "output/capture.h"

using namespace huntq::output;
using huntq::output::test::Null;
using huntq::output::test::render;
using huntq::output::test::string_columns;
using huntq::output::test::terminal;

namespace {

std::string spaces(std::size_t n) {
  return std::string(n, ' ');
}
std::string dashes(std::size_t n) {
  return std::string(n, '-');
}

// The analyst's case: a device, a path, a URL with a query and a threat name.
const std::vector<Column> kHuntColumns =
    string_columns({"DeviceName", "FolderPath", "FileOriginUrl", "ThreatName"});
const std::vector<std::vector<huntq::output::test::TestCell>> kHuntRows = {
    {"ws-0042.corp.example.com", R"(C:\Users\a.lee\Downloads\setup.exe)",
     "https://dl.example.com/files/v2/setup.exe?token=abcdef", "Trojan:Win32/Wacatac.B!ml"},
    {"pc1", R"(C:\Temp\a.exe)", "http://x.test/a.exe", "EICAR-Test-File"}};

void check_lines_fit(const std::string& out, std::size_t width) {
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    CHECK(display_width(line) <= width);
  }
}

}  // namespace

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

TEST_CASE("table shows controls as marks and sizes columns by what is shown", "[output][table]") {
  const std::string out = render(Format::Table, string_columns({"Cell", "N"}),
                                 {{"\x1b]0;title\x07", "a\tb"}, {"\x1b[31m", "\\"}});
  // ⟨ESC⟩]0;title⟨BEL⟩ is 18 columns, a⟨TAB⟩b 7, ⟨ESC⟩[31m 9.
  CHECK(out == "Cell" + spaces(14) + "  N\n" + dashes(18) + "  " + dashes(7) +
                   "\n"
                   "\u27e8ESC\u27e9]0;title\u27e8BEL\u27e9  a\u27e8TAB\u27e9b\n"
                   "\u27e8ESC\u27e9[31m" +
                   spaces(9) + "  \\\n");
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
}

TEST_CASE("table prints Windows paths as typed", "[output][table]") {
  CHECK(render(Format::Table, string_columns({"FolderPath"}), {{R"(C:\Users\a.lee\Downloads)"}}) ==
        "FolderPath\n" + dashes(24) + "\nC:\\Users\\a.lee\\Downloads\n");
}

TEST_CASE("table shows every hostile byte sequence as marks", "[output][table]") {
  const std::string hostile =
      std::string("\r\n\0", 3) + "\xc2\x9b\xe2\x80\xae\xff\xe2\x82\xc0\xaf\xed\xa0\x80\\";
  const std::string out = render(Format::Table, string_columns({"X"}), {{hostile}});
  const std::string shown =
      "\u27e8CR\u27e9\u27e8LF\u27e9\u27e8NUL\u27e9\u27e8U+009B\u27e9\u27e8U+202E\u27e9"
      "\u27e8\\xFF\u27e9\u27e8\\xE2\u27e9\u27e8\\x82\u27e9\u27e8\\xC0\u27e9\u27e8\\xAF\u27e9"
      "\u27e8\\xED\u27e9\u27e8\\xA0\u27e9\u27e8\\x80\u27e9\\";
  // 4 + 4 + 5 + 8 + 8 + 8 * 6 + 1 = 78 columns.
  CHECK(out == "X\n" + dashes(78) + "\n" + shown + "\n");
}

TEST_CASE("table shows header names' controls as marks too", "[output][table]") {
  CHECK(render(Format::Table, string_columns({"a\x1b"}), {{"1"}}) ==
        "a\u27e8ESC\u27e9\n------\n1\n");
}

TEST_CASE("table not on a terminal prints every cell whole", "[output][table]") {
  const std::string out = render(Format::Table, string_columns({"C", "D"}),
                                 {{std::string(70, 'x'), "d"}, {std::string(60, 'y'), "e"}});
  CHECK(out == "C" + spaces(69) + "  D\n" + dashes(70) + "  -\n" + std::string(70, 'x') + "  d\n" +
                   std::string(60, 'y') + spaces(10) + "  e\n");
}

TEST_CASE("table counts wide characters as two columns", "[output][table]") {
  // 名前 is 4 columns, 日 is 2.
  CHECK(render(Format::Table, string_columns({"\xe5\x90\x8d\xe5\x89\x8d", "B"}),
               {{"\xe6\x97\xa5", "x"}}) ==
        "\xe5\x90\x8d\xe5\x89\x8d  B\n"
        "----  -\n"
        "\xe6\x97\xa5    x\n");
}

TEST_CASE("table header is bold and marks reversed only with color on", "[output][table]") {
  WriterOptions color;
  color.color = true;
  CHECK(render(Format::Table, string_columns({"A", "B"}), {{"1", "2"}}, color) ==
        "\x1b[1mA  B\x1b[0m\n-  -\n1  2\n");
  CHECK(render(Format::Table, string_columns({"A", "B"}), {{"1", "2"}}) == "A  B\n-  -\n1  2\n");
  // x⟨ESC⟩ is 6 columns; the mark is in reverse video, the typed "\x1b" is not.
  CHECK(render(Format::Table, string_columns({"A", "B"}), {{"x\x1b", "\\x1b"}}, color) ==
        "\x1b[1mA       B\x1b[0m\n------  ----\nx\x1b[7m\u27e8ESC\u27e9\x1b[27m  \\x1b\n");
}

TEST_CASE("table on a wide terminal keeps natural widths when they fit", "[output][table]") {
  // Natural widths 24, 34, 54, 25 and three gaps: 143 columns, which fit in 160.
  WriterReport report;
  const std::string out = render(Format::Table, kHuntColumns, kHuntRows, terminal(160), &report);
  CHECK(out == render(Format::Table, kHuntColumns, kHuntRows));
  CHECK(out.find("\u2026") == std::string::npos);
  CHECK(report.cells_elided == 0);
}

TEST_CASE("table at 120 columns shrinks the widest columns and elides inside cells",
          "[output][table]") {
  // 114 columns for cells: cap 32 uses 113, the one left widens FolderPath: 24, 33, 32, 25.
  const std::string out = render(Format::Table, kHuntColumns, kHuntRows, terminal(120));
  CHECK(out == "DeviceName" + spaces(14) + "  FolderPath" + spaces(23) + "  FileOriginUrl" +
                   spaces(19) + "  ThreatName\n" + dashes(24) + "  " + dashes(33) + "  " +
                   dashes(32) + "  " + dashes(25) +
                   "\n"
                   "ws-0042.corp.example.com  C:\\\u2026\\a.lee\\Downloads\\setup.exe" +
                   spaces(3) +
                   "  dl.example.com/\u2026/setup.exe?toke\u2026  Trojan:Win32/Wacatac.B!ml\n" +
                   "pc1" + spaces(21) + "  C:\\Temp\\a.exe" + spaces(20) + "  http://x.test/a.exe" +
                   spaces(13) + "  EICAR-Test-File\n");
  check_lines_fit(out, 120);
}

TEST_CASE("table at 80 columns shrinks further and never wraps", "[output][table]") {
  // 74 columns for cells: cap 18 uses 72, two left widen the first two: 19, 19, 18, 18.
  WriterReport report;
  const std::string out = render(Format::Table, kHuntColumns, kHuntRows, terminal(80), &report);
  CHECK(out == "DeviceName" + spaces(9) + "  FolderPath" + spaces(9) + "  FileOriginUrl" +
                   spaces(5) + "  ThreatName\n" + dashes(19) + "  " + dashes(19) + "  " +
                   dashes(18) + "  " + dashes(18) +
                   "\n"
                   "ws-0042.corp.examp\u2026  C:\\\u2026\\setup.exe" +
                   spaces(5) + "  dl.examp\u2026etup.exe\u2026  Trojan:Win32/Waca\u2026\n" + "pc1" +
                   spaces(16) + "  C:\\Temp\\a.exe" + spaces(6) + "  x.test/a.exe" + spaces(6) +
                   "  EICAR-Test-File\n");
  check_lines_fit(out, 80);
  // Row 1's four cells and row 2's URL.
  CHECK(report.cells_elided == 5);
  CHECK(report.hidden_columns == 0);
}

TEST_CASE("table with wide set prints every cell whole on a terminal", "[output][table]") {
  WriterOptions wide = terminal(80);
  wide.wide = true;
  CHECK(render(Format::Table, kHuntColumns, kHuntRows, wide) ==
        render(Format::Table, kHuntColumns, kHuntRows));
}

TEST_CASE("table elides header names at their end", "[output][table]") {
  // Natural 31 and 5; at 20 columns: 18 for cells, cap 13 with the 5 kept.
  const std::string out =
      render(Format::Table, string_columns({"InitiatingProcessParentFileName", "Count"}),
             {{"explorer.exe", "12"}}, terminal(20));
  CHECK(out == "InitiatingPr\u2026  Count\n" + dashes(13) + "  -----\nexplorer.exe   12\n");
}

TEST_CASE("table that cannot fit every column ends with a … column", "[output][table]") {
  // Five columns of 20 at 30: three shown, at 8, 8 and 7 (see fit_columns).
  const std::string x(20, 'x');
  WriterReport report;
  const std::string out = render(Format::Table, string_columns({"A", "B", "C", "D", "E"}),
                                 {{x, x, x, x, x}}, terminal(30), &report);
  CHECK(out == "A" + spaces(7) + "  B" + spaces(7) + "  C" + spaces(6) + "  \u2026\n" + dashes(8) +
                   "  " + dashes(8) + "  " + dashes(7) + "  -\n" +
                   "xxxxxxx\u2026  xxxxxxx\u2026  " + "xxxxxx\u2026  \u2026\n");
  CHECK(report.hidden_columns == 2);
  CHECK(report.cells_elided == 3);
  check_lines_fit(out, 30);
}

TEST_CASE("table elision keeps marks whole and in reverse video", "[output][table]") {
  WriterOptions options = terminal(12);
  options.color = true;
  // ab⟨ESC⟩[31mred is 14 columns: cut to 12, "ab⟨ESC⟩[31m" and the ellipsis.
  const std::string out =
      render(Format::Table, string_columns({"V"}), {{"ab\x1b[31mred"}}, options);
  CHECK(out == "\x1b[1mV\x1b[0m\n" + dashes(12) + "\nab\x1b[7m\u27e8ESC\u27e9\x1b[27m[31m\u2026\n");
}
