#include "huntq/input/source_base.h"

#include "huntq/error.h"

namespace huntq::input {

void SourceStats::merge(const SourceStats& other) {
  records += other.records;
  malformed += other.malformed;
  other_table += other.other_table;
  bad_datetimes += other.bad_datetimes;
  for (const auto& r : other.first_reasons) {
    if (first_reasons.size() < kMaxReasons) first_reasons.push_back(r);
  }
  for (const auto& r : other.first_bad_datetimes) {
    if (first_bad_datetimes.size() < kMaxReasons) first_bad_datetimes.push_back(r);
  }
}

void SourceBase::add_reason(std::vector<std::string>& list, std::uint64_t line,
                            std::uint64_t column, std::string_view why) {
  if (list.size() >= SourceStats::kMaxReasons) return;
  list.push_back(SourceLocation{info_.display_name, line, column}.to_string() + ": " +
                 std::string(why));
}

void SourceBase::count_skipped_malformed(std::uint64_t line, std::uint64_t column,
                                         std::string_view why) {
  ++stats_.records;
  ++stats_.malformed;
  add_reason(stats_.first_reasons, line, column, why);
}

Decoded SourceBase::decode(const Projection& projection, std::vector<Value>& out) {
  issues_.clear();
  Decoded d = decode_current(projection, out, issues_);
  switch (d.status) {
    case Decoded::Status::Malformed:
      if (!counted_malformed_) {
        counted_malformed_ = true;
        ++stats_.malformed;
        if (stats_.first_reasons.size() < SourceStats::kMaxReasons) {
          add_reason(stats_.first_reasons, current_line(), d.column, d.why);
        }
      }
      break;
    case Decoded::Status::OtherTable:
      // Only a table huntq does not read is "other": a record of the other known table is
      // simply decoded again with that table's projection.
      if (d.table == nullptr && !counted_other_) {
        counted_other_ = true;
        ++stats_.other_table;
      }
      break;
    case Decoded::Status::Ok:
      if (issues_.bad_datetimes > 0 && !counted_datetimes_) {
        counted_datetimes_ = true;
        stats_.bad_datetimes += issues_.bad_datetimes;
        if (stats_.first_bad_datetimes.size() < SourceStats::kMaxReasons) {
          add_reason(stats_.first_bad_datetimes, current_line(), 0, issues_.first_bad_datetime);
        }
      }
      break;
  }
  return d;
}

}  // namespace huntq::input
