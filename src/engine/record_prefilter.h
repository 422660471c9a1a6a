// Conservative byte-level tests on a raw record: "false" means the record cannot match, so the
// scan need not parse it. They never answer false for a record that could match.
#pragma once

#include <cstring>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "byte_search.h"
#include "huntq/engine/plan.h"
#include "huntq/input/record_source.h"

namespace huntq::engine {

/// True when `text` could be written differently in the raw bytes of a record with this escaping
/// other than through \uXXXX (JSON) — then a byte search cannot rule it out and must be skipped.
bool literal_searchable(std::string_view text, input::Escaping escaping);

/// The record must contain every literal (a `where Col == "lit"` conjunct).
class LiteralPrefilter {
 public:
  LiteralPrefilter(std::vector<std::string> literals, input::Escaping escaping);
  bool may_match(std::string_view raw) const;
  bool active() const noexcept { return !literals_.empty(); }

 private:
  std::vector<SubstringSearch> literals_;
  input::Escaping escaping_;
};

/// Whether `text` occurs in `hay` ignoring ASCII letter case; `lower` is the needle in lower case.
bool found_ignoring_case(std::string_view hay, std::string_view lower);

/// The scan's literal groups (plan.h LiteralGroup): for every group, one of its literals must
/// occur in the record, with the group's case rule. Literals that escaping could hide in other
/// bytes disable their group; in JSON, a record holding a \u escape always passes.
class GroupPrefilter {
 public:
  GroupPrefilter() = default;
  GroupPrefilter(const std::vector<LiteralGroup>& groups, input::Escaping escaping);
  bool may_match(std::string_view raw) const;
  bool active() const noexcept { return !groups_.empty(); }

 private:
  struct Group {
    std::vector<SubstringSearch> exact;
    std::vector<std::string> folded;  ///< case-insensitive literals, lower case
  };
  bool group_matches(const Group& g, std::string_view raw) const;
  std::vector<Group> groups_;
  input::Escaping escaping_ = input::Escaping::Json;
};

/// The record must contain one of a join's build-side keys as a whole value (a quoted JSON
/// string, or a CSV field): a record without any cannot find a partner in an inner join.
class KeyPrefilter {
 public:
  KeyPrefilter() = default;
  /// `keys` must outlive the filter. Inactive when a key cannot be searched for safely.
  KeyPrefilter(const std::unordered_set<std::string>& keys, input::Escaping escaping);
  bool may_match(std::string_view raw) const;
  bool active() const noexcept { return active_; }

 private:
  bool active_ = false;
  input::Escaping escaping_ = input::Escaping::Json;
  std::unordered_set<std::string_view> keys_;
  std::vector<std::size_t> lengths_;
  // Most candidate strings are not keys: a 64 Ki-bit filter on their first bytes rejects them
  // before the hash set is asked.
  std::vector<std::uint64_t> sketch_ = std::vector<std::uint64_t>(1024, 0);
  static std::size_t sketch_slot(const char* p, std::size_t len) {
    std::uint64_t head = 0;
    std::memcpy(&head, p, len < 8 ? len : 8);
    return static_cast<std::size_t>(((head ^ len) * 0x9E3779B97F4A7C15ull) >> 48);
  }
  bool has_key(const char* p, std::size_t len) const {
    const std::size_t slot = sketch_slot(p, len);
    if (!(sketch_[slot / 64] >> (slot % 64) & 1)) return false;
    return keys_.count(std::string_view(p, len)) != 0;
  }
};

}  // namespace huntq::engine
