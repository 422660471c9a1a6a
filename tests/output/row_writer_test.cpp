#include "huntq/output/row_writer.h"

#include <catch2/catch.hpp>
#include <cstdio>

#include "huntq/error.h"
#include "output/capture.h"

using namespace huntq::output;

TEST_CASE("parse_format knows the four formats", "[output]") {
  CHECK(parse_format("table") == Format::Table);
  CHECK(parse_format("csv") == Format::Csv);
  CHECK(parse_format("json") == Format::Json);
  CHECK(parse_format("ndjson") == Format::Ndjson);
  CHECK_THROWS_AS(parse_format("xml"), huntq::Error);
  CHECK_THROWS_AS(parse_format(""), huntq::Error);
  CHECK_THROWS_AS(parse_format("CSV"), huntq::Error);
}

TEST_CASE("parse_format's error does not echo control characters", "[output]") {
  try {
    parse_format("\x1b[2J");
    FAIL("no error");
  } catch (const huntq::Error& e) {
    CHECK(std::string(e.what()).find('\x1b') == std::string::npos);
  }
}

TEST_CASE("every writer rejects a row with the wrong number of cells", "[output]") {
  for (Format f : {Format::Table, Format::Csv, Format::Json, Format::Ndjson}) {
    std::FILE* out = std::tmpfile();
    REQUIRE(out);
    auto writer = make_writer(f, out, {});
    const std::vector<Column> columns = {{"A", huntq::Type::String}, {"B", huntq::Type::String}};
    writer->begin(columns);
    const std::vector<Cell> one = {Cell{"x"}};
    CHECK_THROWS_AS(writer->row(one), huntq::Error);
    writer.reset();
    std::fclose(out);
  }
}

TEST_CASE("finish reports an output that cannot be written", "[output]") {
  std::FILE* full = std::fopen("/dev/full", "w");
  if (!full) return;  // not on this system
  auto writer = make_writer(Format::Csv, full, {});
  const std::vector<Column> columns = {{"A", huntq::Type::String}};
  writer->begin(columns);
  CHECK_THROWS_AS(writer->finish(), huntq::Error);
  writer.reset();
  std::fclose(full);
}

TEST_CASE("writers flush large outputs completely", "[output]") {
  // Far past the 64 KiB flush threshold, to cover the intermediate flushes.
  std::vector<std::vector<huntq::output::test::TestCell>> rows;
  for (int i = 0; i < 20000; ++i) rows.push_back({std::to_string(i)});
  const std::string out =
      huntq::output::test::render(Format::Ndjson, huntq::output::test::string_columns({"I"}), rows);
  std::string expected;
  for (int i = 0; i < 20000; ++i) expected += "{\"I\":\"" + std::to_string(i) + "\"}\n";
  CHECK(out == expected);
}
