#include "huntq/cli/app.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <optional>

#include "adx_schema_command.h"
#include "check_command.h"
#include "huntq/error.h"
#include "huntq/output/row_writer.h"
#include "huntq/version.h"
#include "inspect_command.h"
#include "meta_commands.h"
#include "option_choices.h"
#include "parse_errors.h"
#include "run_command.h"

namespace huntq::cli {
namespace {

constexpr const char* kExitStatus = R"(EXIT STATUS:
  0  rows were printed
  1  the hunt ran and printed no rows
  2  an error: bad usage, unreadable or malformed input (with --strict), bad rules
)";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"huntq: run threat hunts over Microsoft Defender advanced-hunting exports, offline.",
               "huntq"};
  app.footer(kExitStatus);
  app.set_version_flag("-V,--version", std::string("huntq ") + HUNTQ_VERSION);
  app.require_subcommand(1);

  RunOptions run;
  CLI::App* run_cmd = app.add_subcommand("run",
                                         "Run a hunt (default: AV Detections with Source) over "
                                         "DeviceEvents and DeviceFileEvents exports.");
  run_cmd->footer(
      std::string(
          R"(Each input's table and shape are told from its content, never its name. Shapes: NDJSON,
JSON array, Defender API / Graph responses, streaming API records, Log Analytics responses, CSV,
any of them gzipped. Folders are read recursively; - reads standard input.
Without --query, --query-file or --hunt the flagship hunt runs. Rows that tie in a sort, and
rows of operators Kusto leaves unordered, come in input order, at every thread count. Datetimes print as ISO 8601 UTC with trailing
fraction zeros trimmed (2024-01-15T10:00:00.5Z); --datetime-format ticks7 prints 7 digits.
A summary of what was read, skipped, matched and excluded goes to stderr.

)") + kExitStatus);
  run_cmd->add_option("inputs", run.inputs, "Export files or folders; - for stdin");
  run_cmd
      ->add_option("--table", run.table_inputs,
                   "Read PATH (a file, folder or glob) as table NAME: NAME=PATH, e.g. "
                   "DeviceEvents=de.json (repeatable)")
      ->allow_extra_args(false);
  run_cmd->add_option("--query", run.query, "Run this KQL query");
  run_cmd->add_option("--query-file", run.query_file, "Run the KQL query in FILE (- reads stdin)");
  run_cmd->add_option("--hunt", run.hunt,
                      "Run a built-in hunt by id (huntq hunts lists them) or a hunting YAML file "
                      "(default: av-detections-with-source)");
  run_cmd
      ->add_option("--then", run.then,
                   "KQL operators to apply after the hunt and its exclusions, e.g. "
                   "'summarize count() by ThreatName' (repeatable)")
      ->allow_extra_args(false);
  run_cmd->add_flag("--emit-kql", run.emit_kql,
                    "Print the hunt with its exclusion rules and --then operators as one KQL query "
                    "for Defender, Sentinel or Azure Data Explorer; read no data");
  run_cmd->add_flag("--schema", run.schema,
                    "Print the result's columns as getschema does, and read no data");
  run_cmd->add_option("--now", run.now,
                      "The instant now() and ago() mean (ISO 8601; default: the current time)");
  run_cmd->add_option("--max-memory", run.max_memory,
                      "Memory the query's tables, sorts and aggregates may use, e.g. 4G "
                      "(default: half of RAM)");
  run_cmd
      ->add_option("-f,--format", run.format, "Output format: table, vertical, csv, json, ndjson")
      ->transform(one_of({"table", "vertical", "csv", "json", "ndjson"}))
      ->capture_default_str();
  run_cmd->add_flag("--wide", run.wide, "Print every table cell whole, even on a terminal");
  run_cmd
      ->add_option("-x,--exclusions", run.exclusions,
                   "Exclusion rules: a YAML file or a folder of them (repeatable)")
      ->allow_extra_args(false);
  run_cmd->add_flag(
      "--show-excluded", run.show_excluded,
      "Print the rows the exclusions removed, with the rule id, instead of the kept ones");
  run_cmd->add_flag("--strict", run.strict, "Stop at the first malformed record (exit 2)");
  run_cmd->add_flag("--skip-unreadable", run.skip_unreadable,
                    "Read the rest when a file or folder cannot be read (default: exit 2)");
  run_cmd->add_option("-j,--threads", run.threads, "Threads to scan with (default: all cores)");
  run_cmd
      ->add_option("--color", run.color,
                   "Colour table headers and marks for hidden characters: auto, always, never")
      ->transform(one_of({"auto", "always", "never"}))
      ->capture_default_str();
  run_cmd->add_flag("!--no-formula-guard", run.csv_formula_guard,
                    "CSV: do not prefix cells starting with = + - @ TAB CR with '");
  run_cmd->add_option("--datetime-format", run.datetime_format, "trimmed or ticks7")
      ->transform(one_of({"trimmed", "ticks7"}))
      ->capture_default_str();
  run_cmd->add_option("--time-format", run.time_format,
                      "Format of locale-formatted CSV times, e.g. \"%d/%m/%Y, %I:%M:%S.%f %p\"");
  run_cmd->add_option("--time-zone-offset", run.time_zone_offset_minutes,
                      "Minutes east of UTC of such local times (e.g. 60 for UTC+01:00)");
  run_cmd->add_flag("--explain", run.explain, "Print the query plan and exit");
  run_cmd->add_flag("!--no-prefilter", run.prefilter,
                    "Parse every record (slower; same rows): skips the literal pre-filter");
  run_cmd->add_option("--since", run.since,
                      "Keep rows whose Timestamp is at or after this: an ISO date or datetime "
                      "(UTC unless it says), or a duration counted back from --now (7d, 12h, 30m)");
  run_cmd->add_option("--until", run.until,
                      "Keep rows whose Timestamp is before this (same forms as --since)");
  run_cmd->add_flag("-q,--quiet", run.quiet,
                    "Print nothing on stderr but warnings and errors: no notes, summary or "
                    "progress");
  run_cmd
      ->add_option("--summary", run.summary,
                   "How the summary on stderr is written: text (default) or json (one object "
                   "on one line)")
      ->transform(one_of({"text", "json"}));
  run_cmd->add_option("--split-bytes", run.split_bytes)
      ->group("");  // for tests of thread splitting
  run_cmd->add_option("--progress-after-ms", run.progress_after_ms)
      ->group("");  // for tests: when the progress meter first draws

  CLI::App* hunts_cmd = app.add_subcommand("hunts", "List the built-in hunts.");
  std::vector<std::string> adx_tables;
  CLI::App* adx_cmd = app.add_subcommand(
      "adx-schema",
      "Print the Azure Data Explorer commands that create the Defender tables and their JSON "
      "ingestion mappings (all tables, or the ones named).");
  adx_cmd->add_option("tables", adx_tables, "Tables to print (default: all)");

  InspectOptions inspect;
  CLI::App* inspect_cmd = app.add_subcommand(
      "inspect", "Describe export files: shape, table, rows, time range, columns. Runs no hunt.");
  inspect_cmd->add_option("inputs", inspect.inputs, "Export files or folders; - for stdin");
  inspect_cmd
      ->add_option("--table", inspect.table_inputs,
                   "Read PATH as table NAME when its columns do not tell: NAME=PATH (repeatable)")
      ->allow_extra_args(false);
  inspect_cmd->add_option("-f,--format", inspect.format, "Output format: text or json")
      ->transform(one_of({"text", "json"}))
      ->capture_default_str();
  inspect_cmd->add_flag("--skip-unreadable", inspect.skip_unreadable,
                        "Describe the rest when a file or folder cannot be read");
  inspect_cmd->add_option("--time-format", inspect.time_format,
                          "Format of locale-formatted CSV times (as for run)");
  inspect_cmd->add_option("--time-zone-offset", inspect.time_zone_offset_minutes,
                          "Minutes east of UTC of such local times");
  inspect_cmd->footer(kExitStatus);

  const auto hunts_as_code = add_hunts_as_code_commands(app);  // check, test
  MetaCommands meta(app);  // after the other subcommands: help and completion list them

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e);
  }
  try {
    if (const std::optional<int> status = meta.run()) return *status;
    if (*run_cmd) return run_command(run);
    if (*hunts_cmd) return hunts_command();
    if (*adx_cmd) return adx_schema_command(adx_tables);
    if (const auto status = hunts_as_code()) return *status;
    return inspect_command(inspect);
  } catch (const Error& e) {
    std::fflush(stdout);
    fmt::print(stderr, "huntq: error: {}\n", output::escape_for_terminal(e.what()));
    return kError;
  } catch (const std::exception& e) {
    std::fflush(stdout);
    fmt::print(stderr, "huntq: error: {}\n", output::escape_for_terminal(e.what()));
    return kError;
  }
}

}  // namespace huntq::cli
