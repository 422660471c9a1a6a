// libFuzzer target for datetime and timespan text: parse_datetime, todatetime (through the
// function registry, which adds the RFC and other forms), parse_timespan and totimespan, and the
// format round trips:
//  - a datetime that parses is in Kusto's range and reads back from format_datetime() (both
//    styles) as the same ticks; todatetime() gives the same value for ISO text;
//  - a timespan that parses reads back from format_timespan(); totimespan() agrees;
//  - the first 8 bytes, taken as ticks, format and read back (datetimes within the range, any
//    int64 timespan);
//  - the text as a format_datetime()/format_timespan() format string never breaks them.
//
// Build and run: scripts/fuzz.sh [SECONDS] datetime (seeds: tests/fuzz/corpus/datetime).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "huntq/engine/functions.h"
#include "huntq/error.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/timespan.h"

namespace {

using huntq::Value;
using huntq::fuzz::fail;

const std::int64_t kMaxTicks = huntq::ticks_from_civil(10000, 1, 1) - 1;

Value call(std::string_view name, std::vector<Value> args) {
  return huntq::engine::call_function(name, args);
}

void check_datetime_round_trip(std::int64_t ticks, std::string_view from) {
  if (ticks < 0 || ticks > kMaxTicks) fail("a datetime outside 0001-01-01..9999-12-31", from);
  for (const auto style : {huntq::DateTimeStyle::Trimmed, huntq::DateTimeStyle::Ticks7}) {
    const std::string text = huntq::format_datetime(ticks, style);
    const std::optional<std::int64_t> back = huntq::parse_datetime(text);
    if (!back || *back != ticks) fail("format_datetime() does not read back", text);
  }
}

void check_timespan_round_trip(std::int64_t ticks) {
  const std::string text = huntq::format_timespan(ticks);
  const std::optional<std::int64_t> back = huntq::parse_timespan(text);
  if (!back || *back != ticks) fail("format_timespan() does not read back", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = huntq::fuzz::as_text(data, size);

  const std::optional<std::int64_t> iso = huntq::parse_datetime(text);
  if (iso) check_datetime_round_trip(*iso, text);
  const Value dt = call("todatetime", {Value::string(std::string(text))});
  if (dt.type() != huntq::Type::DateTime) fail("todatetime() is not a datetime");
  if (iso && (dt.is_null() || dt.ticks() != *iso)) fail("todatetime() differs from ISO", text);
  if (!dt.is_null()) check_datetime_round_trip(dt.ticks(), text);

  const std::optional<std::int64_t> span = huntq::parse_timespan(text);
  if (span) check_timespan_round_trip(*span);
  const Value ts = call("totimespan", {Value::string(std::string(text))});
  if (ts.type() != huntq::Type::TimeSpan) fail("totimespan() is not a timespan");
  if (ts.is_null() != !span || (span && ts.ticks() != *span)) {
    fail("totimespan() differs from parse_timespan()", text);
  }

  std::string_view rest = text;
  const auto raw = static_cast<std::int64_t>(huntq::fuzz::take_number(rest, 8));
  const std::int64_t in_range = static_cast<std::int64_t>(
      static_cast<std::uint64_t>(raw) % static_cast<std::uint64_t>(kMaxTicks + 1));
  check_datetime_round_trip(in_range, "ticks from the input");
  check_timespan_round_trip(raw);

  // The rest as a format string: any result, but no crash, and text that is valid UTF-8 when
  // the format is.
  try {
    const Value fd =
        call("format_datetime", {Value::datetime(in_range), Value::string(std::string(rest))});
    const Value ft =
        call("format_timespan", {Value::timespan(raw), Value::string(std::string(rest))});
    if (huntq::fuzz::valid_utf8(rest)) {
      if (!huntq::fuzz::valid_utf8(fd.text())) fail("format_datetime() gives invalid UTF-8", rest);
      if (!huntq::fuzz::valid_utf8(ft.text())) fail("format_timespan() gives invalid UTF-8", rest);
    }
  } catch (const huntq::Error&) {
    // a format string the function refuses (the binder reports it at the call)
  }
  return 0;
}
