// What `huntq run`, `check` and `test` share to turn a query into rows: the clock, the table
// catalog, exclusion rules compiled into the plan, and rendering result rows with the writers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "huntq/engine/executor.h"
#include "huntq/input/record_source.h"
#include "huntq/kql/binder.h"
#include "huntq/output/row_writer.h"
#include "huntq/rules/exclusion_rules.h"
#include "huntq/value/datetime.h"

namespace huntq::cli {

/// The current instant in ticks (100 ns since 0001-01-01, UTC).
std::int64_t current_ticks();

/// "YYYY-MM-DD" of an instant, for the rules' `expires:`.
std::string today_utc(std::int64_t now_ticks);

/// The Defender tables; `union` wildcards see the tables `inputs` hold (every known table when
/// `inputs` is null, as when only checking a query). `inputs` must outlive the catalog.
kql::Catalog make_catalog(const std::vector<input::InputInfo>* inputs);

/// Loads rule files or folders against the columns of `schema` (a hunt's output), typing their
/// KQL predicates from it. Throws huntq::Error naming file:line.
rules::RuleSet load_exclusions(const std::vector<std::string>& paths, const engine::Schema& schema,
                               std::int64_t now_ticks);

/// The plan with `rules` applied as one Exclude node: each rule's KQL predicate bound over the
/// plan's output columns, dropping (or, showing excluded rows, keeping) what a rule matches.
/// `plan` unchanged when there are no rules.
engine::PlanPtr apply_exclusions(engine::PlanPtr plan, const rules::RuleSet& rules,
                                 bool show_excluded, const kql::BindOptions& options);

/// Renders each result row to text, as `huntq run` prints it, and hands it to a writer.
class WriterSink final : public engine::ResultSink {
 public:
  WriterSink(output::RowWriter& writer, DateTimeStyle style) : writer_(writer), style_(style) {}

  void begin(const engine::Schema& schema) override;
  void row(engine::Row& row) override;

  std::uint64_t printed = 0;
  std::uint64_t limit = UINT64_MAX;  ///< rows a terminal shows at most; the rest are counted
  std::uint64_t withheld = 0;

 private:
  output::RowWriter& writer_;
  DateTimeStyle style_;
  std::vector<std::string> texts_;
  std::vector<output::Cell> cells_;
};

}  // namespace huntq::cli
