// Plan schemas follow Kusto's binder: column order and names (kql-semantics.md J-6, J-7, P-1..P-3).
#include "huntq/engine/plan.h"

#include <catch2/catch.hpp>

#include "huntq/error.h"

using namespace huntq;
using namespace huntq::engine;

namespace {
std::vector<std::string> names(const PlanNode& n) {
  return column_names(n.schema);
}
}  // namespace

TEST_CASE("plan: J-7 renaming examples") {
  using V = std::vector<std::string>;
  CHECK(make_column_names_unique({"MD5", "MD5"}) == V{"MD5", "MD51"});
  CHECK(make_column_names_unique({"k", "k1", "k", "rv"}) == V{"k", "k1", "k2", "rv"});
  CHECK(make_column_names_unique({"MD5", "MD5", "MD51"}) == V{"MD5", "MD52", "MD51"});
  CHECK(make_column_names_unique({"c", "c", "c"}) == V{"c", "c1", "c2"});
}

TEST_CASE(
    "plan: extend replaces an existing column in place (P-1), project-away keeps order (P-3)") {
  auto b = PlanBuilder::scan(device_file_events());
  b.project({{"a", col("MD5")}, {"b", col("FileName")}, {"c", col("FolderPath")}});
  b.extend({{"b", str("99")}, {"z", str("7")}});
  CHECK(names(*b.build()) == std::vector<std::string>{"a", "b", "c", "z"});
  b.project_away({"a", "z*"});
  CHECK(names(*b.build()) == std::vector<std::string>{"b", "c"});
}

TEST_CASE("plan: misspelt or mistyped names are errors, not nulls") {
  auto b = PlanBuilder::scan(device_events());
  CHECK_THROWS_WITH(b.where(isnotempty(col("md5"))), Catch::Contains("unknown column 'md5'"));
  CHECK_THROWS_AS(b.project_away({"Nope"}), Error);
  CHECK_THROWS_WITH(b.project({{"x", col("MD5")}, {"x", col("FileName")}}),
                    Catch::Contains("declared twice"));
  CHECK_THROWS_WITH(b.where(eq(col("Timestamp"), str("x"))), Catch::Contains("cannot compare"));
}
