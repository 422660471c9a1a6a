// What blocking operators may hold in memory, shared by all of a query's operators.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "huntq/engine/executor.h"

namespace huntq::engine {

class MemoryBudget {
 public:
  explicit MemoryBudget(std::uint64_t limit) : limit_(limit) {}
  /// Counts `bytes` more held by `op`; throws huntq::Error naming it past the limit (as Kusto's
  /// query limits stop a query that would exhaust a node).
  void charge(std::uint64_t bytes, std::string_view op);
  void release(std::uint64_t bytes) { used_.fetch_sub(bytes, std::memory_order_relaxed); }
  std::uint64_t used() const { return used_.load(std::memory_order_relaxed); }
  std::uint64_t peak() const { return peak_.load(std::memory_order_relaxed); }

 private:
  std::uint64_t limit_;
  std::atomic<std::uint64_t> used_{0}, peak_{0};
};

/// Approximate heap bytes of a row (cells and the strings and trees they own).
std::uint64_t row_bytes(const Row& row);

}  // namespace huntq::engine
