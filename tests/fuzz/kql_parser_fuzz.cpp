// libFuzzer target for the KQL parser: any bytes must give a tree or a huntq::Error, never a
// crash, hang, leak or undefined behaviour.
//
// Build and run: scripts/fuzz.sh [SECONDS] kql_parser (seeds: tests/fuzz/corpus/kql_parser;
// dictionary tests/fuzz/kql.dict). The queries of tests/kql/corpus/queries make a larger corpus:
// copy them into the scratch corpus folder the script prints.
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
