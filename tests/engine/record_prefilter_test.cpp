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
  const LiteralPrefilter f({"AntivirusDetection"}, Escaping::Json);
  CHECK(f.may_match(R"({"ActionType":"AntivirusDetection"})"));
  CHECK_FALSE(f.may_match(R"({"ActionType":"antivirusdetection"})"));  // case-sensitive ==
  CHECK(f.may_match(R"({"ActionType":"\u0041ntivirusDetection"})"));
  CHECK(f.may_match(R"({"ActionType":"X","Other":"\u00ae"})"));  // conservative
  // A literal JSON could write with a short escape (here '/') is not searched at all.
  const LiteralPrefilter slash({"a/b"}, Escaping::Json);
  CHECK_FALSE(slash.active());
  CHECK(slash.may_match(R"({"x":"a\/b"})"));
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
  const std::unordered_set<std::string> quote{"a\"b"};
  CHECK_FALSE(KeyPrefilter(quote, Escaping::Json).active());
}

TEST_CASE("pre-filters see a \\u escape wherever it sits, across SIMD block edges") {
  const std::unordered_set<std::string> keys{"5d41402abc4b2a76b9719d911017c592"};
  const KeyPrefilter key(keys, Escaping::Json);
  const LiteralPrefilter literal({"AntivirusDetection"}, Escaping::Json);
  for (std::size_t pad = 0; pad < 140; ++pad) {
    const std::string with = "{\"x\":\"" + std::string(pad, 'x') + "\\u0041\"}";
    const std::string without = "{\"x\":\"" + std::string(pad, 'x') + "\\n u\"}";
    INFO("pad " << pad);
    CHECK(key.may_match(with));
    CHECK_FALSE(key.may_match(without));
    CHECK(literal.may_match(with));
    CHECK_FALSE(literal.may_match(without));
    CHECK(literal.may_match(std::string(pad, 'x') + "AntivirusDetection"));
  }
}
