#include "huntq/output/row_writer.h"

#include <catch2/catch.hpp>
#include <cstdio>

#include "huntq/error.h"
#include "output/capture.h"

using namespace huntq::output;

TEST_CASE("parse_format knows the five formats in any letter case", "[output]") {
  CHECK(parse_format("table") == Format::Table);
  CHECK(parse_format("vertical") == Format::Vertical);
  CHECK(parse_format("csv") == Format::Csv);
  CHECK(parse_format("json") == Format::Json);
  CHECK(parse_format("ndjson") == Format::Ndjson);
  CHECK(parse_format("CSV") == Format::Csv);
  CHECK(parse_format("Json") == Format::Json);
  CHECK(parse_format("VERTICAL") == Format::Vertical);
  CHECK(parse_format("NdJson") == Format::Ndjson);
  CHECK_THROWS_AS(parse_format("xml"), huntq::Error);
  CHECK_THROWS_AS(parse_format(""), huntq::Error);
  CHECK_THROWS_AS(parse_format("csv "), huntq::Error);
}

namespace {
std::string format_error(std::string_view name) {
  try {
    parse_format(name);
  } catch (const huntq::Error& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("parse_format's error lists the formats and guesses typos", "[output]") {
  CHECK(format_error("xml") ==
        "unknown output format \"xml\" (expected table, vertical, csv, json or ndjson)");
  CHECK(format_error("jsno") ==
        "unknown output format \"jsno\"; did you mean \"json\"? (expected table, vertical, "
        "csv, json or ndjson)");
  CHECK(format_error("tabel").find("did you mean \"table\"?") != std::string::npos);
  CHECK(format_error("CVS").find("did you mean \"csv\"?") != std::string::npos);
  CHECK(format_error("ndjsn").find("did you mean \"ndjson\"?") != std::string::npos);
  CHECK(format_error("verticle").find("did you mean \"vertical\"?") != std::string::npos);
  CHECK(format_error("vert").find("did you mean") == std::string::npos);
  CHECK(format_error("c").find("did you mean") == std::string::npos);
}

TEST_CASE("parse_format quotes a long name cut short", "[output]") {
  const std::string message = format_error(std::string(200000, 'x'));
  CHECK(message.size() < 200);
  CHECK(message.find("xxx\u2026\"") != std::string::npos);
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
  for (Format f : {Format::Table, Format::Vertical, Format::Csv, Format::Json, Format::Ndjson}) {
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
