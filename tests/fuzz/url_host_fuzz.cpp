// libFuzzer target for URL hosts (huntq::rules::url_host, host_in_domain) and the `domain`
// modifier, natively and as the KQL regex it is written as for Kusto (domain_url_regex):
//  - a host is lowercase, has no trailing dot, is in its own domain and in each parent domain,
//    and reads back as itself from "http://<host>/";
//  - for a single domain, the native matcher is exactly url_host() + host_in_domain();
//  - the regex is never true where the native matcher is false (it may be false where the
//    native one is true: those rows are kept, as the rule's KQL comment says).
// The input is a URL; when it holds a newline, the first line lists up to four domains
// (separated by spaces) and the URL follows. Without one, the domains are the URL's own host,
// its parent domains and example.com.
//
// Build and run: scripts/fuzz.sh [SECONDS] url_host (seeds: tests/fuzz/corpus/url_host).
#include <re2/re2.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../../src/rules/domain_regex.h"
#include "../../src/rules/field_test.h"
#include "../../src/rules/url_host_parse.h"
#include "fuzz_support.h"
#include "huntq/rules/exclusion_rules.h"

namespace {

using huntq::fuzz::fail;

std::vector<std::string> parent_domains(const std::string& host) {
  std::vector<std::string> out{host};
  if (huntq::rules::is_ip_host(host)) return out;
  for (std::size_t dot = host.find('.'); dot != std::string::npos; dot = host.find('.', dot + 1)) {
    out.push_back(host.substr(dot + 1));
  }
  return out;
}

void check_host(std::string_view url, const std::string& host) {
  if (host.empty()) fail("empty host", url);
  if (host.back() == '.') fail("host keeps its trailing dot", host);
  for (char c : host) {
    if (c >= 'A' && c <= 'Z') fail("host is not lowercase", host);
  }
  for (const std::string& parent : parent_domains(host)) {
    if (!huntq::rules::host_in_domain(host, parent)) {
      fail("host not in its own parent domain", host + " / " + parent);
    }
  }
  const std::string again =
      host.find(':') != std::string::npos ? "http://[" + host + "]/" : "http://" + host + "/";
  const std::optional<std::string> reread = huntq::rules::url_host(again);
  if (!reread || *reread != host) fail("a host does not read back as itself", again);
}

std::vector<std::string> split_domains(std::string_view line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size() && out.size() < 4) {
    while (i < line.size() && line[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (i > start) out.emplace_back(line.substr(start, i - start));
  }
  return out;
}

std::optional<huntq::rules::FieldTest> domain_test(const std::vector<std::string>& domains) {
  try {
    return huntq::rules::FieldTest(0, huntq::rules::MatchKind::kDomain, false, domains);
  } catch (const huntq::rules::ValueError&) {
    return std::nullopt;  // not a domain: the loader reports it
  }
}

bool regex_matches(const std::string& pattern, std::string_view url) {
  RE2::Options options;  // as the engine's `matches regex` compiles (UTF-8)
  options.set_log_errors(false);
  options.set_max_mem(std::int64_t{64} << 20);
  const RE2 re(pattern, options);
  if (!re.ok()) fail("the domain regex does not compile", pattern);
  return RE2::PartialMatch(re2::StringPiece(url.data(), url.size()), re);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view url = huntq::fuzz::as_text(data, size);
  std::vector<std::string> domains;
  if (const std::size_t nl = url.find('\n'); nl != std::string_view::npos) {
    domains = split_domains(url.substr(0, nl));
    url.remove_prefix(nl + 1);
  }
  const std::optional<std::string> host = huntq::rules::url_host(url);
  std::string reused = "stale";
  if (huntq::rules::parse_url_host(url, reused) != host.has_value() || (host && reused != *host)) {
    fail("parse_url_host() and url_host() differ", url);
  }
  if (host) check_host(url, *host);
  if (domains.empty()) {
    if (host) domains = parent_domains(*host);
    domains.push_back("example.com");
  }

  // Rule files are valid UTF-8 (the loader refuses others), so their domains are too.
  std::erase_if(domains, [](const std::string& d) { return !huntq::fuzz::valid_utf8(d); });
  for (const std::string& d : domains) {
    const auto single = domain_test({d});
    if (!single) continue;
    const bool expected = host && huntq::rules::host_in_domain(*host, d);
    if (single->matches(url) != expected) fail("domain test differs from host_in_domain", d);
  }
  const auto test = domain_test(domains);
  if (!test) return 0;
  const bool native = test->matches(url);
  const std::string pattern = huntq::rules::domain_url_regex(test->domains());
  if (!pattern.empty() && regex_matches(pattern, url) && !native) {
    fail("the domain regex matches a URL the native matcher does not", pattern);
  }
  return 0;
}
