#include "huntq/output/csv_field.h"

#include <array>
#include <cstdint>

#include "huntq/output/terminal_text.h"
#include "huntq/value/utf8.h"

namespace huntq::output {

namespace {

// What one byte asks of a field, as bits, so one pass over the field tells all.
constexpr std::uint8_t kQuote = 1;     // , " CR LF
constexpr std::uint8_t kNul = 2;       // NUL
constexpr std::uint8_t kNonAscii = 4;  // may be invalid UTF-8

constexpr std::array<std::uint8_t, 256> kByteNeeds = [] {
  std::array<std::uint8_t, 256> t{};
  t[','] = t['"'] = t['\r'] = t['\n'] = kQuote;
  t[0] = kNul;
  for (std::size_t b = 0x80; b < 256; ++b) t[b] = kNonAscii;
  return t;
}();

std::uint8_t needs_of(std::string_view text) {
  std::uint8_t needs = 0;
  for (const char c : text) needs |= kByteNeeds[static_cast<unsigned char>(c)];
  return needs;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    if (decode_utf8(text, i, len) < 0) return false;
    i += len;
  }
  return true;
}

// NUL and each invalid byte become U+FFFD, so the file is valid UTF-8 with no NUL.
std::string repaired(std::string_view text, CsvFieldRepairs& repairs) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len;
    if (text[i] == '\0') {
      repairs.nul = true;
      out += "\xEF\xBF\xBD";
      len = 1;
    } else if (decode_utf8(text, i, len) >= 0) {
      out.append(text, i, len);
    } else {
      repairs.invalid_utf8 = true;
      out += "\xEF\xBF\xBD";
    }
    i += len;
  }
  return out;
}

bool is_edge_blank(char c) {
  return c == ' ' || c == '\t';
}

// Appends the field's final text: guard quote, then RFC 4180 quoting when `quote`.
void append_field(std::string& out, std::string_view text, bool guard, bool quote) {
  if (quote) out += '"';
  if (guard) out += '\'';
  if (!quote) {
    out.append(text);
    return;
  }
  for (std::size_t i = 0;;) {
    const std::size_t q = text.find('"', i);
    if (q == std::string_view::npos) {
      out.append(text, i);
      break;
    }
    out.append(text, i, q + 1 - i);
    out += '"';
    i = q + 1;
  }
  out += '"';
}

// Many readers trim unquoted fields; quoting keeps a leading or trailing space or tab. A guard
// quote in front makes the leading one safe already.
bool needs_quotes(std::string_view text, bool has_quote_byte, bool guarded) {
  if (text.empty()) return false;
  return has_quote_byte || (!guarded && is_edge_blank(text.front())) || is_edge_blank(text.back());
}

}  // namespace

bool looks_like_formula(std::string_view text) noexcept {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      break;
  }
  // Full-width ＝ ＋ － ＠ are EF BC 9D / 8B / 8D / A0; spreadsheets normalise them to ASCII.
  if (text.size() >= 3 && text[0] == '\xEF' && text[1] == '\xBC') {
    const char c = text[2];
    return c == '\x9D' || c == '\x8B' || c == '\x8D' || c == '\xA0';
  }
  return false;
}

CsvFieldRepairs append_csv_field(std::string& out, std::string_view text, bool formula_guard) {
  CsvFieldRepairs repairs;
  const std::uint8_t needs = needs_of(text);
  std::string fixed;
  if ((needs & kNul) || ((needs & kNonAscii) && !is_valid_utf8(text))) {
    fixed = repaired(text, repairs);
    text = fixed;  // U+FFFD adds no byte that needs quoting
  }
  const bool guard = formula_guard && looks_like_formula(text);
  append_field(out, text, guard, needs_quotes(text, needs & kQuote, guard));
  return repairs;
}

void append_csv_field_for_terminal(std::string& out, std::string_view text, bool formula_guard) {
  const bool guard = formula_guard && looks_like_formula(text);
  const std::string shown = escape_for_terminal(text);
  const bool quote_byte = shown.find_first_of(",\"") != std::string::npos;
  append_field(out, shown, guard, needs_quotes(shown, quote_byte, guard));
}

}  // namespace huntq::output
