// libFuzzer target for the output escapers, on any bytes a log may hold:
//  - terminal text: valid UTF-8, no control byte, nothing hidden left raw, and the marks decode
//    back to exactly the input (one reading only); fitting to a width keeps it valid and within
//    the width; highlighting adds only the reverse-video SGR sequences;
//  - CSV fields: valid UTF-8; read back as RFC 4180, the field is the input with the reported
//    repairs (NUL and invalid bytes as U+FFFD) and the formula guard;
//  - JSON strings (json_quote, and the terminal variant): valid UTF-8 that simdjson reads back
//    as the input (invalid bytes as U+FFFD); JSON text of dynamic cells (append_json_text): valid
//    UTF-8, and the same JSON value when the input was JSON.
//
// Build and run: scripts/fuzz.sh [SECONDS] output_escapers (seeds:
// tests/fuzz/corpus/output_escapers).
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "huntq/output/csv_field.h"
#include "huntq/output/json_string.h"
#include "huntq/output/terminal_text.h"
#include "huntq/value/json_quote.h"
#include "huntq/value/utf8.h"

namespace {

using huntq::fuzz::fail;
using huntq::fuzz::valid_utf8;

constexpr std::string_view kOpen = "\u27e8";
constexpr std::string_view kClose = "\u27e9";
constexpr std::string_view kReplacement = "\uFFFD";
constexpr std::string_view kEllipsis = "\u2026";

constexpr std::string_view kC0Names[32] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
                                           "BS",  "TAB", "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
                                           "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                                           "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The text a mark's name stands for, per terminal_text.h; fails on a name no mark has.
std::string unmark(std::string_view name) {
  for (std::size_t i = 0; i < 32; ++i) {
    if (name == kC0Names[i]) return std::string(1, static_cast<char>(i));
  }
  if (name == "DEL") return "\x7F";
  const auto hex = [&](std::string_view digits) {
    std::uint32_t v = 0;
    for (char c : digits) {
      const bool dec = c >= '0' && c <= '9', up = c >= 'A' && c <= 'F';
      if (!dec && !up) fail("a mark with a digit that is not upper-case hex", name);
      v = v * 16 + static_cast<std::uint32_t>(dec ? c - '0' : c - 'A' + 10);
    }
    return v;
  };
  if (name.starts_with("\\x") && name.size() == 4)
    return std::string(1, static_cast<char>(hex(name.substr(2))));
  if (name.starts_with("U+") && name.size() >= 6 && name.size() <= 8) {
    std::string out;
    append_utf8(out, hex(name.substr(2)));
    return out;
  }
  fail("a mark no reader can decode", name);
}

// Reads escape_for_terminal() output back to the original bytes: every ⟨ opens a mark, which
// the next ⟩ closes (a ⟩ elsewhere is text).
std::string decode_terminal(std::string_view shown) {
  std::string out;
  for (std::size_t i = 0; i < shown.size();) {
    if (!shown.substr(i).starts_with(kOpen)) {
      out += shown[i++];
      continue;
    }
    const std::size_t close = shown.find(kClose, i);
    if (close == std::string_view::npos) fail("a mark that is not closed", shown);
    out += unmark(shown.substr(i + kOpen.size(), close - i - kOpen.size()));
    i = close + kClose.size();
  }
  return out;
}

// The input with NUL and each invalid UTF-8 byte written as U+FFFD, as the CSV writer repairs.
std::string repaired(std::string_view text, bool& nul, bool& invalid) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 1;
    const std::int32_t cp = huntq::decode_utf8(text, i, len);
    if (cp == 0) nul = true;
    if (cp < 0) invalid = true;
    if (cp <= 0) {
      out += kReplacement;
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

// The input with each invalid UTF-8 byte as U+FFFD (what a JSON string can hold).
std::string with_replacements(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 1;
    const std::int32_t cp = huntq::decode_utf8(text, i, len);
    if (cp < 0) {
      out += kReplacement;
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

void check_no_controls(std::string_view s, std::string_view what) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const std::int32_t cp = huntq::decode_utf8(s, i, len);
    if (cp < 0) fail(std::string(what) + ": invalid UTF-8", s);
    if (huntq::output::is_hidden_or_control(static_cast<char32_t>(cp))) {
      fail(std::string(what) + ": a control or hidden character left raw", s);
    }
    i += len;
  }
}

std::string json_whitespace_as_space(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}

// json_quote's promise (json_quote.h): no C0, DEL or C1 control and no hidden formatting
// character (is_hidden_format_char) raw; other invisible characters are the terminal variant's.
void check_json_safe(std::string_view s, std::string_view what) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const std::int32_t cp = huntq::decode_utf8(s, i, len);
    if (cp < 0) fail(std::string(what) + ": invalid UTF-8", s);
    const auto c = static_cast<char32_t>(cp);
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || huntq::is_hidden_format_char(c)) {
      fail(std::string(what) + ": a control or hidden formatting character left raw", s);
    }
    i += len;
  }
}

void check_terminal(std::string_view text, std::size_t width) {
  const std::string shown = huntq::output::escape_for_terminal(text);
  check_no_controls(shown, "terminal text");
  if (decode_terminal(shown) != text) fail("terminal text does not decode to the input", shown);

  const std::string fitted = huntq::output::fit_to_width(shown, width);
  check_no_controls(fitted, "fitted terminal text");
  if (huntq::output::display_width(fitted) > width) fail("fit_to_width() is too wide", fitted);
  if (huntq::output::display_width(shown) <= width && fitted != shown) {
    fail("fit_to_width() cut text that fits", fitted);
  }
  if (fitted != shown) {
    // Only whole units are dropped: what is kept is a prefix, then the ellipsis if it fits.
    std::string_view kept = fitted;
    if (kept.ends_with(kEllipsis)) {
      kept.remove_suffix(kEllipsis.size());
    } else if (width > 0) {
      fail("cut text without an ellipsis", fitted);
    }
    if (!std::string_view(shown).starts_with(kept)) fail("fit_to_width() is not a prefix", fitted);
    (void)decode_terminal(kept);  // no mark was split
  }

  std::string lit;
  huntq::output::append_highlighted(lit, shown);
  std::string plain;
  for (std::size_t i = 0; i < lit.size();) {
    if (lit.compare(i, 4, "\x1b[7m") == 0) {
      i += 4;
    } else if (lit.compare(i, 5, "\x1b[27m") == 0) {
      i += 5;
    } else {
      plain += lit[i++];
    }
  }
  if (plain != shown) fail("highlighting changed more than colours", lit);
}

void check_csv(std::string_view text, bool guard) {
  std::string field;
  const huntq::output::CsvFieldRepairs r = huntq::output::append_csv_field(field, text, guard);
  if (!valid_utf8(field)) fail("CSV field: invalid UTF-8", field);
  std::string value;
  if (!field.empty() && field.front() == '"') {
    if (field.size() < 2 || field.back() != '"') fail("CSV field: unterminated quotes", field);
    for (std::size_t i = 1; i + 1 < field.size(); ++i) {
      if (field[i] == '"') {
        if (i + 2 >= field.size() || field[i + 1] != '"') fail("CSV field: lone quote", field);
        ++i;
      }
      value += field[i];
    }
  } else {
    if (field.find_first_of(",\"\r\n") != std::string::npos) fail("CSV field needs quotes", field);
    value = field;
  }
  bool nul = false, invalid = false;
  std::string want = repaired(text, nul, invalid);
  if (nul != r.nul || invalid != r.invalid_utf8) fail("CSV field: repairs misreported", field);
  if (guard && huntq::output::looks_like_formula(text)) want.insert(0, "'");
  if (value != want) fail("CSV field does not read back as the input", field);

  std::string shown;
  huntq::output::append_csv_field_for_terminal(shown, text, guard);
  check_no_controls(shown, "CSV on a terminal");
}

std::string read_json_string(std::string_view json, std::string_view what) {
  simdjson::dom::parser parser;
  std::string_view s;
  if (parser.parse(simdjson::padded_string(json)).get_string().get(s) != simdjson::SUCCESS) {
    fail(std::string(what) + ": not a JSON string", json);
  }
  return std::string(s);
}

void check_json(std::string_view text) {
  const std::string want = with_replacements(text);
  const std::string quoted = huntq::json_quote(text);
  check_json_safe(quoted, "json_quote");
  if (read_json_string(quoted, "json_quote") != want) fail("json_quote does not read back", quoted);

  std::string shown;
  huntq::output::append_json_quoted_for_terminal(shown, text);
  check_no_controls(shown, "JSON on a terminal");
  if (read_json_string(shown, "JSON on a terminal") != want) {
    fail("JSON on a terminal does not read back", shown);
  }

  for (const bool terminal : {false, true}) {
    std::string out;
    huntq::output::append_json_text(out, text, terminal);
    if (!valid_utf8(out)) fail("append_json_text: invalid UTF-8", out);
    for (char c : out) {
      const auto b = static_cast<unsigned char>(c);
      if ((b < 0x20 && c != '\n' && c != '\r' && c != '\t') || b == 0x7F) {
        fail("append_json_text: a control byte", out);
      }
    }
    // JSON whitespace passes as is (a dynamic's JSON text, compact, has none).
    if (terminal)
      check_no_controls(json_whitespace_as_space(out), "append_json_text for a terminal");
    simdjson::dom::parser p1, p2;
    simdjson::dom::element in, back;
    if (p1.parse(simdjson::padded_string(text)).get(in) != simdjson::SUCCESS) continue;
    if (p2.parse(simdjson::padded_string(out)).get(back) != simdjson::SUCCESS) {
      fail("append_json_text: JSON in, not JSON out", out);
    }
    if (simdjson::minify(in) != simdjson::minify(back)) fail("append_json_text changed JSON", out);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = huntq::fuzz::as_text(data, size);
  const std::size_t width = size == 0 ? 0 : static_cast<unsigned char>(text.back()) % 40;
  check_terminal(text, width);
  check_csv(text, true);
  check_csv(text, false);
  check_json(text);
  return 0;
}
