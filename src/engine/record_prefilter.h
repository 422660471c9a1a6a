// Conservative byte-level tests on a raw record: "false" means the record cannot match, so the
// scan need not parse it. They never answer false for a record that could match.
//
// Why a byte search is sound: a cell's text comes from the record's bytes in few ways.
// - JSON string: decoded. A character is written as itself, as a short escape (\" \\ \b \f \n \r
//   \t: the literal's canonical form below uses these), or as \/ or \uXXXX: a record holding a
//   real escape of that kind for a character of the literal passes (scan_json_record).
// - JSON number, bool, object or array read as a string column: the token's text, objects and
//   arrays made compact. Searched as the literal itself; a literal holding { } [ ] : , could span
//   tokens (only where a punctuator has a token's neighbours: "a":1, [1,2]), which whitespace
//   outside strings separates in the bytes: such records pass.
// - CSV field: its bytes, quoted fields between their quotes with "" for ". A record whose quotes
//   are not plain RFC 4180 (csv_quotes_plain) passes.
// A missing or null string cell is "", which no literal (never empty) is part of.
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "byte_search.h"
#include "huntq/engine/plan.h"
#include "huntq/input/record_source.h"

namespace huntq::engine {

/// The byte strings that a cell whose text holds `text` leaves in a record, one of which occurs
/// unless a hazard above lets the record pass: in JSON the canonical escaped form and the text
/// itself (for number and object cells), in CSV the text with its quotes doubled.
std::vector<std::string> literal_forms(std::string_view text, input::Escaping escaping);

/// The scan's literal groups (plan.h LiteralGroup): for every group, one of its literals must
/// occur in the record, with the group's case rule (ASCII letters folded, case_fold.h).
class GroupPrefilter {
 public:
  GroupPrefilter() = default;
  GroupPrefilter(const std::vector<LiteralGroup>& groups, input::Escaping escaping);
  bool may_match(std::string_view raw) const;
  bool active() const noexcept { return !groups_.empty(); }

 private:
  struct Group {
    MultiSearch search;
    std::uint64_t ascii[2] = {0, 0};  ///< the literals' ASCII characters (both cases if folded)
    bool non_ascii = false;           ///< a literal holds a byte >= 0x80
    bool structural = false;          ///< a literal could span JSON tokens
  };
  bool hidden(const Group& g, std::string_view raw, int& facts_state, JsonRecordFacts& facts) const;
  std::vector<Group> groups_;
  input::Escaping escaping_ = input::Escaping::Json;
  // One exact literal whose only hazard is a \u escape: searched together with `\u` in one pass.
  std::unique_ptr<SubstringSearch> single_;
};

/// The record must contain one of a join's build-side keys as a whole value (a JSON string, a
/// JSON number or bool token, or a CSV field): a record without any has no partner.
class KeyPrefilter {
 public:
  KeyPrefilter() = default;
  /// `keys` must outlive the filter. Inactive when a key cannot be searched for soundly.
  KeyPrefilter(const std::unordered_set<std::string>& keys, input::Escaping escaping);
  bool may_match(std::string_view raw) const;
  bool active() const noexcept { return active_; }

 private:
  bool json_may_match(std::string_view raw) const;
  bool csv_may_match(std::string_view raw) const;
  bool bare_token_found(std::string_view raw) const;

  bool active_ = false;
  bool no_keys_ = false;
  input::Escaping escaping_ = input::Escaping::Json;
  /// The keys as their bytes appear in a string or field: views of the keys, or of `forms_`
  /// for keys written otherwise (escaped, doubled quotes).
  std::unordered_set<std::string_view> form_views_;
  std::unordered_set<std::string> forms_;
  std::unordered_set<std::string_view> bare_;  ///< keys that are JSON number or bool tokens
  std::vector<std::size_t> lengths_;
  std::uint64_t ascii_[2] = {0, 0};
  bool non_ascii_ = false;
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
    return form_views_.count(std::string_view(p, len)) != 0;
  }
};

}  // namespace huntq::engine
