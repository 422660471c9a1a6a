#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "compiled_rule.h"
#include "huntq/rules/exclusion_rules.h"
#include "rule_document.h"

namespace huntq::rules {

void RuleSet::load_file(const std::string& path, std::span<const std::string> columns,
                        std::string_view today) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(SourceLocation{path},
                std::string("cannot read exclusion rules: ") + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw Error(SourceLocation{path}, "cannot read exclusion rules");
  load_text(text.str(), path, columns, today);
}

void RuleSet::load_text(std::string_view yaml, const std::string& name,
                        std::span<const std::string> columns, std::string_view today) {
  // Everything is checked before anything is kept, so a failed load leaves the set unchanged.
  std::vector<Rule> loaded;
  std::vector<std::string> warnings;
  try {
    for (const YAML::Node& doc : YAML::LoadAll(std::string(yaml))) {
      if (doc.IsNull()) continue;  // "---" with nothing after it
      Rule rule = parse_rule_document(doc, name, columns, today, warnings);
      const auto same_id = [&](const Rule& r) { return r.id == rule.id; };
      for (const std::vector<Rule>* list : {&rules_, &loaded}) {
        const auto it = std::find_if(list->begin(), list->end(), same_id);
        if (it != list->end()) {
          throw Error(rule.where, "duplicate rule id '" + rule.id + "': already defined at " +
                                      it->where.to_string());
        }
      }
      loaded.push_back(std::move(rule));
    }
  } catch (const YAML::Exception& e) {
    // Syntax errors, and anything yaml-cpp rejects while the document is read.
    SourceLocation where{name};
    if (!e.mark.is_null()) {
      where.line = static_cast<std::uint64_t>(e.mark.line) + 1;
      where.column = static_cast<std::uint64_t>(e.mark.column) + 1;
    }
    throw Error(where, "YAML syntax error: " + e.msg);
  }
  if (loaded.empty()) warnings.push_back(name + ": holds no exclusion rules");
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
