#include "scan_source.h"

#include <fmt/format.h>

#include <cmath>

#include "../record_prefilter.h"
#include "huntq/error.h"

namespace huntq::engine {

ScanSource::ScanSource(const PlanNode& scan, const std::vector<input::InputInfo>& inputs,
                       const ExecOptions& options)
    : scan_(scan), inputs_(inputs), options_(options) {
  projection_.table = scan.table;
  for (std::size_t c : scan.scan_columns) projection_.columns.push_back(scan.table->columns[c]);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& in = inputs[i];
    if (in.table != nullptr && in.table != scan.table) continue;
    if (in.splittable && in.size > options.split_bytes + options.split_bytes / 2) {
      for (std::uint64_t b = 0; b < in.size; b += options.split_bytes)
        tasks_.push_back({i, b, std::min(in.size, b + options.split_bytes)});
    } else {
      tasks_.push_back({i, 0, UINT64_MAX});
    }
  }
  task_counts_.resize(tasks_.size());
}

struct ScanSource::Filters {
  GroupPrefilter literals;
  KeyPrefilter keys;
};

ScanSource::~ScanSource() = default;

const ScanSource::Filters& ScanSource::filters(input::Escaping escaping) {
  const auto e = static_cast<std::size_t>(escaping);
  std::call_once(filters_once_[e], [&] {
    auto f = std::make_unique<Filters>();
    if (options_.prefilter) {
      f->literals = GroupPrefilter(scan_.prefilter, escaping);
      // The key filter needs each row's key cell to be the scan column read as a string (the
      // executor gives it only then, and only where probe rows without a partner give nothing).
      if (key_table_ && key_table_->string_keys())
        f->keys = KeyPrefilter(*key_table_->string_keys(), escaping);
    }
    filters_[e] = std::move(f);
  });
  return *filters_[e];
}

void ScanSource::run(std::size_t t, Operator& head, std::size_t slot) {
  const Task& task = tasks_[t];
  const auto& in = inputs_[task.input];
  ScanCounts& counts = task_counts_[t];
  counts.read = true;
  auto source = input::open_source(in, task.begin, task.end);
  const Filters& f = filters(source->escaping());
  const GroupPrefilter& literals = f.literals;
  const KeyPrefilter& keys = f.keys;
  Row row;
  std::uint64_t n = 0;
  while (source->next()) {
    if ((++n & 63) == 0 && head.stopped(slot)) break;
    const input::RawRecord& rec = source->record();
    if (!literals.may_match(rec.bytes) || !keys.may_match(rec.bytes)) {
      ++counts.prefiltered;
      continue;
    }
    const input::Decoded d = source->decode(projection_, row);
    if (d.status == input::Decoded::Status::OtherTable) continue;
    if (d.status == input::Decoded::Status::Malformed) {
      if (options_.strict) throw Error({in.display_name, source->current_line(), d.column}, d.why);
      continue;  // the reader counted it, with its reason
    }
    head.push(slot, row);
    row.resize(projection_.columns.size());
  }
  counts.source = source->stats();
  if (options_.strict && counts.source.malformed > 0)
    throw Error(counts.source.first_reasons.empty() ? in.display_name + ": malformed record"
                                                    : counts.source.first_reasons.front());
}

std::vector<ScanCounts> ScanSource::counts() const {
  std::vector<ScanCounts> out(inputs_.size());
  for (std::size_t t = 0; t < tasks_.size(); ++t) {
    auto& dst = out[tasks_[t].input];
    dst.source.merge(task_counts_[t].source);
    dst.prefiltered += task_counts_[t].prefiltered;
    dst.read = dst.read || task_counts_[t].read;
  }
  return out;
}

void RowsSource::run(std::size_t, Operator& head, std::size_t slot) {
  for (auto& r : *rows_) {
    if (copy_) {
      Row c = r;
      head.push(slot, c);
    } else {
      head.push(slot, r);
    }
  }
  if (!copy_) std::vector<Row>().swap(*rows_);
}

void RangeSource::run(std::size_t, Operator& head, std::size_t slot) {
  const Value& from = node_.range_from;
  const Value& to = node_.range_to;
  const Value& step = node_.range_step;
  // Kusto's query limits stop runaway queries; a range over a billion rows is refused here.
  constexpr double kMaxRows = 1e9;
  Row row(1);
  if (from.type() == Type::Real) {
    const double a = from.as_real(), b = to.as_real(), s = step.as_real();
    if (s == 0 || std::isnan(s)) throw Error("'range' needs a non-zero step");
    if ((b - a) / s > kMaxRows) throw Error("'range' would make over a billion rows");
    for (double x = a; s > 0 ? x <= b : x >= b; x += s) {
      row[0] = Value::real(x);
      head.push(slot, row);
      row.resize(1);
    }
    return;
  }
  const std::int64_t a = from.as_int64(), b = to.as_int64(), s = step.as_int64();
  if (s == 0) throw Error("'range' needs a non-zero step");
  const double count = (static_cast<double>(b) - static_cast<double>(a)) / static_cast<double>(s);
  if (count > kMaxRows) throw Error("'range' would make over a billion rows");
  if (count < 0) return;
  const auto steps = static_cast<std::int64_t>(count);
  for (std::int64_t i = 0; i <= steps; ++i) {
    const std::int64_t x = a + i * s;
    row[0] = Value::int64(x, from.type());
    head.push(slot, row);
    row.resize(1);
  }
}

}  // namespace huntq::engine
