#include "huntq/input/csv_header.h"

#include "huntq/value/schema.h"

namespace huntq::input {

std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          fields.back() += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

bool looks_like_csv_header(std::string_view first_line) {
  if (!first_line.empty() && first_line.back() == '\r') first_line.remove_suffix(1);
  bool known = false;
  for (const std::string& f : split_csv_line(first_line)) {
    if (f.empty() || f.size() > 200) return false;
    for (char c : f) {
      if (static_cast<unsigned char>(c) < 0x20 || c == '{' || c == '}') return false;
    }
    const std::string_view n = normalise_column_name(f);
    for (const TableDef* t : known_tables()) {
      if (t->find(n) != nullptr) known = true;
    }
    if (iequals(n, "TimeGenerated") || iequals(n, "Type")) known = true;
  }
  return known;
}

}  // namespace huntq::input
