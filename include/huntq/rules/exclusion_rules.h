// Exclusion rules: Sigma-shaped YAML that removes known false positives from a hunt's output.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/error.h"

namespace huntq::rules {

struct Rule {
  std::string id;
  std::string title;
  std::string reason;
  std::string expires;  ///< as written (YYYY-MM-DD), or empty
  bool expired = false;
  SourceLocation where;  ///< file and line of the rule's document
  struct Compiled;       ///< the condition, private to src/rules
  std::shared_ptr<const Compiled> condition;
};

class RuleSet {
 public:
  /// Loads every rule of a YAML file (one rule per document). `columns` are the hunt's output
  /// columns: a field that is not one of them is an error. `today` is "YYYY-MM-DD" (UTC), for
  /// `expires:`. Throws huntq::Error naming file:line and what is wrong.
  void load_file(const std::string& path, std::span<const std::string> columns,
                 std::string_view today);
  /// Same, from text (tests, stdin); `name` stands for the file name in messages.
  void load_text(std::string_view yaml, const std::string& name,
                 std::span<const std::string> columns, std::string_view today);

  /// Index of the first rule whose condition holds for the row (cells aligned with `columns`),
  /// or -1 when none does.
  int match(std::span<const std::string_view> row) const;

  const std::vector<Rule>& rules() const noexcept { return rules_; }
  /// Warnings for the user (expired rules), each "file:line: ...".
  const std::vector<std::string>& warnings() const noexcept { return warnings_; }

 private:
  std::vector<Rule> rules_;
  std::vector<std::string> warnings_;
};

/// The host of a URL, lowercased, without a trailing dot, brackets kept off IPv6 literals;
/// userinfo and port removed. Accepts a URL without scheme ("example.com/x"). nullopt when the
/// text has no host.
std::optional<std::string> url_host(std::string_view url);

/// True when `host` is `domain` or a subdomain of it (both compared case-insensitively, trailing
/// dots ignored).
bool host_in_domain(std::string_view host, std::string_view domain);

}  // namespace huntq::rules
