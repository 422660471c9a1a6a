// Exclusion rules: Sigma-shaped YAML that removes known false positives from a hunt's output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
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
  /// The condition as a KQL predicate over the output columns, true exactly when the rule
  /// matches a row, written with what Defender advanced hunting, Sentinel and Azure Data
  /// Explorer all have; an engine or Kusto applies the rule as `| where not(<kql>)`.
  std::string kql;
  /// `//` lines (each ending in '\n') for a reader of the emitted query: id, title, reason,
  /// expiry, and where the KQL may keep rows the native matcher excludes.
  std::string kql_comment;
};

/// Limits on what one RuleSet loads; past one, loading fails naming file:line and the limit.
struct RuleLimits {
  std::size_t max_file_bytes = std::size_t{4} << 20;
  std::size_t max_depth = 32;       ///< nesting of YAML mappings and lists
  std::size_t max_nodes = 200'000;  ///< YAML nodes per file, aliases expanded
  std::size_t max_rules = 10'000;   ///< rules in the set
  std::size_t max_values = 10'000;  ///< values of one field (a list)
  std::size_t max_files = 1'000;    ///< rule files in one folder
};

class RuleSet {
 public:
  explicit RuleSet(RuleLimits limits = {}) : limits_(limits) {}

  /// Loads a rule file, or every `*.yml` and `*.yaml` file directly inside a folder (not its
  /// subfolders), in byte order of their names; a folder holding none is an error. `columns`
  /// are the hunt's output columns: a field that is not one of them is an error. `today` is
  /// "YYYY-MM-DD" (UTC), for `expires:`. Throws huntq::Error naming file:line and what is
  /// wrong; a failed load leaves the set as it was.
  void load_path(const std::string& path, std::span<const std::string> columns,
                 std::string_view today);
  /// Loads every rule of a YAML file (one rule per document); a folder is loaded as
  /// load_path() does.
  void load_file(const std::string& path, std::span<const std::string> columns,
                 std::string_view today) {
    load_path(path, columns, today);
  }
  /// Same, from text (tests, stdin); `name` stands for the file name in messages.
  void load_text(std::string_view yaml, const std::string& name,
                 std::span<const std::string> columns, std::string_view today);

  /// Index of the first rule whose condition holds for the row (cells aligned with `columns`),
  /// or -1 when none does.
  int match(std::span<const std::string_view> row) const;

  /// KQL types of the columns (aligned with the loaders' `columns`), for Rule::kql: a column
  /// whose type is not "string" is compared as tostring(Column). Unset, all are strings.
  /// Applies to rules loaded afterwards.
  void set_kql_types(std::vector<std::string> types) { kql_types_ = std::move(types); }

  const std::vector<Rule>& rules() const noexcept { return rules_; }
  /// Warnings for the user (expired rules), each "file:line: ...".
  const std::vector<std::string>& warnings() const noexcept { return warnings_; }

 private:
  void load_texts(const std::vector<std::pair<std::string, std::string>>& files,
                  std::span<const std::string> columns, std::string_view today);

  RuleLimits limits_;
  std::vector<std::string> kql_types_;
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
