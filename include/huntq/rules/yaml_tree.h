// A bounded YAML reader for rule files: libfyaml's event parser builds a small tree, and every
// dimension a hostile file could inflate (bytes, nesting, aliases, node count) has a limit that
// fails with file:line before memory grows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace huntq::rules {

struct YamlLimits {
  std::size_t max_bytes = std::size_t{4} << 20;  ///< size of one file's text
  std::size_t max_depth = 32;                    ///< nesting of mappings and lists
  /// Nodes of one file, counting each alias as the nodes it stands for: this is what bounds
  /// "billion laughs" (an alias is shared, but the rule loader walks every copy).
  std::size_t max_nodes = 200'000;
  /// Scalar bytes of one file, aliases expanded the same way.
  std::size_t max_expanded_bytes = std::size_t{16} << 20;
};

struct YamlNode {
  enum class Kind { kNull, kScalar, kMap, kSeq };
  Kind kind = Kind::kNull;
  std::string text;  ///< kScalar
  /// 1-based; 0 when the parser gives no place (an empty value has none).
  std::uint64_t line = 0;
  std::uint64_t column = 0;
  /// kSeq: the items. kMap: keys and values alternating (key 0, value 0, key 1, ...). An alias
  /// is the node it names, shared.
  std::vector<const YamlNode*> children;
  std::size_t weight = 1;  ///< nodes in this subtree, aliases expanded
  std::size_t bytes = 0;   ///< scalar bytes in this subtree, aliases expanded

  bool is_null() const noexcept { return kind == Kind::kNull; }
  bool is_scalar() const noexcept { return kind == Kind::kScalar; }
  bool is_map() const noexcept { return kind == Kind::kMap; }
  bool is_seq() const noexcept { return kind == Kind::kSeq; }
  /// Entries of a mapping, items of a list.
  std::size_t size() const noexcept { return is_map() ? children.size() / 2 : children.size(); }
  const YamlNode& key(std::size_t i) const { return *children[2 * i]; }
  const YamlNode& value(std::size_t i) const { return *children[2 * i + 1]; }
  const YamlNode& item(std::size_t i) const { return *children[i]; }
};

/// The documents of a YAML stream; owns their nodes.
class YamlStream {
 public:
  /// Parses `text`. Throws huntq::Error naming `file`:line:column on a syntax error, a YAML
  /// feature rules do not use (an alias to an unknown or enclosing anchor) or a limit exceeded.
  static YamlStream parse(std::string_view text, const std::string& file,
                          const YamlLimits& limits = {});

  /// One root per document, in order; a document with no content has a kNull root.
  const std::vector<const YamlNode*>& documents() const noexcept { return documents_; }

 private:
  friend class YamlBuilder;
  std::deque<YamlNode> nodes_;  ///< a deque keeps node addresses stable as it grows
  std::vector<const YamlNode*> documents_;
};

}  // namespace huntq::rules
