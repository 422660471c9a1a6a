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

/// Positional rows (Log Analytics, CSV): which slot each position fills (-1: none). Several
/// positions may fill one slot (a union export's X_string and X_dynamic): the first with a value
/// wins.
std::vector<int> positional_slots(const std::vector<std::string>& columns,
                                  const Projection& projection);

class JsonRowDecoder {
 public:
  /// `check_labels`: a `Type` / `category` naming another table than the projection's makes the
  /// record OtherTable (false when the user named the table with --table).
  JsonRowDecoder(const InputOptions& options, bool check_labels = true)
      : cells_(options), check_labels_(check_labels) {}

  /// `bytes` is one JSON object keyed by column name, with SIMDJSON_PADDING readable bytes
  /// after it. Of several keys naming one column (Kusto's union suffixes X_string / X_dynamic,
  /// or a key twice) the first that is not null wins.
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

  /// The columns of a row object (streaming: of its properties), each with whether it holds a
  /// value, and its ActionType, for telling its table. False when it is not a JSON object.
  bool vote(std::string_view bytes, bool streaming, RowTableVote& vote);
  /// The same for a positional row under `columns`.
  bool vote_positional(std::string_view bytes, const std::vector<std::string>& columns,
                       RowTableVote& vote);

 private:
  simdjson::error_code decode_fields(simdjson::ondemand::object& object,
                                     const Projection& projection, std::vector<Value>& out,
                                     CellIssues& issues, std::string_view& type_label,
                                     bool look_for_type);
  simdjson::error_code set_cell(simdjson::ondemand::value& value, const ColumnDef& column,
                                Value& cell, CellIssues& issues, bool& was_null);
  void fill_missing(const Projection& projection, std::vector<Value>& out);
  Decoded malformed(simdjson::error_code error, std::string_view bytes,
                    simdjson::ondemand::document& doc);
  Decoded table_check(const Projection& projection, std::string_view label, bool have_label) const;
  /// Prepares `out` and opens `bytes` as one JSON object (`what` names it in messages). Sets
  /// `failed` and returns false when the bytes are not one.
  bool open_object(std::string_view bytes, const Projection& projection, std::vector<Value>& out,
                   simdjson::ondemand::document& doc, simdjson::ondemand::object& object,
                   const char* what, Decoded& failed);

  simdjson::ondemand::parser parser_;
  SlotLookup lookup_;
  CellConverter cells_;
  bool check_labels_;
  std::vector<char> filled_;  // per slot: 0 empty, 1 filled, 2 filled from a null
  std::string scratch_;
};

}  // namespace huntq::input
