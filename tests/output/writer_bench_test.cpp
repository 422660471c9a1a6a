// Writer throughput on large outputs: hidden ([.]), run by hand with
//   build/test_output "[.bench]"   (HUNTQ_BENCH_ROWS=N to change the 1M rows)
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "huntq/output/row_writer.h"

using namespace huntq::output;
using huntq::Type;

namespace {

// Ten cells shaped like a hunt's output: times, names, paths, URLs, hashes, JSON, a command line.
struct BenchRows {
  std::vector<Column> columns = {{"Timestamp", Type::DateTime}, {"DeviceName", Type::String},
                                 {"FolderPath", Type::String},  {"FileOriginUrl", Type::String},
                                 {"SHA256", Type::String},      {"FileSize", Type::Long},
                                 {"IsSigned", Type::Bool},      {"AdditionalFields", Type::Dynamic},
                                 {"CommandLine", Type::String}, {"Note", Type::String}};
  std::vector<std::vector<std::string>> variants;

  BenchRows() {
    for (int v = 0; v < 16; ++v) {
      const std::string n = std::to_string(v);
      variants.push_back({"2024-01-15T10:0" + std::to_string(v % 10) + ":00.1234567Z",
                          "workstation-" + n + ".corp.example.com",
                          "C:\\Users\\a.lee\\Downloads\\setup" + n + ".exe",
                          "https://dl.example.com/files/v2/setup" + n + ".exe?token=abc" + n,
                          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0" + n,
                          std::to_string(123456 + v * 7919), v % 3 ? "true" : "false",
                          R"({"ThreatName":"Trojan:Win32/X)" + n + R"(","Count":)" + n + "}",
                          R"("C:\Windows\System32\cmd.exe" /c "echo hi )" + n + "\"",
                          v % 4 == 0 ? "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac" : "plain, text"});
    }
  }
};

// CPU seconds, not wall: the machine is shared, and the writers are single-threaded.
double seconds_to_write(Format format, const WriterOptions& options, const BenchRows& data,
                        std::size_t rows) {
  std::FILE* out = std::fopen("/dev/null", "w");
  REQUIRE(out);
  const std::clock_t start = std::clock();
  {
    auto writer = make_writer(format, out, options);
    writer->begin(data.columns);
    std::vector<Cell> cells(data.columns.size());
    for (std::size_t r = 0; r < rows; ++r) {
      const auto& v = data.variants[r % data.variants.size()];
      for (std::size_t c = 0; c < cells.size(); ++c) cells[c] = Cell{v[c], false};
      writer->row(cells);
    }
    writer->finish();
  }
  const double took = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  std::fclose(out);
  return took;
}

}  // namespace

TEST_CASE("writer throughput, 1M rows x 10 cells", "[.bench]") {
  const char* env = std::getenv("HUNTQ_BENCH_ROWS");
  const std::size_t rows = env ? std::strtoull(env, nullptr, 10) : 1000000;
  const BenchRows data;
  const struct {
    const char* name;
    Format format;
  } formats[] = {{"csv", Format::Csv}, {"json", Format::Json}, {"ndjson", Format::Ndjson}};
  for (const auto& f : formats) {
    double best = 1e9;
    for (int run = 0; run < 3; ++run)
      best = std::min(best, seconds_to_write(f.format, {}, data, rows));
    std::printf("%-7s %zu rows: best of 3 %.3f s CPU\n", f.name, rows, best);
  }
}
