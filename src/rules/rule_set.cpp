#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "compiled_rule.h"
#include "huntq/rules/exclusion_rules.h"
#include "huntq/rules/yaml_tree.h"
#include "kql_predicate.h"
#include "message_text.h"
#include "rule_document.h"

namespace huntq::rules {
namespace {

namespace fs = std::filesystem;

/// The file's text; never reads more than `max_bytes` + 1 bytes, so that the size limit holds
/// for a huge file or a device such as /dev/zero.
std::string read_file(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(SourceLocation{path},
                std::string("cannot read exclusion rules: ") + std::strerror(errno));
  }
  std::string text(max_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw Error(SourceLocation{path}, "cannot read exclusion rules");
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

bool is_rule_file_name(const std::string& name) {
  std::string lower = name;
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return lower.ends_with(".yml") || lower.ends_with(".yaml");
}

}  // namespace

void RuleSet::load_path(const std::string& path, std::span<const std::string> columns,
                        std::string_view today) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    load_texts({{path, read_file(path, limits_.max_file_bytes)}}, columns, today);
    return;
  }
  std::vector<std::string> names;
  std::size_t others = 0;
  fs::directory_iterator it(path, ec);
  if (ec) throw Error(SourceLocation{path}, "cannot list the folder: " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) throw Error(SourceLocation{path}, "cannot list the folder: " + ec.message());
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (is_rule_file_name(name) && it->is_regular_file(type_ec)) {
      if (names.size() == limits_.max_files) {
        throw Error(SourceLocation{path},
                    fmt::format("the folder holds more than {} rule files", limits_.max_files));
      }
      names.push_back(name);
    } else {
      ++others;
    }
  }
  if (names.empty()) {
    throw Error(SourceLocation{path},
                "the folder holds no rule files (*.yml or *.yaml; subfolders are not read)");
  }
  std::sort(names.begin(), names.end());
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& name : names) {
    const std::string file = (fs::path(path) / name).string();
    files.emplace_back(file, read_file(file, limits_.max_file_bytes));
  }
  load_texts(files, columns, today);
  if (others > 0) {
    warnings_.push_back(fmt::format(
        "{}: read {} rule file{}; ignored {} other entr{} (only *.yml and *.yaml files are read, "
        "not subfolders)",
        path, names.size(), names.size() == 1 ? "" : "s", others, others == 1 ? "y" : "ies"));
  }
}

void RuleSet::load_text(std::string_view yaml, const std::string& name,
                        std::span<const std::string> columns, std::string_view today) {
  if (yaml.size() > limits_.max_file_bytes) {  // before the text is copied
    throw Error(SourceLocation{name}, fmt::format("the file is larger than the {} bytes a rule "
                                                  "file may hold",
                                                  limits_.max_file_bytes));
  }
  load_texts({{name, std::string(yaml)}}, columns, today);
}

void RuleSet::load_texts(const std::vector<std::pair<std::string, std::string>>& files,
                         std::span<const std::string> columns, std::string_view today) {
  // Everything is checked before anything is kept, so a failed load leaves the set unchanged.
  std::vector<Rule> loaded;
  std::vector<std::string> warnings;
  YamlLimits yaml_limits;
  yaml_limits.max_bytes = limits_.max_file_bytes;
  yaml_limits.max_depth = limits_.max_depth;
  yaml_limits.max_nodes = limits_.max_nodes;
  const KqlWriter kql(columns, kql_types_);
  for (const auto& [name, text] : files) {
    const YamlStream stream = YamlStream::parse(text, name, yaml_limits);
    std::size_t in_file = 0;
    for (const YamlNode* doc : stream.documents()) {
      if (doc->is_null()) continue;  // "---" with nothing after it
      if (rules_.size() + loaded.size() == limits_.max_rules) {
        throw Error(SourceLocation{name, doc->line, 0},
                    fmt::format("more than {} exclusion rules", limits_.max_rules));
      }
      Rule rule = parse_rule_document(*doc, name, columns, today, limits_.max_values, warnings);
      const auto same_id = [&](const Rule& r) { return r.id == rule.id; };
      for (const std::vector<Rule>* list : {&rules_, &loaded}) {
        const auto it = std::find_if(list->begin(), list->end(), same_id);
        if (it != list->end()) {
          throw Error(rule.where, "duplicate rule id " + quote_text(rule.id) +
                                      ": already defined at " + it->where.to_string());
        }
      }
      kql.describe(rule);
      loaded.push_back(std::move(rule));
      ++in_file;
    }
    if (in_file == 0) warnings.push_back(name + ": holds no exclusion rules");
  }
  for (Rule& r : loaded) rules_.push_back(std::move(r));
  for (std::string& w : warnings) warnings_.push_back(std::move(w));
}

int RuleSet::match(std::span<const std::string_view> row) const {
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (rules_[i].condition->matches(row)) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace huntq::rules
