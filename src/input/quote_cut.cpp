#include "huntq/input/quote_cut.h"

#include "fmt/format.h"
#include "huntq/value/json_quote.h"

namespace huntq::input {

std::string quote_cut(std::string_view text, std::size_t max) {
  if (text.size() <= max) return json_quote(text);
  std::size_t cut = max;
  // Not inside a UTF-8 sequence: back up over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string out = json_quote(text.substr(0, cut));
  out.insert(out.size() - 1, "...");
  return fmt::format("{} ({} bytes)", out, text.size());
}

}  // namespace huntq::input
