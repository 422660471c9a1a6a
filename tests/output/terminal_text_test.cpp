#include "huntq/output/terminal_text.h"

#include <catch2/catch.hpp>
#include <string>

using huntq::output::display_width;
using huntq::output::escape_for_terminal;
using huntq::output::fit_to_width;

TEST_CASE("escape_for_terminal leaves ordinary text alone", "[output][terminal]") {
  CHECK(escape_for_terminal("hello world") == "hello world");
  CHECK(escape_for_terminal("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xe2\x82\xac") ==
        "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xe2\x82\xac");
  CHECK(escape_for_terminal("") == "");
}

TEST_CASE("escape_for_terminal escapes C0 controls, ESC and DEL", "[output][terminal]") {
  CHECK(escape_for_terminal("\x1b]0;title\x07") == R"(\e]0;title\x07)");
  CHECK(escape_for_terminal("\x1b[31mred") == R"(\e[31mred)");
  CHECK(escape_for_terminal("a\r\nb\tc") == R"(a\r\nb\tc)");
  CHECK(escape_for_terminal(std::string("a\0b", 3)) == R"(a\x00b)");
  CHECK(escape_for_terminal("\x08\x7f\x1f") == R"(\x08\x7f\x1f)");
}

TEST_CASE("escape_for_terminal makes backslashes unambiguous", "[output][terminal]") {
  CHECK(escape_for_terminal(R"(C:\Windows\x)") == R"(C:\\Windows\\x)");
  // The four characters \ e are not confused with an ESC byte.
  CHECK(escape_for_terminal(R"(\e)") == R"(\\e)");
  CHECK(escape_for_terminal("\x1b") == R"(\e)");
}

TEST_CASE("escape_for_terminal escapes C1 and invisible formatting characters",
          "[output][terminal]") {
  CHECK(escape_for_terminal("\xc2\x9b"
                            "2J") == R"(\u{009b}2J)");
  CHECK(escape_for_terminal("\xc2\x80") == R"(\u{0080})");
  CHECK(escape_for_terminal("\xc2\xa0") == "\xc2\xa0");  // NBSP is printable
  // "invoice\u202Etxt.exe" would show as "invoiceexe.txt".
  CHECK(escape_for_terminal("invoice\xe2\x80\xaetxt.exe") == R"(invoice\u{202e}txt.exe)");
  CHECK(escape_for_terminal("\xe2\x81\xa6\xe2\x80\x8b\xef\xbb\xbf\xe2\x80\xa8") ==
        R"(\u{2066}\u{200b}\u{feff}\u{2028})");
}

TEST_CASE("escape_for_terminal shows invalid UTF-8 byte by byte", "[output][terminal]") {
  CHECK(escape_for_terminal("a\xff"
                            "b") == R"(a\xffb)");
  CHECK(escape_for_terminal("\xe2\x82") == R"(\xe2\x82)");
  CHECK(escape_for_terminal("\xe2\x82"
                            "A") == R"(\xe2\x82A)");
  CHECK(escape_for_terminal("\xc0\xaf") == R"(\xc0\xaf)");
  CHECK(escape_for_terminal("\xed\xa0\x80") == R"(\xed\xa0\x80)");
  CHECK(escape_for_terminal("\xf4\x90\x80\x80") == R"(\xf4\x90\x80\x80)");
}

TEST_CASE("display_width counts code points, wide East Asian ones twice", "[output][terminal]") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("caf\xc3\xa9") == 4);
  CHECK(display_width("\xe6\x97\xa5\xe6\x9c\xac") == 4);  // 日本
  CHECK(display_width("\xef\xbc\x9d") == 2);              // full-width ＝
  CHECK(display_width(R"(\u{202e})") == 8);
}

TEST_CASE("fit_to_width truncates with an ellipsis", "[output][terminal]") {
  CHECK(fit_to_width("abcdef", 6) == "abcdef");
  CHECK(fit_to_width("abcdefg", 6) == "abcde\xe2\x80\xa6");
  // An escape is kept whole or dropped whole.
  CHECK(fit_to_width(R"(ab\u{202e}cd)", 6) == "ab\xe2\x80\xa6");
  CHECK(fit_to_width(R"(\x00\x01)", 6) == "\\x00\xe2\x80\xa6");
  CHECK(fit_to_width(R"(a\\bcdef)", 4) == "a\\\\\xe2\x80\xa6");
  // A wide character that would overflow is dropped: 日本語 in 4 columns is "日…".
  CHECK(fit_to_width("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4) == "\xe6\x97\xa5\xe2\x80\xa6");
}
