// --summary json: the run summary as one JSON object on one line, for scripts and CI. It holds the
// same facts and counts as the text summary (run_summary.cpp); names are stable snake_case keys.
#include <fmt/format.h>

#include <map>

#include "huntq/value/json_quote.h"
#include "run_summary.h"

namespace huntq::cli {
namespace {

std::string quoted_or_null(const std::string& s) {
  return s.empty() ? "null" : json_quote(s);
}

}  // namespace

void print_summary_json(std::FILE* out, const RunSummary& s) {
  std::string j = "{\"hunt\":" + json_quote(s.hunt);
  j += ",\"now\":" + quoted_or_null(s.now);
  j += ",\"window\":";
  if (s.windowed) {
    j += "{\"column\":\"Timestamp\",\"since\":" + quoted_or_null(s.window_since) +
         ",\"until\":" + quoted_or_null(s.window_until) + ",\"unfiltered_tables\":[";
    for (std::size_t i = 0; i < s.unfiltered_tables.size(); ++i)
      j += (i ? "," : "") + json_quote(s.unfiltered_tables[i]);
    j += "]}";
  } else {
    j += "null";
  }
  j += ",\"files\":[";
  std::map<std::string, std::uint64_t> per_table;
  for (std::size_t i = 0; i < s.files.size(); ++i) {
    const auto& f = s.files[i];
    if (f.read) per_table[f.table] += f.records;
    j += fmt::format(
        "{}{{\"name\":{},\"shape\":{},\"table\":{},\"read\":{},\"records\":{},\"prefiltered\":{},"
        "\"other_table\":{},\"malformed\":{},\"bad_datetimes\":{},\"skipped\":[",
        i ? "," : "", json_quote(f.name), json_quote(input::shape_name(f.shape)),
        json_quote(f.table), f.read, f.records, f.prefiltered, f.other_table, f.malformed,
        f.bad_datetimes);
    for (std::size_t r = 0; r < f.reasons.size(); ++r)
      j += (r ? "," : "") + json_quote(f.reasons[r]);
    j += "]}";
  }
  j += "],\"rows\":{";
  bool first = true;
  for (const auto& [table, n] : per_table) {
    j += fmt::format("{}{}:{}", first ? "" : ",", json_quote(table), n);
    first = false;
  }
  j += "},\"matched\":" + (s.matched == kUnknown ? std::string("null") : std::to_string(s.matched));
  j += ",\"excluded\":[";
  for (std::size_t i = 0; i < s.rules.size(); ++i)
    j += fmt::format("{}{{\"rule\":{},\"rows\":{}}}", i ? "," : "", json_quote(s.rules[i].id),
                     s.rules[i].removed);
  j += fmt::format(
      "],\"printed\":{},\"printed_excluded\":{},\"withheld\":{},\"cells_with_nul\":{},"
      "\"cells_with_invalid_utf8\":{},\"cells_elided\":{},\"hidden_columns\":{}}}\n",
      s.printed, s.printed_excluded, s.withheld, s.writer.cells_with_nul,
      s.writer.cells_with_invalid_utf8, s.writer.cells_elided, s.writer.hidden_columns);
  std::fputs(j.c_str(), out);
}

}  // namespace huntq::cli
