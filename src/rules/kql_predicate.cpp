// The mapping (README "Exclusion rules"): equals is =~ / in~ (== / in when cased); contains,
// startswith and endswith are the KQL operators (_cs when cased); wildcard and `re` values are
// `matches regex` with the very pattern the native matcher runs; `domain` is one anchored
// regex over the URL (domain_regex.h). Only operators and functions that Defender advanced
// hunting, Sentinel and Azure Data Explorer all have are used.
#include "kql_predicate.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiled_rule.h"
#include "domain_regex.h"
#include "message_text.h"
#include "utf8.h"

namespace huntq::rules {
namespace {

std::string quote_with(std::string_view s, char quote) {
  std::string out(1, quote);
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    if (c == '\\' || c == quote) {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\u{:04X}", u);
    } else if (u >= 0x80) {
      const std::size_t len = utf8_sequence_length(s, i);
      if (len == 0) {
        out += "\\uFFFD";
        ++i;
        continue;
      }
      out.append(s.substr(i, len));
      i += len;
      continue;
    } else {
      out += c;
    }
    ++i;
  }
  return out + quote;
}

/// True when KQL reads `name` bare as a column: an identifier with an uppercase letter (KQL's
/// keywords, a longer list than any copy here would stay, are all lowercase) that is not a
/// boolean literal (those ignore case). Any other name is written ['name'].
bool is_plain_column(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  bool upper = false;
  for (char c : name) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && c != '_' && !(c >= '0' && c <= '9')) return false;
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  std::string lower(name);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return upper && lower != "true" && lower != "false";
}

std::string any_of(const std::vector<std::string>& terms) {
  if (terms.empty()) return "false";
  if (terms.size() == 1) return terms[0];
  std::string out = "(";
  for (std::size_t i = 0; i < terms.size(); ++i) out += (i ? " or " : "") + terms[i];
  return out + ")";
}

std::string all_of(const std::vector<std::string>& terms) {
  if (terms.size() == 1) return terms[0];
  std::string out = "(";
  for (std::size_t i = 0; i < terms.size(); ++i) out += (i ? " and " : "") + terms[i];
  return out + ")";
}

}  // namespace

std::string kql_string(std::string_view s) {
  return quote_with(s, '"');
}

std::string kql_column(std::string_view name) {
  if (is_plain_column(name)) return std::string(name);
  return "[" + quote_with(name, '\'') + "]";
}

std::string KqlWriter::column(std::size_t index) const {
  const std::string name = kql_column(columns_[index]);
  if (index < types_.size() && !types_[index].empty() && types_[index] != "string") {
    return "tostring(" + name + ")";
  }
  return name;
}

std::string KqlWriter::field_test(const FieldTest& t) const {
  const std::string col = column(t.column());
  std::vector<std::string> terms;
  if (t.kind() == MatchKind::kDomain) {
    const std::string re = domain_url_regex(t.domains());
    return re.empty() ? "false" : col + " matches regex " + kql_string(re);
  }
  std::vector<std::string> literals = t.literals();
  std::sort(literals.begin(), literals.end());
  literals.erase(std::unique(literals.begin(), literals.end()), literals.end());
  if (t.kind() == MatchKind::kEquals && !literals.empty()) {
    if (literals.size() == 1) {
      terms.push_back(col + (t.cased() ? " == " : " =~ ") + kql_string(literals[0]));
    } else {
      std::string list;
      for (const std::string& v : literals) list += (list.empty() ? "" : ", ") + kql_string(v);
      terms.push_back(col + (t.cased() ? " in (" : " in~ (") + list + ")");
    }
  } else if (!literals.empty()) {
    // An empty value is found in every cell, as the native matcher finds it.
    if (std::find(literals.begin(), literals.end(), "") != literals.end()) return "true";
    const std::string op = t.kind() == MatchKind::kContains     ? "contains"
                           : t.kind() == MatchKind::kStartsWith ? "startswith"
                                                                : "endswith";
    for (const std::string& v : literals) {
      terms.push_back(col + " " + op + (t.cased() ? "_cs " : " ") + kql_string(v));
    }
  }
  for (const std::string& p : t.patterns()) {
    terms.push_back(col + " matches regex " + kql_string(p));
  }
  return any_of(terms);
}

std::string KqlWriter::selection(const Selection& s) const {
  std::vector<std::string> alternatives;
  for (const FieldTests& tests : s.alternatives) {
    std::vector<std::string> terms;
    for (const FieldTest& t : tests) terms.push_back(field_test(t));
    alternatives.push_back(all_of(terms));
  }
  return any_of(alternatives);
}

void KqlWriter::describe(Rule& rule) const {
  const Rule::Compiled& c = *rule.condition;
  rule.kql = c.condition.to_kql([&](std::size_t i) { return selection(c.selections[i]); });

  bool has_domain = false;
  for (const Selection& s : c.selections) {
    for (const FieldTests& tests : s.alternatives) {
      for (const FieldTest& t : tests) has_domain = has_domain || t.kind() == MatchKind::kDomain;
    }
  }
  std::string comment =
      fmt::format("// exclusion rule {}: {}\n", one_line(rule.id), one_line(rule.title));
  if (!rule.reason.empty()) comment += fmt::format("// reason: {}\n", one_line(rule.reason));
  if (!rule.expires.empty()) {
    comment += fmt::format("// expires: {}{}\n", rule.expires,
                           rule.expired ? " (expired; still applied)" : "");
  }
  comment += fmt::format("// from: {}\n", one_line(rule.where.to_string()));
  if (has_domain) {
    comment +=
        "// note: the domain test reads common URL forms only; a URL whose host is "
        "percent-encoded or not ASCII, an IPv4 address not in dotted decimal, a port past "
        "65535 or tabs or newlines inside the URL make it false, so such rows are kept (a "
        "browser might read some of them as this domain)\n";
  }
  rule.kql_comment = std::move(comment);
}

}  // namespace huntq::rules
