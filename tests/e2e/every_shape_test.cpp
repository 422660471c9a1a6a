// The same sample rows written in every export shape huntq reads (and gzipped) give the same
// hunt output as the NDJSON samples: a reader that loses or changes a row fails here.
#include <simdjson.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>

#include "run_binary.h"

using huntq::testing::run_huntq;
using huntq::testing::slurp;
using huntq::testing::TempDir;

namespace {

struct Table {
  std::string name;
  std::vector<std::string> columns;                      // union of keys, first-seen order
  std::vector<std::map<std::string, std::string>> rows;  // key -> minified JSON value
};

Table load(const std::string& path, const std::string& name) {
  Table t{name, {}, {}};
  simdjson::dom::parser parser;
  const std::string text = slurp(path);
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::string line = text.substr(start, nl - start);
    start = nl + 1;
    std::map<std::string, std::string> row;
    for (auto field : parser.parse(line).get_object()) {
      const std::string key(field.key);
      if (std::find(t.columns.begin(), t.columns.end(), key) == t.columns.end())
        t.columns.push_back(key);
      row[key] = simdjson::minify(field.value);
    }
    t.rows.push_back(row);
  }
  return t;
}

std::string value_or_null(const std::map<std::string, std::string>& row, const std::string& key) {
  auto it = row.find(key);
  return it == row.end() ? "null" : it->second;
}

std::string object_of(const std::map<std::string, std::string>& row) {
  std::string o = "{";
  for (const auto& [k, v] : row) o += (o.size() > 1 ? "," : "") + ("\"" + k + "\":" + v);
  return o + "}";
}

std::string array_of(const Table& t) {
  std::string a = "[\n";
  for (std::size_t i = 0; i < t.rows.size(); ++i) a += (i ? ",\n  " : "  ") + object_of(t.rows[i]);
  return a + "\n]\n";
}

std::string schema_of(const Table& t, const char* name_key, const char* type_key) {
  std::string s = "[";
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    s += std::string(i ? "," : "") + "{\"" + name_key + "\":\"" + t.columns[i] + "\",\"" +
         type_key + "\":\"" + (t.columns[i] == "Timestamp" ? "DateTime" : "String") + "\"}";
  return s + "]";
}

std::string api_of(const Table& t) {
  return "{\"Stats\":{\"ExecutionTime\":0.1},\"Schema\":" + schema_of(t, "Name", "Type") +
         ",\"Results\":" + array_of(t) + "}";
}

std::string graph_of(const Table& t) {
  return "{\"schema\":" + schema_of(t, "name", "type") + ",\n\"results\":" + array_of(t) + "}";
}

std::string log_analytics_of(const Table& t) {
  std::string s = "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[";
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    s += std::string(i ? "," : "") + "{\"name\":\"" + t.columns[i] + "\",\"type\":\"" +
         (t.columns[i] == "Timestamp" ? "datetime" : "string") + "\"}";
  s += ",{\"name\":\"Type\",\"type\":\"string\"}],\"rows\":[";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    s += r ? ",\n[" : "\n[";
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      s += (i ? "," : "") + value_or_null(t.rows[r], t.columns[i]);
    s += ",\"" + t.name + "\"]";
  }
  return s + "]}]}\n";
}

std::string streaming_record(const Table& t, const std::map<std::string, std::string>& row) {
  return "{\"time\":\"2026-07-18T13:01:51.2820995Z\",\"tenantId\":\"4b8c18bd-2f9f-4227-af55-"
         "9f1061cf9c32\","
         "\"operationName\":\"Publish\",\"category\":\"AdvancedHunting-" +
         t.name + "\",\"properties\":" + object_of(row) + ",\"Tenant\":\"DefaultTenant\"}";
}

// CSV text of a JSON value: strings unquoted, null empty, anything else its JSON text.
std::string csv_cell(const std::string& json) {
  std::string text;
  if (json == "null") return "";
  if (json.front() == '"') {
    simdjson::dom::parser p;
    text = std::string(p.parse(json).get_string().value());
  } else {
    text = json;
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string q = "\"";
  for (char c : text) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string csv_of(const Table& t) {
  std::string s;
  for (std::size_t i = 0; i < t.columns.size(); ++i) s += (i ? "," : "") + t.columns[i];
  s += "\r\n";
  for (const auto& row : t.rows) {
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      s += (i ? "," : "") + csv_cell(value_or_null(row, t.columns[i]));
    s += "\r\n";
  }
  return s;
}

void write_gzip(const std::string& path, const std::string& text) {
  gzFile f = gzopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  REQUIRE(gzwrite(f, text.data(), static_cast<unsigned>(text.size())) ==
          static_cast<int>(text.size()));
  gzclose(f);
}

}  // namespace

TEST_CASE("every shape: the hunt returns the NDJSON samples' rows from each shape") {
  const Table de =
      load(std::string(HUNTQ_SOURCE_DIR) + "/samples/DeviceEvents.ndjson", "DeviceEvents");
  const Table dfe =
      load(std::string(HUNTQ_SOURCE_DIR) + "/samples/DeviceFileEvents.ndjson", "DeviceFileEvents");
  const auto expected = run_huntq({"run", "--format", "ndjson", "samples/DeviceEvents.ndjson",
                                   "samples/DeviceFileEvents.ndjson"});
  REQUIRE(expected.status == 0);
  REQUIRE(std::count(expected.out.begin(), expected.out.end(), '\n') == 19);

  TempDir dir;
  std::map<std::string, std::vector<std::string>> shapes;
  auto both = [&](const std::string& shape, const std::string& ext, auto&& render) {
    shapes[shape] = {dir.write(shape + "-de." + ext, render(de)),
                     dir.write(shape + "-dfe." + ext, render(dfe))};
  };
  both("array", "json", array_of);
  both("api", "json", api_of);
  both("graph", "json", graph_of);
  both("loganalytics", "json", log_analytics_of);
  both("csv", "csv", csv_of);
  // Streaming records of both tables interleaved in one file, and the {"records":[...]} body.
  std::string lines, wrapped = "{\"records\":[";
  for (std::size_t i = 0; i < std::max(de.rows.size(), dfe.rows.size()); ++i) {
    for (const Table* t : {&de, &dfe}) {
      if (i >= t->rows.size()) continue;
      const std::string rec = streaming_record(*t, t->rows[i]);
      lines += rec + "\r\n";
      wrapped += (wrapped.back() == '[' ? "" : ",\n") + rec;
    }
  }
  shapes["streaming"] = {dir.write("PT1H.json", lines)};
  shapes["streaming-wrapped"] = {dir.write("eventhub.json", wrapped + "]}")};
  const std::string gz_de = (dir.path() / "de.gz").string(),
                    gz_dfe = (dir.path() / "dfe.bin").string();
  write_gzip(gz_de, slurp(std::string(HUNTQ_SOURCE_DIR) + "/samples/DeviceEvents.ndjson"));
  write_gzip(gz_dfe, csv_of(dfe));  // gzipped CSV, named like neither
  shapes["gzip"] = {gz_de, gz_dfe};

  for (const auto& [shape, files] : shapes) {
    std::vector<std::string> a{"run", "--format", "ndjson"};
    a.insert(a.end(), files.begin(), files.end());
    const auto r = run_huntq(a);
    INFO("shape " << shape << "\n" << r.err);
    CHECK(r.status == 0);
    CHECK(r.out == expected.out);
  }
}
