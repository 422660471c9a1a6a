#include "huntq/output/terminal_text.h"

#include <utf8proc.h>

#include <cstdint>

#include "display_units.h"
#include "huntq/value/utf8.h"

namespace huntq::output {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

// ASCII's own names for its controls (ECMA-48), except TAB, the name people know HT by.
constexpr std::string_view kC0Names[32] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
                                           "BS",  "TAB", "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
                                           "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                                           "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};

constexpr std::string_view kReverse = "\x1b[7m";
constexpr std::string_view kReverseOff = "\x1b[27m";

bool is_printable_ascii(unsigned char b) {
  return b >= 0x20 && b < 0x7F;
}

void append_name_mark(std::string& out, std::string_view name) {
  out += kMarkOpen;
  out += name;
  out += kMarkClose;
}

void append_code_point_mark(std::string& out, char32_t cp) {
  out += kMarkOpen;
  out += "U+";
  int digits = cp > 0xFFFFF ? 6 : cp > 0xFFFF ? 5 : 4;
  while (digits-- > 0) out += kHex[(cp >> (4 * digits)) & 0xF];
  out += kMarkClose;
}

void append_byte_mark(std::string& out, unsigned char b) {
  out += kMarkOpen;
  out += "\\x";
  out += kHex[b >> 4];
  out += kHex[b & 0xF];
  out += kMarkClose;
}

}  // namespace

bool is_hidden_or_control(char32_t cp) noexcept {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;
  if (cp < 0x7F) return false;
  const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  if (p->ignorable) return true;
  switch (p->category) {
    case UTF8PROC_CATEGORY_CF:  // format: bidi controls, U+FFF9-FFFB annotations, U+0600…
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CN:  // unassigned: includes Default_Ignorable ones utf8proc has no data
                                // for
      return true;
    default:
      return false;
  }
}

void append_terminal_text(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    // Most log text is printable ASCII: copy it in runs.
    std::size_t run = i;
    while (run < text.size() && is_printable_ascii(static_cast<unsigned char>(text[run]))) ++run;
    out.append(text, i, run - i);
    i = run;
    if (i >= text.size()) break;
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      append_name_mark(out, b == 0x7F ? std::string_view("DEL") : kC0Names[b]);
      ++i;
      continue;
    }
    std::size_t len;
    const std::int32_t cp = decode_utf8(text, i, len);
    if (cp < 0)
      append_byte_mark(out, b);
    else if (cp == 0x27E8 || is_hidden_or_control(static_cast<char32_t>(cp)))
      append_code_point_mark(out, static_cast<char32_t>(cp));
    else
      out.append(text, i, len);
    i += len;
  }
}

std::string escape_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_terminal_text(out, text);
  return out;
}

void append_highlighted(std::string& out, std::string_view escaped) {
  std::size_t i = 0;
  while (i < escaped.size()) {
    const std::size_t open = escaped.find(kMarkOpen, i);
    if (open == std::string_view::npos) break;
    out.append(escaped, i, open - i);
    // One reverse-video run for consecutive marks.
    std::size_t end = open;
    while (escaped.substr(end).starts_with(kMarkOpen)) {
      const std::size_t close = escaped.find(kMarkClose, end);
      end = close == std::string_view::npos ? escaped.size() : close + kMarkClose.size();
    }
    out += kReverse;
    out.append(escaped, open, end - open);
    out += kReverseOff;
    i = end;
  }
  out.append(escaped.substr(i));
}

std::size_t code_point_width(std::string_view text, std::size_t i, std::size_t& len) {
  const auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) {
    len = 1;
    return 1;
  }
  const std::int32_t cp = decode_utf8(text, i, len);
  if (cp < 0) return 1;
  const int w = utf8proc_charwidth(cp);
  return w > 0 ? static_cast<std::size_t>(w) : 0;
}

std::size_t display_width(std::string_view escaped) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < escaped.size();) {
    std::size_t len;
    width += code_point_width(escaped, i, len);
    i += len;
  }
  return width;
}

std::vector<DisplayUnit> split_display_units(std::string_view escaped) {
  std::vector<DisplayUnit> units;
  std::size_t i = 0;
  while (i < escaped.size()) {
    if (escaped.substr(i).starts_with(kMarkOpen)) {
      const std::size_t close = escaped.find(kMarkClose, i);
      const std::size_t end =
          close == std::string_view::npos ? escaped.size() : close + kMarkClose.size();
      units.push_back({i, end, display_width(escaped.substr(i, end - i))});
      i = end;
      continue;
    }
    std::size_t len;
    const std::size_t w = code_point_width(escaped, i, len);
    if (w == 0 && !units.empty() && units.back().end == i) {
      units.back().end += len;  // a combining mark stays with its base character
    } else {
      units.push_back({i, i + len, w});
    }
    i += len;
  }
  return units;
}

std::string fit_to_width(std::string_view escaped, std::size_t max_columns) {
  if (display_width(escaped) <= max_columns) return std::string(escaped);
  if (max_columns == 0) return std::string();
  const std::size_t budget = max_columns - 1;  // one column for the ellipsis
  std::size_t width = 0, end = 0;
  for (const DisplayUnit& u : split_display_units(escaped)) {
    if (width + u.width > budget) break;
    width += u.width;
    end = u.end;
  }
  std::string out(escaped.substr(0, end));
  out += kEllipsis;
  return out;
}

}  // namespace huntq::output
