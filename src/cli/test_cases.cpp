#include "test_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "check_command.h"
#include "folder_walk.h"
#include "huntq/hunts/hunt.h"
#include "huntq/output/terminal_text.h"
#include "huntq/rules/yaml_tree.h"
#include "huntq/value/datetime.h"
#include "huntq/value/schema.h"

namespace huntq::cli {

namespace fs = std::filesystem;
using rules::YamlNode;

namespace {

constexpr std::size_t kMaxCaseFileBytes = std::size_t{1} << 20;

// The hunt a NAME.tests folder or NAME.tests.yaml file tests.
struct HuntOfTests {
  std::string id;
  fs::path file;  // empty: built-in
  std::vector<std::string> rules;
  std::optional<Error> error;
};

std::string tests_stem(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.substr(0, name.rfind(".tests"));
}

bool has_suffix(const std::string& name, std::initializer_list<std::string_view> suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(),
                     [&](std::string_view s) { return name.ends_with(s); });
}

bool is_builtin(const std::string& id) {
  const auto& all = hunts::builtin_hunts();
  return std::any_of(all.begin(), all.end(), [&](const auto& h) { return h.id == id; });
}

SourceLocation at(const std::string& file, const YamlNode& n) {
  return SourceLocation{file, n.line, n.column};
}

// `hunt:` in NAME.tests.yaml, else NAME.yaml / .yml / .kql beside the tests, else built-in NAME.
HuntOfTests hunt_for(const fs::path& tests_path, const std::string& file,
                     const YamlNode* hunt_key) {
  HuntOfTests h;
  const fs::path dir = tests_path.parent_path();
  std::error_code ec;
  if (hunt_key) {
    const std::string v = hunt_key->text;
    const fs::path p = dir / v;
    if (fs::is_regular_file(p, ec)) {
      h.file = p.lexically_normal();
    } else if (is_builtin(v)) {
      h.id = v;
    } else {
      h.error = Error(at(file, *hunt_key),
                      fmt::format("no hunt file {} and no built-in hunt of that name",
                                  output::escape_for_terminal(p.string().substr(0, 200))));
      h.id = tests_stem(tests_path);
      return h;
    }
  } else {
    const std::string stem = tests_stem(tests_path);
    for (const char* ext : {".yaml", ".yml", ".kql"}) {
      if (fs::is_regular_file(dir / (stem + ext), ec)) {
        h.file = dir / (stem + ext);
        break;
      }
    }
    if (h.file.empty()) {
      if (is_builtin(stem)) {
        h.id = stem;
      } else {
        h.id = stem;
        h.error = Error(SourceLocation{tests_path.string(), 0, 0},
                        fmt::format("no hunt {0}.yaml, {0}.yml or {0}.kql beside it, and no "
                                    "built-in hunt {0}",
                                    output::escape_for_terminal(stem)));
        return h;
      }
    }
  }
  if (!h.file.empty()) h.id = h.file.stem().string();
  // A built-in hunt's rules sit beside its tests, as a file hunt's sit beside the hunt.
  h.rules = rules_beside(h.file.empty() ? dir / (h.id + ".yaml") : h.file);
  return h;
}

std::string read_small(const fs::path& p) {
  std::error_code ec;
  const auto size = fs::file_size(p, ec);
  if (!ec && size > kMaxCaseFileBytes)
    throw Error(SourceLocation{p.string(), 0, 0},
                fmt::format("over {} MiB: a case file holds settings", kMaxCaseFileBytes >> 20));
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Error(SourceLocation{p.string(), 0, 0}, "cannot read the file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A path written in a case file, relative to the file's folder; "TABLE=PATH" keeps its table.
std::string case_path(const std::string& text, const fs::path& base) {
  const auto eq = text.find('=');
  if (eq != std::string::npos && find_table(text.substr(0, eq)))
    return text.substr(0, eq + 1) + (base / text.substr(eq + 1)).lexically_normal().string();
  return (base / text).lexically_normal().string();
}

std::vector<const YamlNode*> scalars(const YamlNode& n, const std::string& file,
                                     std::string_view key) {
  std::vector<const YamlNode*> out;
  if (n.is_scalar()) {
    out.push_back(&n);
  } else if (n.is_seq()) {
    for (std::size_t i = 0; i < n.size(); ++i) {
      if (!n.item(i).is_scalar())
        throw Error(at(file, n.item(i)), fmt::format("`{}:` lists paths", key));
      out.push_back(&n.item(i));
    }
  } else {
    throw Error(at(file, n), fmt::format("`{}:` takes a path or a list of paths", key));
  }
  return out;
}

bool boolean(const YamlNode& n, const std::string& file, std::string_view key) {
  if (n.is_scalar()) {
    std::string v = n.text;
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
    if (v == "true") return true;
    if (v == "false") return false;
  }
  throw Error(at(file, n), fmt::format("`{}:` takes true or false", key));
}

std::uint64_t number(const YamlNode& n, const std::string& file, std::string_view key,
                     std::uint64_t max) {
  std::uint64_t v = 0;
  if (n.is_scalar()) {
    const char* end = n.text.data() + n.text.size();
    const auto r = std::from_chars(n.text.data(), end, v);
    if (r.ec == std::errc() && r.ptr == end && !n.text.empty() && v <= max) return v;
  }
  throw Error(at(file, n), fmt::format("`{}:` takes a whole number from 0 to {}", key, max));
}

// The settings of case.yaml, or of one item of NAME.tests.yaml's `tests:` (`in_list`: `name:`
// and `expected:` too). Paths are relative to `base`.
void read_case_keys(const YamlNode& map, const std::string& file, const fs::path& base,
                    bool in_list, TestCase& c) {
  static const std::vector<std::string> kKeys{"description", "now",          "threads",
                                              "expect_rows", "inputs",       "rules",
                                              "hunt_rules",  "show_excluded"};
  if (!map.is_map()) throw Error(at(file, map), "a case's settings are a YAML mapping");
  for (std::size_t i = 0; i < map.size(); ++i) {
    const YamlNode& k = map.key(i);
    const YamlNode& v = map.value(i);
    const std::string key = k.is_scalar() ? k.text : std::string();
    if (key == "description") continue;
    if (key == "now") {
      if (!v.is_scalar() || !parse_datetime(v.text))
        throw Error(at(file, v), "`now:` takes an ISO 8601 datetime such as 2024-03-12T10:00:00Z");
      c.now = v.text;
    } else if (key == "threads") {
      c.threads = static_cast<unsigned>(number(v, file, key, 1024));
    } else if (key == "expect_rows") {
      c.expect_rows = number(v, file, key, UINT64_MAX);
      c.expect_rows_at = at(file, v);
    } else if (key == "inputs") {
      for (const YamlNode* s : scalars(v, file, key)) c.inputs.push_back(case_path(s->text, base));
    } else if (key == "rules") {
      for (const YamlNode* s : scalars(v, file, key)) c.rules.push_back(case_path(s->text, base));
    } else if (key == "hunt_rules") {
      c.use_hunt_rules = boolean(v, file, key);
    } else if (key == "show_excluded") {
      c.show_excluded = boolean(v, file, key);
    } else if (in_list && key == "name") {
      if (!v.is_scalar() || v.text.empty()) throw Error(at(file, v), "`name:` takes a name");
      c.name = v.text;
    } else if (in_list && key == "expected") {
      if (!v.is_scalar() || !has_suffix(v.text, {".csv", ".ndjson"}))
        throw Error(at(file, v), "`expected:` takes a .csv or .ndjson file");
      c.expected = fs::path(case_path(v.text, base));
    } else {
      std::string known;
      for (const auto& kk : kKeys) known += (known.empty() ? "" : ", ") + kk;
      if (in_list) known += ", name, expected";
      throw Error(at(file, k), fmt::format("unknown key {} (keys: {})",
                                           output::escape_for_terminal(key.substr(0, 80)), known));
    }
  }
}

void set_hunt(TestCase& c, const HuntOfTests& h) {
  c.hunt_id = h.id;
  c.hunt_file = h.file;
  c.hunt_rules = h.rules;
  if (h.error) c.error = h.error;
}

TestCase read_case_folder(const fs::path& dir, const HuntOfTests& hunt) {
  TestCase c;
  set_hunt(c, hunt);
  c.name = dir.filename().string();
  c.where = dir.string();
  c.file = c.where;
  c.folder = dir;
  std::error_code ec;
  const bool has_csv = fs::exists(dir / "expected.csv", ec);
  const bool has_ndjson = fs::exists(dir / "expected.ndjson", ec);
  c.expected = dir / (has_ndjson && !has_csv ? "expected.ndjson" : "expected.csv");
  c.expected_exists = has_csv || has_ndjson;
  try {
    if (has_csv && has_ndjson)
      throw Error(SourceLocation{dir.string(), 0, 0},
                  "holds both expected.csv and expected.ndjson: keep one");
    if (fs::is_directory(dir / "inputs", ec)) c.inputs.push_back((dir / "inputs").string());
    if (fs::is_directory(dir / "rules", ec)) c.rules.push_back((dir / "rules").string());
    for (const char* f : {"rules.yaml", "rules.yml"})
      if (fs::is_regular_file(dir / f, ec)) c.rules.push_back((dir / f).string());
    static const std::set<std::string> kKnown{"case.yaml",    "case.yml",       "inputs",
                                              "rules",        "rules.yaml",     "rules.yml",
                                              "expected.csv", "expected.ndjson"};
    std::vector<std::string> others;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.starts_with(".") && !kKnown.count(name)) others.push_back(name);
    }
    std::sort(others.begin(), others.end());
    for (const auto& o : others)
      c.notes.push_back(
          fmt::format("{}: not part of a case (inputs/, case.yaml, rules/, "
                      "rules.yaml, expected.csv, expected.ndjson): ignored",
                      (dir / o).string()));
    for (const char* f : {"case.yaml", "case.yml"}) {
      const fs::path p = dir / f;
      if (!fs::is_regular_file(p, ec)) continue;
      const auto stream = rules::YamlStream::parse(read_small(p), p.string());
      if (!stream.documents().empty() && !stream.documents()[0]->is_null())
        read_case_keys(*stream.documents()[0], p.string(), dir, false, c);
    }
    if (c.inputs.empty())
      throw Error(SourceLocation{dir.string(), 0, 0},
                  "no inputs: give an inputs/ folder or `inputs:` in case.yaml");
  } catch (const Error& e) {
    if (!c.error) c.error = e;
  }
  return c;
}

std::vector<TestCase> read_tests_yaml(const fs::path& p) {
  std::vector<TestCase> out;
  const std::string file = p.string();
  TestCase file_case;  // stands for the whole file when it cannot be read
  file_case.hunt_id = tests_stem(p);
  file_case.name = p.filename().string();
  file_case.where = file;
  file_case.file = file;
  try {
    const auto stream = rules::YamlStream::parse(read_small(p), file);
    const auto& docs = stream.documents();
    if (docs.empty() || !docs[0]->is_map())
      throw Error(SourceLocation{file, 1, 1}, "a tests file is a mapping with `tests:`");
    const YamlNode& doc = *docs[0];
    const YamlNode* hunt_key = nullptr;
    const YamlNode* tests = nullptr;
    for (std::size_t i = 0; i < doc.size(); ++i) {
      const std::string key = doc.key(i).is_scalar() ? doc.key(i).text : std::string();
      if (key == "hunt" && doc.value(i).is_scalar()) {
        hunt_key = &doc.value(i);
      } else if (key == "tests") {
        tests = &doc.value(i);
      } else if (key != "description") {
        throw Error(at(file, doc.key(i)),
                    fmt::format("unknown key {} (keys: hunt, tests, description)",
                                output::escape_for_terminal(key.substr(0, 80))));
      }
    }
    if (!tests || !tests->is_seq() || tests->size() == 0)
      throw Error(tests ? at(file, *tests) : SourceLocation{file, 1, 1},
                  "`tests:` lists the cases, each a mapping with `name:` and `inputs:`");
    const HuntOfTests hunt = hunt_for(p, file, hunt_key);
    std::set<std::string> names;
    for (std::size_t i = 0; i < tests->size(); ++i) {
      const YamlNode& item = tests->item(i);
      TestCase c;
      set_hunt(c, hunt);
      c.name = fmt::format("#{}", i + 1);
      c.where = at(file, item).to_string();
      c.file = file;
      try {
        read_case_keys(item, file, p.parent_path(), true, c);
        if (c.name.starts_with("#")) throw Error(at(file, item), "the case has no `name:`");
        if (!names.insert(c.name).second)
          throw Error(at(file, item), "another case has this name: " + c.name);
        if (c.inputs.empty()) throw Error(at(file, item), "the case has no `inputs:`");
        std::error_code ec;
        c.expected_exists = !c.expected.empty() && fs::exists(c.expected, ec);
      } catch (const Error& e) {
        if (!c.error) c.error = e;
      }
      out.push_back(std::move(c));
    }
  } catch (const Error& e) {
    file_case.error = e;
    out.clear();
    out.push_back(std::move(file_case));
  }
  return out;
}

TestCase path_error(const std::string& path, const std::string& message) {
  TestCase c;
  c.hunt_id = "huntq test";
  c.name = path;
  c.where = path;
  c.file = path;
  c.path_problem = true;
  c.error = Error(SourceLocation{path, 0, 0}, message);
  return c;
}

class Finder {
 public:
  void add(const std::string& arg) {
    const fs::path p(arg);
    std::error_code ec;
    const auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      push(path_error(arg, "no such file or folder"));
      return;
    }
    const std::size_t before = found_;
    const std::string name = p.filename().string();
    if (fs::is_directory(status)) {
      const std::string parent = p.parent_path().filename().string();
      if (name.ends_with(".tests")) {
        add_tests_folder(p);
      } else if (parent.ends_with(".tests")) {
        push(read_case_folder(p, hunt_for(p.parent_path(), p.parent_path().string(), nullptr)));
      } else {
        walk(p);
      }
    } else if (has_suffix(name, {".tests.yaml", ".tests.yml"})) {
      for (auto& c : read_tests_yaml(p)) push(std::move(c));
    } else if (is_hunt_file_name(p)) {
      const fs::path dir = p.parent_path();
      const std::string stem = p.stem().string();
      if (fs::is_directory(dir / (stem + ".tests"), ec)) add_tests_folder(dir / (stem + ".tests"));
      for (const char* ext : {".tests.yaml", ".tests.yml"})
        if (fs::is_regular_file(dir / (stem + ext), ec))
          for (auto& c : read_tests_yaml(dir / (stem + ext))) push(std::move(c));
    } else {
      push(path_error(arg, "not a hunt, a NAME.tests folder, a case folder or NAME.tests.yaml"));
      return;
    }
    if (found_ == before)
      push(path_error(arg, "holds no test cases (NAME.tests/CASE/ folders or NAME.tests.yaml)"));
  }

  std::vector<TestCase> take() { return std::move(cases_); }

 private:
  void walk(const fs::path& dir) {
    const auto listing = list_folder_once(dir, walked_, "huntq test");
    if (!listing) return;
    if (!listing->error.empty()) {
      push(path_error(dir.string(), listing->error));
      return;
    }
    for (const auto& e : listing->entries) {
      const std::string name = e.path().filename().string();
      std::error_code type_ec;
      if (e.is_directory(type_ec)) {
        if (name.ends_with(".tests")) {
          add_tests_folder(e.path());
        } else {
          walk(e.path());
        }
      } else if (has_suffix(name, {".tests.yaml", ".tests.yml"})) {
        for (auto& c : read_tests_yaml(e.path())) push(std::move(c));
      }
    }
  }

  // Each folder inside NAME.tests is a case; other entries (a README) are not read.
  void add_tests_folder(const fs::path& dir) {
    const HuntOfTests hunt = hunt_for(dir, dir.string(), nullptr);
    std::vector<fs::path> cases;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code type_ec;
      if (it->is_directory(type_ec) && !it->path().filename().string().starts_with("."))
        cases.push_back(it->path());
    }
    std::sort(cases.begin(), cases.end());
    for (const auto& c : cases) push(read_case_folder(c, hunt));
  }

  void push(TestCase c) {
    ++found_;
    if (!seen_.insert(c.where).second) return;  // named twice (a folder and a case inside it)
    cases_.push_back(std::move(c));
  }

  std::vector<TestCase> cases_;
  std::set<std::string> seen_;
  std::set<std::string> walked_;  // folders walked, as their canonical paths
  std::size_t found_ = 0;
};

}  // namespace

std::vector<TestCase> find_test_cases(const std::vector<std::string>& paths) {
  Finder f;
  for (const auto& p : paths) f.add(p);
  return f.take();
}

}  // namespace huntq::cli
