#include "run_summary.h"

#include <fmt/format.h>

#include <map>

#include "huntq/output/row_writer.h"

namespace huntq::cli {

namespace {

// File names and reasons quote the input: escape them like any other log text.
std::string safe(const std::string& t) {
  return output::escape_for_terminal(t);
}

void print_clock(std::FILE* out, const RunSummary& s) {
  if (!s.now.empty()) fmt::print(out, "  now      {}\n", s.now);
  if (s.windowed) {
    fmt::print(out, "  window   {}{}Timestamp{}{}\n", s.window_since,
               s.window_since.empty() ? "" : " <= ", s.window_until.empty() ? "" : " < ",
               s.window_until);
    for (const auto& t : s.unfiltered_tables)
      fmt::print(out, "  window   not applied to {}: it has no Timestamp column\n", safe(t));
  }
}

void print_file(std::FILE* out, const engine::FileReport& f) {
  if (!f.read) {
    fmt::print(out, "  unread   {}: {}, {}: the query reads no table it holds\n", safe(f.name),
               input::shape_name(f.shape), f.table);
    return;
  }
  fmt::print(out, "  read     {}: {}, {}: {} records", safe(f.name), input::shape_name(f.shape),
             f.table, f.records);
  if (f.prefiltered) fmt::print(out, " ({} ruled out before parsing)", f.prefiltered);
  if (f.other_table) fmt::print(out, ", {} of other tables skipped", f.other_table);
  fmt::print(out, ", {} malformed skipped", f.malformed);
  if (f.bad_datetimes) fmt::print(out, ", {} unreadable datetimes left empty", f.bad_datetimes);
  fmt::print(out, "\n");
  for (const auto& r : f.reasons) fmt::print(out, "    skipped {}\n", safe(r));
  if (f.malformed > f.reasons.size() && !f.reasons.empty())
    fmt::print(out, "    ... and {} more\n",
               f.malformed - std::min<std::uint64_t>(f.malformed, f.reasons.size()));
}

void print_output_notes(std::FILE* out, const RunSummary& s) {
  if (s.withheld)
    fmt::print(out,
               "  withheld {} more rows: a terminal shows the first {}; redirect or use --format "
               "csv/ndjson for all\n",
               s.withheld, s.printed);
  if (s.writer.cells_with_nul)
    fmt::print(out, "  changed  {} cells held NUL bytes, written as U+FFFD\n",
               s.writer.cells_with_nul);
  if (s.writer.cells_with_invalid_utf8)
    fmt::print(out, "  changed  {} cells held invalid UTF-8, written as U+FFFD\n",
               s.writer.cells_with_invalid_utf8);
  if (s.writer.cells_elided || s.writer.hidden_columns)
    fmt::print(out,
               "  shortened {} cells{} to fit the terminal: --wide or --format vertical show "
               "them whole\n",
               s.writer.cells_elided,
               s.writer.hidden_columns
                   ? fmt::format(" and left out {} columns", s.writer.hidden_columns)
                   : "");
}

}  // namespace

void print_summary(std::FILE* out, const RunSummary& s) {
  fmt::print(out, "huntq: summary of {}\n", safe(s.hunt));
  print_clock(out, s);
  std::map<std::string, std::uint64_t> per_table;
  for (const auto& f : s.files) {
    if (f.read) per_table[f.table] += f.records;
    print_file(out, f);
  }
  for (const auto& [table, n] : per_table) fmt::print(out, "  rows     {}: {}\n", table, n);
  if (s.matched != kUnknown) fmt::print(out, "  matched  {} rows\n", s.matched);
  for (const auto& r : s.rules)
    fmt::print(out, "  excluded {} by rule {}\n", r.removed, safe(r.id));
  fmt::print(out, "  printed  {} {}rows\n", s.printed, s.printed_excluded ? "excluded " : "");
  print_output_notes(out, s);
}

void print_summary_short(std::FILE* out, const RunSummary& s) {
  std::uint64_t files = 0, records = 0, prefiltered = 0, malformed = 0, excluded = 0;
  for (const auto& f : s.files) {
    if (!f.read) continue;
    ++files;
    records += f.records;
    prefiltered += f.prefiltered;
    malformed += f.malformed;
  }
  std::string line = fmt::format("huntq: summary of {}: {} {}rows printed", safe(s.hunt), s.printed,
                                 s.printed_excluded ? "excluded " : "");
  if (s.matched != kUnknown) line += fmt::format(", {} matched", s.matched);
  std::string by_rule;
  for (const auto& r : s.rules) {
    excluded += r.removed;
    if (r.removed)
      by_rule += fmt::format("{}{} {}", by_rule.empty() ? "" : ", ", safe(r.id), r.removed);
  }
  if (!s.rules.empty())
    line += fmt::format(", {} excluded{}", excluded, by_rule.empty() ? "" : " (" + by_rule + ")");
  line += fmt::format("; {} files, {} records", files, records);
  if (prefiltered) line += fmt::format(" ({} ruled out before parsing)", prefiltered);
  line += fmt::format(", {} malformed skipped", malformed);
  fmt::print(out, "{}\n", line);
  print_clock(out, s);
  // Files with anything skipped or unread keep their own lines: nothing goes uncounted.
  for (const auto& f : s.files)
    if (!f.read || f.malformed || f.other_table || f.bad_datetimes) print_file(out, f);
  print_output_notes(out, s);
}

}  // namespace huntq::cli
