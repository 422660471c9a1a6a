// The conduct of the command line (issue 10, item 6): usage errors with `huntq: error:` and the
// nearest valid spelling, enumerated values in any case, `help`, `version`, completion scripts
// that the shells accept and that complete, and a man page that renders cleanly and lists every
// option the CLI defines.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "huntq/version.h"
#include "run_binary.h"

using huntq::testing::run_huntq;
using huntq::testing::RunResult;
using huntq::testing::shell_quote;
using huntq::testing::slurp;
using huntq::testing::TempDir;

namespace {

// Runs a shell command line from the repo root, capturing status, stdout and stderr.
RunResult run_shell(const std::string& command) {
  TempDir dir;
  const std::string out = (dir.path() / "out").string(), err = (dir.path() / "err").string();
  const std::string cmd = "cd " + shell_quote(HUNTQ_SOURCE_DIR) + " && ( " + command +
                          " ) </dev/null >" + shell_quote(out) + " 2>" + shell_quote(err);
  const int raw = std::system(cmd.c_str());
  RunResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

bool installed(const std::string& program) {
  return run_shell("command -v " + program).status == 0;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The lines of one section of CLI11's help ("Options:", "Subcommands:") up to a blank line.
std::vector<std::string> help_section(const std::string& help, const std::string& title) {
  std::vector<std::string> lines;
  const auto start = help.find("\n" + title + "\n");
  if (start == std::string::npos) return lines;
  std::size_t pos = start + title.size() + 2;
  while (pos < help.size()) {
    const auto end = help.find('\n', pos);
    const std::string line = help.substr(pos, end == std::string::npos ? end : end - pos);
    if (line.empty() || line[0] != ' ') break;
    lines.push_back(line);
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return lines;
}

// In roff source a minus sign is written \- (a bare - may print as a hyphen).
std::string roff(const std::string& text) {
  std::string s;
  for (char c : text) s += c == '-' ? std::string("\\-") : std::string(1, c);
  return s;
}

// Queries of no table still need an input to run over.
const std::string kInput = "samples/DeviceEvents.ndjson";

const std::string kManPage = std::string(HUNTQ_SOURCE_DIR) + "/man/huntq.1";

}  // namespace

TEST_CASE("cli: an unknown option is named, with the nearest one, exit status 2") {
  const auto r = run_huntq({"run", "--fromat", "csv", "samples"});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err ==
        "huntq: error: unknown option '--fromat' for 'huntq run'; did you mean --format?\n"
        "Try 'huntq run --help' for more information.\n");
  // --option=value spells the same option; a prefix of one option names it.
  CHECK(contains(run_huntq({"run", "--datetime-fromat=ticks7"}).err,
                 "unknown option '--datetime-fromat' for 'huntq run'; did you mean "
                 "--datetime-format?"));
  CHECK(
      contains(run_huntq({"inspect", "--skip", "samples"}).err, "did you mean --skip-unreadable?"));
  // Nothing near: no guess.
  const auto far = run_huntq({"run", "--zzzzzz", "samples"});
  CHECK(far.status == 2);
  CHECK(contains(far.err, "huntq: error: unknown option '--zzzzzz' for 'huntq run'\n"));
  // Before the subcommand only -h and -V are options.
  const auto root = run_huntq({"--verison"});
  CHECK(root.status == 2);
  CHECK(contains(root.err, "huntq: error: unknown option '--verison'; did you mean --version?"));
  const auto misplaced = run_huntq({"--format", "csv", "run", "samples"});
  CHECK(misplaced.status == 2);
  CHECK(contains(misplaced.err,
                 "huntq: error: unknown option '--format' before the subcommand: it is an option "
                 "of 'huntq run' and 'huntq inspect', after it\n"));
}

TEST_CASE("cli: an unknown subcommand is named, with the nearest one, exit status 2") {
  const auto r = run_huntq({"rnu", "samples"});
  CHECK(r.status == 2);
  CHECK(r.err ==
        "huntq: error: unknown subcommand 'rnu'; did you mean 'run'?\n"
        "Try 'huntq --help' for more information.\n");
  CHECK(contains(run_huntq({"inspcet"}).err, "did you mean 'inspect'?"));
  CHECK(contains(run_huntq({"completions", "bash"}).err, "did you mean 'completion'?"));
  const auto none = run_huntq({"xyzzy"});
  CHECK(none.status == 2);
  CHECK(contains(none.err, "huntq: error: unknown subcommand 'xyzzy' ('huntq help' lists them)"));
  const auto bare = run_huntq({});
  CHECK(bare.status == 2);
  CHECK(contains(bare.err, "huntq: error: no subcommand given: run, hunts, adx-schema, inspect"));
}

TEST_CASE("cli: other usage errors carry the prefix, and user text is cut short") {
  const auto extra = run_huntq({"hunts", "extra"});
  CHECK(extra.status == 2);
  CHECK(contains(extra.err, "huntq: error: unexpected argument 'extra' for 'huntq hunts'"));
  const auto missing = run_huntq({"run", "--format"});
  CHECK(missing.status == 2);
  CHECK(contains(missing.err,
                 "huntq: error: option --format needs a value: table, vertical, csv, "
                 "json, ndjson\n"));
  const auto threads = run_huntq({"run", "--threads", "many"});
  CHECK(threads.status == 2);
  CHECK(threads.err.rfind("huntq: error: ", 0) == 0);
  const std::string long_option = "--" + std::string(5000, 'q');
  const auto huge = run_huntq({"run", long_option});
  CHECK(huge.status == 2);
  CHECK(huge.err.size() < 300);
}

TEST_CASE("cli: enumerated option values in any letter case") {
  // print x=1: one column x, one row 1 (CSV: header line, then the row).
  const auto lower = run_huntq({"run", "--query", "print x=1", "-f", "csv", kInput});
  REQUIRE(lower.status == 0);
  CHECK(lower.out == "x\r\n1\r\n");
  CHECK(run_huntq({"run", "--query", "print x=1", "-f", "CSV", kInput}).out == lower.out);
  CHECK(run_huntq({"run", "--query", "print x=1", "--format=Csv", kInput}).out == lower.out);
  // vertical: a record header line, then "x: 1" (the docs' `Name: value` form).
  const auto vertical = run_huntq({"run", "--query", "print x=1", "--format", "Vertical", kInput});
  CHECK(vertical.status == 0);
  CHECK(vertical.out ==
        run_huntq({"run", "--query", "print x=1", "--format", "vertical", kInput}).out);
  // 10:00:00.5 has the fraction 5000000 in ticks7, as Kusto prints seven digits.
  const auto ticks = run_huntq({"run", "--query", "print t=datetime(2024-01-15T10:00:00.5Z)", "-f",
                                "csv", "--datetime-format", "TICKS7", "--color", "NEVER", kInput});
  CHECK(ticks.status == 0);
  CHECK(ticks.out == "t\r\n2024-01-15T10:00:00.5000000Z\r\n");
  const auto json = run_huntq({"inspect", "-f", "JSON", "samples/DeviceEvents.ndjson"});
  CHECK(json.status == 0);
  CHECK(json.out.rfind("[\n{\"path\":\"samples/DeviceEvents.ndjson\"", 0) == 0);  // one array
  CHECK(json.out == run_huntq({"inspect", "-f", "json", "samples/DeviceEvents.ndjson"}).out);
  const auto bad = run_huntq({"run", "--query", "print x=1", "-f", "cvs"});
  CHECK(bad.status == 2);
  CHECK(contains(bad.err,
                 "huntq: error: --format: 'cvs' is not one of table, vertical, csv, json, "
                 "ndjson; did you mean 'csv'?"));
}

TEST_CASE("cli: help, help SUBCOMMAND, version and --version") {
  const auto help_run = run_huntq({"help", "run"});
  CHECK(help_run.status == 0);
  CHECK(help_run.out == run_huntq({"run", "--help"}).out);
  CHECK(contains(help_run.out, "Usage: huntq run"));
  CHECK(contains(help_run.out, "--format"));
  const auto help = run_huntq({"help"});
  CHECK(help.status == 0);
  CHECK(help.out == run_huntq({"--help"}).out);
  for (const char* sub : {"run", "inspect", "hunts", "adx-schema", "help", "version", "completion"})
    CHECK(contains(help.out, std::string("  ") + sub + " "));
  const auto unknown = run_huntq({"help", "rnu"});
  CHECK(unknown.status == 2);
  CHECK(contains(unknown.err, "huntq: error: unknown subcommand 'rnu'; did you mean 'run'?"));
  const auto version = run_huntq({"version"});
  CHECK(version.status == 0);
  CHECK(version.out == std::string("huntq ") + HUNTQ_VERSION + "\n");
  CHECK(run_huntq({"--version"}).out == version.out);
  CHECK(run_huntq({"-V"}).out == version.out);
}

TEST_CASE("cli: the bash completion script parses and completes") {
  TempDir dir;
  const auto r = run_huntq({"completion", "bash"});
  REQUIRE(r.status == 0);
  const std::string script = dir.write("huntq.bash", r.out);
  const auto syntax = run_shell("bash -n " + shell_quote(script));
  CHECK(syntax.err.empty());
  CHECK(syntax.status == 0);
  // Completes as bash would after TAB: COMP_WORDS up to the cursor word.
  const auto complete = [&](const std::string& words) {
    return run_shell("bash -c " +
                     shell_quote("source " + shell_quote(script) + "; COMP_WORDS=(" + words +
                                 "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
                                 "_huntq; printf '%s\\n' \"${COMPREPLY[@]}\""))
        .out;
  };
  CHECK(complete("huntq ru") == "run\n");
  CHECK(complete("huntq c") == "check\ncompletion\n");
  CHECK(complete("huntq run --form") == "--format\n");
  CHECK(complete("huntq run -f ''") == "table\nvertical\ncsv\njson\nndjson\n");
  CHECK(complete("huntq run --color a") == "auto\nalways\n");
  CHECK(complete("huntq inspect --format ''") == "text\njson\n");
  CHECK(complete("huntq completion ''") == "bash\nzsh\nfish\n");
  CHECK(complete("huntq help inspe") == "inspect\n");
  // Inputs complete as file names.
  CHECK(complete("huntq run samples/DeviceE") == "samples/DeviceEvents.ndjson\n");
  CHECK(complete("huntq run -x samples/excl") == "samples/exclusions.yaml\n");
}

TEST_CASE("cli: the zsh completion script parses") {
  if (!installed("zsh")) {
    WARN("skipped: zsh is not installed (apt-get install zsh to check its completion script)");
    return;
  }
  TempDir dir;
  const auto r = run_huntq({"completion", "zsh"});
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind("#compdef huntq\n", 0) == 0);
  CHECK(contains(r.out,
                 "--format=[Output format: table, vertical, csv, json, ndjson]:format:"
                 "(table vertical csv json ndjson)"));
  const std::string script = dir.write("_huntq", r.out);
  const auto syntax = run_shell("zsh -n " + shell_quote(script));
  CHECK(syntax.err.empty());
  CHECK(syntax.status == 0);
}

TEST_CASE("cli: the fish completion script parses and completes") {
  if (!installed("fish")) {
    WARN("skipped: fish is not installed (apt-get install fish to check its completion script)");
    return;
  }
  TempDir dir;
  const auto r = run_huntq({"completion", "fish"});
  REQUIRE(r.status == 0);
  const std::string script = dir.write("huntq.fish", r.out);
  const auto syntax = run_shell("fish -n " + shell_quote(script));
  CHECK(syntax.err.empty());
  CHECK(syntax.status == 0);
  const auto complete = [&](const std::string& line) {
    std::string names;
    const auto out = run_shell("HOME=" + shell_quote(dir.path().string()) + " fish -c " +
                               shell_quote("source " + shell_quote(script) + "; complete -C " +
                                           shell_quote(line)))
                         .out;
    for (std::size_t pos = 0; pos < out.size();) {  // each line: candidate TAB description
      const auto end = out.find('\n', pos);
      names += out.substr(pos, out.find('\t', pos) < end ? out.find('\t', pos) - pos : end - pos);
      names += ' ';
      pos = end == std::string::npos ? out.size() : end + 1;
    }
    return names;
  };
  CHECK(complete("huntq ru") == "run ");
  CHECK(complete("huntq run --form") == "--format ");
  CHECK(complete("huntq run -f ") == "csv json ndjson table vertical ");
  CHECK(complete("huntq completion ") == "bash fish zsh ");
}

TEST_CASE("cli: the man page renders without warnings") {
  if (!installed("groff")) {
    WARN("skipped: groff is not installed (apt-get install groff-base to check huntq.1)");
    return;
  }
  const auto r = run_shell("groff -man -Tutf8 -ww -z " + shell_quote(kManPage));
  CHECK(r.err.empty());
  CHECK(r.status == 0);
  const auto text = run_shell("groff -man -Tutf8 -P-cbu " + shell_quote(kManPage));  // plain text
  for (const char* section : {"NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS",
                              "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO"})
    CHECK(contains(text.out, std::string("\n") + section + "\n"));
}

TEST_CASE("cli: the man page lists every subcommand and option the CLI defines") {
  const std::string page = slurp(kManPage);
  REQUIRE(!page.empty());
  const auto root_help = run_huntq({"--help"});
  REQUIRE(root_help.status == 0);
  std::vector<std::string> subcommands;
  for (const std::string& line : help_section(root_help.out, "Subcommands:")) {
    const auto first = line.find_first_not_of(' ');
    subcommands.push_back(line.substr(first, line.find(' ', first) - first));
  }
  REQUIRE(subcommands.size() >= 7);
  std::vector<std::pair<std::string, std::string>> help_texts{{"huntq", root_help.out}};
  for (const std::string& sub : subcommands) {
    INFO("subcommand " << sub);
    CHECK(contains(page, roff("huntq " + sub)));
    const auto r = run_huntq({sub, "--help"});
    CHECK(r.status == 0);
    help_texts.emplace_back("huntq " + sub, r.out);
  }
  const std::regex option_name("(^|,)(--?[A-Za-z0-9][A-Za-z0-9-]*)");
  int options = 0;
  for (const auto& [command, help] : help_texts) {
    for (const std::string& line : help_section(help, "Options:")) {
      const auto first = line.find_first_not_of(' ');
      const std::string names = line.substr(first, line.find(' ', first) - first);
      for (std::sregex_iterator it(names.begin(), names.end(), option_name), end; it != end; ++it) {
        const std::string name = (*it)[2];
        INFO(command << " " << name << " is not in man/huntq.1 (written there as " << roff(name)
                     << ")");
        CHECK(contains(page, roff(name)));
        ++options;
      }
    }
  }
  CHECK(options >= 30);
}

TEST_CASE("cli: the man page's version is huntq's") {
  const std::string page = slurp(kManPage);
  CHECK(contains(page, std::string("\"huntq ") + HUNTQ_VERSION + "\""));
}
