#include "condition.h"

#include <fmt/format.h>

#include "message_text.h"

namespace huntq::rules {
namespace {

struct Token {
  std::string_view text;
  std::size_t offset;
};

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
    } else if (text[i] == '(' || text[i] == ')') {
      tokens.push_back({text.substr(i, 1), i});
      ++i;
    } else {
      const std::size_t start = i;
      while (i < text.size() && !is_space(text[i]) && text[i] != '(' && text[i] != ')') ++i;
      tokens.push_back({text.substr(start, i - start), start});
    }
  }
  return tokens;
}

bool is_keyword(std::string_view w) {
  return w == "and" || w == "or" || w == "not" || w == "of" || w == "them" || w == "all";
}

bool is_number(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

/// " (condition keywords are lowercase: 'and')" when `word` is a keyword in other letter case.
std::string keyword_case_hint(std::string_view word) {
  std::string lowered(word);
  for (char& c : lowered) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  if (lowered == word || !is_keyword(lowered)) return "";
  return fmt::format(" (condition keywords are lowercase: '{}')", lowered);
}

/// Sigma's selection patterns: `*` stands for any run of characters.
bool glob_match(std::string_view pattern, std::string_view name) {
  std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p;
      ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

class Condition::Parser {
  // Parsing and evaluation recurse; a limit keeps a pathological condition from overflowing the
  // stack. No one writes conditions nested this deep.
  static constexpr int kMaxDepth = 64;
  struct DepthGuard {
    DepthGuard(Parser& p, std::size_t offset) : parser(p) {
      if (++parser.depth_ > kMaxDepth) {
        throw ConditionError(
            offset, fmt::format("the condition nests more than {} levels deep", kMaxDepth));
      }
    }
    ~DepthGuard() { --parser.depth_; }
    Parser& parser;
  };

 public:
  Parser(std::string_view text, const std::vector<std::string>& selections, Condition& out)
      : tokens_(tokenize(text)), selections_(selections), out_(out) {}

  void run() {
    if (tokens_.empty()) throw ConditionError(0, "the condition is empty");
    out_.root_ = parse_or();
    if (pos_ < tokens_.size()) {
      const Token& t = tokens_[pos_];
      if (t.text == ")") throw ConditionError(t.offset, "unbalanced parentheses: ')' has no '('");
      throw ConditionError(t.offset, fmt::format("expected 'and' or 'or' before {}{}",
                                                 quote_text(t.text), keyword_case_hint(t.text)));
    }
  }

 private:
  std::size_t add(Node node) {
    out_.nodes_.push_back(std::move(node));
    return out_.nodes_.size() - 1;
  }

  bool next_is(std::string_view word) const {
    return pos_ < tokens_.size() && tokens_[pos_].text == word;
  }

  std::size_t parse_binary(Op op, std::string_view word, std::size_t (Parser::*operand)()) {
    std::size_t first = (this->*operand)();
    if (!next_is(word)) return first;
    Node node{op, 0, {first}};
    while (next_is(word)) {
      ++pos_;
      node.children.push_back((this->*operand)());
    }
    return add(std::move(node));
  }

  std::size_t parse_or() { return parse_binary(Op::kOr, "or", &Parser::parse_and); }
  std::size_t parse_and() { return parse_binary(Op::kAnd, "and", &Parser::parse_not); }

  std::size_t parse_not() {
    if (!next_is("not")) return parse_primary();
    const DepthGuard guard(*this, tokens_[pos_].offset);
    ++pos_;
    const std::size_t operand = parse_not();
    return add(Node{Op::kNot, 0, {operand}});
  }

  /// The token before the current one, for "nothing after 'and'" messages.
  [[noreturn]] void fail_missing_operand() const {
    if (pos_ == 0) throw ConditionError(0, "the condition is empty");
    const Token& prev = tokens_[pos_ - 1];
    if (prev.text == "(") {
      throw ConditionError(prev.offset, "unbalanced parentheses: '(' is not closed");
    }
    throw ConditionError(
        prev.offset, fmt::format("dangling operator: nothing follows {}", quote_text(prev.text)));
  }

  std::size_t parse_primary() {
    if (pos_ >= tokens_.size()) fail_missing_operand();
    const Token t = tokens_[pos_];
    if (t.text == "(") {
      const DepthGuard guard(*this, t.offset);
      ++pos_;
      if (next_is(")")) throw ConditionError(t.offset, "empty parentheses");
      const std::size_t inner = parse_or();
      if (!next_is(")")) {
        throw ConditionError(t.offset, "unbalanced parentheses: '(' is not closed");
      }
      ++pos_;
      return inner;
    }
    if (t.text == ")") {
      if (pos_ == 0) throw ConditionError(t.offset, "unbalanced parentheses: ')' has no '('");
      fail_dangling_before(t);
    }
    if (pos_ + 1 < tokens_.size() && tokens_[pos_ + 1].text == "of") return parse_quantifier();
    if (t.text == "and" || t.text == "or") {
      if (pos_ == 0) {
        throw ConditionError(
            t.offset, fmt::format("dangling operator: nothing before {}", quote_text(t.text)));
      }
      fail_dangling_before(t);
    }
    if (is_keyword(t.text)) {
      throw ConditionError(t.offset,
                           fmt::format("expected a selection name, found {}", quote_text(t.text)));
    }
    ++pos_;
    return add(Node{Op::kSelection, find_selection(t), {}});
  }

  [[noreturn]] void fail_dangling_before(const Token& t) const {
    const Token& prev = tokens_[pos_ - 1];
    if (prev.text == "(") {
      throw ConditionError(t.offset, fmt::format("expected a selection name after '(', found {}",
                                                 quote_text(t.text)));
    }
    throw ConditionError(
        prev.offset, fmt::format("dangling operator: nothing follows {}", quote_text(prev.text)));
  }

  std::size_t find_selection(const Token& t) {
    for (std::size_t i = 0; i < selections_.size(); ++i) {
      if (selections_[i] == t.text) {
        out_.used_[i] = true;
        return i;
      }
    }
    std::string known;
    for (const std::string& s : selections_) known += (known.empty() ? "" : ", ") + s;
    std::string hint = keyword_case_hint(t.text);
    if (hint.empty()) hint = fmt::format(" (selections: {})", one_line(known));
    throw ConditionError(t.offset, fmt::format("unknown selection {}{}", quote_text(t.text), hint));
  }

  /// `1 of pattern`, `all of pattern`, `1 of them`, `all of them`.
  std::size_t parse_quantifier() {
    const Token count = tokens_[pos_];
    Op op;
    if (count.text == "1") {
      op = Op::kAnyOf;
    } else if (count.text == "all") {
      op = Op::kAllOf;
    } else if (is_number(count.text)) {
      throw ConditionError(count.offset, fmt::format("{} is not supported; use '1 of' or "
                                                     "'all of'",
                                                     quote_text(std::string(count.text) + " of")));
    } else {
      throw ConditionError(count.offset, fmt::format("expected '1 of' or 'all of', found {}",
                                                     quote_text(std::string(count.text) + " of")));
    }
    pos_ += 2;
    if (pos_ >= tokens_.size() || tokens_[pos_].text == "(" || tokens_[pos_].text == ")") {
      throw ConditionError(tokens_[pos_ - 1].offset,
                           "'of' must be followed by 'them' or a selection name pattern");
    }
    const Token target = tokens_[pos_++];
    Node node{op, 0, {}};
    for (std::size_t i = 0; i < selections_.size(); ++i) {
      // As in Sigma, `them` leaves out selections whose names start with '_'.
      const bool hit = target.text == "them" ? !selections_[i].starts_with('_')
                                             : glob_match(target.text, selections_[i]);
      if (hit) {
        node.children.push_back(i);
        out_.used_[i] = true;
      }
    }
    if (node.children.empty()) {
      throw ConditionError(
          target.offset, fmt::format("{} matches no selection",
                                     quote_text(fmt::format("{} of {}", count.text, target.text))));
    }
    return add(std::move(node));
  }

  std::vector<Token> tokens_;
  const std::vector<std::string>& selections_;
  Condition& out_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

Condition Condition::parse(std::string_view text, const std::vector<std::string>& selections) {
  Condition c;
  c.used_.assign(selections.size(), false);
  Parser(text, selections, c).run();
  return c;
}

std::string Condition::to_kql(const std::function<std::string(std::size_t)>& selection) const {
  return kql(root_, selection);
}

std::string Condition::kql(std::size_t index,
                           const std::function<std::string(std::size_t)>& selection) const {
  const Node& n = nodes_[index];
  const auto join = [&](std::string_view word, bool of_selections) {
    if (n.children.size() == 1) {
      return of_selections ? selection(n.children[0]) : kql(n.children[0], selection);
    }
    std::string out = "(";
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      if (i > 0) out += fmt::format(" {} ", word);
      out += of_selections ? selection(n.children[i]) : kql(n.children[i], selection);
    }
    return out + ")";
  };
  switch (n.op) {
    case Op::kSelection:
      return selection(n.selection);
    case Op::kNot:
      return "not(" + kql(n.children[0], selection) + ")";
    case Op::kAnd:
      return join("and", false);
    case Op::kOr:
      return join("or", false);
    case Op::kAnyOf:
      return join("or", true);
    case Op::kAllOf:
      return join("and", true);
  }
  return "false";
}

Condition Condition::single_selection() {
  Condition c;
  c.nodes_.push_back(Node{Op::kSelection, 0, {}});
  c.used_.assign(1, true);
  return c;
}

}  // namespace huntq::rules
