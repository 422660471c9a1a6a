// The pre-filters may only rule out records that cannot match: every "false" here is worked out
// by hand to be a record the hunt would drop anyway.
#include "../../src/engine/record_prefilter.h"

#include <catch2/catch.hpp>

using namespace huntq;
using namespace huntq::engine;
using input::Escaping;

TEST_CASE("substring search finds needles at every position and across SIMD blocks") {
  const SubstringSearch s("AntivirusDetection");
  for (std::size_t pad = 0; pad < 80; ++pad) {
    const std::string hay =
        std::string(pad, 'x') + "AntivirusDetection" + std::string(pad % 7, 'y');
    CHECK(s.found_in(hay));
    std::string broken = hay;
    broken[pad + 17] = 'N';  // last byte differs
    CHECK_FALSE(s.found_in(broken));
  }
  CHECK_FALSE(s.found_in("AntivirusDetectio"));
  CHECK(SubstringSearch("\\u").found_in(std::string(100, 'a') + "\\u0041"));
  CHECK_FALSE(SubstringSearch("\\u").found_in(std::string(100, 'a') + "\\n u"));
}

TEST_CASE("literal pre-filter: a \\u escape can hide the literal, so such records pass") {
  const GroupPrefilter f({{{"AntivirusDetection"}, false}}, Escaping::Json);
  CHECK(f.may_match(R"({"ActionType":"AntivirusDetection"})"));
  CHECK_FALSE(f.may_match(R"({"ActionType":"antivirusdetection"})"));  // case-sensitive ==
  CHECK(f.may_match(R"({"ActionType":"\u0041ntivirusDetection"})"));
  CHECK(f.may_match(R"({"ActionType":"AntivirusDete\u0063tion"})"));
}

TEST_CASE("key pre-filter: only records holding a build key as a whole JSON string pass") {
  const std::unordered_set<std::string> keys{"5d41402abc4b2a76b9719d911017c592", "abc"};
  const KeyPrefilter f(keys, Escaping::Json);
  REQUIRE(f.active());
  CHECK(f.may_match(R"({"MD5":"5d41402abc4b2a76b9719d911017c592"})"));
  CHECK(f.may_match(R"({"MD5":"abc"})"));
  CHECK_FALSE(f.may_match(R"({"MD5":"5D41402ABC4B2A76B9719D911017C592"})"));  // case-sensitive
  CHECK_FALSE(f.may_match(R"({"MD5":"xabc"})"));                              // not the whole value
  CHECK_FALSE(f.may_match(R"({"MD5":"abcd"})"));
  CHECK(f.may_match(R"({"MD5":"\u0061bc"})"));  // an escape could spell a key
  // Keys straddling 64-byte words of the quote bit mask.
  for (std::size_t pad = 0; pad < 140; ++pad) {
    const std::string rec =
        "{\"P\":\"" + std::string(pad, 'x') + "\",\"MD5\":\"5d41402abc4b2a76b9719d911017c592\"}";
    CHECK(f.may_match(rec));
    std::string miss = rec;
    miss[miss.size() - 3] = '0';
    CHECK_FALSE(f.may_match(miss));
  }
}

TEST_CASE("key pre-filter: CSV fields are bounded by delimiters, and no keys means no partner") {
  const std::unordered_set<std::string> keys{"abc"};
  const KeyPrefilter f(keys, Escaping::Csv);
  CHECK(f.may_match("x,abc,y"));
  CHECK(f.may_match("abc"));
  CHECK(f.may_match("x,\"abc\""));
  CHECK_FALSE(f.may_match("x,abcd,y"));
  const std::unordered_set<std::string> none;
  CHECK_FALSE(KeyPrefilter(none, Escaping::Json).may_match(R"({"MD5":"abc"})"));
}

TEST_CASE("pre-filters see a \\u escape wherever it sits, across SIMD block edges") {
  const std::unordered_set<std::string> keys{"5d41402abc4b2a76b9719d911017c592"};
  const KeyPrefilter key(keys, Escaping::Json);
  const GroupPrefilter literal({{{"AntivirusDetection"}, false}}, Escaping::Json);
  for (std::size_t pad = 0; pad < 140; ++pad) {
    const std::string with =
        "{\"x\":\"" + std::string(pad, 'x') + "\\u0063\"}";  // c, in both the key and the literal
    const std::string without = "{\"x\":\"" + std::string(pad, 'x') + "\\n u\"}";
    INFO("pad " << pad);
    CHECK(key.may_match(with));
    CHECK_FALSE(key.may_match(without));
    CHECK(literal.may_match(with));
    CHECK_FALSE(literal.may_match(without));
    CHECK(literal.may_match(std::string(pad, 'x') + "AntivirusDetection"));
  }
}

// ---- soundness under every escaping (each "true" below is a record whose decoded cell holds the
// literal; each "false" one whose cells cannot) ------------------------------------------------

namespace {

GroupPrefilter groups_of(std::vector<std::vector<std::string>> lists, bool ci, Escaping e) {
  std::vector<LiteralGroup> groups;
  for (auto& l : lists) groups.push_back({std::move(l), ci});
  return GroupPrefilter(groups, e);
}

}  // namespace

TEST_CASE("JSON: an escaped backslash before u is no \\u escape and rules nothing in") {
  const auto f = groups_of({{"AntivirusDetection"}}, false, Escaping::Json);
  // "C:\\users" decodes to C:\users: no character is hidden, so the record cannot match.
  CHECK_FALSE(f.may_match(R"({"FolderPath":"C:\\users\\x","ActionType":"Other"})"));
  CHECK_FALSE(f.may_match(R"({"FolderPath":"C:\\\\users","ActionType":"Other"})"));
  // An odd run of backslashes before u is an escape again; here it spells the A.
  CHECK(f.may_match(R"({"FolderPath":"C:\\\u0041ntivirusDetection"})"));
  CHECK(f.may_match(R"({"ActionType":"\u0041ntivirusDetection"})"));
  // An escape of a character the literal does not hold hides nothing.
  CHECK_FALSE(f.may_match(R"({"ActionType":"X","Other":"\u00ae"})"));
  // Two groups take the same rule.
  const auto two = groups_of({{"AntivirusDetection"}, {"abc"}}, false, Escaping::Json);
  CHECK_FALSE(two.may_match(R"({"FolderPath":"C:\\users","A":"abc"})"));
  CHECK(two.may_match(R"({"FolderPath":"C:\\users","A":"abc","B":"AntivirusDetection"})"));
}

TEST_CASE("JSON: literals with quotes, backslashes, slashes and control characters") {
  const auto quote = groups_of({{"say \"hi\""}}, false, Escaping::Json);
  CHECK(quote.may_match(R"({"C":"cmd say \"hi\" now"})"));
  CHECK(quote.may_match(R"({"C":"cmd say \u0022hi\" now"})"));
  CHECK(quote.may_match(R"({"C":{"k":"say \"hi\""}})"));
  CHECK_FALSE(quote.may_match(R"({"C":"say hi"})"));
  const auto path = groups_of({{"C:\\Windows\\System32"}}, true, Escaping::Json);
  CHECK(path.may_match(R"({"P":"c:\\windows\\system32\\x.exe"})"));
  CHECK(path.may_match(R"({"P":"c:\u005cwindows\\system32\\x.exe"})"));
  CHECK_FALSE(path.may_match(R"({"P":"D:\\Windows\\x.exe"})"));
  const auto slash = groups_of({{"a/b"}}, false, Escaping::Json);
  CHECK(slash.may_match(R"({"x":"a/b"})"));
  CHECK(slash.may_match(R"({"x":"a\/b"})"));
  CHECK_FALSE(slash.may_match(R"({"x":"a\\/b"})"));  // a\/b: the slash is not escaped
  CHECK_FALSE(slash.may_match(R"({"x":"ab"})"));
  const auto tab = groups_of({{"a\tb"}}, false, Escaping::Json);
  CHECK(tab.may_match(R"({"x":"a\tb"})"));
  CHECK(tab.may_match(R"({"x":"a\u0009b"})"));
  CHECK_FALSE(tab.may_match(R"({"x":"a b"})"));
}

TEST_CASE("JSON: numbers, bools and objects in string columns are their JSON text") {
  const auto num = groups_of({{"100"}}, false, Escaping::Json);
  CHECK(num.may_match(R"({"FileSize":100})"));
  CHECK_FALSE(num.may_match(R"({"FileSize":10})"));
  // A string column holding an object is its compact JSON text: {"a":1} even when pretty.
  const auto obj = groups_of({{"\"a\":1"}}, false, Escaping::Json);
  CHECK(obj.may_match(R"({"F":{"a": 1}})"));
  CHECK(obj.may_match("{\"F\":{\"a\":\n1}}"));
  CHECK(obj.may_match(R"({"F":{"a":1}})"));
  CHECK_FALSE(obj.may_match(R"({"F":{"b":1},"G":"a: 1"})"));
  const auto colon = groups_of({{"k:v"}}, false, Escaping::Json);
  CHECK_FALSE(colon.may_match(R"({"F":"k: v"})"));
  // A ':' after a letter is inside a string wherever it occurs: layout does not matter.
  const auto path = groups_of({{"C:\\Windows"}}, true, Escaping::Json);
  CHECK_FALSE(path.may_match(R"({"F":{"a": 1},"P":"D:\\Windows"})"));
  CHECK(path.may_match(R"({"F":{"a": "c:\\windows"}})"));
  // Punctuators with a token's neighbours may span tokens: [1, 2] reads as [1,2].
  const auto array = groups_of({{"1,2"}}, false, Escaping::Json);
  CHECK(array.may_match(R"({"F":[1, 2]})"));
  CHECK_FALSE(array.may_match(R"({"F":[1,3],"G":"2"})"));
  const auto key = groups_of({{"{\"a"}}, false, Escaping::Json);
  CHECK(key.may_match(R"({"F":{ "a":1}})"));
}

TEST_CASE("CSV: quotes are doubled, and text after a closing quote joins the field") {
  const auto quote = groups_of({{"say \"hi\""}}, false, Escaping::Csv);
  CHECK(quote.may_match(R"(a,"say ""hi"" now",b)"));
  CHECK_FALSE(quote.may_match("a,say hi,b"));
  // "ab"cd reads as the field abcd (the reader keeps stray text after the closing quote).
  const auto stray = groups_of({{"abcd"}}, false, Escaping::Csv);
  CHECK(stray.may_match(R"("ab"cd,x)"));
  CHECK(stray.may_match(R"(x,"a""b"cd,"ab"cd)"));
  CHECK_FALSE(stray.may_match(R"(x,"ab",cd)"));
  CHECK_FALSE(stray.may_match(R"(x,"a""b""c""d",y)"));
  const auto comma = groups_of({{"a,b"}}, false, Escaping::Csv);
  CHECK(comma.may_match(R"(x,"a,b",y)"));
  CHECK_FALSE(comma.may_match("x,y"));
}

TEST_CASE("case-insensitive groups fold ASCII only, and search non-ASCII bytes as they are") {
  const auto f = groups_of({{"Ünïcode.EXE"}}, true, Escaping::Json);
  CHECK(f.may_match(R"({"F":"xÜNïCODE.exe"})"));
  CHECK_FALSE(f.may_match(R"({"F":"xünïcode.exe"})"));  // Ü and ü differ for =~ and has
  CHECK(f.may_match(R"({"F":"x\u00dcn\u00efcode.exe"})"));
}

TEST_CASE("groups of many literals find each one at every position, with and without case") {
  std::vector<std::string> terms;
  for (int i = 0; i < 300; ++i) terms.push_back("term" + std::to_string(i * 7919 % 100000) + "x");
  for (std::size_t count : {2u, 5u, 20u, 50u, 300u}) {
    const std::vector<std::string> list(terms.begin(), terms.begin() + static_cast<long>(count));
    for (bool ci : {false, true}) {
      const auto f = groups_of({list}, ci, Escaping::Json);
      INFO("count " << count << " ci " << ci);
      CHECK_FALSE(f.may_match(R"({"A":"no such thing here, term7y but no","B":"x"})"));
      for (std::size_t k = 0; k < count; k += 1 + count / 7) {
        for (std::size_t pad = 0; pad < 70; pad += 3) {
          std::string t = list[k];
          if (ci) t[0] = 'T';  // the case differs
          const std::string rec = "{\"A\":\"" + std::string(pad, 'y') + t + "\"}";
          CHECK(f.may_match(rec));
          std::string broken = rec;
          broken[broken.size() - 3] = '#';  // the last character of the term
          CHECK_FALSE(f.may_match(broken));
        }
      }
    }
  }
}

TEST_CASE("key pre-filter: numbers, bools and arrays where strings are expected") {
  const std::unordered_set<std::string> digits{"12345678"};
  const KeyPrefilter f(digits, Escaping::Json);
  CHECK(f.may_match(R"({"MD5":12345678})"));
  CHECK(f.may_match(R"({"MD5": 12345678 ,"x":1})"));
  CHECK(f.may_match(R"([1,12345678])"));
  CHECK(f.may_match(R"({"MD5":"12345678"})"));
  CHECK_FALSE(f.may_match(R"({"MD5":123456789})"));
  CHECK_FALSE(f.may_match(R"({"MD5":"x12345678"})"));
  const std::unordered_set<std::string> truth{"true"};
  CHECK(KeyPrefilter(truth, Escaping::Json).may_match(R"({"K":true})"));
  const std::unordered_set<std::string> array{"[1,2]"};
  const KeyPrefilter a(array, Escaping::Json);
  CHECK(a.may_match(R"({"K":[1, 2]})"));
  CHECK(a.may_match(R"({"K":[1,2]})"));
  // A missing or null string cell is "": an empty key matches records that hold nothing.
  const std::unordered_set<std::string> empty{"", "abc"};
  CHECK(KeyPrefilter(empty, Escaping::Json).may_match(R"({"K":null})"));
  CHECK(KeyPrefilter(empty, Escaping::Csv).may_match("x,,y"));
}

TEST_CASE("key pre-filter: escapes in JSON and quoting in CSV") {
  const std::unordered_set<std::string> keys{"abc"};
  const KeyPrefilter f(keys, Escaping::Json);
  CHECK_FALSE(f.may_match(R"({"P":"C:\\users","K":"abd"})"));
  CHECK(f.may_match(R"({"P":"C:\\users","K":"\u0061bc"})"));
  const std::unordered_set<std::string> quoted{"a\"b", "c\\d"};
  const KeyPrefilter q(quoted, Escaping::Json);
  CHECK(q.may_match(R"({"K":"a\"b"})"));
  CHECK(q.may_match(R"({"K":"c\\d"})"));
  CHECK_FALSE(q.may_match(R"({"K":"ab"})"));
  const std::unordered_set<std::string> csv{"abcd"};
  const KeyPrefilter c(csv, Escaping::Csv);
  CHECK(c.may_match(R"("ab"cd,x)"));
  CHECK_FALSE(c.may_match(R"("ab",cd)"));
  const std::unordered_set<std::string> csv_quote{"a\"b"};
  const KeyPrefilter cq(csv_quote, Escaping::Csv);
  CHECK(cq.may_match(R"(x,"a""b")"));
  CHECK_FALSE(cq.may_match(R"(x,"ab")"));
}
