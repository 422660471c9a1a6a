// Host extraction follows the WHATWG URL standard (what browsers do), because the question an
// exclusion asks is "which server did this file come from". Whenever the text is not a URL a
// browser would fetch, there is no host: the row is then kept, never wrongly excluded.
#include <array>
#include <cstdint>
#include <optional>

#include "case_fold.h"
#include "huntq/rules/exclusion_rules.h"
#include "url_host_parse.h"

namespace huntq::rules {
namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_slash(char c) {
  return c == '/' || c == '\\';
}
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  return ascii_lower(c) - 'a' + 10;
}

bool equals_lowercase(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (ascii_lower(s[i]) != lower[i]) return false;
  }
  return true;
}

// Schemes whose URLs have a host, and where '\' counts as '/' (WHATWG "special" schemes).
bool is_special_scheme(std::string_view s) {
  static constexpr std::array<std::string_view, 6> kSpecial = {"http", "https", "ws",
                                                               "wss",  "ftp",   "file"};
  for (std::string_view k : kSpecial) {
    if (equals_lowercase(s, k)) return true;
  }
  return false;
}

// WHATWG "forbidden domain code point": a host holding one is not a valid URL host.
bool is_forbidden_in_host(unsigned char c) {
  if (c <= 0x20 || c == 0x7F) return true;
  switch (c) {
    case '#':
    case '%':
    case '/':
    case ':':
    case '<':
    case '>':
    case '?':
    case '@':
    case '[':
    case '\\':
    case ']':
    case '^':
    case '|':
      return true;
    default:
      return false;
  }
}

/// Percent-decodes `in` into `out`; false on a '%' not followed by two hex digits (which WHATWG
/// would keep, making the host invalid).
bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size() || !is_hex(in[i + 1]) || !is_hex(in[i + 2])) return false;
    out.push_back(static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2])));
    i += 2;
  }
  return true;
}

/// Maps what IDNA would map to ASCII and browsers therefore treat as the same host: fullwidth
/// forms (U+FF01-U+FF5E, including the fullwidth full stop) and the ideographic full stops
/// U+3002 and U+FF61. ASCII letters are lowercased; other text is kept as it is, so it can only
/// equal a domain written the same way.
void map_host_chars(std::string& host) {
  std::size_t w = 0;
  for (std::size_t r = 0; r < host.size();) {
    const auto b0 = static_cast<unsigned char>(host[r]);
    if (b0 == 0xEF && r + 2 < host.size()) {
      const auto b1 = static_cast<unsigned char>(host[r + 1]);
      const auto b2 = static_cast<unsigned char>(host[r + 2]);
      const char32_t cp = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && cp >= 0xFF01 && cp <= 0xFF5E) {
        host[w++] = ascii_lower(static_cast<char>(cp - 0xFEE0));
        r += 3;
        continue;
      }
      if (cp == 0xFF61 && (b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
        host[w++] = '.';
        r += 3;
        continue;
      }
    }
    if (b0 == 0xE3 && r + 2 < host.size() && static_cast<unsigned char>(host[r + 1]) == 0x80 &&
        static_cast<unsigned char>(host[r + 2]) == 0x82) {  // U+3002
      host[w++] = '.';
      r += 3;
      continue;
    }
    host[w++] = ascii_lower(host[r++]);
  }
  host.resize(w);
}

std::string_view last_label(std::string_view host) {
  const auto dot = host.rfind('.');
  return dot == std::string_view::npos ? host : host.substr(dot + 1);
}

// WHATWG "ends in a number": then the host must parse as IPv4 or the URL is invalid.
bool ends_in_number(std::string_view host) {
  const std::string_view last = last_label(host);
  if (last.empty()) return false;
  bool digits = true;
  for (char c : last) digits = digits && is_digit(c);
  if (digits) return true;
  if (last.size() >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X')) {
    for (char c : last.substr(2)) {
      if (!is_hex(c)) return false;
    }
    return true;
  }
  return false;
}

/// One part of a WHATWG IPv4 address: decimal, 0x-hex or 0-octal.
std::optional<std::uint64_t> parse_ipv4_number(std::string_view part) {
  if (part.empty()) return std::nullopt;
  int base = 10;
  if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    base = 16;
    part.remove_prefix(2);
  } else if (part.size() >= 2 && part[0] == '0') {
    base = 8;
    part.remove_prefix(1);
  }
  std::uint64_t value = 0;
  for (char c : part) {
    int digit = 0;
    if (base == 16 && is_hex(c)) {
      digit = hex_value(c);
    } else if (is_digit(c) && c - '0' < base) {
      digit = c - '0';
    } else {
      return std::nullopt;
    }
    value = value * base + digit;
    if (value > 0xFFFFFFFFull) return std::nullopt;  // too large for any part; stops overflow
  }
  return value;
}

/// Rewrites a host that ends in a number as dotted-decimal IPv4 (so "0x7f.1" is "127.0.0.1");
/// false when it is not a valid IPv4 address.
bool normalize_ipv4(std::string& host) {
  std::array<std::uint64_t, 4> parts{};
  std::size_t n = 0;
  std::string_view rest = host;
  while (true) {
    if (n == 4) return false;
    const auto dot = rest.find('.');
    const auto part = parse_ipv4_number(rest.substr(0, dot));
    if (!part) return false;
    parts[n++] = *part;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (parts[i] > 255) return false;
  }
  if (parts[n - 1] >= (1ull << (8 * (5 - n)))) return false;
  std::uint64_t address = parts[n - 1];
  for (std::size_t i = 0; i + 1 < n; ++i) address += parts[i] << (8 * (3 - i));
  host.clear();
  for (int shift = 24; shift >= 0; shift -= 8) {
    host += std::to_string((address >> shift) & 0xFF);
    if (shift) host += '.';
  }
  return true;
}

bool parse_ipv6_literal(std::string_view inside, std::string& host) {
  if (inside.find(':') == std::string_view::npos) return false;
  host.clear();
  for (char c : inside) {
    if (!is_hex(c) && c != ':' && c != '.') return false;  // no zone ids in URLs
    host.push_back(ascii_lower(c));
  }
  return true;
}

/// The host of an authority ("user:pass@host:port"), normalised.
bool parse_authority(std::string_view authority, bool decode, std::string& host) {
  const auto at = authority.rfind('@');  // browsers split userinfo at the last '@'
  std::string_view host_port = at == std::string_view::npos ? authority : authority.substr(at + 1);
  std::string_view port;
  if (!host_port.empty() && host_port.front() == '[') {
    const auto close = host_port.find(']');
    if (close == std::string_view::npos) return false;
    const std::string_view after = host_port.substr(close + 1);
    if (!after.empty() && after.front() != ':') return false;
    if (!after.empty()) port = after.substr(1);
    for (char c : port) {
      if (!is_digit(c)) return false;
    }
    return parse_ipv6_literal(host_port.substr(1, close - 1), host);
  }
  const auto colon = host_port.find(':');
  if (colon != std::string_view::npos) {
    port = host_port.substr(colon + 1);
    host_port = host_port.substr(0, colon);
  }
  std::uint32_t port_value = 0;
  for (char c : port) {
    if (!is_digit(c)) return false;
    port_value = port_value * 10 + (c - '0');
    if (port_value > 65535) return false;
  }
  if (decode) {
    if (!percent_decode(host_port, host)) return false;
  } else {
    host.assign(host_port);
  }
  map_host_chars(host);
  for (char c : host) {
    if (is_forbidden_in_host(static_cast<unsigned char>(c))) return false;
  }
  if (!host.empty() && host.back() == '.') host.pop_back();
  // One trailing dot is the DNS root; a second leaves an empty label no resolver accepts.
  if (host.empty() || host.back() == '.') return false;
  if (ends_in_number(host)) return normalize_ipv4(host);
  return true;
}

/// "host:8080/x" looks like scheme "host" followed by a path; a port number says otherwise.
bool is_port_after_colon(std::string_view rest) {
  std::size_t i = 0;
  while (i < rest.size() && is_digit(rest[i])) ++i;
  if (i == 0) return false;
  return i == rest.size() || is_slash(rest[i]) || rest[i] == '?' || rest[i] == '#';
}

bool parse_trimmed(std::string_view url, std::string& host) {
  std::size_t scheme_end = 0;
  if (!url.empty() && is_alpha(url[0])) {
    scheme_end = 1;
    while (scheme_end < url.size() &&
           (is_alpha(url[scheme_end]) || is_digit(url[scheme_end]) || url[scheme_end] == '+' ||
            url[scheme_end] == '-' || url[scheme_end] == '.')) {
      ++scheme_end;
    }
    if (scheme_end == url.size() || url[scheme_end] != ':') scheme_end = 0;
  }
  bool special = true;
  std::string_view rest = url;
  if (scheme_end > 0) {
    const std::string_view scheme = url.substr(0, scheme_end);
    special = is_special_scheme(scheme);
    const std::string_view after = url.substr(scheme_end + 1);
    if (!special && is_port_after_colon(after)) {
      special = true;  // "host:port/...", no scheme
    } else if (equals_lowercase(scheme, "file")) {
      // file: has a host only as "file://host/..."
      if (after.size() < 2 || !is_slash(after[0]) || !is_slash(after[1])) return false;
      rest = after.substr(2);
    } else if (special) {
      // Browsers skip any number of '/' or '\' after a special scheme: "https:\\x", "https:x".
      rest = after;
      while (!rest.empty() && is_slash(rest.front())) rest.remove_prefix(1);
    } else {
      if (after.substr(0, 2) != "//") return false;  // "mailto:", "about:", "C:\..."
      rest = after.substr(2);
    }
  } else if (!rest.empty() && is_slash(rest.front())) {
    // No scheme: "//host/x" names a host, "/path" does not.
    if (rest.size() < 2 || !is_slash(rest[1])) return false;
    rest.remove_prefix(2);
  }
  const std::string_view delimiters = special ? std::string_view("/\\?#") : "/?#";
  const std::string_view authority = rest.substr(0, rest.find_first_of(delimiters));
  return parse_authority(authority, special, host);
}

}  // namespace

bool parse_url_host(std::string_view url, std::string& host) {
  // Browsers strip leading and trailing C0 controls and spaces, and drop tabs and newlines.
  while (!url.empty() && static_cast<unsigned char>(url.front()) <= 0x20) url.remove_prefix(1);
  while (!url.empty() && static_cast<unsigned char>(url.back()) <= 0x20) url.remove_suffix(1);
  if (url.find_first_of("\t\n\r") != std::string_view::npos) {
    std::string cleaned;
    for (char c : url) {
      if (c != '\t' && c != '\n' && c != '\r') cleaned.push_back(c);
    }
    return parse_trimmed(cleaned, host);
  }
  return parse_trimmed(url, host);
}

bool is_ip_host(std::string_view host) {
  return host.find(':') != std::string_view::npos || ends_in_number(host);
}

std::optional<std::string> url_host(std::string_view url) {
  std::string host;
  if (!parse_url_host(url, host)) return std::nullopt;
  return host;
}

bool host_in_domain(std::string_view host, std::string_view domain) {
  const auto normalize = [](std::string_view s) {
    if (s.size() >= 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
    if (!s.empty() && s.back() == '.') s.remove_suffix(1);
    return s;
  };
  host = normalize(host);
  domain = normalize(domain);
  if (host.empty() || domain.empty() || host.size() < domain.size()) return false;
  const std::string_view tail = host.substr(host.size() - domain.size());
  for (std::size_t i = 0; i < tail.size(); ++i) {
    if (ascii_lower(tail[i]) != ascii_lower(domain[i])) return false;
  }
  if (host.size() == domain.size()) return true;
  // A subdomain: the label boundary must fall right before `domain`, and IP addresses have no
  // subdomains ("10.0.0.5" is not "in" "0.5").
  return host[host.size() - domain.size() - 1] == '.' && !is_ip_host(host) && !is_ip_host(domain);
}

}  // namespace huntq::rules
