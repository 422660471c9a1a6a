#include "inspect_command.h"

#include <fmt/format.h>

#include <cstdio>

#include "huntq/error.h"
#include "huntq/input/inspect.h"
#include "huntq/output/row_writer.h"
#include "huntq/value/datetime.h"
#include "huntq/value/json_quote.h"
#include "input_gathering.h"

namespace huntq::cli {
namespace {

std::string human_size(std::uint64_t n) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (n < 1024) return fmt::format("{} bytes", n);
  double v = static_cast<double>(n);
  int u = -1;
  while (v >= 1024 && u < 3) {
    v /= 1024;
    ++u;
  }
  return fmt::format("{:.1f} {}", v, kUnits[u]);
}

std::string_view encoding_name(input::Encoding e) {
  switch (e) {
    case input::Encoding::Utf16LE:
      return "UTF-16LE";
    case input::Encoding::Utf16BE:
      return "UTF-16BE";
    default:
      return "UTF-8";
  }
}

std::string_view routing_text(input::Routing r) {
  switch (r) {
    case input::Routing::Label:
      return "each record names its table (Type or category)";
    case input::Routing::Columns:
      return "rows of several tables, each told by its columns (a union export)";
    default:
      return "one table";
  }
}

std::string span_text(const std::optional<std::int64_t>& lo,
                      const std::optional<std::int64_t>& hi) {
  if (!lo) return {};
  return format_datetime(*lo) + " .. " + format_datetime(*hi);
}

void print_text(const input::InspectReport& r) {
  auto safe = [](std::string_view t) { return output::escape_for_terminal(t); };
  fmt::print("{}\n", safe(r.display_name));
  std::string extras;
  if (r.gzip) extras += " (gzip)";
  if (r.encoding != input::Encoding::Utf8)
    extras += fmt::format(" ({})", encoding_name(r.encoding));
  fmt::print("  shape    {}{}, {} ({} bytes)\n", input::shape_name(r.shape), extras,
             human_size(r.size), r.size);
  if (r.routing != input::Routing::File) fmt::print("  tables   {}\n", routing_text(r.routing));
  for (const auto& t : r.tables) {
    fmt::print("  table    {}: {} rows{}", safe(t.table), t.rows,
               t.known ? "" : " (not a table huntq reads)");
    if (t.min_timestamp) fmt::print(", {}", span_text(t.min_timestamp, t.max_timestamp));
    fmt::print("\n");
    if (!t.top_action_types.empty()) {
      std::string list;
      for (const auto& [value, count] : t.top_action_types) {
        list += fmt::format("{}{} {}", list.empty() ? "" : ", ",
                            value.empty() ? std::string("\"\"") : safe(value.substr(0, 80)), count);
      }
      if (t.distinct_action_types > t.top_action_types.size())
        list += fmt::format(" ({} distinct)", t.distinct_action_types);
      fmt::print("           ActionType: {}\n", list);
    }
  }
  fmt::print("  records  {} ({} malformed, {} of other tables)\n", r.stats.records,
             r.stats.malformed, r.stats.other_table);
  for (const auto& reason : r.stats.first_reasons) fmt::print("    skipped {}\n", safe(reason));
  if (r.stats.malformed > r.stats.first_reasons.size() && !r.stats.first_reasons.empty())
    fmt::print("    ... and {} more\n", r.stats.malformed - r.stats.first_reasons.size());
  if (r.stats.bad_datetimes) fmt::print("  datetimes {} unreadable\n", r.stats.bad_datetimes);
  for (const auto& reason : r.stats.first_bad_datetimes) fmt::print("    {}\n", safe(reason));
  if (r.min_timestamp) fmt::print("  time     {}\n", span_text(r.min_timestamp, r.max_timestamp));
  std::string cols;
  for (const auto& c : r.columns) cols += (cols.empty() ? "" : ", ") + safe(c);
  fmt::print("  columns  {} ({})\n", r.columns.size(), cols);
}

void append_list(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_quoted(out, items[i]);
  }
  out += ']';
}

void append_span(std::string& out, const std::optional<std::int64_t>& lo,
                 const std::optional<std::int64_t>& hi) {
  if (!lo) {
    out += "\"first\":null,\"last\":null";
    return;
  }
  out +=
      fmt::format("\"first\":\"{}\",\"last\":\"{}\"", format_datetime(*lo), format_datetime(*hi));
}

std::string json_of(const input::InspectReport& r) {
  std::string out = "{\"path\":";
  append_json_quoted(out, r.display_name);
  out += ",\"shape\":";
  append_json_quoted(out, input::shape_name(r.shape));
  out += fmt::format(",\"gzip\":{},\"encoding\":\"{}\",\"size\":{},\"routing\":", r.gzip,
                     encoding_name(r.encoding), r.size);
  append_json_quoted(out, routing_text(r.routing));
  out += ",\"tables\":[";
  for (std::size_t i = 0; i < r.tables.size(); ++i) {
    const auto& t = r.tables[i];
    if (i) out += ',';
    out += "{\"table\":";
    append_json_quoted(out, t.table);
    out += fmt::format(",\"rows\":{},\"known\":{},", t.rows, t.known);
    append_span(out, t.min_timestamp, t.max_timestamp);
    out += ",\"action_types\":[";
    for (std::size_t k = 0; k < t.top_action_types.size(); ++k) {
      if (k) out += ',';
      out += "{\"value\":";
      append_json_quoted(out, t.top_action_types[k].first);
      out += fmt::format(",\"count\":{}}}", t.top_action_types[k].second);
    }
    out += fmt::format("],\"distinct_action_types\":{}}}", t.distinct_action_types);
  }
  out +=
      fmt::format("],\"records\":{},\"malformed\":{},\"other_table\":{},\"bad_datetimes\":{},",
                  r.stats.records, r.stats.malformed, r.stats.other_table, r.stats.bad_datetimes);
  out += "\"malformed_reasons\":";
  append_list(out, r.stats.first_reasons);
  out += ",\"bad_datetime_reasons\":";
  append_list(out, r.stats.first_bad_datetimes);
  out += ',';
  append_span(out, r.min_timestamp, r.max_timestamp);
  out += ",\"columns\":";
  append_list(out, r.columns);
  out += '}';
  return out;
}

}  // namespace

int inspect_command(const InspectOptions& options) {
  if (options.format != "text" && options.format != "json") {
    throw Error("--format takes text or json, not '" + options.format.substr(0, 64) + "'");
  }
  input::InputOptions io;
  io.time_format = options.time_format;
  io.time_zone_offset_minutes = options.time_zone_offset_minutes;
  const auto inputs =
      gather_cli_inputs(options.inputs, options.table_inputs, io, options.skip_unreadable);
  const bool json = options.format == "json";
  if (json) fmt::print("[");
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const input::InspectReport report = input::inspect_input(inputs[i]);
    if (json) {
      fmt::print("{}{}", i ? ",\n" : "\n", json_of(report));
    } else {
      print_text(report);
    }
  }
  if (json) fmt::print("\n]\n");
  std::fflush(stdout);
  if (std::ferror(stdout)) throw Error("<stdout>: write failed");
  return 0;
}

}  // namespace huntq::cli
