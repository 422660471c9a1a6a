#include "huntq/output/hidden_format_chars.h"

namespace huntq::output {

bool is_hidden_format_char(char32_t cp) noexcept {
  return cp == 0x061C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0xE0001 ||
         (cp >= 0xE0020 && cp <= 0xE007F);
}

}  // namespace huntq::output
