// Helpers for the input tests: temporary files and reading every record of a source.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

#include "huntq/input/record_source.h"
#include "huntq/value/schema.h"

namespace huntq::input::testing {

class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "huntq-input-XXXXXX").string();
    path_ = ::mkdtemp(templ.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string write(const std::string& name, const std::string& content) const {
    const std::filesystem::path p = std::filesystem::path(path_) / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline Projection projection_of(const TableDef& table, std::initializer_list<const char*> names) {
  Projection p;
  p.table = &table;
  for (const char* n : names) p.columns.push_back(*table.find(n));
  return p;
}

/// One decoded record: its status, cells, and where it was.
struct ReadRow {
  Decoded decoded;
  std::vector<Value> cells;
  std::uint64_t line = 0;
  std::uint64_t offset = 0;
  std::string bytes;
};

struct ReadResult {
  std::vector<ReadRow> rows;  // every record, whatever its status
  SourceStats stats;

  std::vector<const ReadRow*> ok() const {
    std::vector<const ReadRow*> out;
    for (const auto& r : rows) {
      if (r.decoded.status == Decoded::Status::Ok) out.push_back(&r);
    }
    return out;
  }
};

inline ReadResult read_all(const InputInfo& info, const Projection& projection,
                           std::uint64_t begin = 0, std::uint64_t end = UINT64_MAX) {
  ReadResult result;
  auto source = open_source(info, begin, end);
  while (source->next()) {
    ReadRow row;
    row.line = source->record().line == 0 ? source->current_line() : source->record().line;
    row.offset = source->record().offset;
    row.bytes = std::string(source->record().bytes);
    row.decoded = source->decode(projection, row.cells);
    result.rows.push_back(std::move(row));
  }
  result.stats = source->stats();
  return result;
}

inline std::string text(const ReadRow* r, std::size_t i) {
  return r->cells.at(i).text();
}

}  // namespace huntq::input::testing
