#include "huntq/output/column_fit.h"

#include <catch2/catch.hpp>
#include <vector>

using huntq::output::fit_columns;

namespace {
using Widths = std::vector<std::size_t>;
}

TEST_CASE("columns keep their natural widths when all fit", "[output][fit]") {
  const Widths natural = {5, 10, 3};
  const auto fit = fit_columns(natural, 22, 2, 6);  // 18 + two gaps of 2: exactly 22
  CHECK(fit.widths == natural);
  CHECK(fit.shown == 3);
}

TEST_CASE("the widest columns shrink first, to a common cap", "[output][fit]") {
  // 80 - 4 (gaps) = 76: cap 33 gives 33 + 10 + 33 = 76.
  auto fit = fit_columns(Widths{40, 10, 60}, 80, 2, 6);
  CHECK(fit.widths == Widths{33, 10, 33});
  CHECK(fit.shown == 3);
  // 120 - 4 = 116: 40 + 10 + 66.
  fit = fit_columns(Widths{40, 10, 80}, 120, 2, 6);
  CHECK(fit.widths == Widths{40, 10, 66});
}

TEST_CASE("columns left over after the cap go to the leftmost capped columns", "[output][fit]") {
  // 76 columns for three of 50: cap 25 uses 75, the one left goes to the first.
  CHECK(fit_columns(Widths{50, 50, 50}, 80, 2, 6).widths == Widths{26, 25, 25});
}

TEST_CASE("columns narrower than the minimum keep their width", "[output][fit]") {
  // 30 - 4 = 26: the 3 and the 4 stay, the 40 gets the 19 left.
  CHECK(fit_columns(Widths{3, 4, 40}, 30, 2, 6).widths == Widths{3, 4, 19});
  // The minimum holds: five columns of 20 in 30 columns: 6 each would need 38; three shown.
  const auto fit = fit_columns(Widths{20, 20, 20, 20, 20}, 30, 2, 6);
  // Three at 6 + two gaps + gap and "…" = 25 <= 30; four would need 33.
  CHECK(fit.shown == 3);
  // 30 - 4 - 3 = 23: cap 7 uses 21, two left over.
  CHECK(fit.widths == Widths{8, 8, 7});
}

TEST_CASE("columns are left out only when not even their minimums fit", "[output][fit]") {
  // Thirteen columns of 20 at 80: 6 * 13 + 24 = 102 > 80. Nine shown: 54 + 16 + 3 = 73.
  const auto fit = fit_columns(Widths(13, 20), 80, 2, 6);
  CHECK(fit.shown == 9);
  // 80 - 16 - 3 = 61: cap 6 uses 54, seven left over.
  CHECK(fit.widths == Widths{7, 7, 7, 7, 7, 7, 7, 6, 6});
}

TEST_CASE("one column wider than the terminal gets the terminal's width", "[output][fit]") {
  CHECK(fit_columns(Widths{100}, 10, 2, 6).widths == Widths{10});
  CHECK(fit_columns(Widths{100}, 3, 2, 6).widths == Widths{3});
  CHECK(fit_columns(Widths{100}, 3, 2, 6).shown == 1);
}

TEST_CASE("no columns fit trivially", "[output][fit]") {
  const auto fit = fit_columns(Widths{}, 80, 2, 6);
  CHECK(fit.widths.empty());
  CHECK(fit.shown == 0);
}
