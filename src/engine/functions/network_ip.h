// IPv4 and IPv6 addresses and prefixes as the IP functions read them (ip-prefix-notation.md).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace huntq::engine {

/// An IPv4 address with its prefix length (32 when none was written).
struct Ipv4Net {
  std::uint32_t address = 0;
  int prefix = 32;
};

/// The netmask of a prefix length 0..32.
constexpr std::uint32_t ipv4_mask(int prefix) {
  return prefix <= 0 ? 0 : prefix >= 32 ? 0xFFFFFFFFu : ~((std::uint32_t{1} << (32 - prefix)) - 1);
}

/// "a.b.c.d": four decimal octets of 1 to 3 digits, each at most 255. Nothing else (no spaces,
/// no shortened or hex forms).
std::optional<std::uint32_t> parse_ipv4_address(std::string_view text);

/// "a.b.c.d" or "a.b.c.d/n" with n in 0..32.
std::optional<Ipv4Net> parse_ipv4_net(std::string_view text);

std::string format_ipv4_address(std::uint32_t address);

/// An IPv6 address (16 bytes, network order) with its prefix length 0..128.
struct Ipv6Net {
  std::array<std::uint8_t, 16> address{};
  int prefix = 128;
};

/// An IPv6 address in any RFC 4291 text form ("::" shortening, a trailing dotted IPv4), or an
/// IPv4 address, with an optional "/n". IPv4 addresses, written plain or as ::a.b.c.d or
/// ::ffff:a.b.c.d, become IPv4-mapped (::ffff:a.b.c.d), and their /n counts IPv4 bits
/// (0..32, so 96 + n of the IPv6 address): parse_ipv6_mask("::192.168.255.255/24", 128) keeps
/// 120 bits (parse-ipv6-mask-function.md).
std::optional<Ipv6Net> parse_ipv6_net(std::string_view text);

/// The address with every bit past `prefix` cleared.
std::array<std::uint8_t, 16> ipv6_masked(const std::array<std::uint8_t, 16>& address, int prefix);

/// Eight groups of four lowercase hex digits: 0000:0000:0000:0000:0000:ffff:c0a8:ffff.
std::string format_ipv6_full(const std::array<std::uint8_t, 16>& address);

bool is_ascii_digit(char c);
bool is_ascii_alnum(char c);
/// The address written at text[i..], if one is; `end` gets the position after it. It must not
/// be followed by a letter or digit, nor by '.' and a digit.
std::optional<std::uint32_t> ipv4_at(std::string_view text, std::size_t i, std::size_t& end);

/// Calls f(address) for each IPv4 address written in the text and delimited from it: not
/// preceded by a letter, digit or '.', and ending as ipv4_at() requires (has-ipv4-function.md:
/// "05:04:54127.0.0.1" holds none). Stops when f returns true; returns whether it did.
template <class F>
bool any_ipv4_in_text(std::string_view text, F&& f) {
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    if (!is_ascii_digit(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    if (i == 0 || (!is_ascii_alnum(text[i - 1]) && text[i - 1] != '.')) {
      const auto address = ipv4_at(text, i, end);
      if (address && f(*address)) return true;
    }
    // Skip the rest of this run of digits and dots.
    while (i < n && (is_ascii_digit(text[i]) || text[i] == '.')) ++i;
  }
  return false;
}

}  // namespace huntq::engine
