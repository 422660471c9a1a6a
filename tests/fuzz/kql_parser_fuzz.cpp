// libFuzzer target for the KQL parser: any bytes must give a tree or a huntq::Error, never a
// crash, hang, leak or undefined behaviour. Not wired into CMake. Build from the repo root:
//
//   clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
//     tests/fuzz/kql_parser_fuzz.cpp src/kql/*.cpp src/value/error.cpp src/value/utf8.cpp \
//     src/value/json_quote.cpp -lfmt -o kql_parser_fuzz
//   mkdir -p /tmp/kql_fuzz_work
//   ./kql_parser_fuzz -dict=tests/fuzz/kql.dict -max_len=4096 -max_total_time=600 \
//     /tmp/kql_fuzz_work tests/fuzz/corpus/kql_parser tests/kql/corpus/queries
#include <cstddef>
#include <cstdint>
#include <string>

#include "huntq/error.h"
#include "huntq/kql/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  huntq::kql::SourceText source;
  source.name = "fuzz.kql";
  source.text.assign(reinterpret_cast<const char*>(data), size);
  source.first_line = 3;
  source.column_offset = 2;
  try {
    const huntq::kql::Script script = huntq::kql::parse_script(source);
    // Walk the whole tree (the dump visits every node) and map every statement's span.
    const std::string text = huntq::kql::dump(script);
    for (const huntq::kql::Statement* s : script.statements()) {
      if (s->offset > s->end || s->end > source.text.size()) __builtin_trap();
      (void)script.locate(s->offset);
      (void)script.locate(s->end);
    }
    if (text.empty()) __builtin_trap();
  } catch (const huntq::Error& e) {
    if (e.where().line < 3) __builtin_trap();  // errors are located in the file
  }
  return 0;
}
