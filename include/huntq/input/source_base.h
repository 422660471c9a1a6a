// What every reader shares: the current record, counting into SourceStats exactly once per
// record, and messages that name file:line[:column].
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "huntq/input/cell_converter.h"
#include "huntq/input/record_source.h"

namespace huntq::input {

class SourceBase : public RecordSource {
 public:
  explicit SourceBase(InputInfo info) : info_(std::move(info)) {}

  const RawRecord& record() const override { return rec_; }
  /// Decodes via decode_current() and counts what it found, once per record however often the
  /// scan decodes it (e.g. with one projection per table).
  Decoded decode(const Projection& projection, std::vector<Value>& out) final;

  /// The current record's column names and its Type / category label (empty if none), for
  /// sniffing and inspect. False with `why` when the record cannot be read as a row.
  virtual bool describe(std::vector<std::string>& columns, std::string& label,
                        std::string& why) = 0;
  /// Columns the file declares apart from its rows (CSV header, API Schema, Log Analytics
  /// columns), as far as read; empty for shapes without them.
  virtual std::vector<std::string> declared_columns() const { return {}; }

 protected:
  virtual Decoded decode_current(const Projection& projection, std::vector<Value>& out,
                                 CellIssues& issues) = 0;

  /// Called by next() when it yields a record.
  void start_record() {
    ++stats_.records;
    counted_malformed_ = counted_other_ = counted_datetimes_ = false;
  }
  /// A record the reader itself found broken and skips (never yielded).
  void count_skipped_malformed(std::uint64_t line, std::uint64_t column, std::string_view why);
  void add_reason(std::vector<std::string>& list, std::uint64_t line, std::uint64_t column,
                  std::string_view why);

  InputInfo info_;
  RawRecord rec_;

 private:
  CellIssues issues_;
  bool counted_malformed_ = false, counted_other_ = false, counted_datetimes_ = false;
};

}  // namespace huntq::input
