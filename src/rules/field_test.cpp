#include "field_test.h"

#include <algorithm>
#include <stdexcept>

#include "case_fold.h"
#include "huntq/rules/exclusion_rules.h"
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
    throw std::invalid_argument("'" + std::string(written) +
                                "' is a URL; `domain` takes a domain such as 'example.com'");
  }
  if (d.front() == '*' || d.front() == '.') {
    throw std::invalid_argument("'" + std::string(written) +
                                "': write the domain alone; its subdomains are included");
  }
  for (char c : d) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || c == '@' || c == '*' || c == '?' || c == '#' || c == '\\' || c == '%') {
      throw std::invalid_argument("'" + std::string(written) + "' is not a domain");
    }
  }
  std::string out(d);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace

FieldTest::FieldTest(std::size_t column, MatchKind kind, bool cased,
                     const std::vector<std::string>& values)
    : column_(column), kind_(kind), cased_(cased) {
  values_.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string& v = values[i];
    if (kind_ == MatchKind::kDomain) {
      try {
        values_.push_back(normalize_domain(v));
      } catch (const std::invalid_argument& e) {
        throw ValueError(i, e.what());
      }
    } else if (kind_ == MatchKind::kRegex) {
      RE2::Options options;
      options.set_log_errors(false);
      options.set_case_sensitive(cased_);
      auto re = std::make_unique<RE2>(v, options);
      if (!re->ok()) {
        throw ValueError(i, "invalid regular expression '" + v + "': " + re->error());
      }
      regexes_.push_back(std::move(re));
    } else {
      values_.push_back(cased_ ? v : fold_case(v));
    }
  }
  if (kind_ == MatchKind::kEquals || kind_ == MatchKind::kDomain) {
    std::sort(values_.begin(), values_.end());
    values_.erase(std::unique(values_.begin(), values_.end()), values_.end());
  }
}

bool FieldTest::matches(std::string_view cell) const {
  switch (kind_) {
    case MatchKind::kDomain:
      return matches_domain(cell);
    case MatchKind::kRegex:
      // RE2 folds case itself (Unicode simple folding) when compiled case-insensitive.
      for (const auto& re : regexes_) {
        if (RE2::PartialMatch(cell, *re)) return true;
      }
      return false;
    default:
      if (cased_) return matches_text(cell);
      // One buffer per thread, so folding a cell allocates only when a longer cell comes along.
      thread_local std::string folded;
      fold_case_into(cell, folded);
      return matches_text(folded);
  }
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
