#include "field_test.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "case_fold.h"
#include "huntq/rules/exclusion_rules.h"
#include "message_text.h"
#include "sigma_value.h"
#include "url_host_parse.h"

namespace huntq::rules {
namespace {

/// A domain as the rule wrote it, lowercased and without its trailing dot. Rejects what is
/// clearly not a domain (a URL, a wildcard, a leading dot), since such an entry would silently
/// never match.
std::string normalize_domain(std::string_view written) {
  std::string_view d = written;
  if (d.size() >= 2 && d.front() == '[' && d.back() == ']') d = d.substr(1, d.size() - 2);
  if (!d.empty() && d.back() == '.') d.remove_suffix(1);
  if (d.empty()) throw std::invalid_argument("an empty domain matches nothing");
  if (d.find("://") != std::string_view::npos || d.find('/') != std::string_view::npos) {
    throw std::invalid_argument(quote_text(written) +
                                " is a URL; `domain` takes a domain such as 'example.com'");
  }
  if (d.front() == '*' || d.front() == '.') {
    throw std::invalid_argument(quote_text(written) +
                                ": write the domain alone; its subdomains are included");
  }
  for (char c : d) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || c == '@' || c == '*' || c == '?' || c == '#' || c == '\\' || c == '%') {
      throw std::invalid_argument(quote_text(written) + " is not a domain");
    }
  }
  std::string out(d);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace

// Kusto's `matches regex` takes at most 16 groups; a rule with more would fail there only.
constexpr int kMaxKustoRegexGroups = 16;

FieldTest::FieldTest(std::size_t column, MatchKind kind, bool cased,
                     const std::vector<std::string>& values)
    : column_(column), kind_(kind), cased_(cased) {
  // The case flag is written into each pattern rather than set as an RE2 option, so that the
  // text handed to Kusto is exactly what runs here.
  const std::string flags = cased_ ? "" : "(?i)";
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string& v = values[i];
    if (kind_ == MatchKind::kDomain) {
      try {
        values_.push_back(normalize_domain(v));
      } catch (const std::invalid_argument& e) {
        throw ValueError(i, e.what());
      }
    } else if (kind_ == MatchKind::kRegex) {
      add_pattern(i, flags + v);
    } else {
      SigmaValue sv = parse_sigma_value(v);
      if (sv.wildcard) {
        // (?s): a wildcard matches newlines too.
        const std::string open =
            kind_ == MatchKind::kEquals || kind_ == MatchKind::kStartsWith ? "^" : "";
        const std::string close =
            kind_ == MatchKind::kEquals || kind_ == MatchKind::kEndsWith ? "$" : "";
        add_pattern(i, (cased_ ? "(?s)" : "(?is)") + open + sv.regex + close);
      } else {
        values_.push_back(cased_ ? sv.text : fold_case(sv.text));
        literals_.push_back(std::move(sv.text));
      }
    }
  }
  if (kind_ == MatchKind::kEquals || kind_ == MatchKind::kDomain) {
    std::sort(values_.begin(), values_.end());
    values_.erase(std::unique(values_.begin(), values_.end()), values_.end());
  }
}

void FieldTest::add_pattern(std::size_t index, std::string pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<RE2>(pattern, options);
  if (!re->ok()) {
    throw ValueError(
        index, fmt::format("invalid regular expression {}: {}",
                           quote_text(kind_ == MatchKind::kRegex ? pattern.substr(cased_ ? 0 : 4)
                                                                 : pattern),
                           one_line(re->error(), 200)));
  }
  if (re->NumberOfCapturingGroups() > kMaxKustoRegexGroups) {
    throw ValueError(index, fmt::format("the regular expression has {} capturing groups; Kusto "
                                        "allows {} (write (?:...) for a group that captures "
                                        "nothing)",
                                        re->NumberOfCapturingGroups(), kMaxKustoRegexGroups));
  }
  patterns_.push_back(std::move(pattern));
  regexes_.push_back(std::move(re));
}

bool FieldTest::matches(std::string_view cell) const {
  switch (kind_) {
    case MatchKind::kDomain:
      return matches_domain(cell);
    case MatchKind::kRegex:
      break;
    default:
      if (!values_.empty()) {
        if (cased_) {
          if (matches_text(cell)) return true;
        } else {
          // One buffer per thread, so folding a cell allocates only when a longer cell comes.
          thread_local std::string folded;
          fold_case_into(cell, folded);
          if (matches_text(folded)) return true;
        }
      }
  }
  // `re` values and wildcards; RE2 folds case itself (Unicode simple folding) under (?i).
  for (const auto& re : regexes_) {
    if (RE2::PartialMatch(cell, *re)) return true;
  }
  return false;
}

bool FieldTest::matches_text(std::string_view text) const {
  switch (kind_) {
    case MatchKind::kEquals:
      return std::binary_search(values_.begin(), values_.end(), text);
    case MatchKind::kContains:
      for (const std::string& v : values_) {
        if (text.find(v) != std::string_view::npos) return true;
      }
      return false;
    case MatchKind::kStartsWith:
      for (const std::string& v : values_) {
        if (text.starts_with(v)) return true;
      }
      return false;
    case MatchKind::kEndsWith:
      for (const std::string& v : values_) {
        if (text.ends_with(v)) return true;
      }
      return false;
    default:
      return false;
  }
}

bool FieldTest::matches_domain(std::string_view cell) const {
  thread_local std::string host;
  if (!parse_url_host(cell, host)) return false;  // an empty cell has no host either
  // Try the host and each parent domain in turn ("a.b.c", "b.c", "c") against the sorted list.
  std::string_view candidate = host;
  while (true) {
    if (std::binary_search(values_.begin(), values_.end(), candidate)) return true;
    if (is_ip_host(host)) return false;  // IP addresses have no parent domains
    const auto dot = candidate.find('.');
    if (dot == std::string_view::npos) return false;
    candidate.remove_prefix(dot + 1);
  }
}

}  // namespace huntq::rules
