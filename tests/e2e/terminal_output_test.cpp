// The sample hunt on a real (pseudo-)terminal: the table fits the width, hostile cells never
// reach the terminal raw, colour only on a terminal; redirected, the bytes stay exact.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>
#include <vector>

#include "run_in_pty.h"

using namespace huntq::testing;

namespace {

const std::vector<std::string> kSampleRun{"run", "-x", "samples/exclusions.yaml",
                                          "samples/DeviceEvents.ndjson",
                                          "samples/DeviceFileEvents.ndjson"};

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// The text a terminal shows for `bytes`: SGR colour sequences removed, lines split at \n
// (\r dropped).
std::vector<std::string> shown_lines(const std::string& bytes) {
  std::string text;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\x1b' && i + 1 < bytes.size() && bytes[i + 1] == '[') {
      std::size_t j = i + 2;
      while (j < bytes.size() &&
             (std::isdigit(static_cast<unsigned char>(bytes[j])) || bytes[j] == ';'))
        ++j;
      if (j < bytes.size() && bytes[j] == 'm') {
        i = j;
        continue;
      }
    }
    if (bytes[i] != '\r') text += bytes[i];
  }
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    lines.push_back(text.substr(start, nl - start));
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

// Display columns of UTF-8 text whose characters are all one column wide (the sample's are:
// ASCII and the ⟨ ⟩ marks).
std::size_t columns_of(const std::string& line) {
  std::size_t n = 0;
  for (unsigned char c : line) n += (c & 0xC0) != 0x80;
  return n;
}

// The table's lines: everything before the summary.
std::vector<std::string> table_lines(const std::string& terminal) {
  std::vector<std::string> out;
  for (const auto& l : shown_lines(terminal)) {
    if (l.rfind("huntq: summary", 0) == 0) break;
    out.push_back(l);
  }
  return out;
}

}  // namespace

TEST_CASE("terminal: the sample table fits 80 and 120 columns and never wraps") {
  ::unsetenv("COLUMNS");  // the width must come from the terminal
  for (unsigned short width : {80, 120}) {
    const auto r = run_huntq_in_pty(kSampleRun, true, width);
    INFO(r.terminal);
    REQUIRE(r.status == 0);
    const auto lines = table_lines(r.terminal);
    REQUIRE(lines.size() >= 16);  // header, rule, 14 rows
    for (const auto& l : lines) {
      INFO(l);
      CHECK(columns_of(l) <= width);
    }
    // Cells cut to fit are elided inside, with an ellipsis.
    CHECK(r.terminal.find("\xE2\x80\xA6") != std::string::npos);
  }
  // --wide prints every cell whole: the widest row of the samples is over 300 columns.
  const auto wide = run_huntq_in_pty(with(kSampleRun, {"--wide"}), true, 80);
  REQUIRE(wide.status == 0);
  std::size_t widest = 0;
  for (const auto& l : table_lines(wide.terminal)) widest = std::max(widest, columns_of(l));
  CHECK(widest > 300);
}

TEST_CASE("terminal: hostile cells are shown as marks, colour only on a terminal") {
  ::unsetenv("COLUMNS");
  for (const char* format : {"table", "vertical", "csv", "json"}) {
    INFO(format);
    const auto r = run_huntq_in_pty(with(kSampleRun, {"-f", format}), true, 400);
    REQUIRE(r.status == 0);
    // The sample's DeviceName carries ESC ]0;pwned BEL (it would rename the terminal window).
    CHECK(r.terminal.find("\x1b]0;") == std::string::npos);
    CHECK(r.terminal.find('\a') == std::string::npos);
    std::string shown;
    for (const auto& l : shown_lines(r.terminal)) shown += l + "\n";
    if (std::string(format) == "json") {
      // JSON's own escapes are unambiguous and inert.
      CHECK(shown.find("\\u001b]0;pwned\\u0007") != std::string::npos);
      CHECK(shown.find("C:\\\\Users\\\\a.lee\\\\Downloads") != std::string::npos);
    } else {
      CHECK(shown.find("\xE2\x9F\xA8"
                       "ESC\xE2\x9F\xA9]0;pwned") != std::string::npos);
      // Backslashes print as typed.
      CHECK(shown.find("C:\\Users\\a.lee\\Downloads") != std::string::npos);
    }
  }
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color == nullptr || *no_color == '\0') {
    const auto r = run_huntq_in_pty(kSampleRun, true, 200);
    CHECK(r.terminal.find("\x1b[") != std::string::npos);  // colour on a terminal
  }
  const auto never = run_huntq_in_pty(with(kSampleRun, {"--color", "never"}), true, 200);
  CHECK(table_lines(never.terminal).size() >= 16);
  CHECK(never.terminal.substr(0, never.terminal.find("huntq: summary")).find("\x1b[") ==
        std::string::npos);
}

TEST_CASE("terminal: stdout redirected to a file keeps the bytes exact, with no colour") {
  const auto r = run_huntq_in_pty(with(kSampleRun, {"-f", "csv"}), false, 80);
  REQUIRE(r.status == 0);
  // The cell's own bytes, control characters included: a file is data, not a screen.
  CHECK(r.out.find("eng-lt-203.contoso.local\x1b]0;pwned\a") != std::string::npos);
  const bool only_data_sgr = r.out.find("\x1b[") == r.out.find("\x1b[31mred");
  CHECK(only_data_sgr);  // no colour: the only CSI is the data's own
  // Nothing of the table's went to the terminal: only the summary did.
  CHECK(r.terminal.find("huntq: summary") != std::string::npos);
  CHECK(r.terminal.find("invoice.docm") == std::string::npos);
}

TEST_CASE("terminal: rows to a file or pager leave a short summary on the terminal") {
  // Worked out from samples/README.md: 19 rows match, each of the 5 rules removes one.
  const auto r = run_huntq_in_pty(with(kSampleRun, {"-f", "csv"}), false, 300);
  REQUIRE(r.status == 0);
  INFO(r.terminal);
  const auto lines = shown_lines(r.terminal);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] ==
        "huntq: summary of av-detections-with-source: 14 rows printed, 19 matched, 5 excluded "
        "(msft-update-servers 1, security-tools 1, scheduled-scans 1, internal-repositories 1, "
        "log-management 1); 2 files, 29 records (3 ruled out before parsing), 0 malformed "
        "skipped");
  // Asked for, the full text comes back.
  const auto full = run_huntq_in_pty(with(kSampleRun, {"-f", "csv", "--summary", "text"}), false);
  CHECK(full.terminal.find("  printed  14 rows") != std::string::npos);
  CHECK(full.terminal.find("  excluded 1 by rule log-management") != std::string::npos);
}
