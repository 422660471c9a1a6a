// The `domain` modifier's KQL form is one RE2 pattern (RE2 is Kusto's regex dialect). Over a
// generated corpus of look-alike URLs it must give the native (browser-like) parser's answer,
// or be false where the native matcher is true (the row is kept), never true where it is false.
#include <catch2/catch.hpp>
#include <random>

#include "kql_eval.h"
#include "rules_test_support.h"

using huntq::rules::testing::KqlEval;
using huntq::rules::testing::load;
using huntq::rules::testing::Row;

namespace {

const char* const kDomains =
    "[microsoft.com, update.microsoft.com, example.com, localhost, 10.0.0.5, '[::1]', "
    "bücher.de, kb.example, s.example, http]";

template <std::size_t N>
std::string pick(std::mt19937& rng, const char* const (&items)[N]) {
  return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

std::string random_case(std::mt19937& rng, std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z' && rng() % 3 == 0) c = static_cast<char>(c - 32);
  }
  return s;
}

std::string percent_one(std::mt19937& rng, const std::string& s) {
  if (s.empty()) return s;
  const std::size_t at = rng() % s.size();
  static const char* kHex = "0123456789ABCDEF";
  const auto u = static_cast<unsigned char>(s[at]);
  return s.substr(0, at) + "%" + kHex[u >> 4] + kHex[u & 15] + s.substr(at + 1);
}

std::string host(std::mt19937& rng) {
  static const char* const kBases[] = {
      "microsoft.com", "update.microsoft.com", "example.com",      "localhost",
      "10.0.0.5",      "kb.example",           "s.example",        "bücher.de",
      "evil.example",  "microsoft.co",         "xn--bcher-kva.de", "http"};
  static const char* const kPrefixes[] = {"",     "",      "",          "a.",  "update.",
                                          "evil", "evil.", ".",         "a..", "x-y_z.",
                                          "1.",   "www.",  "b\xc3\xbc."};
  static const char* const kSuffixes[] = {
      "",  "", "", ".", "..", ".evil.example", "evil", ".com", "%2F.evil.example", "\xef\xbc\x8e",
      ".5"};
  switch (rng() % 24) {
    case 0: {
      static const char* const kIps[] = {"10.0.0.5",   "0xa.0.0.5", "010.0.0.5", "10.0.5",
                                         "167772165",  "10.0.0.05", "10.0.0.5.", "110.0.0.5",
                                         "10.0.0.256", "0x0A.0.0.5"};
      return pick(rng, kIps);
    }
    case 1: {
      static const char* const kSix[] = {"[::1]", "[0::1]",       "[::1",           "[::1]x",
                                         "[::A]", "[::1%25eth0]", "[evil.example]", "[::1].evil"};
      return pick(rng, kSix);
    }
    case 2: {  // a letter swapped for a Unicode look-alike or an escape
      std::string h = pick(rng, kBases);
      static const char* const kSwaps[] = {
          "\xe2\x84\xaa",  // U+212A Kelvin sign (for k)
          "\xc5\xbf",      // U+017F long s (for s)
          "\xef\xbd\x8d",  // fullwidth m
          "\xe3\x80\x82",  // ideographic full stop
          "\t",           "\n",   " ", "\\", "%", "@",  "#", "?", ":",
          "\x01",         "\x7f", "|", "^",  "'", "\"", "~"};
      if (!h.empty()) h.insert(rng() % (h.size() + 1), pick(rng, kSwaps));
      return h;
    }
    case 3:
      return percent_one(rng, pick(rng, kBases));
    default:
      return random_case(
          rng, std::string(pick(rng, kPrefixes)) + pick(rng, kBases) + pick(rng, kSuffixes));
  }
}

std::string url(std::mt19937& rng) {
  static const char* const kLeading[] = {"", "", "", " ", "\t", "\x01", "\n "};
  static const char* const kSchemes[] = {"https://",
                                         "http://",
                                         "HtTpS://",
                                         "https:",
                                         "https:/",
                                         "https:///",
                                         "https:\\\\",
                                         "https:/\\",
                                         "ftp://",
                                         "ws://",
                                         "WSS://",
                                         "file://",
                                         "file:///",
                                         "file:\\\\",
                                         "file:/",
                                         "sftp://",
                                         "foo+bar.baz-1://",
                                         "//",
                                         "\\\\",
                                         "/",
                                         "",
                                         "",
                                         "",
                                         "mailto:",
                                         "javascript:",
                                         "http\xc5\xbf://",
                                         "h\tttps://",
                                         "https:\t//",
                                         "c:\\",
                                         "1http://",
                                         "http:"};
  static const char* const kUserinfo[] = {"",
                                          "",
                                          "",
                                          "user@",
                                          "user:pw@",
                                          "a@b@",
                                          "update.microsoft.com@",
                                          "@",
                                          "evil.example\\@",
                                          "x%40y@",
                                          "us\ter@",
                                          "u:p:q@",
                                          "example.com:443@",
                                          "u/v@",
                                          "u?v@",
                                          "u#v@"};
  static const char* const kPorts[] = {"",       "",       "",       ":",      ":80",
                                       ":443",   ":65535", ":65536", ":99999", ":0",
                                       ":00080", ":8a",    ":-1",    ": 80",   ":8080:9"};
  static const char* const kTails[] = {"",
                                       "/",
                                       "/x",
                                       "\\x",
                                       "?q",
                                       "#f",
                                       "/update.microsoft.com",
                                       "@evil.example",
                                       " ",
                                       "\n",
                                       "\t/x",
                                       "\x01",
                                       ".evil.example/",
                                       ":80/x",
                                       "/?@x#"};
  static const char* const kTrailing[] = {"", "", " ", "\n", "\x01"};
  // Half the URLs are ordinary ones around a tricky host; the other half mix every trick.
  if (rng() % 2 == 0) {
    static const char* const kPlainSchemes[] = {"https://", "http://", "ftp://", ""};
    static const char* const kPlainPorts[] = {"", "", ":443", ":8080"};
    static const char* const kPlainTails[] = {"", "/", "/x.exe", "/a/b?c=d#e"};
    return std::string(pick(rng, kPlainSchemes)) + host(rng) + pick(rng, kPlainPorts) +
           pick(rng, kPlainTails);
  }
  return std::string(pick(rng, kLeading)) + pick(rng, kSchemes) + pick(rng, kUserinfo) + host(rng) +
         pick(rng, kPorts) + pick(rng, kTails) + pick(rng, kTrailing);
}

/// A URL with a few random printable or control bytes inserted, replaced or removed.
std::string mutate(std::mt19937& rng, std::string s) {
  static const std::string kPool =
      "/\\:@.?#%[]- \t\x01"
      "abcxyz019AZ";
  for (int n = static_cast<int>(rng() % 3); n >= 0; --n) {
    const std::size_t at = s.empty() ? 0 : rng() % s.size();
    const char c = kPool[rng() % kPool.size()];
    switch (rng() % 3) {
      case 0:
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), c);
        break;
      case 1:
        if (!s.empty()) s[at] = c;
        break;
      default:
        if (!s.empty()) s.erase(at, 1);
    }
  }
  return s;
}

/// `s` without the bytes <= 0x20 that the native parser strips from its ends.
std::string_view trim_ends(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) s.remove_suffix(1);
  return s;
}

}  // namespace

TEST_CASE("domain KQL regex against the native parser over look-alike URLs", "[rules][kql]") {
  const auto set =
      load(std::string("id: r\ntitle: t\nexclude:\n  sel:\n    FileOriginUrl|domain: ") + kDomains +
           "\n");
  const std::string& kql = set.rules()[0].kql;
  std::mt19937 rng(20240501);
  std::size_t agree_excluded = 0, agree_kept = 0, kql_keeps = 0, kql_wrongly_excludes = 0;
  // Why the KQL kept a row the native matcher excludes, by the documented reasons.
  std::size_t kept_percent = 0, kept_whitespace = 0, kept_other = 0;
  std::vector<std::string> samples_kept;
  constexpr int kUrls = 40000;
  for (int i = 0; i < kUrls; ++i) {
    const std::string u = i % 4 == 3 ? mutate(rng, url(rng)) : url(rng);
    const bool native = set.match(Row{{"FileOriginUrl", u}}) == 0;
    const bool by_kql = KqlEval::eval(kql, {{"FileOriginUrl", u}});
    if (native && by_kql) {
      ++agree_excluded;
    } else if (!native && !by_kql) {
      ++agree_kept;
    } else if (native) {
      ++kql_keeps;
      const std::string_view inner = trim_ends(u);
      if (u.find('%') != std::string::npos) {
        ++kept_percent;
      } else if (inner.find_first_of("\t\n\r") != std::string_view::npos) {
        ++kept_whitespace;
      } else {
        ++kept_other;
        if (samples_kept.size() < 16) samples_kept.push_back(u);
      }
    } else {
      ++kql_wrongly_excludes;
      INFO("KQL excludes what the native matcher keeps: '" << u << "'");
      CHECK(by_kql == native);
    }
  }
  std::string kept_list;
  for (const std::string& s : samples_kept)
    kept_list += "\n  " + huntq::rules::testing::Row::printable(s);
  WARN(kUrls << " generated URLs: both exclude " << agree_excluded << ", both keep " << agree_kept
             << ", KQL keeps where native excludes " << kql_keeps << " (percent-encoded "
             << kept_percent << ", tab or newline inside " << kept_whitespace << ", other "
             << kept_other << ")"
             << ", KQL excludes where native keeps " << kql_wrongly_excludes
             << "; some of the other kept:" << kept_list);
  CHECK(kql_wrongly_excludes == 0);
  // The corpus must exercise both answers, and the regex must read most of what the native
  // parser excludes.
  CHECK(agree_excluded > kUrls / 10);
  CHECK(agree_kept > kUrls / 10);
  CHECK(kql_keeps * 2 < agree_excluded);
  CHECK(kept_other * 4 < agree_excluded);
}

TEST_CASE("domain KQL regex on the URLs of the tests and samples", "[rules][kql]") {
  const auto set = load(
      "id: r\ntitle: t\nexclude:\n  sel:\n    FileOriginUrl|domain: [Microsoft.com., 10.0.0.5, "
      "'[::1]', localhost]\n");
  const std::string& kql = set.rules()[0].kql;
  // From url_host_test.cpp and field_match_test.cpp: exact agreement expected.
  for (const char* u : {"https://update.microsoft.com/x.cab",
                        "HTTP://MICROSOFT.COM:80",
                        "https://evilmicrosoft.com/",
                        "https://update.microsoft.com.evil.example/",
                        "https://update.microsoft.com@evil.example/",
                        "https://evil.example/update.microsoft.com",
                        "https://evil.example\\@update.microsoft.com",
                        "",
                        "microsoft",
                        "http://10.0.0.5:8080/x",
                        "http://110.0.0.5/x",
                        "https://update.microsoft.com./",
                        "https://user:pw@update.microsoft.com/",
                        "https://a@b@update.microsoft.com/",
                        "https://update.microsoft.com:abc/",
                        "https://update.microsoft.com:65536/",
                        "https://update.microsoft.com:65535/",
                        "https://evil.example?@update.microsoft.com",
                        "https://evil.example#@update.microsoft.com",
                        "https://evil.example%2F@update.microsoft.com/",
                        "http://[::1]/",
                        "http://[::1]:8080/x",
                        "http://user@[::1]:80",
                        "http://[::1",
                        "http://[::1]x/",
                        "https:update.microsoft.com/x",
                        "https:/update.microsoft.com/x",
                        "https:///evil.example/",
                        "https:\\\\evil.example\\x",
                        "update.microsoft.com/path",
                        "update.microsoft.com",
                        "update.microsoft.com:8080/x",
                        "localhost:8080",
                        "//evil.example/x",
                        "/update.microsoft.com/x",
                        "file://server/share/x.exe",
                        "file:///C:/Users/x.exe",
                        "https://",
                        "https://:443/",
                        "about:internet",
                        "mailto:someone@update.microsoft.com",
                        "C:\\Users\\me\\Downloads\\x.exe",
                        "https://evil example.com/",
                        "  https://update.microsoft.com/  ",
                        "\x01https://update.microsoft.com/\n"}) {
    INFO("'" << u << "'");
    CHECK(KqlEval::eval(kql, {{"FileOriginUrl", u}}) ==
          (set.match(Row{{"FileOriginUrl", u}}) == 0));
  }
}
