// Kusto's term matching (`has` and its relatives) and the list lookups of `has_any`, `has_all`,
// `has_any_index` and `in~`, prepared once per call site so the per-row work allocates nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/value/case_fold.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/value.h"

namespace huntq::engine {

/// Term characters: ASCII letters and digits. "Each string value is broken into maximal
/// sequences of ASCII alphanumeric characters, and each of those sequences is made into a term"
/// (datatypes-string-operators.md; its earlier revision says "ASCII"). Everything else, bytes of
/// multi-byte UTF-8 characters included, separates terms.
bool is_term_char(char c) noexcept;

/// Which ends of the needle must sit on term boundaries.
enum class TermMode : std::uint8_t {
  Whole,   ///< has: both ends
  Prefix,  ///< hasprefix: the start
  Suffix,  ///< hassuffix: the end
};

/// `has`, `hasprefix`, `hassuffix` (and `_cs`): the needle occurs in the text and, where the
/// needle begins (ends) with a term character, the text has no term character just before
/// (after) the occurrence. So `has "america"` matches the term America, `has "C:\\Windows"`
/// matches the path C:\Windows\System32 and `has ".exe"` matches a.exe but not a.exe2. A needle
/// without term characters at its ends (".", "") is a plain substring test.
class TermMatcher {
 public:
  TermMatcher(std::string_view needle, bool ignore_case, TermMode mode);
  bool matches(std::string_view text) const noexcept;

 private:
  StringFinder finder_;
  bool check_before_ = false;
  bool check_after_ = false;
};

/// The same test for a needle that changes per row: no preparation, and time linear in the text
/// whatever it holds (per-thread buffers for the folded copies).
bool term_match(std::string_view text, std::string_view needle, bool ignore_case, TermMode mode);

/// Strings folded to lowercase ASCII, found by text folded on the fly (no allocation per lookup).
class FoldedStringSet {
 public:
  /// Adds `text`; returns its id (ids are 0, 1, 2... in insertion order), or the existing id.
  std::uint32_t insert(std::string_view text);
  /// The id of the entry equal to `text` ignoring ASCII case, or -1.
  std::int64_t find(std::string_view text) const noexcept;
  std::size_t size() const noexcept { return items_.size(); }
  /// Bytes held, roughly.
  std::size_t bytes() const noexcept;

 private:
  void grow();
  std::int64_t probe(std::string_view text, std::uint64_t hash) const noexcept;

  std::vector<std::string> items_;
  std::vector<std::uint32_t> slots_;  // 0 is empty, else id + 1
  std::uint64_t lengths_ = 0;         // bit min(length, 63) is set when an entry has that length
  // Most texts looked up are not entries: the (length, first byte) and (length, last byte)
  // pairs of the entries reject nearly all of them before any hashing.
  struct Edges {
    std::uint64_t first[4] = {0, 0, 0, 0};
    std::uint64_t last[4] = {0, 0, 0, 0};
  };
  std::vector<Edges> edges_ = std::vector<Edges>(64);
};

/// A dynamic value's tostring() text: a string unquoted, an array or bag as JSON, null as "".
std::string dynamic_text(const Dynamic& d);

/// The items of a list argument (`has_any (...)`, `in~ (...)`): a dynamic array whose nested
/// arrays are flattened (includes/in-operator-comparison.md), each element as its tostring()
/// text; null elements are left out, since a null equals nothing. A value that is not an array
/// is one item.
void collect_list_items(const Value& list, std::vector<std::string>& out);

/// A has_any / has_all / has_any_index list (case-insensitive, as those operators are), cut
/// into terms once per text. Items made only of term characters are looked up in one hash set.
/// The others (a-b, C:\Windows, -enc) are tested with a TermMatcher, but only when the text has
/// their longest term as a whole term: every term of such an item lies between non-term
/// characters of the item or at an end whose boundary the match checks, so the text must hold
/// it as a term. Items without any term character ("-", "") are always tested.
class TermList {
 public:
  explicit TermList(const std::vector<std::string>& items);

  std::size_t size() const noexcept { return count_; }
  bool any_in(std::string_view text) const;
  bool all_in(std::string_view text) const;
  /// The smallest list index of an item found in the text, or -1.
  std::int64_t first_index_in(std::string_view text) const;

 private:
  template <class F>
  void for_each_term(std::string_view text, F&& f) const;

  std::size_t count_ = 0;
  FoldedStringSet terms_;  // the whole-term items and the other items' key terms
  std::size_t longest_ = 0;
  // By term id: the smallest list index of a whole-term item equal to it (or -1), its slot
  // among the whole-term items (or -1) and among the key terms (or -1).
  std::vector<std::int64_t> item_index_;
  std::vector<std::int32_t> item_slot_;
  std::vector<std::int32_t> key_slot_;
  std::size_t item_count_ = 0, key_count_ = 0;
  struct Other {
    TermMatcher matcher;
    std::uint32_t index;  // in the list
    std::int32_t key;     // key slot, -1 when the item has no term character
  };
  std::vector<Other> others_;  // in list order
};

}  // namespace huntq::engine
