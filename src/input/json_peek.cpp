#include "huntq/input/json_peek.h"

#include <simdjson.h>

#include <cstring>

#include "huntq/value/schema.h"

namespace huntq::input {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::size_t skip_space(std::string_view s, std::size_t p) {
  while (p < s.size() && is_space(s[p])) ++p;
  return p;
}

// p at an opening quote: the index just past the closing quote (or s.size()).
std::size_t skip_string(std::string_view s, std::size_t p) {
  ++p;
  while (p < s.size()) {
    const void* q = std::memchr(s.data() + p, '"', s.size() - p);
    if (q == nullptr) return s.size();
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(q) - s.data());
    std::size_t backslashes = 0;
    while (at - backslashes > p && s[at - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return at + 1;
    p = at + 1;
  }
  return s.size();
}

// p at the first byte of a value: the index just past it.
std::size_t skip_value(std::string_view s, std::size_t p) {
  if (p >= s.size()) return p;
  const char c = s[p];
  if (c == '"') return skip_string(s, p);
  if (c != '{' && c != '[') {
    while (p < s.size() && s[p] != ',' && s[p] != '}' && s[p] != ']' && !is_space(s[p])) ++p;
    return p;
  }
  int depth = 0;
  while (p < s.size()) {
    const char b = s[p];
    if (b == '"') {
      p = skip_string(s, p);
      continue;
    }
    if (b == '{' || b == '[') {
      ++depth;
    } else if (b == '}' || b == ']') {
      if (--depth == 0) return p + 1;
    }
    ++p;
  }
  return p;
}

}  // namespace

std::optional<std::string_view> peek_member(std::string_view s, std::string_view key) {
  std::size_t p = skip_space(s, 0);
  if (p >= s.size() || s[p] != '{') return std::nullopt;
  ++p;
  for (;;) {
    p = skip_space(s, p);
    if (p >= s.size() || s[p] != '"') return std::nullopt;
    const std::size_t key_end = skip_string(s, p);
    if (key_end > s.size() || key_end < p + 2) return std::nullopt;
    const std::string_view k = s.substr(p + 1, key_end - p - 2);
    p = skip_space(s, key_end);
    if (p >= s.size() || s[p] != ':') return std::nullopt;
    p = skip_space(s, p + 1);
    const std::size_t value_end = skip_value(s, p);
    if (iequals(k, key)) return s.substr(p, value_end - p);
    p = skip_space(s, value_end);
    if (p >= s.size() || s[p] != ',') return std::nullopt;
    ++p;
  }
}

std::optional<std::string_view> peek_element(std::string_view s, std::size_t index) {
  std::size_t p = skip_space(s, 0);
  if (p >= s.size() || s[p] != '[') return std::nullopt;
  p = skip_space(s, p + 1);
  for (std::size_t i = 0;; ++i) {
    if (p >= s.size() || s[p] == ']') return std::nullopt;
    const std::size_t end = skip_value(s, p);
    if (i == index) return s.substr(p, end - p);
    p = skip_space(s, end);
    if (p >= s.size() || s[p] != ',') return std::nullopt;
    p = skip_space(s, p + 1);
  }
}

bool peek_record_label(std::string_view record, bool streaming, std::string& label) {
  std::optional<std::string_view> token;
  if (streaming) {
    token = peek_member(record, "category");
    if (!token) {
      if (auto body = peek_member(record, "body")) token = peek_member(*body, "category");
    }
  } else {
    token = peek_member(record, "Type");
  }
  if (!token) return false;
  std::string scratch;
  const auto text = json_string_text(*token, scratch);
  if (!text) return false;
  label.assign(*text);
  return true;
}

std::optional<std::string_view> json_string_text(std::string_view token, std::string& scratch) {
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') return std::nullopt;
  const std::string_view inner = token.substr(1, token.size() - 2);
  bool plain = true;
  for (char c : inner) {
    if (c == '\\' || c == '"' || static_cast<unsigned char>(c) < 0x20) plain = false;
  }
  if (plain) return inner;
  simdjson::dom::parser parser;
  std::string_view text;
  if (parser.parse(token.data(), token.size(), true).get_string().get(text)) return std::nullopt;
  scratch.assign(text);
  return std::string_view(scratch);
}

}  // namespace huntq::input
