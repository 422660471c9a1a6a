// Token boundaries agree with Kusto.Language's TokenParser.
#include "huntq/kql/lexer.h"

#include <catch2/catch.hpp>
#include <string>

using namespace huntq::kql;

namespace {

// "kind:text" of every token but End, space-separated.
std::string lex(std::string_view text) {
  SourceText src{"q", std::string(text)};
  SourceMap map(src);
  std::string out;
  for (const Token& t : tokenize(src, map)) {
    if (t.kind == TokenKind::End) break;
    if (!out.empty()) out += ' ';
    switch (t.kind) {
      case TokenKind::Identifier:
        out += "id:";
        break;
      case TokenKind::Keyword:
        out += "kw:";
        break;
      case TokenKind::Long:
        out += "long:";
        break;
      case TokenKind::Real:
        out += "real:";
        break;
      case TokenKind::Timespan:
        out += "ts:";
        break;
      case TokenKind::String:
        out += "str:";
        break;
      case TokenKind::TypedLiteral:
        out += "typed:";
        break;
      case TokenKind::RawGuid:
        out += "guid:";
        break;
      default:
        break;
    }
    out += t.text(src.text);
  }
  return out;
}

}  // namespace

TEST_CASE("lexer: operator words with '-', '!' and '~' are single tokens") {
  CHECK(lex("project-away a") == "kw:project-away id:a");
  CHECK(lex("mv-expand make-series top-nested") == "kw:mv-expand kw:make-series kw:top-nested");
  CHECK(lex("project-awayX") == "id:project - id:awayX");
  CHECK(lex("a-b") == "id:a - id:b");
  CHECK(lex("a !contains b !contains_cs c") == "id:a kw:!contains id:b kw:!contains_cs id:c");
  CHECK(lex("x in~ (1) !in~ !in !between") == "id:x kw:in~ ( long:1 ) kw:!in~ kw:!in kw:!between");
  CHECK(lex("!has_cs !hasprefix !startswith_cs") == "kw:!has_cs kw:!hasprefix kw:!startswith_cs");
  CHECK(lex("has_any has_all contains_cs") == "id:has_any id:has_all id:contains_cs");
}

TEST_CASE("lexer: numbers, timespans and number-led identifiers scan as Kusto's") {
  CHECK(lex("7d 7dx 1.5h 1e5 1. 0x1F 10min 5mins 1abc") ==
        "ts:7d id:7dx ts:1.5h real:1e5 real:1. long:0x1F ts:10min id:5mins id:1abc");
  CHECK(lex("1..2") == "long:1 .. long:2");
  CHECK(lex("1.5.x") == "real:1.5 . id:x");
  CHECK(lex("100ms 2days 10microseconds 1tick") == "ts:100ms ts:2days ts:10microseconds ts:1tick");
  CHECK(lex("0x 0xg") == "id:0x id:0xg");
  CHECK(lex("01234567-89ab-cdef-0123-456789abcdef") == "guid:01234567-89ab-cdef-0123-456789abcdef");
}

TEST_CASE("lexer: typed literals need '(' right after the type word") {
  CHECK(lex("datetime(2020-01-01) datetime (x)") ==
        "typed:datetime(2020-01-01) id:datetime ( id:x )");
  CHECK(lex("time(1.02:03:04.5) int(null) guid(x)") ==
        "typed:time(1.02:03:04.5) typed:int(null) typed:guid(x)");
  CHECK(lex("datetime_diff(a) todatetime(b)") ==
        "id:datetime_diff ( id:a ) id:todatetime ( id:b )");
  CHECK(lex("dynamic(1)") == "id:dynamic ( long:1 )");
}

TEST_CASE("lexer: strings of every form") {
  CHECK(lex(R"("a" 'b' @"c" @'d' h"e" H'f' h@"g")") ==
        R"(str:"a" str:'b' str:@"c" str:@'d' str:h"e" str:H'f' str:h@"g")");
  CHECK(lex("```a\nb``` ~~~c~~~") == "str:```a\nb``` str:~~~c~~~");
  CHECK(lex(R"("a\"b" @"c""d")") == R"(str:"a\"b" str:@"c""d")");
  CHECK(lex("h x") == "id:h id:x");
}

TEST_CASE("lexer: names, punctuation and trivia") {
  CHECK(lex("$left.X") == "id:$left . id:X");
  CHECK(lex("a // comment\n b") == "id:a id:b");
  CHECK(lex("a\xC2\xA0"
            "b") == "id:a id:b");  // no-break space is whitespace
  CHECK(lex("| ( ) [ ] { } , ; = == != <> < <= > >= =~ !~ + - * / % . .. : @ => ?") ==
        "| ( ) [ ] { } , ; = == != <> < <= > >= =~ !~ + - * / % . .. : @ => ?");
}

TEST_CASE("lexer: tokens record whether trivia precedes them") {
  SourceText src{"q", "Device* a *"};
  SourceMap map(src);
  const auto t = tokenize(src, map);
  REQUIRE(t.size() == 5);
  CHECK_FALSE(t[1].space_before);  // '*' against "Device"
  CHECK(t[2].space_before);
  CHECK(t[3].space_before);
  CHECK(t[3].offset == 10);
  CHECK(t[3].length == 1);
}
