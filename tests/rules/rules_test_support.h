// Shared by the exclusion-rule tests: the hunt's columns, rows built by column name, loading.
#pragma once

#include <catch2/catch.hpp>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "huntq/rules/exclusion_rules.h"

namespace huntq::rules::testing {

inline const std::vector<std::string> kColumns = {"Timestamp",
                                                  "DeviceName",
                                                  "ThreatName",
                                                  "FileName",
                                                  "FolderPath",
                                                  "MD5",
                                                  "FileOriginUrl",
                                                  "FileOriginReferrerUrl",
                                                  "InitiatingProcessFileName",
                                                  "InitiatingProcessParentFileName"};

inline constexpr std::string_view kToday = "2026-01-01";

/// A row of the hunt's output: the named cells set, every other cell empty.
class Row {
 public:
  Row(std::initializer_list<std::pair<std::string_view, std::string_view>> cells)
      : cells_(kColumns.size()) {
    for (const auto& [name, value] : cells) {
      std::size_t i = 0;
      while (i < kColumns.size() && kColumns[i] != name) ++i;
      REQUIRE(i < kColumns.size());  // a typo in a test, not a test failure
      cells_[i] = value;
    }
    for (const std::string& c : cells_) views_.emplace_back(c);
  }
  operator std::span<const std::string_view>() const { return views_; }

  /// `s` with control characters written \xNN, for test messages.
  static std::string printable(std::string_view s) {
    std::string out;
    static const char* kHex = "0123456789abcdef";
    for (char c : s) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7F) {
        out += "\\x";
        out += kHex[u >> 4];
        out += kHex[u & 15];
      } else {
        out += c;
      }
    }
    return out;
  }

 private:
  std::vector<std::string> cells_;
  std::vector<std::string_view> views_;
};

inline RuleSet load(std::string_view yaml, std::string_view today = kToday) {
  RuleSet set;
  set.load_text(yaml, "rules.yaml", kColumns, today);
  return set;
}

/// Whether the rules in `yaml` remove `row`.
inline bool excludes(std::string_view yaml, const Row& row) {
  return load(yaml).match(row) >= 0;
}

/// Loading `yaml` must fail at rules.yaml:`line` with a message containing `part`.
inline void require_load_error(std::string_view yaml, std::uint64_t line, std::string_view part) {
  try {
    load(yaml);
  } catch (const Error& e) {
    INFO(e.what());
    CHECK(e.where().file == "rules.yaml");
    CHECK(e.where().line == line);
    CHECK(std::string(e.what()).starts_with("rules.yaml:" + std::to_string(line)));
    CHECK(std::string(e.what()).find(part) != std::string::npos);
    return;
  }
  FAIL("no error for:\n" << yaml);
}

}  // namespace huntq::rules::testing
