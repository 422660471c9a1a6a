#include "adx_schema_command.h"

#include <fmt/format.h>

#include <cstdio>

#include "huntq/cli/app.h"
#include "huntq/error.h"
#include "huntq/value/json_quote.h"
#include "huntq/value/schema.h"

namespace huntq::cli {
namespace {

// ['Name']: Kusto's escaped-name form, safe for any column name.
std::string bracketed(std::string_view name) {
  std::string out = "['";
  for (char c : name) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "']";
}

void append_table(std::string& out, const TableDef& t) {
  // create-merge-table-command.md: creates the table, or adds the missing columns.
  out += fmt::format(".create-merge table {} (", bracketed(t.name));
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    out += fmt::format("{}{}:{}", i ? ", " : "", bracketed(t.columns[i].name),
                       type_name(t.columns[i].type));
  out += ")\n\n";
  // create-or-alter-ingestion-mapping-command.md: each column read from the JSON key of its
  // name, as the advanced-hunting API and the streaming API's properties write them.
  std::string mapping = "[";
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const auto& c = t.columns[i];
    mapping += fmt::format("{}{{\"column\":{},\"datatype\":\"{}\",\"Properties\":{{\"Path\":{}}}}}",
                           i ? "," : "", json_quote(c.name), type_name(c.type),
                           json_quote("$['" + std::string(c.name) + "']"));
  }
  mapping += "]";
  std::string quoted = "'";
  for (char c : mapping) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += "'";
  out += fmt::format(".create-or-alter table {} ingestion json mapping \"{}_json\"\n{}\n\n",
                     bracketed(t.name), std::string(t.name), quoted);
}

}  // namespace

std::string adx_schema_text(const std::vector<std::string>& tables) {
  std::string out;
  if (tables.empty()) {
    for (const TableDef* t : known_tables()) append_table(out, *t);
    return out;
  }
  for (const auto& name : tables) {
    const TableDef* t = find_table(name);
    if (!t) throw Error(fmt::format("adx-schema: unknown table '{}'", name.substr(0, 80)));
    append_table(out, *t);
  }
  return out;
}

int adx_schema_command(const std::vector<std::string>& tables) {
  const std::string text = adx_schema_text(tables);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kRowsPrinted;
}

}  // namespace huntq::cli
