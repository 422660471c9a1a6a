#include "huntq/input/source_base.h"

#include <algorithm>

#include "fmt/format.h"
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
  for (const auto& t : other.tables) {
    count_table(t.table, t.known, static_cast<std::int64_t>(t.records));
  }
}

std::size_t SourceStats::count_table(std::string_view table, bool known, std::int64_t delta,
                                     std::size_t hint) {
  std::size_t i = hint;
  if (i >= tables.size() || tables[i].table != table) {
    i = 0;
    while (i < tables.size() && tables[i].table != table) ++i;
    if (i == tables.size()) tables.push_back({std::string(table), 0, known});
  }
  tables[i].records =
      static_cast<std::uint64_t>(static_cast<std::int64_t>(tables[i].records) + delta);
  return i;
}

SourceBase::SourceBase(InputInfo info) : info_(std::move(info)) {}

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

void SourceBase::start_record() {
  ++stats_.records;
  counted_malformed_ = counted_other_ = counted_datetimes_ = false;
  if (info_.routing == Routing::File) {
    route_count_ = SIZE_MAX;
    if (info_.table == nullptr) return;  // a file with no rows to tell a table from
    // Hot path: one table for the whole file, counted by index.
    if (file_count_ < stats_.tables.size()) {
      ++stats_.tables[file_count_].records;
    } else {
      file_count_ = stats_.count_table(info_.table->name, true, 1);
    }
    route_count_ = file_count_;
    return;
  }
  route_current();
}

void SourceBase::route_current() {
  route_.table = nullptr;
  route_.broken = false;
  label_.clear();
  if (info_.routing == Routing::Label && record_label(label_) && !label_.empty()) {
    // Runs of records of one table are the rule: the last label's table is kept.
    if (label_ != last_label_) {
      last_label_ = label_;
      last_table_ = table_from_label(label_);
      if (last_table_ == nullptr && info_.custom_table &&
          label_names(*info_.custom_table, label_)) {
        last_table_ = info_.custom_table.get();
      }
    }
    route_.table = last_table_;
    route_.name = route_.table ? route_.table->name : label_;
  } else {
    route_by_columns();
  }
  if (route_.broken) {
    route_count_ = SIZE_MAX;  // counted as malformed when decoded
    return;
  }
  if (route_.table == nullptr && !counted_other_) {
    counted_other_ = true;
    ++stats_.other_table;
  }
  route_count_ = stats_.count_table(route_.name, route_.table != nullptr, 1, count_hint_);
  count_hint_ = route_count_;
}

void SourceBase::route_by_columns() {
  vote_.clear();
  if (!record_vote(vote_)) {
    route_.broken = true;
    route_.name.clear();
    return;
  }
  const RowTableVote::Result r = vote_.decide(info_.tables);
  route_.table = r.table;
  if (r.table != nullptr) {
    route_.name = r.table->name;
    return;
  }
  route_.name = "undecided";
  const std::size_t shown = std::min<std::size_t>(r.tied.size(), 3);
  for (std::size_t i = 0; i < shown; ++i) {
    route_.name += i == 0 ? " (" : (i + 1 == shown && shown == r.tied.size() ? " or " : ", ");
    route_.name += r.tied[i]->name;
  }
  if (shown < r.tied.size()) route_.name += fmt::format(" or {} more", r.tied.size() - shown);
  if (shown > 0) route_.name += ")";
}

Decoded SourceBase::decode(const Projection& projection, std::vector<Value>& out) {
  if (info_.routing != Routing::File && !route_.broken && route_.table != projection.table) {
    Decoded d;
    d.status = Decoded::Status::OtherTable;
    d.table = route_.table;
    return d;
  }
  issues_.clear();
  Decoded d = decode_current(projection, out, issues_);
  switch (d.status) {
    case Decoded::Status::Malformed:
      if (!counted_malformed_) {
        counted_malformed_ = true;
        ++stats_.malformed;
        if (route_count_ < stats_.tables.size()) {
          stats_.count_table(stats_.tables[route_count_].table, true, -1, route_count_);
          route_count_ = SIZE_MAX;
        }
        if (stats_.first_reasons.size() < SourceStats::kMaxReasons) {
          add_reason(stats_.first_reasons, current_line(), d.column, d.why);
        }
      }
      break;
    case Decoded::Status::OtherTable:
      // Only a table huntq does not read is "other": a record of another known table is
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
