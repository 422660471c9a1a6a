#include "huntq/output/csv_field.h"

#include "huntq/value/utf8.h"

namespace huntq::output {

namespace {

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

// Each invalid byte becomes U+FFFD, so the file is valid UTF-8.
std::string replace_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len;
    if (decode_utf8(text, i, len) >= 0)
      out.append(text.substr(i, len));
    else
      out += "\xEF\xBF\xBD";  // U+FFFD
    i += len;
  }
  return out;
}

// Whether the field (`text`, after a guard quote when `guarded`) must be quoted.
bool needs_quotes(std::string_view text, bool guarded) {
  if (text.empty()) return false;
  if (text.find_first_of(",\"\r\n") != std::string_view::npos) return true;
  // Many readers trim unquoted fields; quoting keeps the space or tab.
  const auto edge = [](char c) { return c == ' ' || c == '\t'; };
  return (!guarded && edge(text.front())) || edge(text.back());
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

void append_csv_field(std::string& out, std::string_view text, bool formula_guard) {
  std::string repaired;
  if (!is_valid_utf8(text)) {
    repaired = replace_invalid_utf8(text);
    text = repaired;
  }
  const bool guard = formula_guard && looks_like_formula(text);
  const bool quote = needs_quotes(text, guard);
  if (quote) out += '"';
  if (guard) out += '\'';
  if (!quote) {
    out.append(text);
  } else {
    for (const char c : text) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
}

}  // namespace huntq::output
