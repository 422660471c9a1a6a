#include "run_command.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "huntq/cli/app.h"
#include "huntq/engine/executor.h"
#include "huntq/engine/optimizer.h"
#include "huntq/error.h"
#include "huntq/hunts/hunt.h"
#include "huntq/input/byte_stream.h"
#include "huntq/kql/binder.h"
#include "huntq/kql/parser.h"
#include "huntq/output/row_writer.h"
#include "huntq/rules/exclusion_rules.h"
#include "huntq/value/datetime.h"
#include "input_gathering.h"
#include "progress_meter.h"
#include "query_runner.h"
#include "run_summary.h"
#include "scan_bytes.h"
#include "time_window.h"

namespace huntq::cli {

namespace {

std::size_t terminal_width() {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* cols = std::getenv("COLUMNS")) {
    const long n = std::strtol(cols, nullptr, 10);
    if (n > 0 && n < 100000) return static_cast<std::size_t>(n);
  }
  return 80;
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  if (mode != "auto") throw Error("--color takes auto, always or never, not '" + mode + "'");
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

std::string read_all(std::istream& in) {
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The query to run and a name for the summary.
struct QuerySource {
  kql::SourceText text;
  std::string title;
};

QuerySource query_source(const RunOptions& o) {
  const int given = !o.query.empty() + !o.query_file.empty() + !o.hunt.empty();
  if (given > 1) throw Error("give one of --query, --query-file and --hunt");
  QuerySource q;
  if (!o.query.empty()) {
    q.text.name = "--query";
    q.text.text = o.query;
    q.title = "--query";
  } else if (!o.query_file.empty()) {
    q.text.name = o.query_file == "-" ? "<stdin>" : o.query_file;
    if (o.query_file == "-") {
      q.text.text = read_all(std::cin);
    } else {
      std::ifstream in(o.query_file, std::ios::binary);
      if (!in) throw Error(SourceLocation{o.query_file, 0, 0}, "cannot read the query file");
      q.text.text = read_all(in);
    }
    q.title = q.text.name;
  } else {
    const std::string id = o.hunt.empty() ? std::string(hunts::kDefaultHunt) : o.hunt;
    const bool is_file = id.find('/') != std::string::npos || id.ends_with(".yaml") ||
                         id.ends_with(".yml") || std::filesystem::exists(id);
    const hunts::Hunt h = is_file ? hunts::load_hunt_file(id) : hunts::builtin_hunt(id);
    q.text = h.query;
    q.title = is_file ? h.name + " (" + id + ")" : h.id;
  }
  return q;
}

// --then text is operators without a source: it is parsed after a name standing for the hunt's
// rows, and positions in messages are moved back onto the user's text.
constexpr std::string_view kThenInput = "__huntq_hunt_rows";

engine::PlanPtr apply_then(const std::string& then, engine::PlanPtr plan,
                           const kql::Catalog& catalog, const kql::BindOptions& bo,
                           kql::BoundQuery& notes) {
  std::string body = then;
  while (!body.empty() && (body.front() == ' ' || body.front() == '\t')) body.erase(0, 1);
  const std::string prefix = std::string(kThenInput) + (body.starts_with("|") ? "" : "| ");
  kql::SourceText src{"--then", prefix + body, 1, 0};
  const std::size_t shift = prefix.size() + (then.size() - body.size());
  try {
    const kql::Script script = kql::parse_script(src);
    return kql::bind_operators_over(script, kThenInput, std::move(plan), catalog, bo, &notes);
  } catch (const Error& e) {
    SourceLocation where = e.where();
    if (where.line == 1 && where.column > shift) where.column -= shift;
    throw Error(where, e.what_only());
  }
}

std::uint64_t parse_memory(const std::string& s) {
  if (s.empty()) {
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    const std::uint64_t ram =
        pages > 0 && page > 0 ? std::uint64_t(pages) * std::uint64_t(page) : std::uint64_t{8} << 30;
    return ram / 2;  // half of physical memory
  }
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(s, &used);
  } catch (...) {
    throw Error("--max-memory takes a size such as 512M or 4G, not '" + s.substr(0, 40) + "'");
  }
  const std::string unit = s.substr(used);
  double mult = 1;
  if (unit == "K" || unit == "k" || unit == "KiB")
    mult = 1024.0;
  else if (unit == "M" || unit == "m" || unit == "MiB")
    mult = 1024.0 * 1024;
  else if (unit == "G" || unit == "g" || unit == "GiB")
    mult = 1024.0 * 1024 * 1024;
  else if (!unit.empty())
    throw Error("--max-memory: unknown unit '" + unit.substr(0, 10) + "' (K, M, G)");
  if (!(v > 0)) throw Error("--max-memory must be positive");
  return static_cast<std::uint64_t>(v * mult);
}

constexpr std::uint64_t kTerminalRowLimit = 10'000;

// Calls a hook before the first result row reaches the writer (the progress meter gives way).
class FirstRowHook final : public engine::ResultSink {
 public:
  explicit FirstRowHook(engine::ResultSink& inner) : inner_(inner) {}
  void begin(const engine::Schema& schema) override { inner_.begin(schema); }
  void row(engine::Row& row) override {
    if (before_first_row) {
      before_first_row();
      before_first_row = nullptr;
    }
    inner_.row(row);
  }
  std::function<void()> before_first_row;

 private:
  engine::ResultSink& inner_;
};

// The hunt's text with its exclusions and --then operators appended, as one query Kusto runs.
std::string emit_kql(const std::string& query, const rules::RuleSet& rules,
                     const std::vector<std::string>& then) {
  std::string out = query;
  // The query statement ends the text: drop trailing blanks and a final ';' so operators can
  // follow it.
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\t' ||
                          out.back() == '\r' || out.back() == ';'))
    out.pop_back();
  out += '\n';
  for (const auto& r : rules.rules()) {
    out += r.kql_comment;
    out += "| where not(" + r.kql + ")\n";
  }
  for (const auto& t : then) {
    std::string body = t;
    while (!body.empty() && (body.front() == ' ' || body.front() == '\t')) body.erase(0, 1);
    out += body.starts_with("|") ? body : "| " + body;
    out += '\n';
  }
  return out;
}

int print_schema(const engine::Schema& schema, output::Format format,
                 const output::WriterOptions& wo) {
  auto writer = output::make_writer(format, stdout, wo);
  std::vector<output::Column> cols{{"ColumnName", Type::String},
                                   {"ColumnOrdinal", Type::Long},
                                   {"DataType", Type::String},
                                   {"ColumnType", Type::String}};
  writer->begin(cols);
  static const std::map<Type, std::string> kNet{
      {Type::Bool, "System.SByte"},        {Type::Int, "System.Int32"},
      {Type::Long, "System.Int64"},        {Type::Real, "System.Double"},
      {Type::DateTime, "System.DateTime"}, {Type::TimeSpan, "System.TimeSpan"},
      {Type::Guid, "System.Guid"},         {Type::String, "System.String"},
      {Type::Dynamic, "System.Object"}};
  for (std::size_t i = 0; i < schema.size(); ++i) {
    const std::string ordinal = std::to_string(i);
    const std::string type(type_name(schema[i].type));
    std::vector<output::Cell> cells{
        {schema[i].name, false}, {ordinal, false}, {kNet.at(schema[i].type), false}, {type, false}};
    writer->row(cells);
  }
  writer->finish();
  return schema.empty() ? kNoRows : kRowsPrinted;
}

enum class SummaryFormat { Text, Short, Json };

SummaryFormat parse_summary_format(const RunOptions& o) {
  std::string f = o.summary;
  for (auto& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (f.empty() || f == "text") {
    if (o.quiet && !f.empty()) throw Error("-q prints no summary: give -q or --summary, not both");
    // Rows on a pager or in a file while stderr is the terminal: the summary stays on screen,
    // so it is kept short (one line, and one per file with skipped records) unless asked for.
    if (f.empty() && isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO)) return SummaryFormat::Short;
    return SummaryFormat::Text;
  }
  if (f == "json") {
    if (o.quiet) throw Error("-q prints no summary: give -q or --summary json, not both");
    return SummaryFormat::Json;
  }
  throw Error("--summary takes text or json, not '" + o.summary.substr(0, 40) + "'");
}

// Rows written to a terminal, or to a pipe whose reader may be a pager on the same terminal,
// would mix with the meter's line: the meter gives way at the first row. The table format holds
// its rows until the end, so it writes nothing before the meter is gone anyway.
bool rows_would_meet_meter(output::Format format) {
  if (format == output::Format::Table) return false;
  struct stat st {};
  return isatty(STDOUT_FILENO) || (fstat(STDOUT_FILENO, &st) == 0 && S_ISFIFO(st.st_mode));
}

}  // namespace

int run_command(const RunOptions& o) {
  const output::Format format = output::parse_format(o.format);
  const SummaryFormat summary_format = parse_summary_format(o);
  DateTimeStyle dt_style;
  if (o.datetime_format == "trimmed") {
    dt_style = DateTimeStyle::Trimmed;
  } else if (o.datetime_format == "ticks7") {
    dt_style = DateTimeStyle::Ticks7;
  } else {
    throw Error("--datetime-format takes trimmed or ticks7, not '" + o.datetime_format + "'");
  }
  kql::BindOptions bo;
  if (o.now.empty()) {
    bo.now_ticks = current_ticks();
  } else {
    auto t = parse_datetime(o.now);
    if (!t)
      throw Error("--now takes an ISO 8601 datetime such as 2024-03-12T10:00:00Z, not '" +
                  o.now.substr(0, 40) + "'");
    bo.now_ticks = *t;
  }
  const TimeWindow window = parse_time_window(o.since, o.until, bo.now_ticks);

  const QuerySource source = query_source(o);
  input::InputOptions io;
  io.time_format = o.time_format;
  io.time_zone_offset_minutes = o.time_zone_offset_minutes;
  // A query reading no table (print, datatable, range) needs no input, nor do --emit-kql and
  // --schema, which read no data; the flagship run without paths is the usual slip.
  const bool no_paths = o.inputs.empty() && o.table_inputs.empty();
  const bool reads_no_data = o.emit_kql || o.schema || o.explain;
  const bool default_hunt = o.query.empty() && o.query_file.empty() && o.hunt.empty();
  std::vector<input::InputInfo> inputs;
  if (!no_paths || (default_hunt && !reads_no_data))
    inputs = gather_cli_inputs(o.inputs, o.table_inputs, io, o.skip_unreadable, o.quiet);

  // Without paths, --emit-kql, --schema and --explain see every table (union wildcards too).
  kql::Catalog catalog = make_catalog(no_paths && reads_no_data ? nullptr : &inputs);
  // A table outside the 27 exists only as an input's `--table NAME=PATH`.
  catalog.find_table = [&inputs,
                        builtin = catalog.find_table](std::string_view name) -> const TableDef* {
    if (const TableDef* t = builtin ? builtin(name) : nullptr) return t;
    for (const auto& in : inputs)
      if (in.custom_table && in.custom_table->name == name) return in.custom_table.get();
    return nullptr;
  };
  const kql::Script script = kql::parse_script(source.text);
  kql::BoundQuery bound = kql::bind_script(script, catalog, bo);
  engine::PlanPtr plan = bound.plan;

  // Exclusion rules apply to the hunt's output, before --then operators.
  const rules::RuleSet rules = load_exclusions(o.exclusions, plan->schema, bo.now_ticks);
  if (o.show_excluded && rules.rules().empty())
    throw Error("--show-excluded needs exclusion rules (-x PATH)");
  plan = apply_exclusions(plan, rules, o.show_excluded, bo);
  for (const auto& t : o.then) plan = apply_then(t, plan, catalog, bo, bound);
  // The window filters every scan, wherever it sits in the query: after binding, it is one rewrite.
  WindowedPlan windowed = apply_time_window(plan, window);
  plan = windowed.plan;
  if (o.emit_kql) {
    if (o.show_excluded)
      throw Error("--emit-kql prints the hunt with its exclusions applied; drop --show-excluded");
    if (window.active())
      throw Error(
          "--emit-kql prints the hunt as written, and --since/--until filter its scans; drop them "
          "and set the time range in the portal");
    std::fputs(emit_kql(source.text.text, rules, o.then).c_str(), stdout);
    return kRowsPrinted;
  }

  output::WriterOptions wo;
  wo.to_terminal = isatty(STDOUT_FILENO);
  wo.terminal_width = wo.to_terminal ? terminal_width() : 0;
  wo.wide = o.wide;
  wo.color =
      (format == output::Format::Table || format == output::Format::Vertical) && use_color(o.color);
  wo.csv_formula_guard = o.csv_formula_guard;
  if (o.schema) {
    if (plan->open_schema)
      throw Error(
          "'evaluate bag_unpack' makes columns from the data: --schema cannot tell them "
          "without reading it");
    return print_schema(plan->schema, format, wo);
  }
  if (o.explain) {
    std::fputs(engine::explain(*engine::optimize(plan)).c_str(), stdout);
    return kRowsPrinted;
  }
  for (const auto& w : rules.warnings()) std::fprintf(stderr, "huntq: warning: %s\n", w.c_str());
  if (!o.quiet) {
    for (const auto& n : bound.notes)
      fmt::print(stderr, "huntq: note: {}\n", output::escape_for_terminal(n));
    for (const auto& t : windowed.unfiltered_tables)
      fmt::print(stderr,
                 "huntq: note: --since/--until: {} has no Timestamp column, so its rows are not "
                 "filtered by time\n",
                 output::escape_for_terminal(t));
  }

  engine::ExecOptions eo;
  eo.threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  eo.strict = o.strict;
  // --strict promises every record is checked, so nothing may be ruled out unparsed.
  eo.prefilter = o.prefilter && !o.strict;
  eo.split_bytes = std::max<std::uint64_t>(1, o.split_bytes);
  eo.max_memory = parse_memory(o.max_memory);

  auto writer = output::make_writer(format, stdout, wo);

  RunSummary summary;
  summary.hunt = source.title;
  summary.printed_excluded = o.show_excluded;
  WriterSink sink(*writer, dt_style);
  // A terminal table holds its rows to size columns: like Kusto's result truncation, show the
  // first rows and say how many more there are.
  if (wo.to_terminal && (format == output::Format::Table || format == output::Format::Vertical))
    sink.limit = kTerminalRowLimit;
  FirstRowHook hook(sink);
  // A query that reads no file (print, range, datatable) has no bytes to show progress in.
  std::unique_ptr<ProgressMeter> meter;
  const std::uint64_t scan_bytes =
      !o.quiet && isatty(STDERR_FILENO) ? bytes_to_scan(plan, inputs) : 0;
  if (scan_bytes > 0) {
    meter = std::make_unique<ProgressMeter>(
        STDERR_FILENO, scan_bytes, input::file_bytes_read,
        std::chrono::milliseconds(std::max(0, o.progress_after_ms)));
    if (rows_would_meet_meter(format)) hook.before_first_row = [&meter] { meter->stop(); };
  }
  const engine::ExecStats stats = engine::execute(plan, inputs, eo, hook);
  if (meter) meter->stop();
  writer->finish();
  std::fflush(stdout);
  summary.printed = sink.printed;
  summary.withheld = sink.withheld;
  summary.matched = rules.rules().empty()
                        ? (o.then.empty() ? sink.printed + sink.withheld : kUnknown)
                        : stats.rows_before_exclusions;
  for (const auto& r : stats.rules) summary.rules.push_back({r.id, r.matched});
  summary.writer = writer->report();
  summary.files = stats.files;
  if (bound.uses_now) summary.now = format_datetime(bo.now_ticks);
  summary.windowed = window.active();
  if (window.since) summary.window_since = format_datetime(*window.since);
  if (window.until) summary.window_until = format_datetime(*window.until);
  summary.unfiltered_tables = windowed.unfiltered_tables;
  if (!o.quiet) {
    if (summary_format == SummaryFormat::Json)
      print_summary_json(stderr, summary);
    else if (summary_format == SummaryFormat::Short)
      print_summary_short(stderr, summary);
    else
      print_summary(stderr, summary);
  }
  if (bound.uses_now && summary.matched == 0 && summary.printed == 0) {
    std::uint64_t records = 0;
    for (const auto& f : stats.files) records += f.records;
    if (records > 0)
      fmt::print(stderr,
                 "huntq: warning: no rows: the query compares with now() = {}; if the exports are "
                 "older than its window, pass --now with a time inside them\n",
                 format_datetime(bo.now_ticks));
  }
  if (std::ferror(stdout)) throw Error("<stdout>: write failed");
  return summary.printed > 0 ? kRowsPrinted : kNoRows;
}

int hunts_command() {
  for (const auto& h : hunts::builtin_hunts()) {
    std::string tables, tactics;
    for (const auto& t : h.tables) tables += (tables.empty() ? "" : ", ") + t;
    for (const auto& t : h.tactics) tactics += (tactics.empty() ? "" : ", ") + t;
    fmt::print("{}\n  name     {}\n  tables   {}\n", h.id, h.name, tables.empty() ? "-" : tables);
    if (!tactics.empty()) fmt::print("  tactics  {}\n", tactics);
  }
  return kRowsPrinted;
}

}  // namespace huntq::cli
