// What every reader shares: the current record, counting into SourceStats exactly once per
// record, telling each record's table, and messages that name file:line[:column].
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "huntq/input/cell_converter.h"
#include "huntq/input/record_source.h"

namespace huntq::input {

/// The table of one record, as next() told it.
struct RecordRoute {
  const TableDef* table = nullptr;  ///< nullptr: no table huntq reads
  std::string name;                 ///< the table's name, the label as written, or "undecided ..."
  bool broken = false;              ///< the record could not be read to tell (decode says why)
};

class SourceBase : public RecordSource {
 public:
  explicit SourceBase(InputInfo info);

  const RawRecord& record() const override { return rec_; }
  /// Decodes via decode_current() and counts what it found, once per record however often the
  /// scan decodes it (e.g. with one projection per table). In a file whose records tell their
  /// own table, a record of another table is OtherTable without being parsed.
  Decoded decode(const Projection& projection, std::vector<Value>& out) final;

  /// The current record's column names and its Type / category label (empty if none), for
  /// sniffing and inspect. False with `why` when the record cannot be read as a row.
  virtual bool describe(std::vector<std::string>& columns, std::string& label,
                        std::string& why) = 0;
  /// Columns the file declares apart from its rows (CSV header, API Schema, Log Analytics
  /// columns), as far as read; empty for shapes without them. Types as the export names them.
  virtual std::vector<DeclaredColumn> declared_columns() const { return {}; }

  /// The current record's table (told in next()).
  const RecordRoute& route() const { return route_; }

 protected:
  virtual Decoded decode_current(const Projection& projection, std::vector<Value>& out,
                                 CellIssues& issues) = 0;
  /// The current record's Type or category value, found without parsing all of it. False when
  /// it has none. Throws nothing: a broken record gives false.
  virtual bool record_label(std::string& label) = 0;
  /// The current record's columns, for a row without a label in a file of several tables.
  /// False when the record cannot be read.
  virtual bool record_vote(RowTableVote& vote) = 0;

  /// Called by next() when it yields a record (rec_ set): counts it and tells its table.
  void start_record();
  /// A record the reader itself found broken and skips (never yielded).
  void count_skipped_malformed(std::uint64_t line, std::uint64_t column, std::string_view why);
  void add_reason(std::vector<std::string>& list, std::uint64_t line, std::uint64_t column,
                  std::string_view why);
  /// Whether decode_current() should compare a record's Type / category with the projection.
  bool check_labels() const { return !info_.forced; }

  InputInfo info_;
  RawRecord rec_;

 private:
  void route_current();
  void route_by_columns();

  CellIssues issues_;
  RecordRoute route_;
  std::size_t route_count_ = SIZE_MAX;  // index in stats_.tables the record was counted under
  std::size_t file_count_ = SIZE_MAX;   // the file table's index there
  std::size_t count_hint_ = SIZE_MAX;   // the last record's index there
  bool counted_malformed_ = false, counted_other_ = false, counted_datetimes_ = false;
  std::string label_;
  std::string last_label_;  // the last label seen, and its table
  const TableDef* last_table_ = nullptr;
  RowTableVote vote_;
};

}  // namespace huntq::input
