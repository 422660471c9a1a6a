#include "check_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "folder_walk.h"
#include "huntq/error.h"
#include "huntq/hunts/hunt.h"
#include "huntq/kql/parser.h"
#include "huntq/output/terminal_text.h"
#include "huntq/rules/yaml_tree.h"
#include "huntq/value/schema.h"
#include "query_runner.h"
#include "test_command.h"

namespace huntq::cli {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxFileBytes = std::size_t{4} << 20;  // as a hunt or rule file may hold
constexpr std::size_t kMaxMessageBytes = 400;

bool ends_with_any(const std::string& name, std::initializer_list<std::string_view> suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(),
                     [&](std::string_view s) { return name.ends_with(s); });
}

bool is_yaml_name(const std::string& name) {
  return ends_with_any(name, {".yaml", ".yml"});
}

bool is_tests_name(const std::string& name) {
  return ends_with_any(name, {".tests", ".tests.yaml", ".tests.yml"});
}

bool is_rules_name(const std::string& name) {
  return ends_with_any(name, {".rules", ".rules.yaml", ".rules.yml"});
}

// The hunt file a NAME.rules(.yaml) path belongs to, if one sits beside it.
std::optional<fs::path> hunt_beside(const fs::path& rules_path) {
  std::string stem = rules_path.filename().string();
  stem = stem.substr(0, stem.rfind(".rules"));
  for (const char* ext : {".yaml", ".yml", ".kql"}) {
    const fs::path p = rules_path.parent_path() / (stem + ext);
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return p;
  }
  return std::nullopt;
}

std::string read_text(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileBytes)
    throw Error(SourceLocation{path.string(), 0, 0},
                fmt::format("the file is over {} MiB", kMaxFileBytes >> 20));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(SourceLocation{path.string(), 0, 0}, "cannot read the file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Rule files directly inside a rule folder, in the order RuleSet::load_path reads them.
std::vector<fs::path> rule_files_in(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (is_yaml_name(it->path().filename().string()) && it->is_regular_file(type_ec))
      files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class Checker {
 public:
  Checker() : catalog_(make_catalog(nullptr)) { bind_.now_ticks = current_ticks(); }

  void add(const std::string& arg) {
    const fs::path p(arg);
    std::error_code ec;
    const auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      report(SourceLocation{arg, 0, 0}, "no such file or folder");
      return;
    }
    if (fs::is_directory(status)) {
      const std::string name = p.filename().string();
      if (is_rules_name(name)) {
        entries_.push_back({p, true});
      } else {
        walk(p);
      }
      return;
    }
    entries_.push_back({p, true});
  }

  // Hunts are checked in path order; rule files beside no hunt last, once every hunt's columns
  // are known.
  int finish() {
    for (const auto& e : entries_) {
      if (fs::is_directory(e.path)) {
        add_rules(e.path);
      } else {
        add_file(e.path, e.named);
      }
    }
    check_standalone_rules();
    if (hunts_ == 0 && standalone_.empty() && problems_ == 0)
      report(SourceLocation{}, "found no hunts (*.yaml, *.yml, *.kql) or rule files to check");
    return problems_ == 0 ? 0 : 2;
  }

  std::size_t hunts() const { return hunts_; }
  std::size_t rule_files() const { return rule_files_; }
  std::size_t problems() const { return problems_; }
  std::size_t unchecked() const { return unchecked_; }

 private:
  void walk(const fs::path& dir) {
    const auto listing = list_folder_once(dir, walked_, "huntq check");
    if (!listing) return;
    if (!listing->error.empty()) {
      report(SourceLocation{dir.string(), 0, 0}, listing->error);
      return;
    }
    for (const auto& e : listing->entries) {
      const std::string name = e.path().filename().string();
      std::error_code type_ec;
      if (e.is_directory(type_ec)) {
        if (is_tests_name(name)) continue;  // test cases: `huntq test` reads them
        if (is_rules_name(name)) {
          entries_.push_back({e.path(), false});
        } else {
          walk(e.path());
        }
      } else if (e.is_regular_file(type_ec)) {
        entries_.push_back({e.path(), false});
      }
    }
  }

  void add_file(const fs::path& p, bool named) {
    const std::string name = p.filename().string();
    if (is_tests_name(name)) return;
    if (is_rules_name(name)) {
      add_rules(p);
      return;
    }
    if (name.ends_with(".kql")) {
      add_hunt(p);
      return;
    }
    if (!is_yaml_name(name)) {
      if (named) report(SourceLocation{p.string(), 0, 0}, "not a hunt (.yaml, .yml, .kql)");
      return;
    }
    // A YAML file is a hunt when it has `query:`, a rule file when a document has `exclude:`.
    try {
      const auto stream = rules::YamlStream::parse(read_text(p), p.string());
      const auto has = [](const rules::YamlNode* doc, std::string_view key) {
        if (!doc->is_map()) return false;
        for (std::size_t i = 0; i < doc->size(); ++i)
          if (doc->key(i).is_scalar() && doc->key(i).text == key) return true;
        return false;
      };
      const auto& docs = stream.documents();
      if (!docs.empty() && has(docs[0], "query")) {
        add_hunt(p);
      } else if (std::any_of(docs.begin(), docs.end(),
                             [&](const auto* d) { return has(d, "exclude"); })) {
        standalone_.push_back(p);
      } else {
        const std::uint64_t line = docs.empty() || docs[0]->line == 0 ? 1 : docs[0]->line;
        report(SourceLocation{p.string(), line, 1},
               "no `query:` holding the hunt's KQL (nor `exclude:`, as a rule file has)");
      }
    } catch (const Error& e) {
      report(e, p.string());
    }
  }

  // NAME.rules or NAME.rules.yaml: checked with its hunt, which is added if it was not named.
  void add_rules(const fs::path& p) {
    if (const auto hunt = hunt_beside(p)) {
      add_hunt(*hunt);
    } else if (fs::is_directory(p)) {
      for (const auto& f : rule_files_in(p)) standalone_.push_back(f);
    } else {
      standalone_.push_back(p);
    }
  }

  void add_hunt(const fs::path& p) {
    std::error_code ec;
    const fs::path key = fs::weakly_canonical(p, ec);
    if (!seen_.insert(ec ? p.string() : key.string()).second) return;
    ++hunts_;
    check_hunt(p);
  }

  void check_hunt(const fs::path& path) {
    std::optional<engine::PlanPtr> plan;
    try {
      kql::SourceText src;
      if (path.filename().string().ends_with(".kql")) {
        src.name = path.string();
        src.text = read_text(path);
      } else {
        src = hunts::parse_hunt(read_text(path), path.string()).query;
      }
      const kql::Script script = kql::parse_script(src);
      plan = kql::bind_script(script, catalog_, bind_).plan;
    } catch (const Error& e) {
      report(e, path.string());
    }
    for (const auto& rules_path : rules_beside(path)) {
      if (!plan) {
        // Its rules name the hunt's output columns, which only a hunt that binds has: checking
        // them against other columns would report columns the hunt makes as unknown.
        ++unchecked_;
        fmt::print(stderr, "huntq check: {} not checked: its hunt has a problem\n",
                   output::escape_for_terminal(rules_path));
        continue;
      }
      if (!fs::is_directory(rules_path)) {
        check_rules({rules_path}, **plan);
        continue;
      }
      // Each file alone, so that every broken file is listed; then the folder as a whole, for
      // what only the whole shows (ids repeated across files, no rule file at all).
      bool all_loaded = true;
      for (const auto& f : rule_files_in(rules_path))
        all_loaded = check_rules({f.string()}, **plan) && all_loaded;
      if (all_loaded) check_rules({rules_path}, **plan, false);
    }
    if (plan)
      for (const auto& col : (*plan)->schema) add_column(col);
  }

  // Loads rules against a plan's output columns and binds their KQL as `huntq run` does.
  bool check_rules(const std::vector<std::string>& paths, const engine::PlanNode& hunt,
                   bool count = true) {
    if (count) ++rule_files_;
    try {
      const rules::RuleSet rules = load_exclusions(paths, hunt.schema, bind_.now_ticks);
      auto plan = std::make_shared<engine::PlanNode>(hunt);
      apply_exclusions(plan, rules, false, bind_);
      for (const auto& w : rules.warnings())
        fmt::print(stderr, "huntq: warning: {}\n", output::escape_for_terminal(w));
      return true;
    } catch (const Error& e) {
      report(e, paths.front());
      return false;
    }
  }

  // Rule files beside no hunt: checked against every column the checked hunts output (or, when
  // none did, every column of the Defender tables), so a misspelt column is still caught.
  void check_standalone_rules() {
    if (standalone_.empty()) return;
    if (columns_.empty())
      for (const TableDef* t : known_tables())
        for (const auto& c : t->columns) add_column({std::string(c.name), c.type});
    engine::PlanNode all;
    all.schema = columns_;
    for (const auto& f : standalone_) check_rules({f.string()}, all);
  }

  void add_column(const engine::Column& col) {
    if (column_names_.insert(col.name).second) columns_.push_back(col);
  }

  void report(const Error& e, const std::string& file) {
    SourceLocation where = e.where();
    if (where.file.empty()) where.file = file;
    report(where, e.what_only());
  }

  // file:line:col: message, with line and column 1 when the problem is the whole file, so that
  // editors and CI annotations can read every line the same way. One line each: a message
  // listing hundreds of columns is cut short.
  void report(SourceLocation where, std::string message) {
    ++problems_;
    if (message.size() > kMaxMessageBytes) {
      std::size_t cut = kMaxMessageBytes;
      while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
      message = message.substr(0, cut) + "…";
    }
    const std::string text =
        where.file.empty()
            ? fmt::format("huntq check: {}", message)
            : fmt::format("{}:{}:{}: {}", where.file, std::max<std::uint64_t>(where.line, 1),
                          std::max<std::uint64_t>(where.column, 1), message);
    fmt::print("{}\n", output::escape_for_terminal(text));
  }

  kql::Catalog catalog_;
  kql::BindOptions bind_;
  struct Entry {
    fs::path path;
    bool named;  // given on the command line, not found in a folder
  };
  std::vector<Entry> entries_;
  std::size_t hunts_ = 0;
  std::set<std::string> seen_;
  std::set<std::string> walked_;  // folders walked, as their canonical paths
  std::vector<fs::path> standalone_;
  engine::Schema columns_;
  std::set<std::string> column_names_;
  std::size_t rule_files_ = 0;
  std::size_t problems_ = 0;
  std::size_t unchecked_ = 0;  // rule files or folders of hunts that do not bind
};

}  // namespace

bool is_hunt_file_name(const fs::path& path) {
  const std::string name = path.filename().string();
  if (is_rules_name(name) || is_tests_name(name)) return false;
  return is_yaml_name(name) || name.ends_with(".kql");
}

std::vector<std::string> rules_beside(const fs::path& hunt_file) {
  std::vector<std::string> out;
  const std::string stem = hunt_file.stem().string();
  std::error_code ec;
  for (const char* suffix : {".rules", ".rules.yaml", ".rules.yml"}) {
    const fs::path p = hunt_file.parent_path() / (stem + suffix);
    if (fs::exists(p, ec)) out.push_back(p.string());
  }
  return out;
}

int check_command(const CheckOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  Checker checker;
  for (const auto& p : options.paths) checker.add(p);
  const int status = checker.finish();
  std::fflush(stdout);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(
      stderr, "huntq check: {} hunt{}, {} rule file{}{}: {} ({:.2f} s)\n", checker.hunts(),
      checker.hunts() == 1 ? "" : "s", checker.rule_files(), checker.rule_files() == 1 ? "" : "s",
      checker.unchecked() == 0 ? std::string()
                               : fmt::format(" ({} not checked)", checker.unchecked()),
      checker.problems() == 0
          ? std::string("all valid")
          : fmt::format("{} problem{}", checker.problems(), checker.problems() == 1 ? "" : "s"),
      seconds);
  return status;
}

std::function<std::optional<int>()> add_hunts_as_code_commands(CLI::App& app) {
  auto check = std::make_shared<CheckOptions>();
  CLI::App* check_cmd = app.add_subcommand(
      "check",
      "Parse and bind every hunt (*.yaml, *.yml, *.kql) and load every rule file under the paths; "
      "report each problem as file:line:col.");
  check_cmd->add_option("paths", check->paths, "Hunt files, rule files, folders of them")
      ->required();
  check_cmd->footer(
      R"(A hunt NAME.yaml's exclusion rules sit beside it as NAME.rules/ or NAME.rules.yaml and are
loaded against the hunt's output columns; other rule files against every column the checked
hunts output. Folders are searched recursively; hidden entries and NAME.tests are skipped.

EXIT STATUS:
  0  every hunt and rule file is valid
  2  a problem was found (each is listed), or bad usage
)");

  auto test = std::make_shared<TestOptions>();
  CLI::App* test_cmd = app.add_subcommand(
      "test",
      "Run each hunt over its test cases (NAME.tests/CASE/ or NAME.tests.yaml) and compare its "
      "rows with the expected ones, printing a row diff.");
  test_cmd
      ->add_option("paths", test->paths,
                   "Hunts, NAME.tests folders, case folders, NAME.tests.yaml files, or folders "
                   "holding them")
      ->required();
  test_cmd->add_flag("--update", test->update,
                     "Rewrite each failing case's expected file (or expect_rows) from the result, "
                     "after showing the diff; write expected.csv for a case without one");
  test_cmd->add_option("--junit", test->junit, "Write a JUnit XML report to FILE");
  test_cmd
      ->add_option("-k", test->patterns,
                   "Run only cases whose HUNT::CASE id contains PATTERN (or matches it as a glob "
                   "with * ? [ ]); repeatable")
      ->allow_extra_args(false);
  test_cmd->footer(
      R"(A case folder holds inputs/ (exports of any shape; a file or folder named after a table, such
as DeviceEvents.ndjson, is read as that table), optional case.yaml (now, threads, expect_rows,
inputs, rules, hunt_rules, show_excluded), optional rules/ or rules.yaml, and expected.csv or
expected.ndjson as huntq run --format csv|ndjson prints the rows. Rows compare as a multiset
unless the hunt ends in sort or top.

EXIT STATUS:
  0  every case passed (or was updated)
  1  a case failed: its rows differ from the expected ones
  2  a case could not run (bad hunt, inputs, rules or case file), or bad usage
)");

  return [check, check_cmd, test, test_cmd]() -> std::optional<int> {
    if (*check_cmd) return check_command(*check);
    if (*test_cmd) return test_command(*test);
    return std::nullopt;
  };
}

}  // namespace huntq::cli
