#include "dynamic_json_path.h"

namespace huntq::engine {

std::optional<JsonPath> parse_json_path(std::string_view s) {
  if (s.empty() || s[0] != '$') return std::nullopt;
  JsonPath path;
  std::size_t i = 1;
  while (i < s.size()) {
    if (s[i] == '.') {
      const std::size_t start = ++i;
      while (i < s.size() && s[i] != '.' && s[i] != '[') ++i;
      const std::string_view name = s.substr(start, i - start);
      if (name.empty() || name == "*") return std::nullopt;  // `..` recursion, `.*` wildcard
      path.push_back({false, std::string(name), 0});
    } else if (s[i] == '[') {
      ++i;
      if (i < s.size() && (s[i] == '\'' || s[i] == '"')) {
        const char quote = s[i++];
        std::string name;
        while (i < s.size() && s[i] != quote) {
          if (s[i] == '\\' && i + 1 < s.size()) ++i;  // \' \" \\ stand for the character
          name += s[i++];
        }
        if (i + 1 >= s.size() || s[i + 1] != ']') return std::nullopt;
        i += 2;
        path.push_back({false, std::move(name), 0});
      } else {
        std::int64_t n = 0;
        std::size_t digits = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
          if (++digits > 18) return std::nullopt;  // past any array's length
          n = n * 10 + (s[i++] - '0');
        }
        if (digits == 0 || i >= s.size() || s[i] != ']') return std::nullopt;
        ++i;
        path.push_back({true, {}, n});
      }
    } else {
      return std::nullopt;
    }
  }
  return path;
}

JsonPath key_or_json_path(std::string_view key) {
  if (!key.empty() && key[0] == '$')
    if (auto p = parse_json_path(key)) return std::move(*p);
  return {JsonPathStep{false, std::string(key), 0}};
}

const DynamicPtr* follow_json_path(const DynamicPtr& root, std::span<const JsonPathStep> path) {
  const DynamicPtr* at = &root;
  for (const auto& step : path) {
    const Dynamic& node = **at;
    if (step.is_index) {
      if (!node.is_array() || step.index >= static_cast<std::int64_t>(node.items().size()))
        return nullptr;
      at = &node.items()[static_cast<std::size_t>(step.index)];
    } else {
      if (!node.is_object()) return nullptr;
      at = node.find(step.key);
      if (!at) return nullptr;
    }
  }
  return at;
}

}  // namespace huntq::engine
