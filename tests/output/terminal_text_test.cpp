#include "huntq/output/terminal_text.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "output/utf8_encode.h"

using huntq::output::append_highlighted;
using huntq::output::display_width;
using huntq::output::escape_for_terminal;
using huntq::output::fit_to_width;
using huntq::output::is_hidden_or_control;
using huntq::output::test::utf8;

namespace {

// "⟨U+XXXX⟩", the mark for a code point, spelled out from the notation.
std::string mark(char32_t cp) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(cp));
  return "\u27e8U+" + std::string(hex) + "\u27e9";
}

// Unicode 15.0 DerivedCoreProperties.txt, Default_Ignorable_Code_Point (4174 code points).
const std::vector<std::pair<char32_t, char32_t>> kDefaultIgnorable = {
    {0x00AD, 0x00AD},   {0x034F, 0x034F},  {0x061C, 0x061C}, {0x115F, 0x1160}, {0x17B4, 0x17B5},
    {0x180B, 0x180F},   {0x200B, 0x200F},  {0x202A, 0x202E}, {0x2060, 0x206F}, {0x3164, 0x3164},
    {0xFE00, 0xFE0F},   {0xFEFF, 0xFEFF},  {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3},
    {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF}};

}  // namespace

TEST_CASE("escape_for_terminal leaves ordinary text alone", "[output][terminal]") {
  CHECK(escape_for_terminal("hello world") == "hello world");
  CHECK(escape_for_terminal("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xe2\x82\xac") ==
        "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xe2\x82\xac");
  CHECK(escape_for_terminal("") == "");
  // Visible characters near the escaped ones: NBSP, combining acute, emoji, private use, U+FFFD,
  // the closing bracket and the ellipsis.
  for (char32_t cp : {0x00A0, 0x0301, 0x1F600, 0xE000, 0xFFFD, 0x27E9, 0x2026, 0x3000}) {
    INFO(std::hex << static_cast<unsigned>(cp));
    CHECK(escape_for_terminal(utf8(cp)) == utf8(cp));
  }
}

TEST_CASE("backslashes print as typed", "[output][terminal]") {
  CHECK(escape_for_terminal(R"(C:\Users\a.lee\Downloads)") == R"(C:\Users\a.lee\Downloads)");
  CHECK(escape_for_terminal(R"(\\server\share\x1b\e\u{202e})") ==
        R"(\\server\share\x1b\e\u{202e})");
}

TEST_CASE("a typed backslash escape cannot pass for a real ESC", "[output][terminal]") {
  // Typed "\x1b" then a real ESC.
  CHECK(escape_for_terminal("\\x1b\x1b[2J") == "\\x1b\u27e8ESC\u27e9[2J");
  // Typing the mark itself does not work either: a literal ⟨ is shown as a mark.
  CHECK(escape_for_terminal("\u27e8ESC\u27e9") == "\u27e8U+27E8\u27e9ESC\u27e9");
  CHECK(escape_for_terminal("\u27e8\\xFF\u27e9") == "\u27e8U+27E8\u27e9\\xFF\u27e9");
}

TEST_CASE("C0 controls and DEL are shown by their ASCII names", "[output][terminal]") {
  const char* names[32] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
                           "BS",  "TAB", "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
                           "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                           "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
  for (int b = 0; b < 32; ++b) {
    INFO(b);
    CHECK(escape_for_terminal(std::string(1, static_cast<char>(b))) ==
          "\u27e8" + std::string(names[b]) + "\u27e9");
  }
  CHECK(escape_for_terminal("\x7f") == "\u27e8DEL\u27e9");
  CHECK(escape_for_terminal("\x1b]0;title\x07") == "\u27e8ESC\u27e9]0;title\u27e8BEL\u27e9");
  CHECK(escape_for_terminal("a\r\nb\tc") == "a\u27e8CR\u27e9\u27e8LF\u27e9b\u27e8TAB\u27e9c");
  CHECK(escape_for_terminal(std::string("a\0b", 3)) == "a\u27e8NUL\u27e9b");
}

TEST_CASE("C1 controls are shown as code points", "[output][terminal]") {
  for (char32_t cp = 0x80; cp <= 0x9F; ++cp) CHECK(escape_for_terminal(utf8(cp)) == mark(cp));
  CHECK(escape_for_terminal("\xc2\x9b"
                            "2J") == "\u27e8U+009B\u27e92J");
}

TEST_CASE("the analyst's invisible characters are shown as marks", "[output][terminal]") {
  std::vector<char32_t> listed = {0x00AD, 0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0,
                                  0xFFF9, 0xFFFA, 0xFFFB, 0x17B4, 0x1D173};
  for (char32_t cp = 0xFE00; cp <= 0xFE0F; ++cp) listed.push_back(cp);
  for (char32_t cp = 0xE0100; cp <= 0xE01EF; ++cp) listed.push_back(cp);
  for (char32_t cp = 0x206A; cp <= 0x206F; ++cp) listed.push_back(cp);
  for (char32_t cp : listed) {
    INFO(std::hex << static_cast<unsigned>(cp));
    CHECK(escape_for_terminal("a" + utf8(cp) + "b") == "a" + mark(cp) + "b");
  }
  // Five- and six-digit code points keep all their digits.
  CHECK(escape_for_terminal(utf8(0xE0100)) == "\u27e8U+E0100\u27e9");
  CHECK(escape_for_terminal(utf8(0x1D173)) == "\u27e8U+1D173\u27e9");
}

TEST_CASE("bidi controls are shown as marks", "[output][terminal]") {
  for (char32_t cp : {0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066,
                      0x2067, 0x2068, 0x2069})
    CHECK(escape_for_terminal(utf8(cp)) == mark(cp));
  // "invoice\u202Etxt.exe" would show as "invoiceexe.txt".
  CHECK(escape_for_terminal("invoice\xe2\x80\xaetxt.exe") == "invoice\u27e8U+202E\u27e9txt.exe");
}

TEST_CASE("every Default_Ignorable_Code_Point is hidden", "[output][terminal]") {
  std::size_t count = 0;
  for (const auto& [first, last] : kDefaultIgnorable) {
    for (char32_t cp = first; cp <= last; ++cp, ++count) {
      if (!is_hidden_or_control(cp)) FAIL_CHECK("U+" << std::hex << static_cast<unsigned>(cp));
    }
  }
  CHECK(count == 4174);
}

TEST_CASE("format characters, separators and unassigned code points are hidden",
          "[output][terminal]") {
  // Cf outside Default_Ignorable: Arabic number signs, interlinear annotation, Egyptian
  // hieroglyph format controls; Zl, Zp; unassigned (Cn) and noncharacters.
  for (char32_t cp : {0x0600, 0x0605, 0x06DD, 0x070F, 0x08E2, 0x110BD, 0x13430, 0x2028, 0x2029,
                      0x0378, 0xFFFE, 0xFFFF, 0x10FFFF, 0x2065, 0xE0000}) {
    INFO(std::hex << static_cast<unsigned>(cp));
    CHECK(is_hidden_or_control(cp));
    CHECK(escape_for_terminal(utf8(cp)) == mark(cp));
  }
  for (char32_t cp : {0x20, 0x41, 0x7E, 0xA0, 0xE9, 0x301, 0x4E2D, 0x1F600, 0xE000, 0xFFFD})
    CHECK_FALSE(is_hidden_or_control(cp));
}

TEST_CASE("invalid UTF-8 is shown byte by byte", "[output][terminal]") {
  CHECK(escape_for_terminal("a\xff"
                            "b") == "a\u27e8\\xFF\u27e9b");
  CHECK(escape_for_terminal("\xe2\x82") == "\u27e8\\xE2\u27e9\u27e8\\x82\u27e9");
  CHECK(escape_for_terminal("\xe2\x82"
                            "A") == "\u27e8\\xE2\u27e9\u27e8\\x82\u27e9A");
  CHECK(escape_for_terminal("\xc0\xaf") == "\u27e8\\xC0\u27e9\u27e8\\xAF\u27e9");
  // A UTF-8-encoded surrogate and a code point above U+10FFFF are invalid too.
  CHECK(escape_for_terminal("\xed\xa0\x80") ==
        "\u27e8\\xED\u27e9\u27e8\\xA0\u27e9\u27e8\\x80\u27e9");
  CHECK(escape_for_terminal("\xf4\x90\x80\x80") ==
        "\u27e8\\xF4\u27e9\u27e8\\x90\u27e9\u27e8\\x80\u27e9\u27e8\\x80\u27e9");
}

TEST_CASE("escaped text never holds a raw control or hidden character", "[output][terminal]") {
  std::string all;
  for (char32_t cp = 0; cp < 0x30000; ++cp)
    if (cp < 0xD800 || cp > 0xDFFF) all += utf8(cp);
  all += "\xff\xc0\xed\xa0\x80";
  const std::string shown = escape_for_terminal(all);
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const auto b = static_cast<unsigned char>(shown[i]);
    if (b < 0x20 || b == 0x7F) FAIL("raw control byte at " << i);
  }
}

TEST_CASE("append_highlighted puts each run of marks in reverse video", "[output][terminal]") {
  std::string out;
  append_highlighted(out, escape_for_terminal("a\x1b\x07"
                                              "b\\x00c"));
  CHECK(out == "a\x1b[7m\u27e8ESC\u27e9\u27e8BEL\u27e9\x1b[27mb\\x00c");
  out.clear();
  append_highlighted(out, escape_for_terminal(std::string("\0", 1)));
  CHECK(out == "\x1b[7m\u27e8NUL\u27e9\x1b[27m");
  out.clear();
  append_highlighted(out, "plain");
  CHECK(out == "plain");
}

TEST_CASE("display_width follows East Asian Width", "[output][terminal]") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("caf\xc3\xa9") == 4);
  CHECK(display_width("cafe\xcc\x81") == 4);              // e + combining acute
  CHECK(display_width("\xe6\x97\xa5\xe6\x9c\xac") == 4);  // 日本
  CHECK(display_width("\xef\xbc\x9d") == 2);              // full-width ＝
  CHECK(display_width(utf8(0x1F600)) == 2);               // emoji
  CHECK(display_width("\u27e8ESC\u27e9") == 5);
  CHECK(display_width("\u27e8U+202E\u27e9") == 8);
}

TEST_CASE("fit_to_width cuts at the end without splitting marks", "[output][terminal]") {
  CHECK(fit_to_width("abcdef", 6) == "abcdef");
  CHECK(fit_to_width("abcdefg", 6) == "abcde\u2026");
  const std::string shown = escape_for_terminal(
      "ab\xe2\x80\xae"
      "cd");  // ab⟨U+202E⟩cd, 12 columns
  CHECK(fit_to_width(shown, 12) == shown);
  CHECK(fit_to_width(shown, 11) == "ab\u27e8U+202E\u27e9\u2026");
  CHECK(fit_to_width(shown, 10) == "ab\u2026");
  CHECK(fit_to_width(R"(a\\bcdef)", 4) == "a\\\\\u2026");
  // A wide character that would overflow is dropped: 日本語 in 4 columns is "日…".
  CHECK(fit_to_width("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4) == "\xe6\x97\xa5\u2026");
  // A combining mark stays with its letter: é é é é (e + U+0301) in 3 columns.
  CHECK(fit_to_width("e\xcc\x81"
                     "e\xcc\x81"
                     "e\xcc\x81"
                     "e\xcc\x81",
                     3) ==
        "e\xcc\x81"
        "e\xcc\x81\u2026");
  CHECK(fit_to_width("abc", 0) == "");
}
