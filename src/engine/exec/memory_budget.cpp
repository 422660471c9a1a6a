#include "memory_budget.h"

#include <fmt/format.h>

#include "huntq/error.h"
#include "huntq/value/dynamic.h"

namespace huntq::engine {

void MemoryBudget::charge(std::uint64_t bytes, std::string_view op) {
  const std::uint64_t now = used_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
  std::uint64_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now)) {
  }
  if (now > limit_)
    throw Error(
        fmt::format("'{}' needs more memory than the query may use ({} MiB; raise it with "
                    "--max-memory)",
                    op, limit_ >> 20));
}

std::uint64_t row_bytes(const Row& row) {
  std::uint64_t n = sizeof(Row) + row.capacity() * sizeof(Value);
  for (const auto& v : row) {
    if (v.type() == Type::String || v.type() == Type::Guid) {
      if (v.text().capacity() > 15) n += v.text().capacity();
    } else if (v.type() == Type::Dynamic && !v.is_null()) {
      n += v.tree()->bytes();
    }
  }
  return n;
}

}  // namespace huntq::engine
