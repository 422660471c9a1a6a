// libFuzzer target for the KQL binder and executor on constant queries (print, datatable, range:
// no table exists, so anything reading one fails to bind): any text must run or fail with
// huntq::Error, never crash, hang, leak or grow past the memory budget (ExecOptions::max_memory,
// small here). Every result row has one cell per column, of the column's type.
//
// `range` with more than kMaxRangeRows rows is skipped: a long range is slow, not wrong.
//
// Build and run: scripts/fuzz.sh [SECONDS] kql_exec (seeds: tests/fuzz/corpus/kql_exec;
// dictionary tests/fuzz/kql.dict).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "huntq/engine/executor.h"
#include "huntq/engine/plan.h"
#include "huntq/error.h"
#include "huntq/kql/binder.h"
#include "huntq/kql/parser.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"

namespace {

using huntq::fuzz::fail;

constexpr double kMaxRangeRows = 10'000;

double as_number(const huntq::Value& v) {
  switch (v.type()) {
    case huntq::Type::Int:
    case huntq::Type::Long:
    case huntq::Type::DateTime:
    case huntq::Type::TimeSpan:
      return static_cast<double>(v.as_int64());
    case huntq::Type::Real:
      return v.as_real();
    default:
      return NAN;
  }
}

// False when some range of the plan would make more rows than the target allows.
bool small_enough(const huntq::engine::PlanNode& node) {
  if (node.kind == huntq::engine::PlanKind::Range && !node.range_from.is_null() &&
      !node.range_to.is_null() && !node.range_step.is_null()) {
    const double span = as_number(node.range_to) - as_number(node.range_from);
    const double step = as_number(node.range_step);
    if (!(std::fabs(span) / std::fabs(step) <= kMaxRangeRows)) return false;
  }
  for (const auto& child : node.children) {
    if (child && !small_enough(*child)) return false;
  }
  return true;
}

class CheckingSink : public huntq::engine::ResultSink {
 public:
  void begin(const huntq::engine::Schema& schema) override { schema_ = schema; }
  void row(huntq::engine::Row& row) override {
    if (row.size() != schema_.size()) fail("a row with more or fewer cells than columns");
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i].type() != schema_[i].type) fail("a cell of another type than its column");
      if (row[i].type() == huntq::Type::String && row[i].is_null()) fail("a null string");
      volatile std::size_t n = huntq::to_string(row[i]).size();  // every cell can be printed
      (void)n;
    }
  }

 private:
  huntq::engine::Schema schema_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  huntq::kql::SourceText source;
  source.name = "fuzz.kql";
  source.text.assign(reinterpret_cast<const char*>(data), size);
  source.first_line = 1;
  huntq::kql::Catalog catalog;
  catalog.find_table = [](std::string_view) { return nullptr; };
  catalog.present_tables = [] { return std::vector<std::string>{}; };
  huntq::kql::BindOptions bind_options;
  bind_options.now_ticks = huntq::ticks_from_civil(2024, 3, 12, 12);
  huntq::engine::ExecOptions options;
  options.threads = 1;
  options.max_memory = std::uint64_t{16} << 20;
  try {
    const huntq::kql::Script script = huntq::kql::parse_script(source);
    const huntq::kql::BoundQuery bound = huntq::kql::bind_script(script, catalog, bind_options);
    if (!bound.plan) return 0;
    if (!small_enough(*bound.plan)) return 0;
    CheckingSink sink;
    huntq::engine::execute(bound.plan, {}, options, sink);
  } catch (const huntq::Error&) {
  }
  return 0;
}
