#include <catch2/catch.hpp>
#include <string>

#include "huntq/error.h"
#include "huntq/input/record_source.h"
#include "huntq/value/datetime.h"
#include "input_test_support.h"

using namespace huntq;
using namespace huntq::input;
using namespace huntq::input::testing;

namespace {

const Projection kDfe = projection_of(
    device_file_events(),
    {"Timestamp", "MD5", "FileOriginUrl", "FileOriginReferrerUrl", "InitiatingProcessFileName"});

}  // namespace

TEST_CASE("json array: pretty-printed rows with their start lines", "[input][array]") {
  TempDir dir;
  const std::string path =
      dir.write("dfe.json",
                "\xEF\xBB\xBF[\n"
                "  {\n"
                "    \"Timestamp\": \"2024-03-26T09:39:50.7688641Z\",\n"
                "    \"MD5\": \"2b98\",\n"
                "    \"FileOriginUrl\": \"https://a.example/x]}\\\"\",\n"
                "    \"FileOriginReferrerUrl\": null,\n"
                "    \"AdditionalFields\": { \"a\": [1, {\"b\": 2}] }\n"
                "  },\r\n"
                "  {\"MD5\": \"cc\", \"InitiatingProcessFileName\": \"x.exe\"},\n"
                "  [1],\n"
                "  {\"MD5\": \"dd\"}\n"
                "]\n");
  const InputInfo info = sniff_input(path, nullptr);
  CHECK(info.shape == Shape::JsonArray);
  CHECK(info.table == &device_file_events());
  CHECK_FALSE(info.splittable);
  const ReadResult r = read_all(info, kDfe);
  REQUIRE(r.rows.size() == 4);
  CHECK(r.rows[0].line == 2);
  CHECK(r.rows[0].cells[0].ticks() == ticks_from_civil(2024, 3, 26, 9, 39, 50, 7688641));
  CHECK(text(&r.rows[0], 1) == "2b98");
  CHECK(text(&r.rows[0], 2) == "https://a.example/x]}\"");
  CHECK(text(&r.rows[0], 3).empty());
  CHECK(r.rows[1].line == 9);
  CHECK(text(&r.rows[1], 4) == "x.exe");
  CHECK(r.rows[2].line == 10);
  CHECK(r.rows[2].decoded.status == Decoded::Status::Malformed);
  CHECK(r.rows[2].decoded.why == "expected a JSON object, found an array");
  CHECK(r.rows[3].line == 11);
  CHECK(text(&r.rows[3], 1) == "dd");
  CHECK(r.stats.records == 4);
  CHECK(r.stats.malformed == 1);
}

TEST_CASE("json array: an object cell from pretty-printed input is compact", "[input][array]") {
  TempDir dir;
  const std::string path = dir.write(
      "de.json",
      "[{\"ActionType\": \"A\", \"IsProcessRemoteSession\": false,\n \"AdditionalFields\": {\n  "
      "\"ThreatName\": \"T 1\"\n }}]");
  const InputInfo info = sniff_input(path, nullptr);
  CHECK(info.table == &device_events());
  const ReadResult r = read_all(info, projection_of(device_events(), {"AdditionalFields"}));
  const auto ok = r.ok();
  REQUIRE(ok.size() == 1);
  CHECK(text(ok[0], 0) == "{\"ThreatName\":\"T 1\"}");
}

TEST_CASE("json array: empty array has no rows", "[input][array]") {
  TempDir dir;
  const std::string path = dir.write("e.json", " [ ] \n");
  const InputInfo info = sniff_input(path, &device_events());
  CHECK(read_all(info, kDfe).rows.empty());
}

TEST_CASE("json array: truncated mid-array stops with file:line", "[input][array]") {
  TempDir dir;
  const std::string path = dir.write("t.json",
                                     "[\n{\"MD5\":\"a\",\"FileOriginReferrerUrl\":\"u\"},\n"
                                     "{\"MD5\":\"b\",\n\"FileOriginUrl\":\"x");
  const InputInfo info = sniff_input(path, nullptr);
  auto source = open_source(info);
  REQUIRE(source->next());
  std::vector<Value> cells;
  CHECK(source->decode(kDfe, cells).status == Decoded::Status::Ok);
  try {
    source->next();
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          path + ":3: truncated JSON array: the file ends inside element 2");
  }
  const std::string path2 =
      dir.write("t2.json", "[{\"MD5\":\"a\",\"FileOriginReferrerUrl\":\"u\"}\n");
  auto source2 = open_source(sniff_input(path2, nullptr));
  REQUIRE(source2->next());
  CHECK_THROWS_WITH(source2->next(),
                    path2 +
                        ":2: truncated JSON array: the file ends after 1 element(s), expected "
                        "',' or ']'");
}

TEST_CASE("api response: Stats, Schema and Results in any case and order", "[input][api]") {
  TempDir dir;
  const std::string mde =
      dir.write("mde.json",
                "{\"Stats\":{\"ExecutionTime\":0.1,\"resource_usage\":{\"a\":[1,2]}},\n"
                " \"Schema\":[{\"Name\":\"Timestamp\",\"Type\":\"DateTime\"},{\"Name\":\"MD5\","
                "\"Type\":\"String\"},"
                "{\"Name\":\"FileOriginReferrerUrl\",\"Type\":\"String\"}],\n"
                " \"Results\":[\n"
                "  "
                "{\"Timestamp\":\"2020-02-05T01:10:26.2648757Z\",\"MD5\":\"m1\","
                "\"FileOriginReferrerUrl\":\"r\"},\n"
                "  {\"Timestamp\":\"2020-02-05T01:10:27Z\",\"MD5\":\"m2\"}\n"
                " ]}\n");
  const InputInfo info = sniff_input(mde, nullptr);
  CHECK(info.shape == Shape::ApiResponse);
  CHECK(info.table == &device_file_events());
  ReadResult r = read_all(info, kDfe);
  REQUIRE(r.ok().size() == 2);
  CHECK(r.rows[0].line == 4);
  CHECK(text(r.ok()[1], 1) == "m2");
  CHECK(text(r.ok()[0], 3) == "r");

  const std::string graph = dir.write(
      "graph.json",
      "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#x\",\n"
      "\"results\":[{\"Timestamp\":\"2024-03-26T09:39:50.7688641Z\",\"FileName\":\"cmd.exe\","
      "\"ActionType\":\"AntivirusDetection\",\"AdditionalFields\":\"{}\","
      "\"CreatedProcessSessionId\":7}],"
      "\"schema\":[{\"name\":\"Timestamp\",\"type\":\"DateTime\"}]}");
  const InputInfo ginfo = sniff_input(graph, nullptr);
  CHECK(ginfo.shape == Shape::ApiResponse);
  CHECK(ginfo.table == &device_events());
  const ReadResult gr = read_all(ginfo, projection_of(device_events(), {"FileName", "ActionType"}));
  const auto rows = gr.ok();
  REQUIRE(rows.size() == 1);
  CHECK(text(rows[0], 0) == "cmd.exe");

  const std::string one_line = dir.write(
      "line.json",
      "{\"results\":[{\"ActionType\":\"A\",\"ProcessRemoteSessionIP\":\"\"},{\"ActionType\":"
      "\"B\",\"ProcessRemoteSessionIP\":\"\"}]}");
  const InputInfo linfo = sniff_input(one_line, nullptr);
  CHECK(linfo.shape == Shape::ApiResponse);
  CHECK(read_all(linfo, projection_of(device_events(), {"ActionType"})).ok().size() == 2);
}

TEST_CASE("api response: truncated inside Results", "[input][api]") {
  TempDir dir;
  const std::string path = dir.write(
      "t.json",
      "{\"Schema\":[],\n\"Results\":[{\"ActionType\":\"A\",\"ProcessRemoteSessionIP\":\"\"},");
  const InputInfo info = sniff_input(path, nullptr);
  auto source = open_source(info);
  REQUIRE(source->next());
  CHECK_THROWS_WITH(source->next(), Catch::Contains(":2: truncated JSON array \"Results\""));
}

TEST_CASE("api response: with no rows the Schema tells the table", "[input][api]") {
  TempDir dir;
  const std::string path = dir.write(
      "none.json",
      "{\"Schema\":[{\"Name\":\"MD5\",\"Type\":\"String\"},{\"Name\":\"FileOriginReferrerUrl\","
      "\"Type\":\"String\"}],\"Results\":[]}");
  const InputInfo info = sniff_input(path, nullptr);
  CHECK(info.table == &device_file_events());
  CHECK(info.columns == std::vector<std::string>{"MD5", "FileOriginReferrerUrl"});
  CHECK(read_all(info, kDfe).rows.empty());
}

TEST_CASE("json array: escaped quotes and backslashes at every offset of a long string",
          "[input][array]") {
  TempDir dir;
  std::string content = "[";
  std::vector<std::string> expected;
  for (std::size_t k = 0; k < 40; ++k) {
    // A value with \" and \\ at offset k: the scanner must not end the string there.
    const std::string raw = std::string(k, 'a') + "\\\"]}" + std::string(k % 7, 'b') + "\\\\";
    expected.push_back(std::string(k, 'a') + "\"]}" + std::string(k % 7, 'b') + "\\");
    content += std::string(k ? "," : "") + "{\"ActionType\":\"" + raw + "\"}";
  }
  content += "]";
  const std::string path = dir.write("de.json", content);
  const InputInfo info = sniff_input(path, &device_events());
  const ReadResult r = read_all(info, projection_of(device_events(), {"ActionType"}));
  REQUIRE(r.rows.size() == expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) CHECK(text(&r.rows[k], 0) == expected[k]);
}
