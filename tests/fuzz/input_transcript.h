// What reading an input gave, as comparable text: the fuzz targets of the input layer read the
// same bytes in different ways (buffer sizes, gzip, byte ranges) and require the same transcript.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "huntq/error.h"
#include "huntq/input/record_source.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/schema.h"

namespace huntq::fuzz {

/// A few columns of each type (the projection decide() decodes), in an order unlike the table's.
inline input::Projection projection_of(const TableDef& table) {
  static constexpr std::string_view kWanted[] = {"AdditionalFields",
                                                 "Timestamp",
                                                 "DeviceName",
                                                 "ActionType",
                                                 "FileSize",
                                                 "RemotePort",
                                                 "IsProcessRemoteSession",
                                                 "FileOriginUrl",
                                                 "RequestSourcePort",
                                                 "IsAzureInfoProtectionApplied"};
  input::Projection p;
  p.table = &table;
  for (std::string_view name : kWanted) {
    if (const ColumnDef* c = table.find(name)) p.columns.push_back(*c);
  }
  return p;
}

/// `text` with every occurrence of `path` replaced, so that messages about two files compare.
inline std::string without_path(std::string text, const std::string& path) {
  if (path.empty()) return text;
  for (std::size_t at = text.find(path); at != std::string::npos; at = text.find(path, at)) {
    text.replace(at, path.size(), "<file>");
  }
  return text;
}

struct Transcript {
  std::vector<std::string> records;  ///< one entry per record: where, status, cells
  std::string error;                 ///< the huntq::Error that stopped the read, or empty
  input::SourceStats stats;

  std::string counts() const {
    return std::to_string(stats.records) + " records, " + std::to_string(stats.malformed) +
           " malformed, " + std::to_string(stats.other_table) + " other, " +
           std::to_string(stats.bad_datetimes) + " bad datetimes";
  }
};

inline std::string cell_text(const Value& v) {
  std::string out(type_name(v.type()));
  out += v.is_null() ? "(null)" : "(" + to_string(v) + ")";
  return out;
}

inline std::string decoded_text(const input::Decoded& d, const std::vector<Value>& cells) {
  std::string out;
  switch (d.status) {
    case input::Decoded::Status::Ok:
      out = "ok ";
      break;
    case input::Decoded::Status::OtherTable:
      out = "other ";
      break;
    case input::Decoded::Status::Malformed:
      out = "malformed col " + std::to_string(d.column) + " " + d.why;
      return out;
  }
  out += d.table ? std::string(d.table->name) : "-";
  if (d.status == input::Decoded::Status::Ok) {
    for (const Value& v : cells) out += " " + cell_text(v);
  }
  return out;
}

/// Reads every record of [begin, end) of `info`: its offset, line, bytes, and its cells decoded
/// with a projection of its table (a record of another table is decoded again with that table's
/// projection, as the executor does). Error messages have the file's path replaced.
inline Transcript read_transcript(const input::InputInfo& info, std::uint64_t begin = 0,
                                  std::uint64_t end = UINT64_MAX) {
  static const input::Projection de = projection_of(device_events());
  static const input::Projection dfe = projection_of(device_file_events());
  Transcript t;
  std::unique_ptr<input::RecordSource> source;
  try {
    source = input::open_source(info, begin, end);
    std::vector<Value> cells;
    bool first_offset = true;
    std::uint64_t last_offset = 0;
    while (source->next()) {
      const input::RawRecord& r = source->record();
      // A range that does not start at 0 starts at a record boundary after `begin`. (A record
      // may start past `end`: the first one, after a BOM, starts at 3 in [0,1).)
      if (r.offset < begin || (!first_offset && r.offset <= last_offset)) {
        fail("record offsets out of order", std::to_string(r.offset));
      }
      first_offset = false;
      last_offset = r.offset;
      const std::uint64_t line = r.line == 0 ? source->current_line() : r.line;
      std::string entry = std::to_string(r.offset) + ":" + std::to_string(line) + " [" +
                          std::string(r.bytes) + "] ";
      const input::Projection& first = info.table == &device_file_events() ? dfe : de;
      input::Decoded d = source->decode(first, cells);
      if (cells.size() != first.columns.size() && d.status == input::Decoded::Status::Ok) {
        fail("decode() did not fill the projection");
      }
      if (d.status == input::Decoded::Status::OtherTable && d.table != nullptr &&
          d.table != first.table) {
        const input::Projection& second = d.table == &device_file_events() ? dfe : de;
        entry += "then ";
        d = source->decode(second, cells);
      }
      entry += decoded_text(d, cells);
      t.records.push_back(std::move(entry));
    }
  } catch (const Error& e) {
    t.error = without_path(e.what(), info.display_name);
  }
  if (source) t.stats = source->stats();
  for (std::string& r : t.stats.first_reasons) r = without_path(r, info.display_name);
  for (std::string& r : t.stats.first_bad_datetimes) r = without_path(r, info.display_name);
  return t;
}

/// Aborts, naming `what` and the first difference, when two transcripts differ.
inline void require_same(const Transcript& a, const Transcript& b, std::string_view what) {
  if (a.error != b.error) fail(what, "error: '" + a.error + "' vs '" + b.error + "'");
  if (!a.error.empty()) return;  // how far a read got before a fatal error may differ
  const std::size_t n = std::min(a.records.size(), b.records.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (a.records[i] != b.records[i]) {
      fail(what, "record " + std::to_string(i) + ":\n  " + a.records[i] + "\n  " + b.records[i]);
    }
  }
  if (a.records.size() != b.records.size()) {
    fail(what,
         std::to_string(a.records.size()) + " records vs " + std::to_string(b.records.size()));
  }
  if (a.counts() != b.counts()) fail(what, a.counts() + " vs " + b.counts());
  if (a.stats.first_reasons != b.stats.first_reasons) {
    fail(what, "first reasons differ: '" +
                   (a.stats.first_reasons.empty() ? "" : a.stats.first_reasons[0]) + "' vs '" +
                   (b.stats.first_reasons.empty() ? "" : b.stats.first_reasons[0]) + "'");
  }
  if (a.stats.first_bad_datetimes != b.stats.first_bad_datetimes) {
    fail(what, "first bad datetimes differ");
  }
}

}  // namespace huntq::fuzz
