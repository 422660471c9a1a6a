// The SIMD byte searches against plain scalar versions of the same rules, on random text made of
// the bytes that matter (backslashes, u, quotes, commas, whitespace, letters of both cases).
#include "../../src/engine/byte_search.h"

#include <catch2/catch.hpp>
#include <random>

#include "huntq/value/case_fold.h"

using namespace huntq;
using namespace huntq::engine;

namespace {

std::string random_text(std::mt19937_64& rng, std::string_view alphabet, std::size_t max_len) {
  std::string s(std::uniform_int_distribution<std::size_t>(0, max_len)(rng), ' ');
  for (char& c : s)
    c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
  return s;
}

// JSON escapes read one by one: a backslash escapes the next byte, whatever it is.
JsonRecordFacts reference_json(std::string_view s) {
  JsonRecordFacts f;
  std::vector<bool> escaped(s.size(), false);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) continue;
    escaped[++i] = true;
    if (s[i] == '/') f.hidden_ascii[0] |= std::uint64_t{1} << '/';
    if (s[i] == 'u') {
      std::uint32_t cp = 0;
      bool ok = i + 4 < s.size();
      for (std::size_t k = 1; ok && k <= 4; ++k) {
        const char h = s[i + k];
        const int d = h >= '0' && h <= '9'   ? h - '0'
                      : h >= 'a' && h <= 'f' ? h - 'a' + 10
                      : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                             : -1;
        ok = d >= 0;
        cp = cp * 16 + static_cast<std::uint32_t>(d);
      }
      if (!ok || cp >= 0x80)
        f.hidden_non_ascii = true;
      else
        f.hidden_ascii[cp / 64] |= std::uint64_t{1} << (cp % 64);
    }
  }
  bool inside = false;
  const std::size_t first = s.find_first_not_of(" \t\n\r");
  const std::size_t last = s.find_last_not_of(" \t\n\r");
  for (std::size_t i = first; i != std::string_view::npos && i <= last; ++i) {
    if (s[i] == '"' && !escaped[i]) inside = !inside;
    const bool ws = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
    if (ws && !inside) f.whitespace_outside_strings = true;
  }
  return f;
}

// The CSV reader's field rule (csv_source.cpp split_fields); true when a field is not plain:
// text after a closing quote, or a quote inside an unquoted field.
bool reference_csv_odd(std::string_view s) {
  std::size_t p = 0, field_start = 0;
  bool quoted = false, closed = false;
  while (p < s.size()) {
    const char c = s[p];
    if (c == '"' && p == field_start) {
      quoted = true;
      for (++p; p < s.size(); ++p) {
        if (s[p] == '"') {
          if (p + 1 < s.size() && s[p + 1] == '"') {
            ++p;
            continue;
          }
          break;
        }
      }
      closed = p < s.size();
      ++p;
      continue;
    }
    if (c == ',') {
      quoted = closed = false;
      field_start = ++p;
      continue;
    }
    if (closed || (!quoted && c == '"')) return true;
    ++p;
  }
  return false;
}

bool naive_found(std::string_view hay, const std::vector<std::string>& needles, bool ci) {
  for (const auto& n : needles) {
    if (n.empty()) return true;
    for (std::size_t i = 0; i + n.size() <= hay.size(); ++i) {
      bool eq = true;
      for (std::size_t k = 0; k < n.size() && eq; ++k)
        eq = ci ? fold_ascii(hay[i + k]) == fold_ascii(n[k]) : hay[i + k] == n[k];
      if (eq) return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("scan_json_record finds exactly the real \\u and \\/ escapes, across block edges") {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 20000; ++round) {
    const std::string s = random_text(rng, "\\\\\\u/\"0a4F1 x", round % 7 == 0 ? 300 : 90);
    const JsonRecordFacts got = scan_json_record(s, true);
    const JsonRecordFacts want = reference_json(s);
    INFO(s);
    REQUIRE(got.hidden_ascii[0] == want.hidden_ascii[0]);
    REQUIRE(got.hidden_ascii[1] == want.hidden_ascii[1]);
    REQUIRE(got.hidden_non_ascii == want.hidden_non_ascii);
    REQUIRE(got.whitespace_outside_strings == want.whitespace_outside_strings);
  }
  // A run of backslashes that crosses a 64-byte block: 63 + 2 = 65 backslashes escape the u.
  const std::string run = std::string(63, 'x') + std::string(65, '\\') + "u0041";
  CHECK(scan_json_record(run, false).hidden_ascii[1] >> ('A' - 64) & 1);
  CHECK(scan_json_record(std::string(63, 'x') + std::string(64, '\\') + "u0041", false)
            .hidden_ascii[1] == 0);
}

TEST_CASE("csv_quotes_plain: plain records are read as their bytes, others are caught") {
  std::mt19937_64 rng(11);
  std::size_t plain = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string s = random_text(rng, "\"\",,ab x", round % 5 == 0 ? 200 : 40);
    INFO(s);
    if (csv_quotes_plain(s)) {
      ++plain;
      REQUIRE_FALSE(reference_csv_odd(s));
    }
  }
  CHECK(plain > 1000);
  // Well-formed RFC 4180 records are plain, wherever their quotes fall.
  for (std::size_t pad = 0; pad < 140; ++pad) {
    const std::string rec = std::string(pad, 'a') + ",\"x,\"\"y\"\"\",\"\",z,\"{\"\"k\"\":1}\"";
    INFO(pad);
    CHECK(csv_quotes_plain(rec));
    CHECK_FALSE(csv_quotes_plain(rec + "stray"));
    CHECK_FALSE(csv_quotes_plain("\"" + rec.substr(0, pad) + "\"x," + rec));
  }
}

TEST_CASE("MultiSearch finds what a naive search finds, exact and folded, for any list size") {
  std::mt19937_64 rng(3);
  for (std::size_t count : {1u, 2u, 3u, 8u, 9u, 20u, 50u, 64u, 65u, 200u}) {
    for (bool ci : {false, true}) {
      for (int round = 0; round < 300; ++round) {
        std::vector<std::string> needles;
        for (std::size_t i = 0; i < count; ++i) {
          std::string n = random_text(rng, "abcABC-\xC3\x9C", 6);
          if (n.empty()) n = "a";
          needles.push_back(n);
        }
        const MultiSearch m(needles, ci);
        for (int h = 0; h < 10; ++h) {
          const std::string hay = random_text(rng, "abcdABCD-x\xC3\x9C\xBC", 120);
          INFO("count " << count << " ci " << ci << " hay " << hay);
          REQUIRE(m.found_in(hay) == naive_found(hay, needles, ci));
        }
      }
    }
  }
  CHECK_FALSE(MultiSearch({}, false).found_in("abc"));
}
