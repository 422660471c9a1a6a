#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "huntq/error.h"
#include "huntq/input/record_source.h"
#include "input_test_support.h"

using namespace huntq;
using namespace huntq::input;
using namespace huntq::input::testing;

TEST_CASE("sniff: files that are no input say so by name", "[input][sniff]") {
  TempDir dir;
  const std::string empty = dir.write("empty.json", "");
  CHECK_THROWS_WITH(sniff_input(empty, nullptr), empty + ": file is empty");
  const std::string blank = dir.write("blank.json", "\xEF\xBB\xBF \r\n\n");
  CHECK_THROWS_WITH(sniff_input(blank, nullptr), blank + ": file is empty (only whitespace)");
  const std::string xlsx = dir.write("x.csv", std::string("PK\x03\x04rest", 8));
  CHECK_THROWS_WITH(sniff_input(xlsx, nullptr),
                    xlsx +
                        ": looks like an Excel workbook (.xlsx); export the results as CSV "
                        "instead");
  const std::string text = dir.write("notes.txt", "hello world\nsecond line\n");
  CHECK_THROWS_WITH(sniff_input(text, nullptr), Catch::StartsWith(text + ":1: unknown shape"));
  const std::string broken = dir.write("obj.json", "{\n  \"ActionType\": \n");
  CHECK_THROWS_WITH(sniff_input(broken, nullptr), Catch::StartsWith(broken + ":1: unknown shape") &&
                                                      Catch::Contains("(is the JSON broken?)"));
  CHECK_THROWS_WITH(sniff_input(dir.path() + "/missing.json", nullptr),
                    Catch::StartsWith(dir.path() + "/missing.json: cannot open"));
  CHECK_THROWS_WITH(sniff_input(dir.path(), nullptr), dir.path() + ": is a directory");
}

TEST_CASE("sniff: the table comes from Type, then columns, unless forced", "[input][sniff]") {
  TempDir dir;
  const std::string typed = dir.write(
      "t.json", "{\"Type\":\"DeviceFileEvents\",\"TimeGenerated\":\"2024-01-01\",\"MD5\":\"a\"}\n");
  const InputInfo tinfo = sniff_input(typed, nullptr);
  CHECK(tinfo.table == nullptr);  // every row names its own
  CHECK(tinfo.routing == Routing::Label);
  CHECK(tinfo.tables == std::vector<const TableDef*>{&device_file_events()});
  const std::string cols = dir.write("c.json", "{\"MD5\":\"a\",\"PreviousFileName\":\"\"}\n");
  const InputInfo info = sniff_input(cols, nullptr);
  CHECK(info.table == &device_file_events());
  REQUIRE(info.columns.size() == 2);
  CHECK(info.columns[1] == "PreviousFileName");
  const std::string vague = dir.write("v.json", "{\"MD5\":\"a\",\"FileName\":\"b\"}\n");
  CHECK_THROWS_WITH(sniff_input(vague, nullptr),
                    Catch::StartsWith(vague + ": cannot tell the table from the columns (MD5, "
                                              "FileName)") &&
                        Catch::Contains("--table"));
  CHECK(sniff_input(vague, &device_events()).table == &device_events());
  // A broken first line does not hide a JSON-lines file.
  const std::string broken =
      dir.write("b.json", "{\"MD5\":\"a\",\n{\"MD5\":\"b\",\"ProcessRemoteSessionIP\":\"k\"}\n");
  const InputInfo binfo = sniff_input(broken, nullptr);
  CHECK(binfo.shape == Shape::Ndjson);
  CHECK(binfo.table == &device_events());
}

TEST_CASE("sniff: standard input is spooled and read like a file", "[input][sniff]") {
  TempDir dir;
  const std::string path =
      dir.write("in.json", "{\"ActionType\":\"A\",\"ProcessRemoteSessionIP\":\"k\"}\n");
  // The spool is made once per process; this is the only test that reads "-".
  const int saved = ::dup(STDIN_FILENO);
  FILE* f = std::fopen(path.c_str(), "rb");
  REQUIRE(f != nullptr);
  ::dup2(::fileno(f), STDIN_FILENO);
  const InputInfo info = sniff_input("-", nullptr);
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  std::fclose(f);
  CHECK(info.display_name == "<stdin>");
  CHECK(info.path == "-");
  CHECK(info.table == &device_events());
  const ReadResult r = read_all(info, projection_of(device_events(), {"ActionType"}));
  REQUIRE(r.rows.size() == 1);
  CHECK(text(&r.rows[0], 0) == "A");
  CHECK(sniff_input("-", nullptr).data_path == info.data_path);  // read once, reused
}
