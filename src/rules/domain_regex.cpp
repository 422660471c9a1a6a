// Each alternative below mirrors one path of parse_url_host() (url_host.cpp): the text before
// the host decides which characters end the authority and whether a port may follow. Letters
// are matched with explicit [aA] classes, never (?i): Unicode case folding would let U+212A
// (Kelvin sign) stand for 'k' and U+017F (long s) for 's', which the native parser does not.
#include "domain_regex.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "sigma_value.h"
#include "url_host_parse.h"

namespace huntq::rules {
namespace {

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A character of a host name before the domain: anything the native parser accepts in a host,
// that is neither a control character, space, a WHATWG forbidden host code point, nor a
// fullwidth form that it maps to one.
constexpr std::string_view kHostChar =
    "[^\\x00-\\x20\\x7F#%/:<>?@\\[\\\\\\]\\^|"
    "\uFF03\uFF05\uFF0F\uFF1A\uFF1C\uFF1E\uFF1F\uFF20\uFF3B\uFF3C\uFF3D\uFF3E\uFF5C]";
// What the native parser reads as a label separator: '.', and the fullwidth and ideographic
// full stops it maps to '.'.
constexpr std::string_view kDot = "[.\uFF0E\u3002\uFF61]";
// Bytes the native parser strips from both ends of a URL.
constexpr std::string_view kSpace = R"([\x00-\x20])";
// A port number of at most 65535, leading zeros allowed.
constexpr std::string_view kPortNumber =
    "0*(?:[0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])";

/// The UTF-8 of a code point of the Basic Multilingual Plane.
std::string utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

/// `s` as a pattern, ASCII letters in either case (schemes are ASCII).
std::string caseless(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (is_ascii_letter(c)) {
      const char lower = static_cast<char>(c | 0x20);
      out += '[';
      out += lower;
      out += static_cast<char>(lower - 32);
      out += ']';
    } else {
      out += regex_escape(std::string_view(&c, 1));
    }
  }
  return out;
}

/// A lowercased domain as the host text that the native parser maps to it: letters in either
/// case, and letters, digits, '-' and '.' also in their fullwidth forms (U+FF01-U+FF5E stand
/// for ASCII 0x21-0x7E there) or, for '.', the ideographic full stops.
std::string host_text(std::string_view d) {
  std::string out;
  for (char c : d) {
    const auto fullwidth = [](char ascii) { return utf8(static_cast<char32_t>(ascii) + 0xFEE0); };
    if (c >= 'a' && c <= 'z') {
      const char upper = static_cast<char>(c - 32);
      out += "[" + std::string(1, c) + upper + fullwidth(c) + fullwidth(upper) + "]";
    } else if ((c >= '0' && c <= '9') || c == '_') {
      out += "[" + std::string(1, c) + fullwidth(c) + "]";
    } else if (c == '-') {
      out += "[\\-" + fullwidth(c) + "]";
    } else if (c == '.') {
      out += kDot;
    } else {
      out += regex_escape(std::string_view(&c, 1));
    }
  }
  return out;
}

std::string alternatives(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : "|") + s;
  return "(?:" + out + ")";
}

bool is_forbidden_ascii(unsigned char c) {
  return c <= 0x20 || c == 0x7F ||
         std::string_view("#%/:<>?@[\\]^|").find(static_cast<char>(c)) != std::string_view::npos;
}

/// False when the native parser maps `s` (fullwidth forms U+FF01-U+FF5E, U+FF61, U+3002) so
/// that no host can be written as `s`.
bool has_no_mapped_chars(std::string_view s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    const bool fullwidth = b0 == 0xEF && ((b1 == 0xBC && b2 >= 0x81) ||       // U+FF01-U+FF3F
                                          (b1 == 0xBD && b2 <= 0x9E) ||       // U+FF40-U+FF5E
                                          (b1 == 0xBD && b2 == 0xA1));        // U+FF61
    if (fullwidth || (b0 == 0xE3 && b1 == 0x80 && b2 == 0x82)) return false;  // U+3002
  }
  return true;
}

bool is_name_domain(std::string_view d) {
  for (char c : d) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && is_forbidden_ascii(u)) return false;
  }
  return has_no_mapped_chars(d);
}

/// Dotted-decimal IPv4 without leading zeros: the only form the native parser writes a host in.
bool is_canonical_ipv4(std::string_view d) {
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    const std::size_t start = i;
    int value = 0;
    while (i < d.size() && d[i] >= '0' && d[i] <= '9' && i - start < 3) {
      value = value * 10 + (d[i++] - '0');
    }
    const std::size_t len = i - start;
    if (len == 0 || value > 255 || (len > 1 && d[start] == '0')) return false;
    ++parts;
    if (i == d.size()) return parts == 4;
    if (d[i] != '.' || parts == 4) return false;
    ++i;
  }
}

bool is_ipv6_text(std::string_view d) {
  for (char c : d) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.')) return false;
  }
  return true;
}

/// A name made of the characters of a URL scheme, so that "name:443" reads as host and port
/// when nothing else does. Alone, it must start with a letter and not be a special scheme
/// (then "http:443" is scheme and host "443"); after "x." anything goes.
bool is_scheme_like(std::string_view d, bool alone) {
  static constexpr std::array<std::string_view, 6> kSpecial = {"http", "https", "ws",
                                                               "wss",  "ftp",   "file"};
  for (char c : d) {
    if (!(is_ascii_letter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
      return false;
    }
  }
  if (!alone) return true;
  if (d.empty() || !is_ascii_letter(d[0])) return false;
  return std::find(kSpecial.begin(), kSpecial.end(), d) == kSpecial.end();
}

}  // namespace

std::string domain_url_regex(std::span<const std::string> domains) {
  std::vector<std::string> names, ipv4, ipv6, scheme_like_tail, scheme_like_whole;
  for (const std::string& d : domains) {
    if (d.find(':') != std::string::npos) {
      if (is_ipv6_text(d)) ipv6.push_back(caseless(d));
    } else if (is_ip_host(d)) {
      if (is_canonical_ipv4(d)) ipv4.push_back(host_text(d));
    } else if (is_name_domain(d)) {
      names.push_back(host_text(d));
      if (is_scheme_like(d, false)) scheme_like_tail.push_back(caseless(d));
      if (is_scheme_like(d, true)) scheme_like_whole.push_back(caseless(d));
    }
  }
  if (names.empty() && ipv4.empty() && ipv6.empty()) return "";

  // A name or IPv4 host, with the one trailing dot the parser drops.
  std::vector<std::string> plain_hosts;
  if (!names.empty()) {
    plain_hosts.push_back("(?:" + std::string(kHostChar) + "*" + std::string(kDot) + ")?" +
                          alternatives(names));
  }
  for (const std::string& ip : ipv4) plain_hosts.push_back(ip);
  const std::string plain_host =
      plain_hosts.empty() ? "" : alternatives(plain_hosts) + std::string(kDot) + "?";
  // The native parser takes any digits as the port of an IPv6 literal, up to 65535 otherwise.
  const std::string port = "(?::" + std::string(kPortNumber) + "?)?";
  std::vector<std::string> any_hosts;
  if (!plain_host.empty()) any_hosts.push_back(plain_host + port);
  if (!ipv6.empty()) any_hosts.push_back("\\[" + alternatives(ipv6) + "\\](?::[0-9]*)?");
  const std::string any_host = alternatives(any_hosts);
  const std::string ipv6_host = ipv6.empty() ? "" : any_hosts.back();

  const std::string space_to_end = std::string(kSpace) + "*$";
  const std::string end_special = "(?:[/\\\\?#]|" + space_to_end + ")";
  const std::string end_other = "(?:[/?#]|" + space_to_end + ")";
  // Userinfo runs to the last '@' of the authority; the host cannot hold an '@'.
  const std::string userinfo = "(?:[^/\\\\?#]*@)?";
  const std::string authority_special = userinfo + any_host + end_special;

  std::vector<std::string> forms;
  // http(s), ws(s), ftp: any run of '/' and '\' after the colon; file: exactly two; no scheme:
  // "//host". In all of them '\' ends the authority like '/'.
  forms.push_back("(?:(?:" + caseless("http") + "[sS]?|" + caseless("ws") + "[sS]?|" +
                  caseless("ftp") + "):[/\\\\]*|(?:" + caseless("file") + ":)?[/\\\\]{2})" +
                  authority_special);
  // Other schemes: "//" and an authority that '\' does not end (refused in it here).
  forms.push_back("[A-Za-z][A-Za-z0-9+.\\-]*://" + userinfo + any_host + end_other);
  // No scheme and no ':' before the path ("example.com/x", "user@example.com"): nothing can
  // be read as a scheme.
  std::vector<std::string> no_scheme_hosts;
  if (!plain_host.empty()) no_scheme_hosts.push_back(plain_host);
  if (!ipv6_host.empty()) no_scheme_hosts.push_back(ipv6_host);
  forms.push_back("(?:[^/\\\\?#:]*@)?" + alternatives(no_scheme_hosts) + end_special);
  // "name:port/..." with no scheme: the name is what a scheme could be, so it must not be one
  // of the special schemes.
  std::vector<std::string> scheme_like_hosts;
  if (!scheme_like_tail.empty()) {
    scheme_like_hosts.push_back("[A-Za-z][A-Za-z0-9+.\\-]*\\." + alternatives(scheme_like_tail));
  }
  if (!scheme_like_whole.empty()) scheme_like_hosts.push_back(alternatives(scheme_like_whole));
  if (!scheme_like_hosts.empty()) {
    forms.push_back(alternatives(scheme_like_hosts) + "\\.?:" + std::string(kPortNumber) +
                    end_special);
  }
  return "^" + std::string(kSpace) + "*" + alternatives(forms);
}

}  // namespace huntq::rules
