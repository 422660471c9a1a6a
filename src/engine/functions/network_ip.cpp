#include "network_ip.h"

#include <fmt/format.h>

namespace huntq::engine {
namespace {

// Decimal digits in text[i..], at most `max_digits`; false if there are none or more.
bool read_number(std::string_view text, std::size_t& i, int max_digits, int& value) {
  const std::size_t start = i;
  value = 0;
  while (i < text.size() && is_ascii_digit(text[i])) {
    if (static_cast<int>(i - start) == max_digits) return false;
    value = value * 10 + (text[i] - '0');
    ++i;
  }
  return i > start;
}

// a.b.c.d at text[i..]; `i` moves past it.
bool read_dotted(std::string_view text, std::size_t& i, std::uint32_t& address) {
  address = 0;
  for (int k = 0; k < 4; ++k) {
    if (k > 0) {
      if (i >= text.size() || text[i] != '.') return false;
      ++i;
    }
    int octet;
    if (!read_number(text, i, 3, octet) || octet > 255) return false;
    address = address << 8 | static_cast<std::uint32_t>(octet);
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The RFC 4291 text forms; `dotted` tells whether the last 32 bits were written as a.b.c.d.
bool read_ipv6(std::string_view s, std::array<std::uint8_t, 16>& out, bool& dotted) {
  dotted = false;
  out.fill(0);
  std::array<std::uint16_t, 8> groups{};
  int count = 0, gap = -1;  // groups written; where "::" stands
  std::size_t i = 0;
  if (s.starts_with("::")) {
    gap = 0;
    i = 2;
  }
  while (i < s.size()) {
    // A dotted IPv4 ends the address (in place of two groups).
    std::size_t j = i;
    while (j < s.size() && is_ascii_digit(s[j])) ++j;
    if (j < s.size() && s[j] == '.') {
      std::uint32_t v4;
      std::size_t k = i;
      if (count > 6 || !read_dotted(s, k, v4) || k != s.size()) return false;
      groups[static_cast<std::size_t>(count++)] = static_cast<std::uint16_t>(v4 >> 16);
      groups[static_cast<std::size_t>(count++)] = static_cast<std::uint16_t>(v4 & 0xFFFF);
      dotted = true;
      i = k;
      break;
    }
    int v = 0, digits = 0;
    while (i < s.size() && hex_value(s[i]) >= 0) {
      if (++digits > 4) return false;
      v = v * 16 + hex_value(s[i++]);
    }
    if (digits == 0 || count == 8) return false;
    groups[static_cast<std::size_t>(count++)] = static_cast<std::uint16_t>(v);
    if (i == s.size()) break;
    if (s[i] != ':') return false;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (gap >= 0) return false;  // "::" twice
      gap = count;
      ++i;
    } else if (i == s.size()) {
      return false;  // a trailing single ':'
    }
  }
  if (gap < 0 ? count != 8 : count > 7) return false;
  std::array<std::uint16_t, 8> full{};
  if (gap < 0) {
    full = groups;
  } else {
    const int tail = count - gap;
    for (int k = 0; k < gap; ++k)
      full[static_cast<std::size_t>(k)] = groups[static_cast<std::size_t>(k)];
    for (int k = 0; k < tail; ++k)
      full[static_cast<std::size_t>(8 - tail + k)] = groups[static_cast<std::size_t>(gap + k)];
  }
  for (int k = 0; k < 8; ++k) {
    out[static_cast<std::size_t>(2 * k)] =
        static_cast<std::uint8_t>(full[static_cast<std::size_t>(k)] >> 8);
    out[static_cast<std::size_t>(2 * k + 1)] =
        static_cast<std::uint8_t>(full[static_cast<std::size_t>(k)] & 0xFF);
  }
  return true;
}

// "/n" with n in 0..max, or no prefix (max).
bool split_prefix(std::string_view text, std::string_view& address, int max, int& prefix) {
  const std::size_t slash = text.find('/');
  address = text.substr(0, slash);
  prefix = max;
  if (slash == std::string_view::npos) return true;
  std::size_t i = slash + 1;
  return read_number(text, i, 3, prefix) && i == text.size() && prefix <= max;
}

}  // namespace

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_ascii_alnum(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::optional<std::uint32_t> parse_ipv4_address(std::string_view text) {
  std::size_t i = 0;
  std::uint32_t address;
  if (!read_dotted(text, i, address) || i != text.size()) return std::nullopt;
  return address;
}

std::optional<Ipv4Net> parse_ipv4_net(std::string_view text) {
  std::string_view address;
  Ipv4Net net;
  if (!split_prefix(text, address, 32, net.prefix)) return std::nullopt;
  const auto a = parse_ipv4_address(address);
  if (!a) return std::nullopt;
  net.address = *a;
  return net;
}

std::string format_ipv4_address(std::uint32_t a) {
  return fmt::format("{}.{}.{}.{}", a >> 24, (a >> 16) & 0xFF, (a >> 8) & 0xFF, a & 0xFF);
}

std::optional<Ipv6Net> parse_ipv6_net(std::string_view text) {
  const std::size_t slash = text.find('/');
  const std::string_view address = text.substr(0, slash);
  Ipv6Net net;
  bool mapped_prefix = false;
  if (const auto v4 = parse_ipv4_address(address)) {
    net.address[10] = net.address[11] = 0xFF;
    for (int k = 0; k < 4; ++k)
      net.address[static_cast<std::size_t>(12 + k)] =
          static_cast<std::uint8_t>(*v4 >> (24 - 8 * k));
    mapped_prefix = true;
  } else {
    bool dotted = false;
    if (!read_ipv6(address, net.address, dotted)) return std::nullopt;
    bool zero80 = true;
    for (int k = 0; k < 10; ++k) zero80 = zero80 && net.address[static_cast<std::size_t>(k)] == 0;
    const bool compatible = zero80 && net.address[10] == 0 && net.address[11] == 0;
    const bool mapped = zero80 && net.address[10] == 0xFF && net.address[11] == 0xFF;
    if (dotted && (compatible || mapped)) {
      net.address[10] = net.address[11] = 0xFF;
      mapped_prefix = true;
    }
  }
  std::string_view unused;
  int prefix = 0;
  if (!split_prefix(text, unused, mapped_prefix ? 32 : 128, prefix)) return std::nullopt;
  net.prefix = mapped_prefix ? 96 + prefix : prefix;
  return net;
}

std::array<std::uint8_t, 16> ipv6_masked(const std::array<std::uint8_t, 16>& a, int prefix) {
  std::array<std::uint8_t, 16> out{};
  for (int k = 0; k < 16; ++k) {
    const int bits = prefix - 8 * k;
    const auto i = static_cast<std::size_t>(k);
    out[i] = bits >= 8   ? a[i]
             : bits <= 0 ? 0
                         : static_cast<std::uint8_t>(a[i] & (0xFF << (8 - bits)));
  }
  return out;
}

std::string format_ipv6_full(const std::array<std::uint8_t, 16>& a) {
  std::string out;
  for (int k = 0; k < 8; ++k) {
    if (k > 0) out += ':';
    out += fmt::format("{:02x}{:02x}", a[static_cast<std::size_t>(2 * k)],
                       a[static_cast<std::size_t>(2 * k + 1)]);
  }
  return out;
}

std::optional<std::uint32_t> ipv4_at(std::string_view text, std::size_t i, std::size_t& end) {
  std::uint32_t address;
  if (!read_dotted(text, i, address)) return std::nullopt;
  if (i < text.size()) {
    if (is_ascii_alnum(text[i])) return std::nullopt;
    if (text[i] == '.' && i + 1 < text.size() && is_ascii_digit(text[i + 1])) return std::nullopt;
  }
  end = i;
  return address;
}

}  // namespace huntq::engine
