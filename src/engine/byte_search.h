// Byte searches for the record pre-filters, the hottest loop of a scan: each runs over every
// byte of the input that is not parsed, so they use SIMD where the target has it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace huntq::engine {

/// Finds a fixed needle. Compares the needle's first and last bytes 16 or 32 positions at a time
/// and checks the few candidate positions in full (W. Muła's "SIMD-friendly" substring search),
/// so the needle needs no per-call setup, unlike memmem's.
class SubstringSearch {
 public:
  explicit SubstringSearch(std::string needle);
  bool found_in(std::string_view haystack) const;
  /// Whether `a` or `b` occurs, in one pass over the haystack (both needles at least 2 bytes).
  static bool either_found_in(std::string_view haystack, const SubstringSearch& a,
                              const SubstringSearch& b);
  const std::string& needle() const noexcept { return needle_; }

 private:
  std::string needle_;
};

/// Whether any of many needles occurs, in one pass over the haystack, comparing bytes exactly or
/// with ASCII letters folded (case_fold.h's rule: other bytes compare exactly). One needle uses
/// the single-needle searches; up to 64 use a Teddy-style filter (Hyperscan's): per position, the
/// low and high nibbles of the first three bytes are looked up in small tables (one pshufb each,
/// 32 positions at a time) giving the buckets of needles that can start there, and only those are
/// compared. Longer lists hash their first bytes into a 64 Ki-bit filter per position.
class MultiSearch {
 public:
  MultiSearch();
  MultiSearch(std::vector<std::string> needles, bool ignore_case);
  ~MultiSearch();
  MultiSearch(MultiSearch&&) noexcept;
  MultiSearch& operator=(MultiSearch&&) noexcept;
  bool found_in(std::string_view haystack) const;
  bool empty() const noexcept;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

/// Whether `lower` (a needle in ASCII lower case) occurs in `haystack` ignoring ASCII letter
/// case. The same first-and-last-byte filter as SubstringSearch, on bytes whose letters are
/// folded (a letter compared with its 0x20 bit set; any other byte exactly), then a folded check
/// of the few candidates: linear in the haystack whatever its letters.
bool found_folded(std::string_view haystack, std::string_view lower);

/// Bit i of the result is set when text[i] == c; word w covers bytes [64w, 64w+64).
/// Returns whether the text holds the two bytes `\u` (maybe a JSON \uXXXX escape), found in the
/// same pass.
bool byte_positions(std::string_view text, char c, std::vector<std::uint64_t>& bits);

/// What a JSON record's escapes could hide from a byte search, and whether its layout differs
/// from its compact form. Only real escapes count: a backslash escaped by another (`\\u`) is not.
struct JsonRecordFacts {
  /// ASCII characters written as \uXXXX or \/ (escapes a literal's canonical form does not use).
  std::uint64_t hidden_ascii[2] = {0, 0};
  /// A \u escape writes a non-ASCII character (or is not valid hex).
  bool hidden_non_ascii = false;
  /// Whitespace outside strings (pretty-printed), not counting any before or after the record's
  /// value: an object read as a string column is compact JSON text, which then differs from the
  /// record's bytes. Only worked out when asked for.
  bool whitespace_outside_strings = false;

  bool hides(const std::uint64_t ascii[2], bool non_ascii) const noexcept {
    return (hidden_ascii[0] & ascii[0]) || (hidden_ascii[1] & ascii[1]) ||
           (hidden_non_ascii && non_ascii);
  }
};
JsonRecordFacts scan_json_record(std::string_view record, bool want_whitespace);

/// Whether a CSV record's quotes are all plain RFC 4180 quoting: a quoted field opens at a field
/// start and closes before a comma or the end, with quotes inside doubled. Then every field's
/// text is its bytes (quoted: between the quotes, with `""` for `"`). Otherwise the reader may
/// join text after a closing quote to the field ("ab"cd reads as abcd) and a byte search must
/// not rule the record out.
bool csv_quotes_plain(std::string_view record);

}  // namespace huntq::engine
