#include "huntq/output/column_fit.h"

#include <algorithm>
#include <numeric>

namespace huntq::output {

ColumnFit fit_columns(std::span<const std::size_t> natural, std::size_t total_width,
                      std::size_t gap, std::size_t min_width) {
  const std::size_t n = natural.size();
  ColumnFit fit;
  const auto gaps = [gap](std::size_t k) { return k > 0 ? gap * (k - 1) : 0; };
  if (std::accumulate(natural.begin(), natural.end(), std::size_t{0}) + gaps(n) <= total_width) {
    fit.widths.assign(natural.begin(), natural.end());
    fit.shown = n;
    return fit;
  }
  std::vector<std::size_t> floors(n);
  for (std::size_t i = 0; i < n; ++i) floors[i] = std::min(natural[i], min_width);
  // Room the gaps and, when columns are left out, the "…" column take.
  const auto reserved = [&](std::size_t shown) { return gaps(shown) + (shown < n ? gap + 1 : 0); };
  std::size_t shown = n;
  std::size_t floor_sum = std::accumulate(floors.begin(), floors.end(), std::size_t{0});
  while (shown > 1 && floor_sum + reserved(shown) > total_width) floor_sum -= floors[--shown];
  const std::size_t avail = total_width > reserved(shown) ? total_width - reserved(shown) : 0;

  const auto width_at = [&](std::size_t i, std::size_t cap) {
    return std::max(floors[i], std::min(natural[i], cap));
  };
  const auto used = [&](std::size_t cap) {
    std::size_t sum = 0;
    for (std::size_t i = 0; i < shown; ++i) sum += width_at(i, cap);
    return sum;
  };
  // The largest cap that fits (binary search: used() grows with the cap).
  std::size_t lo = 0, hi = *std::max_element(natural.begin(), natural.begin() + shown);
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo + 1) / 2;
    if (used(mid) <= avail)
      lo = mid;
    else
      hi = mid - 1;
  }
  fit.shown = shown;
  for (std::size_t i = 0; i < shown; ++i) fit.widths.push_back(width_at(i, lo));
  if (used(lo) > avail) {
    // Only one column, and not even its minimum fits: give it what there is.
    if (shown == 1) fit.widths[0] = std::max<std::size_t>(avail, 1);
    return fit;
  }
  std::size_t leftover = avail - used(lo);
  for (std::size_t i = 0; i < shown && leftover > 0; ++i) {
    if (fit.widths[i] < natural[i]) {
      ++fit.widths[i];
      --leftover;
    }
  }
  return fit;
}

}  // namespace huntq::output
