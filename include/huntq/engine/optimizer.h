// Rewrites that keep a plan's rows and cut its work. Each pass can be switched off, and tests run
// plans with every pass on and off to check they give the same rows.
#pragma once

#include "huntq/engine/plan.h"

namespace huntq::engine {

struct OptimizerOptions {
  bool push_filters = true;   ///< move `where` conjuncts below project, sort, join, union...
  bool prune_columns = true;  ///< read and carry only the columns something uses
  bool prefilters = true;     ///< give scans the byte literals every matching record holds
};

PlanPtr optimize(const PlanPtr& root, const OptimizerOptions& options = {});

PlanPtr push_filters(const PlanPtr& root);
PlanPtr prune_columns(const PlanPtr& root);
PlanPtr extract_prefilters(const PlanPtr& root);

/// The conjuncts of a predicate (`a and b and c` -> a, b, c).
std::vector<ExprPtr> split_conjuncts(const ExprPtr& e);

}  // namespace huntq::engine
