// What a Script holds: the source, its line map and every node, in one heap block so that
// node pointers and the map's view of the text survive moves of the Script.
#pragma once

#include <memory>
#include <vector>

#include "huntq/kql/syntax.h"

namespace huntq::kql {

struct Script::Impl {
  SourceText source;
  SourceMap map;
  std::vector<std::unique_ptr<Node>> nodes;
  std::vector<const Statement*> statements;

  template <class T>
  T* make(std::uint32_t offset) {
    auto node = std::make_unique<T>();
    node->offset = offset;
    node->end = offset;
    T* raw = node.get();
    nodes.push_back(std::move(node));
    return raw;
  }
};

}  // namespace huntq::kql
