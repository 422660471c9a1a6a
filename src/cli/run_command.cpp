#include "run_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <thread>

#include "huntq/cli/app.h"
#include "huntq/engine/executor.h"
#include "huntq/error.h"
#include "huntq/hunts/hunt_catalog.h"
#include "huntq/input/input_paths.h"
#include "huntq/output/row_writer.h"
#include "huntq/rules/exclusion_rules.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"
#include "run_summary.h"

namespace huntq::cli {
namespace {

std::string today_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

std::vector<input::InputInfo> sniff_inputs(const std::vector<std::string>& paths,
                                           const TableDef* table, const input::InputOptions& io) {
  std::vector<input::InputInfo> infos;
  for (const auto& arg : paths) {
    // A file found in a folder that is not an export (a README, a script) is passed over with a
    // warning, as ripgrep passes over binary files; a file named on the command line must read.
    const bool walked = arg != "-" && std::filesystem::is_directory(arg);
    for (const auto& path : input::expand_inputs({arg})) {
      try {
        infos.push_back(input::sniff_input(path, table, io));
      } catch (const Error& e) {
        if (!walked) throw;
        fmt::print(stderr, "huntq: warning: skipping {}\n", output::escape_for_terminal(e.what()));
      }
    }
  }
  return infos;
}

namespace {

std::vector<input::InputInfo> gather_inputs(const RunOptions& o, const input::InputOptions& io) {
  std::vector<input::InputInfo> infos = sniff_inputs(o.inputs, nullptr, io);
  for (const auto& spec : o.table_inputs) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos)
      throw Error("--table takes TABLE=PATH (e.g. DeviceEvents=de.json), not '" + spec + "'");
    const TableDef* table = find_table(spec.substr(0, eq));
    if (!table)
      throw Error("--table: unknown table '" + spec.substr(0, eq) +
                  "'; known tables: DeviceEvents, DeviceFileEvents");
    for (auto& info : sniff_inputs({spec.substr(eq + 1)}, table, io))
      infos.push_back(std::move(info));
  }
  if (infos.empty()) throw Error("no input files; give files or folders to read, or - for stdin");
  return infos;
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  if (mode != "auto") throw Error("--color takes auto, always or never, not '" + mode + "'");
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

}  // namespace

int run_command(const RunOptions& o) {
  const hunts::HuntInfo& hunt = hunts::find_hunt(o.hunt);
  engine::PlanPtr plan = hunt.build();
  engine::optimize(plan);
  if (o.explain) {
    std::fputs(engine::explain(*plan).c_str(), stdout);
    return kRowsPrinted;
  }
  const output::Format format = output::parse_format(o.format);
  DateTimeStyle dt_style;
  if (o.datetime_format == "trimmed") {
    dt_style = DateTimeStyle::Trimmed;
  } else if (o.datetime_format == "ticks7") {
    dt_style = DateTimeStyle::Ticks7;
  } else {
    throw Error("--datetime-format takes trimmed or ticks7, not '" + o.datetime_format + "'");
  }

  const std::vector<std::string> columns = engine::column_names(plan->schema);
  rules::RuleSet rules;
  for (const auto& path : o.exclusions) rules.load_file(path, columns, today_utc());
  for (const auto& w : rules.warnings()) std::fprintf(stderr, "huntq: warning: %s\n", w.c_str());

  input::InputOptions io;
  io.time_format = o.time_format;
  io.time_zone_offset_minutes = o.time_zone_offset_minutes;
  const auto inputs = gather_inputs(o, io);

  engine::ExecOptions eo;
  eo.threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  eo.strict = o.strict;
  // --strict promises every record is checked, so nothing may be ruled out unparsed.
  eo.prefilter = o.prefilter && !o.strict;
  eo.split_bytes = std::max<std::uint64_t>(1, o.split_bytes);
  engine::ResultSet result = engine::execute(*plan, inputs, eo);

  output::WriterOptions wo;
  wo.color = format == output::Format::Table && use_color(o.color);
  wo.csv_formula_guard = o.csv_formula_guard;
  auto writer = output::make_writer(format, stdout, wo);
  std::vector<output::Column> out_columns;
  for (const auto& c : result.schema) out_columns.push_back({c.name, c.type});
  if (o.show_excluded) out_columns.push_back({"ExcludedBy", Type::String});
  writer->begin(out_columns);

  RunSummary summary;
  summary.hunt = std::string(hunt.id);
  summary.files = result.stats.files;
  summary.matched = result.rows.size();
  summary.printed_excluded = o.show_excluded;
  for (const auto& r : rules.rules()) summary.rules.push_back({r.id, 0});

  std::vector<std::string> texts(out_columns.size());
  std::vector<std::string_view> views(result.schema.size());
  std::vector<output::Cell> cells(out_columns.size());
  for (const auto& row : result.rows) {
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      const Value& v = row.cells[i];
      if (v.type() == Type::DateTime && !v.is_null()) {
        texts[i] = format_datetime(v.ticks(), dt_style);
      } else if (v.type() == Type::Dynamic) {
        texts[i] =
            v.is_null()
                ? std::string()
                : huntq::to_json(
                      *v.tree());  // dynamic cells print as their JSON text, as Kusto shows them
      } else {
        texts[i] = huntq::to_string(v);
      }
      views[i] = texts[i];
      cells[i] = {texts[i], v.is_null()};
    }
    const int rule = rules.match(views);
    if (rule >= 0) ++summary.rules[static_cast<std::size_t>(rule)].removed;
    if ((rule >= 0) != o.show_excluded) continue;
    if (o.show_excluded) {
      texts.back() = rules.rules()[static_cast<std::size_t>(rule)].id;
      cells.back() = {texts.back(), false};
    }
    writer->row(cells);
    ++summary.printed;
  }
  writer->finish();
  std::fflush(stdout);
  print_summary(stderr, summary);
  if (std::ferror(stdout)) throw Error("<stdout>: write failed");
  return summary.printed > 0 ? kRowsPrinted : kNoRows;
}

}  // namespace huntq::cli
