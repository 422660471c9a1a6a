#include "rule_document.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <stdexcept>

#include "compiled_rule.h"
#include "iso_date.h"
#include "message_text.h"

namespace huntq::rules {
namespace {

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return out;
}

std::string join(std::span<const std::string> items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

const char* kind_name(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::kMap:
      return "a mapping";
    case YamlNode::Kind::kSeq:
      return "a list";
    case YamlNode::Kind::kScalar:
      return "a scalar";
    default:
      return "empty";
  }
}

// Informational Sigma metadata that analysts copy along; accepted and ignored. Anything else
// unknown is an error, so that a typo ("expire:") cannot silently change what a rule does.
constexpr std::array<std::string_view, 7> kInformationalKeys = {
    "description", "author", "owner", "date", "modified", "references", "tags"};
constexpr std::array<std::string_view, 5> kRuleKeys = {"id", "title", "reason", "exclude",
                                                       "expires"};

/// A key and its value.
struct Entry {
  Entry(const YamlNode& k, const YamlNode& v) : key(&k), value(&v) {}
  const YamlNode* key;
  const YamlNode* value;
};

class DocumentReader {
 public:
  DocumentReader(const std::string& file, std::span<const std::string> columns,
                 std::string_view today, std::size_t max_values, std::vector<std::string>& warnings)
      : file_(file),
        columns_(columns),
        today_(today),
        max_values_(max_values),
        warnings_(warnings) {}

  Rule read(const YamlNode& doc) {
    Rule rule;
    rule.where = location_of(doc, file_);
    rule.where.column = 0;  // a rule is named by its line
    if (!doc.is_map()) {
      fail(doc, fmt::format("a rule must be a mapping with id, title and exclude, not {}",
                            kind_name(doc)));
    }
    std::optional<Entry> exclude, expires;
    for_each_entry(
        doc, rule.where, [&](const std::string& key, const YamlNode& k, const YamlNode& v) {
          if (key == "id") {
            rule.id = required_text(k, v, key);
          } else if (key == "title") {
            rule.title = required_text(k, v, key);
          } else if (key == "reason") {
            rule.reason = required_text(k, v, key);
          } else if (key == "expires") {
            rule.expires = required_text(k, v, key);
            if (!is_iso_date(rule.expires)) {
              fail(v, fmt::format("expires must be a date written YYYY-MM-DD, not {}",
                                  quote_text(rule.expires)));
            }
            expires.emplace(k, v);
          } else if (key == "exclude") {
            exclude.emplace(k, v);
          } else if (std::find(kInformationalKeys.begin(), kInformationalKeys.end(), key) ==
                     kInformationalKeys.end()) {
            const bool belongs_in_exclude =
                key == "condition" || key == "selection" || key == "detection" || key == "filter";
            fail(k,
                 fmt::format("unknown key {}{}", quote_text(key),
                             belongs_in_exclude
                                 ? std::string("; selections and the condition go under 'exclude:'")
                                 : hint(key, kRuleKeys)));
          }
        });
    const std::string who =
        rule.id.empty() ? "the rule" : fmt::format("rule {}", quote_text(rule.id));
    if (rule.id.empty()) fail_at(rule.where, "the rule has no 'id'");
    if (rule.title.empty()) fail_at(rule.where, fmt::format("{} has no 'title'", who));
    if (!exclude) fail_at(rule.where, fmt::format("{} has no 'exclude'", who));
    rule.condition =
        std::make_shared<const Rule::Compiled>(read_exclude(*exclude->key, *exclude->value, who));
    if (!rule.expires.empty() && today_.size() == 10 && rule.expires < today_) {
      rule.expired = true;  // the rule still applies on its expiry date, and expires after it
      warnings_.push_back(fmt::format("{}: rule {} expired on {}; it is still applied",
                                      line_of(*expires->value, rule.where).to_string(),
                                      quote_text(rule.id), rule.expires));
    }
    return rule;
  }

 private:
  [[noreturn]] void fail_at(const SourceLocation& where, const std::string& what) const {
    throw Error(where, what);
  }
  [[noreturn]] void fail(const YamlNode& node, const std::string& what,
                         const SourceLocation& fallback = {}) const {
    throw Error(location_of(node, file_, fallback), what);
  }
  SourceLocation line_of(const YamlNode& node, const SourceLocation& fallback) const {
    SourceLocation where = location_of(node, file_, fallback);
    where.column = 0;
    return where;
  }

  template <std::size_t N>
  static std::string hint(std::string_view key, const std::array<std::string_view, N>& known) {
    for (std::string_view k : known) {
      if (lowercase(key) == lowercase(k)) return fmt::format("; did you mean '{}'?", k);
    }
    std::string list;
    for (std::string_view k : known) list += fmt::format("{}{}", list.empty() ? "" : ", ", k);
    return fmt::format(" (expected {})", list);
  }

  /// Calls fn(key text, key node, value node) for each entry of a mapping, rejecting non-scalar
  /// and duplicate keys (yaml-cpp keeps both; a second `condition:` must not go unnoticed).
  template <typename Fn>
  void for_each_entry(const YamlNode& map, const SourceLocation& where, Fn&& fn) const {
    std::map<std::string, SourceLocation> seen;
    for (std::size_t i = 0; i < map.size(); ++i) {
      const YamlNode& k = map.key(i);
      if (!k.is_scalar()) fail(k, "mapping keys must be plain text", where);
      const std::string& key = k.text;
      const SourceLocation at = location_of(k, file_, where);
      const auto [first, inserted] = seen.emplace(key, at);
      if (!inserted) {
        fail(
            k,
            fmt::format("duplicate key {} (first at line {})", quote_text(key), first->second.line),
            where);
      }
      fn(key, k, map.value(i));
    }
  }

  std::string required_text(const YamlNode& key, const YamlNode& value,
                            const std::string& name) const {
    if (!value.is_scalar()) {
      fail(value, fmt::format("'{}' must be text, not {}", name, kind_name(value)),
           location_of(key, file_));
    }
    std::string text = value.text;
    if (text.empty() && name != "reason") {
      fail(value, fmt::format("'{}' is empty", name), location_of(key, file_));
    }
    return text;
  }

  Rule::Compiled read_exclude(const YamlNode& key, const YamlNode& exclude,
                              const std::string& who) {
    const SourceLocation key_at = location_of(key, file_);
    if (!exclude.is_map() || exclude.size() == 0) {
      fail(exclude,
           fmt::format("'exclude' must be a mapping of selections (and a condition), not {}",
                       exclude.is_map() ? "an empty mapping" : kind_name(exclude)),
           key_at);
    }
    std::vector<std::string> names;
    std::vector<SourceLocation> name_at;
    std::vector<Selection> selections;
    std::optional<Entry> condition;
    for_each_entry(exclude, key_at,
                   [&](const std::string& name, const YamlNode& k, const YamlNode& v) {
                     if (name == "condition") {
                       condition.emplace(k, v);
                       return;
                     }
                     check_selection_name(name, k);
                     names.push_back(name);
                     name_at.push_back(location_of(k, file_));
                     selections.push_back(read_selection(name, k, v));
                   });
    if (selections.empty()) fail_at(key_at, fmt::format("{} has no selection", who));

    Rule::Compiled compiled{std::move(selections), Condition::single_selection()};
    if (!condition) {
      if (names.size() > 1) {
        fail_at(key_at, fmt::format("{} has {} selections and no 'condition' to combine them", who,
                                    names.size()));
      }
      return compiled;
    }
    if (!condition->value->is_scalar()) {
      fail(*condition->value,
           fmt::format("'condition' must be text, not {}", kind_name(*condition->value)),
           location_of(*condition->key, file_));
    }
    try {
      compiled.condition = Condition::parse(condition->value->text, names);
    } catch (const ConditionError& e) {
      fail(*condition->value,
           fmt::format("in condition {}: {} (at character {})", quote_text(condition->value->text),
                       e.what(), e.offset() + 1),
           location_of(*condition->key, file_));
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (!compiled.condition.used()[i]) {
        warnings_.push_back(fmt::format("{}: selection {} of {} is not used by its condition",
                                        SourceLocation{file_, name_at[i].line, 0}.to_string(),
                                        quote_text(names[i]), who));
      }
    }
    return compiled;
  }

  void check_selection_name(const std::string& name, const YamlNode& key) const {
    static constexpr std::array<std::string_view, 7> kReserved = {"and",  "or",  "not", "of",
                                                                  "them", "all", "1"};
    if (std::find(kReserved.begin(), kReserved.end(), name) != kReserved.end()) {
      fail(key,
           fmt::format("{} is a condition keyword and cannot name a selection", quote_text(name)));
    }
    for (char c : name) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-' || c == '.';
      if (!ok) {
        fail(key, fmt::format("selection name {} may hold only letters, digits, '_', '-' and '.'",
                              quote_text(name)));
      }
    }
  }

  Selection read_selection(const std::string& name, const YamlNode& key,
                           const YamlNode& value) const {
    const SourceLocation key_at = location_of(key, file_);
    Selection selection;
    if (value.is_map()) {
      selection.alternatives.push_back(read_field_tests(name, value, key_at));
    } else if (value.is_seq() && value.size() > 0) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        const YamlNode& item = value.item(i);
        if (!item.is_map()) {
          fail(item,
               fmt::format("selection {} must be a mapping of fields (or a list of such "
                           "mappings), not a list holding {}",
                           quote_text(name), kind_name(item)),
               key_at);
        }
        selection.alternatives.push_back(read_field_tests(name, item, key_at));
      }
    } else {
      fail(value,
           fmt::format("selection {} must be a mapping of fields, not {}", quote_text(name),
                       value.is_seq() ? "an empty list" : kind_name(value)),
           key_at);
    }
    return selection;
  }

  FieldTests read_field_tests(const std::string& name, const YamlNode& map,
                              const SourceLocation& where) const {
    if (map.size() == 0) fail(map, fmt::format("selection {} is empty", quote_text(name)), where);
    FieldTests tests;
    for_each_entry(map, where,
                   [&](const std::string& field_key, const YamlNode& k, const YamlNode& v) {
                     tests.push_back(read_field_test(field_key, k, v));
                   });
    return tests;
  }

  FieldTest read_field_test(const std::string& field_key, const YamlNode& key,
                            const YamlNode& value) const {
    const SourceLocation key_at = location_of(key, file_);
    const std::size_t bar = field_key.find('|');
    const std::string field = field_key.substr(0, bar);
    const std::size_t column = find_column(field, key);

    MatchKind kind = MatchKind::kEquals;
    std::string kind_word;
    bool cased = false;
    std::size_t at = bar;
    while (at != std::string::npos) {
      const std::size_t next = field_key.find('|', at + 1);
      const std::string mod =
          field_key.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1);
      at = next;
      if (mod == "cased") {
        if (cased) fail(key, "modifier 'cased' is given twice");
        cased = true;
        continue;
      }
      MatchKind k;
      if (mod == "contains") {
        k = MatchKind::kContains;
      } else if (mod == "startswith") {
        k = MatchKind::kStartsWith;
      } else if (mod == "endswith") {
        k = MatchKind::kEndsWith;
      } else if (mod == "re") {
        k = MatchKind::kRegex;
      } else if (mod == "domain") {
        k = MatchKind::kDomain;
      } else if (mod.empty()) {
        fail(key, fmt::format("empty modifier in {}", quote_text(field_key)));
      } else {
        static constexpr std::array<std::string_view, 6> kModifiers = {
            "contains", "startswith", "endswith", "re", "domain", "cased"};
        fail(key, fmt::format("unknown modifier {}{}", quote_text(mod), hint(mod, kModifiers)));
      }
      if (!kind_word.empty()) {
        fail(key, fmt::format("modifiers '{}' and '{}' cannot be combined", kind_word, mod));
      }
      kind = k;
      kind_word = mod;
    }
    if (kind == MatchKind::kDomain && cased) {
      fail(key, "'domain' cannot be 'cased': domain names ignore case");
    }

    std::vector<std::string> values;
    if (value.is_seq()) {
      if (value.size() == 0) {
        fail(value, fmt::format("{} has an empty list", quote_text(field_key)), key_at);
      }
      if (value.size() > max_values_) {
        fail(value,
             fmt::format("{} has {} values; a field takes at most {}", quote_text(field_key),
                         value.size(), max_values_),
             key_at);
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        const YamlNode& v = value.item(i);
        if (!v.is_scalar()) {
          fail(v,
               fmt::format("the value of {} must be text or a list of text; this item is {}",
                           quote_text(field_key), kind_name(v)),
               key_at);
        }
        values.push_back(v.text);
      }
    } else if (value.is_scalar()) {
      values.push_back(value.text);
    } else {
      fail(value,
           fmt::format("the value of {} must be text or a list of text, not {}{}",
                       quote_text(field_key), kind_name(value),
                       value.is_null() ? " (write '' to match an empty cell)" : ""),
           key_at);
    }
    try {
      return FieldTest(column, kind, cased, values);
    } catch (const ValueError& e) {
      const YamlNode& at = value.is_seq() ? value.item(e.index()) : value;
      fail(at, fmt::format("{}: {}", quote_text(field_key), e.what()), key_at);
    }
  }

  std::size_t find_column(const std::string& field, const YamlNode& key) const {
    if (field.empty()) fail(key, "a field name is missing before '|'");
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (columns_[i] == field) return i;
    }
    for (const std::string& c : columns_) {
      if (lowercase(c) == lowercase(field)) {
        fail(key, fmt::format("unknown column {}; did you mean '{}'? (column names are "
                              "case-sensitive)",
                              quote_text(field), c));
      }
    }
    fail(key, fmt::format("unknown column {} (columns: {})", quote_text(field), join(columns_)));
  }

  const std::string& file_;
  std::span<const std::string> columns_;
  std::string_view today_;
  std::size_t max_values_;
  std::vector<std::string>& warnings_;
};

}  // namespace

SourceLocation location_of(const YamlNode& node, const std::string& file,
                           const SourceLocation& fallback) {
  // An empty value has no place of its own; its key is the better place.
  const bool use_fallback = node.is_null() && fallback.line != 0;
  if (use_fallback || node.line == 0) {
    SourceLocation where = fallback;
    where.file = file;
    return where;
  }
  return SourceLocation{file, node.line, node.column};
}

Rule parse_rule_document(const YamlNode& doc, const std::string& file,
                         std::span<const std::string> columns, std::string_view today,
                         std::size_t max_values, std::vector<std::string>& warnings) {
  return DocumentReader(file, columns, today, max_values, warnings).read(doc);
}

}  // namespace huntq::rules
