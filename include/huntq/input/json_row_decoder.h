// Decoding JSON rows with simdjson On-Demand: one pass over a row's fields, parsing only the
// projected values. Shared by every JSON shape.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "huntq/input/cell_converter.h"
#include "huntq/input/record_source.h"

namespace huntq::input {

/// The projection's columns in a form quick to match field names against.
class SlotLookup {
 public:
  /// Rebuilds only when the projection differs from the last one seen.
  void prepare(const Projection& projection);
  /// Slot of a (raw) column name, or -1. Matches after normalise_column_name, any letter case.
  int find(std::string_view key) const;
  std::size_t size() const { return columns_.size(); }

 private:
  std::vector<ColumnDef> columns_;
  const TableDef* table_ = nullptr;
  bool prepared_ = false;
};

/// Positional rows (Log Analytics): which slot each position fills (-1: none).
std::vector<int> positional_slots(const std::vector<std::string>& columns,
                                  const Projection& projection);

class JsonRowDecoder {
 public:
  explicit JsonRowDecoder(const InputOptions& options) : cells_(options) {}

  /// `bytes` is one JSON object keyed by column name, with SIMDJSON_PADDING readable bytes
  /// after it. `file_table` is the file's table; a `Type` field naming another table makes the
  /// row OtherTable.
  Decoded decode_object(std::string_view bytes, const Projection& projection,
                        std::vector<Value>& out, CellIssues& issues);

  /// A streaming API record: the table is its `category`, the row its `properties` (or the same
  /// inside a kept Event Hub `body`).
  Decoded decode_streaming(std::string_view bytes, const Projection& projection,
                           std::vector<Value>& out, CellIssues& issues);

  /// A positional row `[v0, v1, ...]`; `slots` from positional_slots(), `type_position` the
  /// index of a `Type` column or -1.
  Decoded decode_positional(std::string_view bytes, const std::vector<int>& slots,
                            int type_position, const std::vector<std::string>& columns,
                            const Projection& projection, std::vector<Value>& out,
                            CellIssues& issues);

  /// The keys of a row (for streaming records: of its properties) and its Type / category
  /// label, for sniffing and inspect. False with `why` when the record is not a JSON object.
  bool describe(std::string_view bytes, bool streaming, std::vector<std::string>& columns,
                std::string& label, std::string& why);

 private:
  simdjson::error_code decode_fields(simdjson::ondemand::object& object,
                                     const Projection& projection, std::vector<Value>& out,
                                     CellIssues& issues, std::string_view& type_label,
                                     bool look_for_type);
  simdjson::error_code set_cell(simdjson::ondemand::value& value, const ColumnDef& column,
                                Value& cell, CellIssues& issues);
  void fill_missing(const Projection& projection, std::vector<Value>& out);
  Decoded malformed(simdjson::error_code error, std::string_view bytes,
                    simdjson::ondemand::document& doc);
  Decoded table_check(const Projection& projection, std::string_view label, bool have_label);
  /// Prepares `out` and opens `bytes` as one JSON object (`what` names it in messages). Sets
  /// `failed` and returns false when the bytes are not one.
  bool open_object(std::string_view bytes, const Projection& projection, std::vector<Value>& out,
                   simdjson::ondemand::document& doc, simdjson::ondemand::object& object,
                   const char* what, Decoded& failed);

  simdjson::ondemand::parser parser_;
  SlotLookup lookup_;
  CellConverter cells_;
  std::vector<char> filled_;
  std::string scratch_;
};

}  // namespace huntq::input
