// Byte offsets -> line and column, in the query and in its file.
#include "huntq/kql/source_text.h"

#include <catch2/catch.hpp>

using namespace huntq::kql;

namespace {

std::string lc(const SourceMap& map, std::uint32_t offset) {
  const LineColumn p = map.line_column(offset);
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}

}  // namespace

TEST_CASE("source text: LF, CRLF and lone CR all end a line") {
  SourceText src{"q", "ab\ncd\r\nef\rgh"};
  SourceMap map(src);
  CHECK(lc(map, 0) == "1:1");
  CHECK(lc(map, 1) == "1:2");
  CHECK(lc(map, 2) == "1:3");  // the '\n' ends line 1
  CHECK(lc(map, 3) == "2:1");
  CHECK(lc(map, 5) == "2:3");  // the '\r' of "\r\n"
  CHECK(lc(map, 7) == "3:1");
  CHECK(lc(map, 9) == "3:3");
  CHECK(lc(map, 10) == "4:1");
  CHECK(lc(map, 11) == "4:2");
  CHECK(lc(map, 12) == "4:3");    // the end
  CHECK(lc(map, 1000) == "4:3");  // clamped
}

TEST_CASE("source text: columns count UTF-8 code points, an invalid byte as one") {
  SourceText src{"q", "\xC3\xA9 x\n\xF0\x9F\x98\x80y\n\xFF\xFEz"};
  SourceMap map(src);
  CHECK(lc(map, 3) == "1:3");   // 'x' after "é "
  CHECK(lc(map, 9) == "2:2");   // 'y' after one 4-byte emoji
  CHECK(lc(map, 13) == "3:3");  // 'z' after two invalid bytes
}

TEST_CASE("source text: file locations add first_line and column_offset") {
  SourceText src{"hunt.yaml", "T\n| where x", 12, 2};
  SourceMap map(src);
  const auto where = map.locate(10);  // 'x'
  CHECK(where.file == "hunt.yaml");
  CHECK(where.line == 13);
  CHECK(where.column == 11);
  CHECK(where.to_string() == "hunt.yaml:13:11");
  CHECK(locate(src, 0).to_string() == "hunt.yaml:12:3");
}
