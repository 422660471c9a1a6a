#include "test_command.h"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "huntq/error.h"
#include "huntq/hunts/hunt.h"
#include "huntq/input/input_set.h"
#include "huntq/kql/parser.h"
#include "huntq/output/terminal_text.h"
#include "huntq/value/schema.h"
#include "junit_report.h"
#include "query_runner.h"
#include "row_diff.h"
#include "test_cases.h"

namespace huntq::cli {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxExpectedBytes = std::size_t{256} << 20;
constexpr std::size_t kRowsShownWithoutExpected = 10;
constexpr const char* kIndent = "    ";

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string read_text(const fs::path& path, std::size_t limit) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec && size > limit)
    throw Error(SourceLocation{path.string(), 0, 0}, fmt::format("over {} MiB", limit >> 20));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(SourceLocation{path.string(), 0, 0}, "cannot read the file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Replaces the file whole, so that an interrupted update never leaves half a file.
void write_text(const fs::path& path, std::string_view text) {
  const fs::path tmp = path.string() + ".huntq-tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) throw Error(SourceLocation{tmp.string(), 0, 0}, "cannot write the file");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw Error(SourceLocation{path.string(), 0, 0}, "cannot replace: " + ec.message());
}

// Writer output captured in memory (open_memstream grows as the writer flushes).
class MemoryFile {
 public:
  MemoryFile() : file_(open_memstream(&buf_, &size_)) {
    if (!file_) throw Error("cannot open a memory stream for the result");
  }
  ~MemoryFile() {
    if (file_) std::fclose(file_);
    std::free(buf_);
  }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  std::FILE* file() { return file_; }
  std::string take() {
    std::fclose(file_);
    file_ = nullptr;
    return std::string(buf_ ? buf_ : "", size_);
  }

 private:
  char* buf_ = nullptr;
  std::size_t size_ = 0;
  std::FILE* file_;
};

// Whether the hunt's rows come in a defined order: it ends in a sort or top, followed only by
// operators that keep order.
bool plan_sorts(const engine::PlanNode& n) {
  using engine::PlanKind;
  switch (n.kind) {
    case PlanKind::Sort:
    case PlanKind::Top:
      return true;
    case PlanKind::Filter:
    case PlanKind::Project:
    case PlanKind::Take:
    case PlanKind::Exclude:
    case PlanKind::MvExpand:
    case PlanKind::Parse:
    case PlanKind::BagUnpack:
      return n.children.size() == 1 && plan_sorts(*n.children[0]);
    default:
      return false;
  }
}

// A file or folder named after a table (DeviceEvents.ndjson, DeviceFileEvents/part1.json) is
// read as that table, as --table would: a small hand-written sample rarely holds enough columns
// for its table to be told from its content.
const TableDef* table_from_name(const fs::path& file, const fs::path& root) {
  std::string stem = file.filename().string();
  stem = stem.substr(0, stem.find('.'));
  if (const TableDef* t = find_table(stem)) return t;
  for (const auto& part : file.parent_path().lexically_relative(root))
    if (const TableDef* t = find_table(part.string())) return t;
  return nullptr;
}

// TABLE=FILE for each file under `spec` (a file, or a folder walked without its hidden entries)
// whose name names a table.
void add_named_tables(const std::string& spec, std::vector<std::string>& table_specs) {
  std::error_code ec;
  if (!fs::is_directory(spec, ec)) {
    if (const TableDef* t = table_from_name(spec, fs::path(spec).parent_path()))
      table_specs.push_back(std::string(t->name) + "=" + spec);
    return;
  }
  std::vector<fs::path> files;
  fs::recursive_directory_iterator it(spec, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().starts_with(".")) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files)
    if (const TableDef* t = table_from_name(f, spec))
      table_specs.push_back(std::string(t->name) + "=" + f.string());
}

std::string identity(const std::string& path) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(path, ec);
  return ec ? path : p.string();
}

// The case's inputs gathered as `huntq run` gathers its paths (TABLE=PATH as --table, and files
// named after a table as that table), with what was passed over or warned about as notes.
std::vector<input::InputInfo> case_inputs(const TestCase& c, std::vector<std::string>& notes) {
  input::GatherRequest request;
  std::vector<std::string> by_name;  // TABLE=FILE for files named after a table
  for (const auto& spec : c.inputs) {
    const auto eq = spec.find('=');
    if (eq != std::string::npos && find_table(spec.substr(0, eq))) {
      request.table_specs.push_back(spec);
      continue;
    }
    const std::size_t before = by_name.size();
    add_named_tables(spec, by_name);
    std::error_code ec;
    // A file named after a table is read only as that table; a folder is walked for the rest.
    if (by_name.size() == before || fs::is_directory(spec, ec)) request.paths.push_back(spec);
  }
  // The walk meets the files named after a table too: what it says of them is moot.
  std::set<std::string> named;
  std::vector<std::string> named_paths;
  for (const auto& spec : by_name) {
    named_paths.push_back(spec.substr(spec.find('=') + 1));
    named.insert(identity(named_paths.back()));
    request.table_specs.push_back(spec);
  }
  input::InputSet set;
  try {
    set = input::gather_inputs(request);
  } catch (const Error& e) {
    if (!request.table_specs.empty()) throw;
    // Hand-written samples often hold too few columns to tell their table by.
    throw Error(e.where(), e.what_only() +
                               " (a sample named after its table, such as DeviceEvents.ndjson, "
                               "or written TABLE=PATH in `inputs:`, is read as that table)");
  }
  for (auto& w : set.warnings) {
    const bool moot = std::any_of(named_paths.begin(), named_paths.end(), [&](const auto& p) {
      return w.starts_with(p + " is the same file as ");
    });
    if (!moot) notes.push_back(std::move(w));
  }
  for (const auto& s : set.skipped)
    if (s.kind != input::SkipKind::Hidden && !named.count(identity(s.where.file)))
      notes.push_back(fmt::format("skipped {}: {}", s.where.to_string(), s.why));
  return std::move(set.inputs);
}

kql::SourceText hunt_query(const TestCase& c) {
  if (c.hunt_file.empty()) return hunts::builtin_hunt(c.hunt_id).query;
  if (c.hunt_file.extension() == ".kql") {
    kql::SourceText src;
    src.name = c.hunt_file.string();
    src.text = read_text(c.hunt_file, std::size_t{4} << 20);
    return src;
  }
  return hunts::load_hunt_file(c.hunt_file.string()).query;
}

// Rewrites the number `expect_rows:` holds, where the YAML file has it.
void rewrite_expect_rows(const SourceLocation& at, std::uint64_t old_value,
                         std::uint64_t new_value) {
  std::string text = read_text(at.file, std::size_t{1} << 20);
  std::size_t offset = 0;
  for (std::uint64_t line = 1; line < at.line && offset != std::string::npos; ++line) {
    offset = text.find('\n', offset);
    if (offset != std::string::npos) ++offset;
  }
  const std::string old_text = std::to_string(old_value);
  if (offset == std::string::npos || at.column == 0 ||
      text.compare(offset + at.column - 1, old_text.size(), old_text) != 0)
    throw Error(at, "cannot find the number to rewrite; edit `expect_rows:` by hand");
  text.replace(offset + at.column - 1, old_text.size(), std::to_string(new_value));
  write_text(at.file, text);
}

struct CaseOutcome {
  enum class Kind { Pass, Fail, Error, Updated } kind = Kind::Pass;
  std::string summary;  // one line
  std::string details;  // indented lines
  std::vector<std::string> notes;
};

std::string shown_path(const fs::path& p) {
  return output::escape_for_terminal(p.string());
}

CaseOutcome run_case(const TestCase& c, bool update) {
  CaseOutcome r;
  r.notes = c.notes;
  if (c.error) throw *c.error;
  kql::BindOptions bo;
  bo.now_ticks = c.now.empty() ? current_ticks() : *parse_datetime(c.now);
  const kql::SourceText source = hunt_query(c);
  const std::vector<input::InputInfo> inputs = case_inputs(c, r.notes);
  const kql::Catalog catalog = make_catalog(&inputs);
  const kql::BoundQuery bound = kql::bind_script(kql::parse_script(source), catalog, bo);
  if (bound.uses_now && c.now.empty())
    throw Error(SourceLocation{c.where, 0, 0},
                "the hunt uses now() or ago(): give `now:` so that its result does not change "
                "with the date the test runs");
  std::vector<std::string> rule_paths =
      c.use_hunt_rules ? c.hunt_rules : std::vector<std::string>{};
  rule_paths.insert(rule_paths.end(), c.rules.begin(), c.rules.end());
  const rules::RuleSet rules = load_exclusions(rule_paths, bound.plan->schema, bo.now_ticks);
  if (c.show_excluded && rules.rules().empty())
    throw Error(SourceLocation{c.where, 0, 0}, "`show_excluded: true` needs exclusion rules");
  for (const auto& w : rules.warnings()) r.notes.push_back(w);
  const engine::PlanPtr plan = apply_exclusions(bound.plan, rules, c.show_excluded, bo);

  const RowFormat format = c.expected.extension() == ".ndjson" ? RowFormat::Ndjson : RowFormat::Csv;
  engine::ExecOptions eo;
  eo.threads = c.threads ? c.threads : std::max(1u, std::thread::hardware_concurrency());
  MemoryFile memory;
  auto writer = output::make_writer(
      format == RowFormat::Csv ? output::Format::Csv : output::Format::Ndjson, memory.file(), {});
  WriterSink sink(*writer, DateTimeStyle::Trimmed);
  const engine::ExecStats stats = engine::execute(plan, inputs, eo, sink);
  writer->finish();
  const std::string text = memory.take();
  RowTable actual = format == RowFormat::Csv ? read_csv_rows(text, "<result>")
                                             : read_ndjson_rows(text, "<result>");
  if (!actual.has_columns) {
    actual.has_columns = true;
    actual.columns = engine::column_names(plan->schema);
  }
  for (const auto& f : stats.files) {
    if (f.malformed > 0)
      r.notes.push_back(fmt::format("{}: {} malformed record{} skipped{}", f.name, f.malformed,
                                    f.malformed == 1 ? "" : "s",
                                    f.reasons.empty() ? "" : " (" + f.reasons.front() + ")"));
    if (f.bad_datetimes > 0)
      r.notes.push_back(fmt::format("{}: {} datetime{} could not be read (left empty)", f.name,
                                    f.bad_datetimes, f.bad_datetimes == 1 ? "" : "s"));
  }

  std::vector<std::string> problems;
  std::string& details = r.details;
  if (c.expect_rows && *c.expect_rows != actual.rows.size())
    problems.push_back(fmt::format("expected {} rows ({}), got {}", *c.expect_rows,
                                   output::escape_for_terminal(c.expect_rows_at.to_string()),
                                   actual.rows.size()));
  if (c.expected_exists) {
    const std::string name = c.expected.filename().string();
    const std::string expected_text = read_text(c.expected, kMaxExpectedBytes);
    const RowTable expected = format == RowFormat::Csv
                                  ? read_csv_rows(expected_text, c.expected.string())
                                  : read_ndjson_rows(expected_text, c.expected.string());
    RowDiffOptions o;
    o.ordered = plan_sorts(*plan);
    o.expected_name = name;
    o.indent = kIndent;
    const RowDiff diff = diff_rows(expected, actual, o);
    if (!diff.equal) {
      problems.push_back(shown_path(c.expected) + ": " + diff.summary);
      details += diff.details;
    }
  } else if (!c.expect_rows && !update) {
    throw Error(SourceLocation{c.where, 0, 0},
                "nothing to compare with: give expected.csv, expected.ndjson or `expect_rows:` "
                "(huntq test --update writes expected.csv from the result)");
  } else if (!problems.empty()) {
    details +=
        fmt::format("{}the result (first {} rows of {}):\n", kIndent,
                    std::min(kRowsShownWithoutExpected, actual.rows.size()), actual.rows.size());
    for (std::size_t i = 0; i < actual.rows.size() && i < kRowsShownWithoutExpected; ++i)
      details += fmt::format("{}  row {}: {}\n", kIndent, i + 1, shown_row(actual.rows[i]));
  }
  const bool no_expectation = !c.expected_exists && !c.expect_rows;
  for (const auto& p : problems) r.summary += (r.summary.empty() ? "" : "; ") + p;
  if (problems.empty() && !no_expectation) return r;

  if (!update) {
    r.kind = CaseOutcome::Kind::Fail;
    return r;
  }
  // --update: the expectations become the result (the diff above says what changed).
  std::vector<std::string> wrote;
  if (c.expect_rows && *c.expect_rows != actual.rows.size()) {
    rewrite_expect_rows(c.expect_rows_at, *c.expect_rows, actual.rows.size());
    wrote.push_back(fmt::format("{} (expect_rows: {})", c.expect_rows_at.file, actual.rows.size()));
  }
  if (c.expected_exists || no_expectation) {
    if (c.expected.empty())
      throw Error(SourceLocation{c.where, 0, 0},
                  "--update needs `expected: FILE` (or `expect_rows:`) in the case to write");
    write_text(c.expected, text);
    wrote.push_back(c.expected.string());
  }
  r.kind = CaseOutcome::Kind::Updated;
  if (r.summary.empty()) r.summary = "no expectation yet";
  std::string files;
  for (const auto& w : wrote) files += (files.empty() ? "" : ", ") + w;
  r.summary += "; wrote " + output::escape_for_terminal(files);
  return r;
}

bool selected(const TestCase& c, const std::vector<std::string>& patterns) {
  if (patterns.empty() || c.path_problem) return true;
  const std::string id = c.id();
  for (const auto& p : patterns) {
    if (p.find_first_of("*?[") != std::string::npos) {
      if (fnmatch(p.c_str(), id.c_str(), 0) == 0) return true;
    } else if (id.find(p) != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

int test_command(const TestOptions& options) {
  const auto start = Clock::now();
  const std::vector<TestCase> all = find_test_cases(options.paths);
  std::size_t passed = 0, failed = 0, errors = 0, updated = 0, deselected = 0;
  std::vector<JunitCase> junit;
  for (const TestCase& c : all) {
    if (!selected(c, options.patterns)) {
      ++deselected;
      continue;
    }
    const auto case_start = Clock::now();
    CaseOutcome r;
    try {
      r = run_case(c, options.update);
    } catch (const Error& e) {
      r.kind = CaseOutcome::Kind::Error;
      r.summary = e.what();
      r.notes = c.notes;
    }
    const double seconds = seconds_since(case_start);
    const std::string id = output::escape_for_terminal(c.id());
    JunitCase j{c.hunt_id, c.name, c.file, seconds, JunitCase::Outcome::Passed, "", ""};
    std::string notes;
    for (const auto& n : r.notes)
      notes += fmt::format("{}note: {}\n", kIndent, output::escape_for_terminal(n));
    switch (r.kind) {
      case CaseOutcome::Kind::Pass:
        ++passed;
        fmt::print("PASS   {} ({:.2f} s)\n{}", id, seconds, notes);
        j.text = notes;
        break;
      case CaseOutcome::Kind::Updated:
        ++updated;
        fmt::print("UPDATE {} ({:.2f} s)\n{}{}\n{}{}", id, seconds, kIndent, r.summary, r.details,
                   notes);
        j.text = r.summary + "\n" + r.details + notes;
        break;
      case CaseOutcome::Kind::Fail:
        ++failed;
        fmt::print("FAIL   {} ({:.2f} s)\n{}{}\n{}{}", id, seconds, kIndent, r.summary, r.details,
                   notes);
        j.outcome = JunitCase::Outcome::Failed;
        j.message = r.summary;
        j.text = r.summary + "\n" + r.details + notes;
        break;
      case CaseOutcome::Kind::Error:
        ++errors;
        fmt::print("ERROR  {}\n{}{}\n{}", id, kIndent, output::escape_for_terminal(r.summary),
                   notes);
        j.outcome = JunitCase::Outcome::Error;
        j.message = output::escape_for_terminal(r.summary);
        j.text = j.message + "\n" + notes;
        break;
    }
    std::fflush(stdout);
    junit.push_back(std::move(j));
  }
  const double total = seconds_since(start);
  if (!options.junit.empty()) write_junit(options.junit, junit, total);

  std::vector<std::string> parts;
  if (passed) parts.push_back(fmt::format("{} passed", passed));
  if (failed) parts.push_back(fmt::format("{} failed", failed));
  if (updated) parts.push_back(fmt::format("{} updated", updated));
  if (errors) parts.push_back(fmt::format("{} error{}", errors, errors == 1 ? "" : "s"));
  if (deselected) parts.push_back(fmt::format("{} deselected", deselected));
  std::string line;
  for (const auto& p : parts) line += (line.empty() ? "" : ", ") + p;
  if (junit.empty()) {
    fmt::print("huntq test: no case to run{} ({:.2f} s)\n",
               deselected ? fmt::format(": -k deselected all {}", deselected) : std::string(),
               total);
    return 2;
  }
  fmt::print("huntq test: {} ({:.2f} s)\n", line, total);
  if (errors) return 2;
  return failed ? 1 : 0;
}

}  // namespace huntq::cli
