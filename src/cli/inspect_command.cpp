#include "inspect_command.h"

#include <fmt/format.h>

#include "huntq/input/input_paths.h"
#include "huntq/input/inspect.h"
#include "huntq/output/row_writer.h"
#include "huntq/value/datetime.h"
#include "run_command.h"

namespace huntq::cli {

int inspect_command(const InspectOptions& options) {
  auto safe = [](std::string_view t) { return output::escape_for_terminal(t); };
  for (const auto& info : sniff_inputs(options.inputs, nullptr, {})) {
    const input::InspectReport report = input::inspect_input(info);
    fmt::print("{}\n", safe(info.display_name));
    fmt::print("  shape    {}{}, {} bytes\n", input::shape_name(info.shape),
               info.gzip ? " (gzip)" : "", report.size);
    for (const auto& t : report.tables)
      fmt::print("  table    {}: {} rows{}\n", safe(t.table), t.rows,
                 t.known ? "" : " (not read by hunts)");
    fmt::print("  records  {} ({} malformed, {} of other tables)\n", report.stats.records,
               report.stats.malformed, report.stats.other_table);
    for (const auto& r : report.stats.first_reasons) fmt::print("    skipped {}\n", safe(r));
    if (report.stats.bad_datetimes)
      fmt::print("  datetimes {} unreadable\n", report.stats.bad_datetimes);
    for (const auto& r : report.stats.first_bad_datetimes) fmt::print("    {}\n", safe(r));
    if (report.min_timestamp)
      fmt::print("  time     {} .. {}\n", format_datetime(*report.min_timestamp),
                 format_datetime(*report.max_timestamp));
    std::string cols;
    for (const auto& c : report.columns) cols += (cols.empty() ? "" : ", ") + safe(c);
    fmt::print("  columns  {} ({})\n", report.columns.size(), cols);
  }
  return 0;
}

}  // namespace huntq::cli
