// IPv4/IPv6 functions (scalar-functions.md "IPv4/IPv6 functions" and "IPv4 text match
// functions"). Addresses and ranges are strings in IP-prefix notation; a string that does not
// parse gives null (bool and long results) or "" (string results), as each doc page says.
// Constant ranges and address lists are parsed once, when the call is bound. Choices where the
// docs are silent are recorded in docs/semantics/network.md.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "huntq/engine/functions.h"
#include "huntq/error.h"
#include "huntq/value/dynamic.h"
#include "network_ip.h"
#include "string_terms.h"

namespace huntq::engine {
namespace {

using Prepare = std::shared_ptr<const void> (*)(std::span<const ArgInfo>);

template <class T>
const T& state_of(const CallContext& c) {
  return *static_cast<const T*>(c.state);
}

Value null_bool() {
  return Value::null_of(Type::Bool);
}
Value null_long() {
  return Value::null_of(Type::Long);
}

// The prefix argument: 0..max, or nothing.
std::optional<int> prefix_arg(Args a, std::size_t i, int max) {
  if (a.size() <= i) return max;
  const std::int64_t p = a[i].as_int64();
  if (p < 0 || p > max) return std::nullopt;
  return static_cast<int>(p);
}

// --- IPv4 ----------------------------------------------------------------------------------------

// The address with its own prefix applied ("192.168.1.1/24" is 192.168.1.0).
std::optional<Ipv4Net> masked_ipv4(std::string_view text) {
  auto net = parse_ipv4_net(text);
  if (net) net->address &= ipv4_mask(net->prefix);
  return net;
}

bool ipv4_in(const Ipv4Net& ip, const Ipv4Net& range) {
  const std::uint32_t mask = ipv4_mask(range.prefix);
  return (ip.address & mask) == (range.address & mask);
}

Value k_ipv4_is_in_range(Args a, const CallContext&) {
  const auto ip = masked_ipv4(a[0].text());
  const auto range = parse_ipv4_net(a[1].text());
  if (!ip || !range) return null_bool();
  return Value::boolean(ipv4_in(*ip, *range));
}

// -1, 0 or 1, comparing under the shortest of the two prefixes and the prefix argument.
template <bool Match>
Value k_ipv4_compare(Args a, const CallContext&) {
  const auto x = parse_ipv4_net(a[0].text());
  const auto y = parse_ipv4_net(a[1].text());
  const auto p = prefix_arg(a, 2, 32);
  if (!x || !y || !p) return Match ? null_bool() : null_long();
  const std::uint32_t mask = ipv4_mask(std::min({x->prefix, y->prefix, *p}));
  const std::uint32_t u = x->address & mask, v = y->address & mask;
  if (Match) return Value::boolean(u == v);
  return Value::int64(u < v ? -1 : u > v ? 1 : 0);
}

// A range lies in one of the private blocks (ipv4-is-private-function.md): its own prefix is at
// least the block's and its base address is in the block.
Value k_ipv4_is_private(Args a, const CallContext&) {
  const auto ip = parse_ipv4_net(a[0].text());
  if (!ip) return null_bool();
  static constexpr Ipv4Net kPrivate[] = {
      {0x0A000000, 8}, {0xAC100000, 12}, {0xC0A80000, 16}};  // 10/8, 172.16/12, 192.168/16
  for (const auto& block : kPrivate)
    if (ip->prefix >= block.prefix && ipv4_in(*ip, block)) return Value::boolean(true);
  return Value::boolean(false);
}

Value k_parse_ipv4(Args a, const CallContext&) {
  const auto ip = masked_ipv4(a[0].text());
  if (!ip) return null_long();
  return Value::int64(ip->address);
}

Value k_parse_ipv4_mask(Args a, const CallContext&) {
  const auto ip = parse_ipv4_net(a[0].text());
  const auto p = prefix_arg(a, 1, 32);
  if (!ip || !p) return null_long();
  return Value::int64(ip->address & ipv4_mask(std::min(ip->prefix, *p)));
}

Value k_ipv4_netmask_suffix(Args a, const CallContext&) {
  const auto ip = parse_ipv4_net(a[0].text());
  if (!ip) return null_long();
  return Value::int64(ip->prefix);
}

// format_ipv4's address: a string in IP-prefix notation, or a number (big-endian) 0..2^32-1.
std::optional<Ipv4Net> ipv4_from_any(const Value& v) {
  std::int64_t number = -1;
  bool is_number = false;
  if (v.type() == Type::Int || v.type() == Type::Long) {
    number = v.as_int64(), is_number = true;
  } else if (v.type() == Type::Dynamic &&
             (v.tree()->kind() == DynamicKind::Int || v.tree()->kind() == DynamicKind::Long)) {
    number = v.tree()->as_int64(), is_number = true;
  }
  if (is_number) {
    if (number < 0 || number > 0xFFFFFFFFLL) return std::nullopt;
    return Ipv4Net{static_cast<std::uint32_t>(number), 32};
  }
  if (v.type() == Type::String) return parse_ipv4_net(v.text());
  return parse_ipv4_net(to_string(v));
}

template <bool WithMask>
Value k_format_ipv4(Args a, const CallContext&) {
  if (a[0].is_null()) return Value::string("");
  const auto ip = ipv4_from_any(a[0]);
  const auto p = prefix_arg(a, 1, 32);
  if (!ip || !p) return Value::string("");
  const int prefix = std::min(ip->prefix, *p);
  std::string out = format_ipv4_address(ip->address & ipv4_mask(prefix));
  if (WithMask) out += fmt::format("/{}", prefix);
  return Value::string(std::move(out));
}

// --- IPv6 ----------------------------------------------------------------------------------------

int compare_bytes(const std::array<std::uint8_t, 16>& x, const std::array<std::uint8_t, 16>& y) {
  const auto c = std::memcmp(x.data(), y.data(), 16);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

template <bool Match>
Value k_ipv6_compare(Args a, const CallContext&) {
  const auto x = parse_ipv6_net(a[0].text());
  const auto y = parse_ipv6_net(a[1].text());
  const auto p = prefix_arg(a, 2, 128);
  if (!x || !y || !p) return Match ? null_bool() : null_long();
  const int prefix = std::min({x->prefix, y->prefix, *p});
  const int c = compare_bytes(ipv6_masked(x->address, prefix), ipv6_masked(y->address, prefix));
  if (Match) return Value::boolean(c == 0);
  return Value::int64(c);
}

bool ipv6_in(const Ipv6Net& ip, const Ipv6Net& range) {
  return ipv6_masked(ipv6_masked(ip.address, ip.prefix), range.prefix) ==
         ipv6_masked(range.address, range.prefix);
}

Value k_ipv6_is_in_range(Args a, const CallContext&) {
  const auto ip = parse_ipv6_net(a[0].text());
  const auto range = parse_ipv6_net(a[1].text());
  if (!ip || !range) return null_bool();
  return Value::boolean(ipv6_in(*ip, *range));
}

Value k_parse_ipv6(Args a, const CallContext&) {
  const auto ip = parse_ipv6_net(a[0].text());
  if (!ip) return Value::string("");
  return Value::string(format_ipv6_full(ipv6_masked(ip->address, ip->prefix)));
}

Value k_parse_ipv6_mask(Args a, const CallContext&) {
  const auto ip = parse_ipv6_net(a[0].text());
  const auto p = prefix_arg(a, 1, 128);
  if (!ip || !p) return Value::string("");
  return Value::string(format_ipv6_full(ipv6_masked(ip->address, std::min(ip->prefix, *p))));
}

// --- lists of ranges and addresses ---------------------------------------------------------------

// The strings of a list argument: the arguments from `first` on, or the items of one dynamic
// array there.
void list_strings(Args a, std::size_t first, std::vector<std::string>& out) {
  for (std::size_t i = first; i < a.size(); ++i) {
    if (a[i].type() == Type::Dynamic) {
      collect_list_items(a[i], out);
    } else {
      out.push_back(a[i].text());
    }
  }
}

bool all_constant(std::span<const ArgInfo> a, std::size_t first) {
  for (std::size_t i = first; i < a.size(); ++i)
    if (!a[i].constant) return false;
  return true;
}

void constant_strings(std::span<const ArgInfo> a, std::size_t first,
                      std::vector<std::string>& out) {
  for (std::size_t i = first; i < a.size(); ++i) {
    if (a[i].type == Type::Dynamic) {
      collect_list_items(*a[i].constant, out);
    } else {
      out.push_back(a[i].constant->text());
    }
  }
}

template <class Net>
struct Ranges {
  std::vector<Net> valid;
  bool some_invalid = false;
};

template <class Net, std::optional<Net> (*Parse)(std::string_view)>
Ranges<Net> parse_ranges(const std::vector<std::string>& texts) {
  Ranges<Net> r;
  for (const auto& t : texts) {
    if (auto net = Parse(t)) {
      r.valid.push_back(*net);
    } else {
      r.some_invalid = true;
    }
  }
  return r;
}

template <class Net, std::optional<Net> (*Parse)(std::string_view)>
std::shared_ptr<const void> prepare_ranges(std::span<const ArgInfo> a) {
  if (!all_constant(a, 1)) return nullptr;
  std::vector<std::string> texts;
  constant_strings(a, 1, texts);
  return std::make_shared<const Ranges<Net>>(parse_ranges<Net, Parse>(texts));
}

// True when the address is in a range; null when the address, or a range, does not parse and
// no valid range holds the address (ipv4-is-in-any-range-function.md); else false.
template <class Net, std::optional<Net> (*Parse)(std::string_view),
          bool (*In)(const Net&, const Net&), std::optional<Net> (*ParseIp)(std::string_view)>
Value k_in_any_range(Args a, const CallContext& c) {
  const auto ip = ParseIp(a[0].text());
  if (!ip) return null_bool();
  Ranges<Net> local;
  if (!c.state) {
    std::vector<std::string> texts;
    list_strings(a, 1, texts);
    local = parse_ranges<Net, Parse>(texts);
  }
  const Ranges<Net>& r = c.state ? state_of<Ranges<Net>>(c) : local;
  for (const auto& range : r.valid)
    if (In(*ip, range)) return Value::boolean(true);
  return r.some_invalid ? null_bool() : Value::boolean(false);
}

std::optional<Ipv4Net> masked_ipv4_parse(std::string_view t) {
  return masked_ipv4(t);
}

// has_ipv4 / has_any_ipv4: the addresses searched for; has_ipv4_prefix: a prefix is 1 to 3
// octets each followed by '.', or a whole address (has-ipv4-prefix-function.md).
struct Ipv4Prefix {
  std::uint32_t value = 0;
  int octets = 4;
};

std::optional<Ipv4Prefix> parse_ipv4_prefix(std::string_view t) {
  if (const auto full = parse_ipv4_address(t)) return Ipv4Prefix{*full, 4};
  Ipv4Prefix p{0, 0};
  std::size_t i = 0;
  while (i < t.size() && p.octets < 3) {
    int octet = 0, digits = 0;
    while (i < t.size() && is_ascii_digit(t[i]) && digits < 4)
      octet = octet * 10 + (t[i++] - '0'), ++digits;
    if (digits == 0 || digits > 3 || octet > 255 || i >= t.size() || t[i] != '.')
      return std::nullopt;
    ++i;
    p.value = p.value << 8 | static_cast<std::uint32_t>(octet);
    ++p.octets;
  }
  if (i != t.size() || p.octets == 0) return std::nullopt;
  return p;
}

bool prefix_matches(const Ipv4Prefix& p, std::uint32_t address) {
  return (address >> (8 * (4 - p.octets))) == p.value;
}

struct Ipv4Lookup {
  std::vector<Ipv4Prefix> prefixes;  // addresses are prefixes of 4 octets
};

template <bool Prefixes>
Ipv4Lookup make_lookup(const std::vector<std::string>& texts) {
  Ipv4Lookup l;
  for (const auto& t : texts) {
    if (Prefixes) {
      if (auto p = parse_ipv4_prefix(t)) l.prefixes.push_back(*p);
    } else if (auto a = parse_ipv4_address(t)) {
      l.prefixes.push_back({*a, 4});
    }
  }
  return l;
}

template <bool Prefixes>
std::shared_ptr<const void> prepare_lookup(std::span<const ArgInfo> a) {
  if (!all_constant(a, 1)) return nullptr;
  std::vector<std::string> texts;
  constant_strings(a, 1, texts);
  return std::make_shared<const Ipv4Lookup>(make_lookup<Prefixes>(texts));
}

// Texts are often long and lists are short: each address found in the text is tried against
// every list entry.
template <bool Prefixes>
Value k_has_ipv4(Args a, const CallContext& c) {
  Ipv4Lookup local;
  if (!c.state) {
    std::vector<std::string> texts;
    list_strings(a, 1, texts);
    local = make_lookup<Prefixes>(texts);
  }
  const Ipv4Lookup& l = c.state ? state_of<Ipv4Lookup>(c) : local;
  if (l.prefixes.empty()) return Value::boolean(false);
  return Value::boolean(any_ipv4_in_text(a[0].text(), [&](std::uint32_t address) {
    for (const auto& p : l.prefixes)
      if (prefix_matches(p, address)) return true;
    return false;
  }));
}

// --- registration ------------------------------------------------------------------------------

ParamSpec p(ArgClass cls) {
  return ParamSpec{cls, false};
}

Overload fixed(std::vector<ParamSpec> params, Type result, ScalarKernel kernel,
               Prepare prepare = nullptr, std::size_t min_args = SIZE_MAX, bool variadic = false) {
  return Overload{.params = std::move(params),
                  .min_args = min_args,
                  .variadic = variadic,
                  .fixed = result,
                  .kernel = kernel,
                  .prepare = prepare};
}

void add(FunctionRegistry& r, std::string_view name, std::vector<Overload> overloads) {
  r.add(ScalarFunction{.name = name, .aliases = {}, .overloads = std::move(overloads)});
}

// f(source, item, item...) or f(source, dynamic([items])).
void add_list(FunctionRegistry& r, std::string_view name, ScalarKernel kernel, Prepare prepare) {
  const ArgClass S = ArgClass::String;
  add(r, name,
      {fixed({p(S), p(S)}, Type::Bool, kernel, prepare, 2, true),
       fixed({p(S), p(ArgClass::Dynamic)}, Type::Bool, kernel, prepare)});
}

}  // namespace

void register_network_functions(FunctionRegistry& r) {
  const ArgClass S = ArgClass::String, L = ArgClass::Long;
  const Type TB = Type::Bool, TL = Type::Long, TS = Type::String;
  add(r, "ipv4_is_in_range", {fixed({p(S), p(S)}, TB, k_ipv4_is_in_range)});
  add(r, "ipv4_is_private", {fixed({p(S)}, TB, k_ipv4_is_private)});
  add(r, "ipv4_compare", {fixed({p(S), p(S), p(L)}, TL, k_ipv4_compare<false>, nullptr, 2)});
  add(r, "ipv4_is_match", {fixed({p(S), p(S), p(L)}, TB, k_ipv4_compare<true>, nullptr, 2)});
  add(r, "parse_ipv4", {fixed({p(S)}, TL, k_parse_ipv4)});
  add(r, "parse_ipv4_mask", {fixed({p(S), p(L)}, TL, k_parse_ipv4_mask)});
  add(r, "ipv4_netmask_suffix", {fixed({p(S)}, TL, k_ipv4_netmask_suffix)});
  {
    // The address may be a number; a null one gives "".
    Overload f = fixed({p(ArgClass::Any), p(L)}, TS, k_format_ipv4<false>, nullptr, 1);
    Overload m = fixed({p(ArgClass::Any), p(L)}, TS, k_format_ipv4<true>, nullptr, 1);
    add(r, "format_ipv4", {f});
    add(r, "format_ipv4_mask", {m});
  }
  add(r, "ipv6_compare", {fixed({p(S), p(S), p(L)}, TL, k_ipv6_compare<false>, nullptr, 2)});
  add(r, "ipv6_is_match", {fixed({p(S), p(S), p(L)}, TB, k_ipv6_compare<true>, nullptr, 2)});
  add(r, "ipv6_is_in_range", {fixed({p(S), p(S)}, TB, k_ipv6_is_in_range)});
  add(r, "parse_ipv6", {fixed({p(S)}, TS, k_parse_ipv6)});
  add(r, "parse_ipv6_mask", {fixed({p(S), p(L)}, TS, k_parse_ipv6_mask)});

  add_list(r, "ipv4_is_in_any_range",
           k_in_any_range<Ipv4Net, parse_ipv4_net, ipv4_in, masked_ipv4_parse>,
           prepare_ranges<Ipv4Net, parse_ipv4_net>);
  add_list(r, "ipv6_is_in_any_range",
           k_in_any_range<Ipv6Net, parse_ipv6_net, ipv6_in, parse_ipv6_net>,
           prepare_ranges<Ipv6Net, parse_ipv6_net>);
  add(r, "has_ipv4", {fixed({p(S), p(S)}, TB, k_has_ipv4<false>, prepare_lookup<false>)});
  add(r, "has_ipv4_prefix", {fixed({p(S), p(S)}, TB, k_has_ipv4<true>, prepare_lookup<true>)});
  add_list(r, "has_any_ipv4", k_has_ipv4<false>, prepare_lookup<false>);
  add_list(r, "has_any_ipv4_prefix", k_has_ipv4<true>, prepare_lookup<true>);
}

}  // namespace huntq::engine
