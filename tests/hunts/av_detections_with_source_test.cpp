// The flagship plan: schemas follow Kusto's binder: column order and names (kql-semantics.md J-6,
// J-7, P-1..P-3).
#include <catch2/catch.hpp>

#include "huntq/engine/plan.h"
#include "huntq/error.h"
#include "huntq/hunts/hunt_catalog.h"

using namespace huntq;
using namespace huntq::engine;

namespace {
std::vector<std::string> names(const PlanNode& n) {
  return column_names(n.schema);
}
}  // namespace

TEST_CASE("plan: the flagship hunt has Q-1's columns, in order") {
  const PlanPtr plan = hunts::av_detections_with_source();
  CHECK(names(*plan) ==
        std::vector<std::string>{"Timestamp", "DeviceName", "ThreatName", "FileName", "FolderPath",
                                 "MD5", "FileOriginUrl", "FileOriginReferrerUrl",
                                 "InitiatingProcessFileName", "InitiatingProcessParentFileName"});
  CHECK(plan->schema[0].type == Type::DateTime);
  // The join node below project-away carries MD51 right after the left columns (J-6).
  const PlanNode& join = *plan->children[0]->children[0];
  REQUIRE(join.kind == NodeKind::Join);
  CHECK(join.schema[6].name == "MD51");
}

TEST_CASE("plan: optimize prunes scans and finds the literal pre-filter") {
  const PlanPtr plan = hunts::av_detections_with_source();
  optimize(plan);
  const PlanNode& join = *plan->children[0]->children[0];
  const PlanNode* left = join.children[0].get();
  while (left->kind != NodeKind::Scan) left = left->children[0].get();
  std::vector<std::string> read;
  for (const auto& c : left->scan_columns) read.push_back(c.name);
  // In table order, only what the chain uses.
  CHECK(read == std::vector<std::string>{"Timestamp", "DeviceName", "ActionType", "FileName",
                                         "FolderPath", "MD5", "AdditionalFields"});
  CHECK(left->literals == std::vector<std::string>{"AntivirusDetection"});
  CHECK(names(*plan).size() == 10);  // output unchanged
}

TEST_CASE("plan: explain and KQL text name every operator") {
  const PlanPtr plan = hunts::av_detections_with_source();
  const std::string kql = to_kql(*plan);
  CHECK(kql.find("| where (ActionType == \"AntivirusDetection\" and isnotempty(MD5))") !=
        std::string::npos);
  CHECK(kql.find("| join kind=inner (") != std::string::npos);
  CHECK(kql.find("| project-away MD51") != std::string::npos);
  CHECK(kql.find("| sort by Timestamp desc") != std::string::npos);
}
