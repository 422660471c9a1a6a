// A small byte state machine over a ChunkBuffer that walks a JSON document without parsing it
// whole: it finds where each value starts and ends (strings, escapes, nesting depth), so array
// elements can be handed out one by one with flat memory. simdjson parses each one afterwards.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "huntq/input/chunk_buffer.h"

namespace huntq::input {

class JsonStreamScanner {
 public:
  JsonStreamScanner(std::unique_ptr<ByteStream> in, std::size_t buffer_bytes,
                    std::size_t max_value_bytes, std::string display_name);

  /// Skips whitespace (and a UTF-8 BOM at the start); the next byte, or -1 at the end.
  int peek();
  /// Consumes the byte peek() returned.
  void advance() { ++pos_; }
  /// 1-based line of the next byte.
  std::uint64_t line() const { return line_; }
  std::uint64_t offset() const { return buf_.base_offset() + pos_; }

  /// Reads the JSON string at the current position (a key), escapes kept. Throws when the
  /// file ends inside it, saying `context`.
  std::string read_string(std::string_view context);

  struct Value {
    std::string_view bytes;  ///< valid until the next call; SIMDJSON_PADDING readable after
    std::uint64_t line = 0, offset = 0;
    bool too_long = false;   ///< longer than the limit: skipped, `bytes` empty
    bool truncated = false;  ///< the file ended inside the value
  };
  /// Scans the value at the current position and keeps its bytes.
  Value capture_value();
  /// Scans past the value at the current position without keeping it (any size).
  Value skip_value();

  [[noreturn]] void fail(const std::string& what) const;
  [[noreturn]] void fail_at(std::uint64_t line, const std::string& what) const;
  const std::string& display_name() const { return display_name_; }

 private:
  bool more();  // reads more bytes, keeping the captured value; false at the end
  Value scan(bool capture);

  ChunkBuffer buf_;
  std::string display_name_;
  std::size_t pos_ = 0;
  std::size_t keep_ = 0;  // start of the value being captured
  bool capturing_ = false;
  bool started_ = false;
  std::uint64_t line_ = 1;
};

}  // namespace huntq::input
