#include <zlib.h>

#include <catch2/catch.hpp>
#include <string>

#include "huntq/error.h"
#include "huntq/input/byte_stream.h"
#include "huntq/input/record_source.h"
#include "input_test_support.h"

using namespace huntq;
using namespace huntq::input;
using namespace huntq::input::testing;

namespace {

// One gzip member of `data` (zlib's deflate with the gzip wrapper).
std::string gzip(const std::string& data) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string read_everything(ByteStream& s, std::size_t chunk) {
  std::string out, buf(chunk, '\0');
  for (;;) {
    const std::size_t got = s.read(buf.data(), buf.size());
    if (got == 0) return out;
    out.append(buf.data(), got);
  }
}

}  // namespace

TEST_CASE("gzip: both inflaters read members, and refuse truncated data", "[input][gzip]") {
  TempDir dir;
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "{\"ActionType\":\"row" + std::to_string(i) + "\"}\n";
  // Two members, as pigz or appended logs write them, then zero padding.
  const std::string two = dir.write("two.gz", gzip(big) + gzip("tail\n") + std::string(16, '\0'));
  const std::string gz = gzip(big);
  const std::string cut = dir.write("cut.gz", gz.substr(0, gz.size() / 2));
  for (GzipBackend backend : {GzipBackend::Zlib, GzipBackend::IsaL}) {
    INFO("backend " << static_cast<int>(backend));
    for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{1} << 16}) {
      if (chunk == 1 && backend == GzipBackend::Zlib) continue;  // slow, same code path as 7
      auto s = open_gzip_stream(open_file_stream(two, "two.gz"), "two.gz", backend);
      CHECK(read_everything(*s, chunk) == big + "tail\n");
    }
    auto t = open_gzip_stream(open_file_stream(cut, "cut.gz"), "cut.gz", backend);
    CHECK_THROWS_WITH(read_everything(*t, 4096),
                      Catch::StartsWith("cut.gz: truncated gzip stream"));
  }
}

TEST_CASE("gzip: every shape reads the same compressed", "[input][gzip]") {
  TempDir dir;
  const Projection p = projection_of(device_events(), {"ActionType", "MD5"});
  const std::vector<std::pair<std::string, Shape>> files{
      {"{\"ActionType\":\"A\",\"MD5\":\"m\",\"ProcessRemoteSessionIP\":\"\"}\r\n{\"ActionType\":"
       "\"B\"}\n",
       Shape::Ndjson},
      {"[{\"ActionType\":\"A\",\"MD5\":\"m\",\"ProcessRemoteSessionIP\":\"\"},\n{\"ActionType\":"
       "\"B\"}]",
       Shape::JsonArray},
      {"{\"Results\":[{\"ActionType\":\"A\",\"MD5\":\"m\",\"ProcessRemoteSessionIP\":\"\"},{"
       "\"ActionType\":"
       "\"B\"}]}",
       Shape::ApiResponse},
      {"{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"ActionType\":\"A\","
       "\"MD5\":\"m\"}}\n{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":"
       "{\"ActionType\":\"B\"}}\n",
       Shape::StreamingRecords},
      {"{\"records\":[{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{"
       "\"ActionType\":\"A\",\"MD5\":\"m\"}},{\"category\":\"AdvancedHunting-DeviceEvents\","
       "\"properties\":{\"ActionType\":\"B\"}}]}",
       Shape::StreamingWrapped},
      {"{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"ActionType\"},{\"name\":"
       "\"MD5\"},{\"name\":\"ProcessRemoteSessionIP\"}],\"rows\":[[\"A\",\"m\",\"\"],[\"B\",null,"
       "null]]}]}",
       Shape::LogAnalytics},
      {"ActionType,MD5,ProcessRemoteSessionIP\r\nA,m,\r\nB,,\r\n", Shape::Csv},
  };
  int n = 0;
  for (const auto& [content, shape] : files) {
    const std::string path = dir.write("input" + std::to_string(n++) + ".dat", gzip(content));
    INFO(content);
    const InputInfo info = sniff_input(path, nullptr);
    CHECK(info.gzip);
    CHECK(info.shape == shape);
    CHECK_FALSE(info.splittable);
    const ReadResult r = read_all(info, p);
    const auto ok = r.ok();
    REQUIRE(ok.size() == 2);
    CHECK(text(ok[0], 0) == "A");
    CHECK(text(ok[0], 1) == "m");
    CHECK(text(ok[1], 0) == "B");
    CHECK(text(ok[1], 1).empty());
  }
  const std::string empty = dir.write("empty.gz", gzip(""));
  CHECK_THROWS_WITH(sniff_input(empty, nullptr),
                    empty + ": file is empty (after gzip decompression)");
}
