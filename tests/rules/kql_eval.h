// A reader of the KQL subset that Rule::kql is written in, so that tests can check what the
// predicates mean without a KQL engine: not(), and, or, true/false, and comparisons of a column
// (bare, ['quoted'] or tostring(...)) by ==, =~, in, in~, contains, startswith, endswith (each
// also _cs) and matches regex. Semantics are Kusto's, from its docs
// (datatypes-string-operators.md, matches-regex-operator.md): the case-insensitive operators
// fold ASCII letters only here, so rows that test them must be ASCII; `matches regex` is an
// RE2 search. Anything else in the text fails the test: the writer must not emit it.
#pragma once

#include <re2/re2.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace huntq::rules::testing {

class KqlEval {
 public:
  using Row = std::map<std::string, std::string, std::less<>>;

  /// Evaluates `kql` for `row` (column name -> cell text; a missing column is an error).
  static bool eval(std::string_view kql, const Row& row) {
    KqlEval e(kql, row);
    const bool v = e.parse_or();
    e.skip_space();
    if (e.pos_ != e.text_.size()) e.fail("unexpected text");
    return v;
  }

 private:
  KqlEval(std::string_view text, const Row& row) : text_(text), row_(row) {}

  [[noreturn]] void fail(const std::string& what) const {
    FAIL("KQL the evaluator cannot read (" << what << ") at " << pos_ << " in: " << text_);
    throw std::logic_error(what);  // not reached: FAIL throws
  }

  void skip_space() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }
  bool accept(std::string_view word) {
    skip_space();
    if (text_.substr(pos_, word.size()) != word) return false;
    const std::size_t end = pos_ + word.size();
    // A word must end at a word boundary ("in" is not the start of "in~").
    const auto is_word = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '~';
    };
    if (is_word(word.back()) && end < text_.size() && is_word(text_[end])) return false;
    pos_ = end;
    return true;
  }
  void expect(std::string_view word) {
    if (!accept(word)) fail("expected '" + std::string(word) + "'");
  }

  bool parse_or() {
    bool v = parse_and();
    while (accept("or")) v = parse_and() || v;  // both sides are read, so parse both
    return v;
  }
  bool parse_and() {
    bool v = parse_unary();
    while (accept("and")) v = parse_unary() && v;
    return v;
  }
  bool parse_unary() {
    if (accept("not")) {
      expect("(");
      const bool v = parse_or();
      expect(")");
      return !v;
    }
    if (accept("(")) {
      const bool v = parse_or();
      expect(")");
      return v;
    }
    if (accept("true")) return true;
    if (accept("false")) return false;
    return comparison();
  }

  std::string column() {
    skip_space();
    if (accept("tostring")) {
      expect("(");
      std::string v = column();
      expect(")");
      return v;
    }
    std::string name;
    if (accept("[")) {
      skip_space();
      name = string_literal('\'');
      expect("]");
    } else {
      while (pos_ < text_.size() &&
             ((text_[pos_] >= 'a' && text_[pos_] <= 'z') ||
              (text_[pos_] >= 'A' && text_[pos_] <= 'Z') ||
              (text_[pos_] >= '0' && text_[pos_] <= '9') || text_[pos_] == '_')) {
        name += text_[pos_++];
      }
    }
    const auto it = row_.find(name);
    if (it == row_.end()) fail("unknown column '" + name + "'");
    return it->second;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::string string_literal(char quote) {
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != quote) fail("expected a string");
    ++pos_;
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) fail("unterminated string");
      const char c = text_[pos_++];
      if (c == quote) return out;
      if (c == '\n' || c == '\r') fail("raw line break in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) fail("unterminated escape");
      const char e = text_[pos_++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case '\\':
        case '"':
        case '\'':
          out += e;
          break;
        case 'u': {
          if (pos_ + 4 > text_.size()) fail("short \\u escape");
          append_utf8(out, static_cast<unsigned>(
                               std::stoul(std::string(text_.substr(pos_, 4)), nullptr, 16)));
          pos_ += 4;
          break;
        }
        default:
          fail(std::string("unknown escape \\") + e);
      }
    }
  }

  static std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    return out;
  }

  bool comparison() {
    const std::string cell = column();
    static const std::vector<std::string_view> kOps = {
        "==",          "=~",       "in~",           "in",
        "contains_cs", "contains", "startswith_cs", "startswith",
        "endswith_cs", "endswith", "matches regex"};
    std::string_view op;
    for (std::string_view o : kOps) {
      if (accept(o)) {
        op = o;
        break;
      }
    }
    if (op.empty()) fail("expected an operator");
    if (op == "in" || op == "in~") {
      expect("(");
      bool any = false;
      do {
        const std::string v = string_literal('"');
        any = any || (op == "in" ? cell == v : lower(cell) == lower(v));
      } while (accept(","));
      expect(")");
      return any;
    }
    const std::string v = string_literal('"');
    const bool cs = op.ends_with("_cs") || op == "==";
    const std::string c = cs ? cell : lower(cell);
    const std::string w = cs ? v : lower(v);
    if (op == "==" || op == "=~") return c == w;
    if (op.starts_with("contains")) return c.find(w) != std::string::npos;
    if (op.starts_with("startswith")) return c.starts_with(w);
    if (op.starts_with("endswith")) return c.ends_with(w);
    // Compiled once per pattern: corpus tests evaluate one pattern many thousand times.
    static std::map<std::string, std::unique_ptr<RE2>, std::less<>> cache;
    auto it = cache.find(v);
    if (it == cache.end()) it = cache.emplace(v, std::make_unique<RE2>(v, RE2::Quiet)).first;
    if (!it->second->ok()) fail("invalid regex: " + it->second->error());
    return RE2::PartialMatch(cell, *it->second);
  }

  std::string_view text_;
  const Row& row_;
  std::size_t pos_ = 0;
};

}  // namespace huntq::rules::testing
