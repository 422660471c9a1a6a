// IPv4/IPv6 functions, checked against the examples of their doc pages
// (data-explorer/kusto/query/<name>-function.md) and hand-worked cases for what the docs leave
// open (docs/semantics/network.md).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "huntq/engine/functions.h"
#include "huntq/error.h"
#include "huntq/value/dynamic.h"

using namespace huntq;
using namespace huntq::engine;

namespace {

Value S(std::string s) {
  return Value::string(std::move(s));
}
Value L(std::int64_t v) {
  return Value::int64(v);
}
Value J(std::string_view json) {
  return Value::dynamic(parse_json_text(json));
}

Value call(std::string_view name, std::vector<Value> args) {
  return call_function(name, args);
}

// The call with every argument a column (not known when the query is bound).
Value call_rows(std::string_view name, std::vector<Value> args) {
  const ScalarFunction* f = FunctionRegistry::instance().scalar(name);
  REQUIRE(f);
  std::vector<ArgInfo> infos;
  for (const auto& a : args) infos.push_back({a.type(), nullptr});
  const ResolvedCall rc = resolve_call(*f, infos);
  std::vector<Value> converted;
  for (std::size_t i = 0; i < args.size(); ++i)
    converted.push_back(convert_argument(args[i], rc.param_types[i]));
  std::vector<const Value*> ptrs;
  for (const auto& v : converted) ptrs.push_back(&v);
  return evaluate_call(rc, Args(ptrs.data(), ptrs.size()));
}

// "true", "false" or "null", the same with constant and per-row arguments.
std::string b(std::string_view name, std::vector<Value> args) {
  const Value x = call(name, args), y = call_rows(name, args);
  REQUIRE(x.type() == Type::Bool);
  CHECK(x.is_null() == y.is_null());
  if (x.is_null()) return "null";
  CHECK(x.as_bool() == y.as_bool());
  return x.as_bool() ? "true" : "false";
}

std::string n(const Value& v) {
  REQUIRE(v.type() == Type::Long);
  return v.is_null() ? "null" : std::to_string(v.as_int64());
}
std::string text(const Value& v) {
  REQUIRE(v.type() == Type::String);
  return v.text();
}

}  // namespace

TEST_CASE("network: ipv4_is_in_range") {
  // ipv4-is-in-range-function.md
  CHECK(b("ipv4_is_in_range", {S("192.168.1.1"), S("192.168.1.1")}) == "true");
  CHECK(b("ipv4_is_in_range", {S("192.168.1.1"), S("192.168.1.255/24")}) == "true");
  CHECK(b("ipv4_is_in_range", {S("192.168.2.1"), S("192.168.1.255/24")}) == "false");
  CHECK(b("ipv4_is_in_range", {S("10.1.2.3"), S("0.0.0.0/0")}) == "true");
  CHECK(b("ipv4_is_in_range", {S("192.168.1.256"), S("192.168.1.0/24")}) == "null");
  CHECK(b("ipv4_is_in_range", {S("192.168.1.1"), S("192.168.1.0/33")}) == "null");
  CHECK(b("ipv4_is_in_range", {S(" 192.168.1.1"), S("192.168.1.0/24")}) == "null");
  CHECK(b("ipv4_is_in_range", {S(""), S("192.168.1.0/24")}) == "null");
}

TEST_CASE("network: ipv4_is_private") {
  // ipv4-is-private-function.md
  CHECK(b("ipv4_is_private", {S("192.168.1.1/24")}) == "true");
  CHECK(b("ipv4_is_private", {S("10.1.2.3/24")}) == "true");
  CHECK(b("ipv4_is_private", {S("202.1.2.3")}) == "false");
  CHECK(b("ipv4_is_private", {S("127.0.0.1")}) == "false");
  CHECK(b("ipv4_is_private", {S("10.1.2.3")}) == "true");
  CHECK(b("ipv4_is_private", {S("172.16.0.1")}) == "true");
  CHECK(b("ipv4_is_private", {S("172.31.255.255")}) == "true");
  CHECK(b("ipv4_is_private", {S("172.32.0.1")}) == "false");
  CHECK(b("ipv4_is_private", {S("172.16.0.0/8")}) == "false");  // the range is not all private
  CHECK(b("ipv4_is_private", {S("not an ip")}) == "null");
}

TEST_CASE("network: ipv4_compare and ipv4_is_match") {
  // ipv4-compare-function.md, ipv4-is-match-function.md
  const std::vector<std::pair<std::string, std::string>> equal = {
      {"192.168.1.0", "192.168.1.0"},
      {"192.168.1.1/24", "192.168.1.255"},
      {"192.168.1.1", "192.168.1.255/24"},
      {"192.168.1.1/30", "192.168.1.255/24"}};
  for (const auto& [x, y] : equal) {
    CHECK(n(call("ipv4_compare", {S(x), S(y)})) == "0");
    CHECK(b("ipv4_is_match", {S(x), S(y)}) == "true");
  }
  const std::vector<std::tuple<std::string, std::string, int>> with_prefix = {
      {"192.168.1.1", "192.168.1.0", 31},
      {"192.168.1.1/24", "192.168.1.255", 31},
      {"192.168.1.1", "192.168.1.255", 24}};
  for (const auto& [x, y, p] : with_prefix) {
    CHECK(n(call("ipv4_compare", {S(x), S(y), L(p)})) == "0");
    CHECK(b("ipv4_is_match", {S(x), S(y), L(p)}) == "true");
  }
  CHECK(b("ipv4_is_match", {S("192.168.1.1/24"), S("192.168.1.255")}) == "true");
  CHECK(n(call("ipv4_compare", {S("192.168.1.1"), S("192.168.1.2")})) == "-1");
  CHECK(n(call("ipv4_compare", {S("192.168.1.3"), S("192.168.1.2")})) == "1");
  CHECK(n(call("ipv4_compare", {S("255.0.0.0"), S("1.0.0.0")})) == "1");  // unsigned order
  CHECK(b("ipv4_is_match", {S("192.168.1.1"), S("192.168.1.2")}) == "false");
  CHECK(n(call("ipv4_compare", {S("192.168.1.1"), S("x")})) == "null");
  CHECK(n(call("ipv4_compare", {S("192.168.1.1"), S("192.168.1.1"), L(33)})) == "null");
  CHECK(n(call("ipv4_compare", {S("192.168.1.1"), S("192.168.1.1"), L(-1)})) == "null");
  CHECK(n(call("ipv4_compare", {S("1.1.1.1"), S("1.1.1.1"), Value::null_of(Type::Long)})) ==
        "null");
}

TEST_CASE("network: parse_ipv4, parse_ipv4_mask, ipv4_netmask_suffix") {
  // parse-ipv4-function.md
  CHECK(n(call("parse_ipv4", {S("192.168.1.1")})) == "3232235777");
  CHECK(n(call("parse_ipv4", {S("192.168.1.1/24")})) == "3232235776");
  CHECK(n(call("parse_ipv4", {S("255.255.255.255/31")})) == "4294967294");
  // parse-ipv4-mask-function.md: 127.0.0.1 with 24 bits is 127.0.0.0
  CHECK(n(call("parse_ipv4_mask", {S("127.0.0.1"), L(24)})) == "2130706432");
  CHECK(n(call("parse_ipv4_mask", {S("127.0.0.1/8"), L(24)})) == "2130706432");
  CHECK(n(call("parse_ipv4_mask", {S("127.0.0.1"), L(40)})) == "null");
  // ipv4-netmask-suffix-function.md
  CHECK(n(call("ipv4_netmask_suffix", {S("10.1.2.3")})) == "32");
  CHECK(n(call("ipv4_netmask_suffix", {S("192.168.1.1/24")})) == "24");
  CHECK(n(call("ipv4_netmask_suffix", {S("127.0.0.1/16")})) == "16");
  // What does not parse: too few octets, a big octet, a sign, a hex form, a bad prefix.
  for (const char* bad : {"1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "0x1.2.3.4", "1.2.3.4/",
                          "1.2.3.4/x", "1.2.3.4/33", "1.2.3.4 ", "1..2.3", "1.2.3.0004", ""})
    CHECK(n(call("parse_ipv4", {S(bad)})) == "null");
  CHECK(n(call("parse_ipv4", {S("001.002.003.004")})) == "16909060");
  CHECK(n(call("parse_ipv4", {S("0.0.0.0/0")})) == "0");
}

TEST_CASE("network: format_ipv4 and format_ipv4_mask") {
  // format-ipv4-function.md, format-ipv4-mask-function.md
  CHECK(text(call("format_ipv4", {S("192.168.1.1"), L(24)})) == "192.168.1.0");
  CHECK(text(call("format_ipv4_mask", {S("192.168.1.1"), L(24)})) == "192.168.1.0/24");
  CHECK(text(call("format_ipv4", {S("192.168.1.1"), L(32)})) == "192.168.1.1");
  CHECK(text(call("format_ipv4_mask", {S("192.168.1.1"), L(32)})) == "192.168.1.1/32");
  CHECK(text(call("format_ipv4", {S("192.168.1.1/24"), L(32)})) == "192.168.1.0");
  CHECK(text(call("format_ipv4_mask", {S("192.168.1.1/24"), L(32)})) == "192.168.1.0/24");
  CHECK(text(call("format_ipv4", {S("192.168.1.1/24"), L(-1)})) == "");
  CHECK(text(call("format_ipv4_mask", {S("192.168.1.1/24"), L(-1)})) == "");
  // A number in big-endian order, as parse_ipv4 gives it.
  CHECK(text(call("format_ipv4", {L(3232235777)})) == "192.168.1.1");
  CHECK(text(call("format_ipv4_mask", {L(3232235777)})) == "192.168.1.1/32");
  CHECK(text(call("format_ipv4", {Value::int32(16909060)})) == "1.2.3.4");
  CHECK(text(call("format_ipv4", {L(-1)})) == "");
  CHECK(text(call("format_ipv4", {L(4294967296)})) == "");
  CHECK(text(call("format_ipv4", {S("x")})) == "");
  CHECK(text(call("format_ipv4", {Value::null_of(Type::Long)})) == "");
}

TEST_CASE("network: ipv6_compare and ipv6_is_match") {
  // ipv6-compare-function.md, ipv6-is-match-function.md
  const std::vector<std::pair<std::string, std::string>> equal = {
      {"192.168.1.1", "192.168.1.1"},
      {"192.168.1.1/24", "192.168.1.255"},
      {"192.168.1.1", "192.168.1.255/24"},
      {"192.168.1.1/30", "192.168.1.255/24"},
      {"fe80::85d:e82c:9446:7994", "fe80::85d:e82c:9446:7994"},
      {"fe80::85d:e82c:9446:7994/120", "fe80::85d:e82c:9446:7998"},
      {"fe80::85d:e82c:9446:7994", "fe80::85d:e82c:9446:7998/120"},
      {"fe80::85d:e82c:9446:7994/120", "fe80::85d:e82c:9446:7998/120"},
      {"192.168.1.1", "::ffff:c0a8:0101"},
      {"192.168.1.1/24", "::ffff:c0a8:01ff"},
      {"::ffff:c0a8:0101", "192.168.1.255/24"},
      {"::192.168.1.1/30", "192.168.1.255/24"}};
  for (const auto& [x, y] : equal) {
    INFO(x << " vs " << y);
    CHECK(n(call("ipv6_compare", {S(x), S(y)})) == "0");
    CHECK(b("ipv6_is_match", {S(x), S(y)}) == "true");
  }
  const std::vector<std::tuple<std::string, std::string, int>> with_prefix = {
      {"192.168.1.1", "192.168.1.0", 31},
      {"192.168.1.1/24", "192.168.1.255", 31},
      {"192.168.1.1", "192.168.1.255", 24},
      {"fe80::85d:e82c:9446:7994", "fe80::85d:e82c:9446:7995", 127},
      {"fe80::85d:e82c:9446:7994/127", "fe80::85d:e82c:9446:7998", 120},
      {"fe80::85d:e82c:9446:7994/120", "fe80::85d:e82c:9446:7998", 127},
      {"192.168.1.1/24", "::ffff:c0a8:01ff", 127},
      {"::ffff:c0a8:0101", "192.168.1.255", 120},
      {"::192.168.1.1/30", "192.168.1.255/24", 127}};
  for (const auto& [x, y, p] : with_prefix) {
    INFO(x << " vs " << y << " /" << p);
    CHECK(n(call("ipv6_compare", {S(x), S(y), L(p)})) == "0");
    CHECK(b("ipv6_is_match", {S(x), S(y), L(p)}) == "true");
  }
  // The doc's prefixes 31 and 24 for plain IPv4 count IPv6 bits: 31 (or 24) of 128 leave
  // only zeros, so those rows are equal whatever the IPv4 parts are.
  CHECK(n(call("ipv6_compare", {S("fe80::1"), S("fe80::2")})) == "-1");
  CHECK(n(call("ipv6_compare", {S("fe80::2"), S("fe80::1")})) == "1");
  CHECK(n(call("ipv6_compare", {S("::1"), S("fe80::1")})) == "-1");
  CHECK(b("ipv6_is_match", {S("fe80::1"), S("fe80::2")}) == "false");
  CHECK(n(call("ipv6_compare", {S("fe80::1"), S("x")})) == "null");
  CHECK(n(call("ipv6_compare", {S("fe80::1"), S("fe80::1"), L(129)})) == "null");
}

TEST_CASE("network: parse_ipv6 and parse_ipv6_mask") {
  // parse-ipv6-function.md
  CHECK(text(call("parse_ipv6", {S("192.168.255.255")})) ==
        "0000:0000:0000:0000:0000:ffff:c0a8:ffff");
  CHECK(text(call("parse_ipv6", {S("192.168.255.255/24")})) ==
        "0000:0000:0000:0000:0000:ffff:c0a8:ff00");
  CHECK(text(call("parse_ipv6", {S("255.255.255.255")})) ==
        "0000:0000:0000:0000:0000:ffff:ffff:ffff");
  // parse-ipv6-mask-function.md
  const std::vector<std::tuple<std::string, int, std::string>> rows = {
      {"192.168.255.255", 120, "0000:0000:0000:0000:0000:ffff:c0a8:ff00"},
      {"192.168.255.255/24", 124, "0000:0000:0000:0000:0000:ffff:c0a8:ff00"},
      {"255.255.255.255", 128, "0000:0000:0000:0000:0000:ffff:ffff:ffff"},
      {"fe80::85d:e82c:9446:7994", 128, "fe80:0000:0000:0000:085d:e82c:9446:7994"},
      {"fe80::85d:e82c:9446:7994/120", 124, "fe80:0000:0000:0000:085d:e82c:9446:7900"},
      {"::192.168.255.255", 128, "0000:0000:0000:0000:0000:ffff:c0a8:ffff"},
      {"::192.168.255.255/24", 128, "0000:0000:0000:0000:0000:ffff:c0a8:ff00"}};
  for (const auto& [ip, mask, want] : rows) {
    INFO(ip << " /" << mask);
    CHECK(text(call("parse_ipv6_mask", {S(ip), L(mask)})) == want);
  }
  // Text forms: full, "::" at each place, upper case hex, a trailing dotted IPv4.
  CHECK(text(call("parse_ipv6", {S("::")})) == "0000:0000:0000:0000:0000:0000:0000:0000");
  CHECK(text(call("parse_ipv6", {S("::1")})) == "0000:0000:0000:0000:0000:0000:0000:0001");
  CHECK(text(call("parse_ipv6", {S("1::")})) == "0001:0000:0000:0000:0000:0000:0000:0000");
  CHECK(text(call("parse_ipv6", {S("2001:DB8:0:0:1:0:0:1")})) ==
        "2001:0db8:0000:0000:0001:0000:0000:0001");
  CHECK(text(call("parse_ipv6", {S("64:ff9b::192.0.2.33")})) ==
        "0064:ff9b:0000:0000:0000:0000:c000:0221");
  for (const char* bad : {"1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", ":1", "1:", "g::", "::1/129",
                          "1.2.3.4/33", "", "[::1]", "::1%eth0", "1:2:3:4:5:6:7"})
    CHECK(text(call("parse_ipv6", {S(bad)})) == "");
  CHECK(text(call("parse_ipv6_mask", {S("::1"), L(-1)})) == "");
}

TEST_CASE("network: ipv6_is_in_range") {
  // ipv6-is-in-range-function.md
  const std::string ip = "a5e:f127:8a9d:146d:e102:b5d3:c755:abcd";
  CHECK(b("ipv6_is_in_range", {S(ip), S("a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112")}) == "true");
  CHECK(b("ipv6_is_in_range", {S(ip), S("a5e:f127:8a9d:146d:e102:b5d3:c755:abcd")}) == "true");
  CHECK(b("ipv6_is_in_range", {S(ip), S("0:0:0:0:0:ffff:c0a8:ac/60")}) == "false");
  CHECK(b("ipv6_is_in_range", {S("192.168.1.7"), S("::ffff:192.168.1.0/24")}) == "true");
  CHECK(b("ipv6_is_in_range", {S("x"), S("::/0")}) == "null");
}

TEST_CASE("network: ipv4_is_in_any_range and ipv6_is_in_any_range") {
  // ipv4-is-in-any-range-function.md
  CHECK(b("ipv4_is_in_any_range",
          {S("192.168.1.6"), S("192.168.1.1/24"), S("10.0.0.1/8"), S("127.1.0.1/16")}) == "true");
  CHECK(b("ipv4_is_in_any_range", {S("127.0.0.1"), J(R"(["127.0.0.1", "192.168.1.1"])")}) ==
        "true");
  const Value local = J(R"(["192.168.1.1/16", "127.0.0.1/8", "10.0.0.1/8"])");
  CHECK(b("ipv4_is_in_any_range", {S("10.1.2.3"), local}) == "true");
  CHECK(b("ipv4_is_in_any_range", {S("192.168.1.5"), local}) == "true");
  CHECK(b("ipv4_is_in_any_range", {S("123.1.11.21"), local}) == "false");
  CHECK(b("ipv4_is_in_any_range", {S("1.1.1.1"), local}) == "false");
  // An address that does not parse gives null; so does a bad range, unless a good one holds
  // the address.
  CHECK(b("ipv4_is_in_any_range", {S("1.1.1"), local}) == "null");
  CHECK(b("ipv4_is_in_any_range", {S("10.1.2.3"), S("bad"), S("10.0.0.0/8")}) == "true");
  CHECK(b("ipv4_is_in_any_range", {S("11.1.2.3"), S("bad"), S("10.0.0.0/8")}) == "null");
  CHECK(b("ipv4_is_in_any_range", {S("11.1.2.3"), J("[]")}) == "false");
  // ipv6-is-in-any-range-function.md
  const Value networks =
      J(R"(["a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112", "0:0:0:0:0:ffff:c0a8:ac/60"])");
  CHECK(b("ipv6_is_in_any_range", {S("a5e:f127:8a9d:146d:e102:b5d3:c755:abcd"), networks}) ==
        "true");
  CHECK(b("ipv6_is_in_any_range", {S("a5e:f127:8a9d:146d:e102:b5d3:c755:abce"), networks}) ==
        "true");
  CHECK(b("ipv6_is_in_any_range", {S("a5e:f127:8a9d:146d:e102:b5d3:c755:abcf"), networks}) ==
        "true");
  CHECK(b("ipv6_is_in_any_range", {S("a5e:f127:8a9d:146d:e102:b5d3:c756:abd1"), networks}) ==
        "false");
  CHECK(b("ipv6_is_in_any_range", {S("fe80::1"), S("fe80::/10"), S("::1")}) == "true");
}

TEST_CASE("network: has_ipv4 and has_ipv4_prefix") {
  const std::string log = "05:04:54 127.0.0.1 GET /favicon.ico 404";
  // has-ipv4-function.md
  CHECK(b("has_ipv4", {S(log), S("127.0.0.1")}) == "true");
  CHECK(b("has_ipv4", {S("05:04:54 127.0.0.256 GET /favicon.ico 404"), S("127.0.0.256")}) ==
        "false");
  CHECK(b("has_ipv4", {S("05:04:54127.0.0.1 GET /favicon.ico 404"), S("127.0.0.1")}) == "false");
  const std::string requests = "These requests came from: 192.168.1.1, 10.1.1.115 and 10.1.1.201";
  CHECK(b("has_ipv4", {S(requests), S("10.1.1.115")}) == "true");
  CHECK(b("has_ipv4", {S(requests), S("10.1.1.201")}) == "true");
  CHECK(b("has_ipv4", {S(requests), S("10.1.1.11")}) == "false");
  CHECK(b("has_ipv4", {S("end of sentence 10.1.1.2."), S("10.1.1.2")}) == "true");
  CHECK(b("has_ipv4", {S("version 10.1.1.2.5"), S("10.1.1.2")}) == "false");
  CHECK(b("has_ipv4", {S("x10.1.1.2"), S("10.1.1.2")}) == "false");
  CHECK(b("has_ipv4", {S("10.1.1.2x"), S("10.1.1.2")}) == "false");
  CHECK(b("has_ipv4", {S("[10.1.1.2]:443"), S("10.1.1.2")}) == "true");
  CHECK(b("has_ipv4", {S(log), S("127.0.0.1/8")}) == "false");  // not an address
  // has-ipv4-prefix-function.md
  CHECK(b("has_ipv4_prefix", {S(log), S("127.0.")}) == "true");
  CHECK(b("has_ipv4_prefix", {S(log), S("127.0")}) == "false");
  CHECK(b("has_ipv4_prefix", {S("05:04:54 127.0.0.256 GET /favicon.ico 404"), S("127.0.")}) ==
        "false");
  CHECK(b("has_ipv4_prefix", {S("05:04:54127.0.0.1 GET /favicon.ico 404"), S("127.0.")}) ==
        "false");
  CHECK(b("has_ipv4_prefix", {S(log), S("127.")}) == "true");
  CHECK(b("has_ipv4_prefix", {S(log), S("127.0.0.")}) == "true");
  CHECK(b("has_ipv4_prefix", {S(log), S("127.0.0.1")}) == "true");
  CHECK(b("has_ipv4_prefix", {S(log), S("12.")}) == "false");
  CHECK(b("has_ipv4_prefix", {S(log), S("")}) == "false");
}

TEST_CASE("network: has_any_ipv4 and has_any_ipv4_prefix") {
  const std::string log = "05:04:54 127.0.0.1 GET /favicon.ico 404";
  // has-any-ipv4-function.md
  CHECK(b("has_any_ipv4", {S(log), S("127.0.0.1"), S("127.0.0.2")}) == "true");
  CHECK(b("has_any_ipv4", {S(log), J(R"(["127.0.0.1", "127.0.0.2"])")}) == "true");
  CHECK(b("has_any_ipv4", {S("05:04:54 127.0.0.256 GET /favicon.ico 404"),
                           J(R"(["127.0.0.256", "192.168.1.1"])")}) == "false");
  CHECK(b("has_any_ipv4", {S("05:04:54127.0.0.1 GET /favicon.ico 404"), S("127.0.0.1"),
                           S("192.168.1.1")}) == "false");
  // has-any-ipv4-prefix-function.md
  CHECK(b("has_any_ipv4_prefix", {S(log), S("127.0."), S("192.168.")}) == "true");
  CHECK(b("has_any_ipv4_prefix", {S(log), J(R"(["127.0.", "192.168."])")}) == "true");
  CHECK(b("has_any_ipv4_prefix", {S(log), S("127.0")}) == "false");
  CHECK(b("has_any_ipv4_prefix",
          {S("05:04:54127.0.0.1 GET /favicon.ico 404"), S("127.0."), S("192.")}) == "false");
  CHECK(b("has_any_ipv4", {S(log), J("[]")}) == "false");
}

TEST_CASE("network: result types") {
  const auto result = [](std::string_view name, std::vector<ArgInfo> args) {
    return resolve_call(*FunctionRegistry::instance().scalar(name), args).result;
  };
  const ArgInfo s{Type::String, nullptr}, l{Type::Long, nullptr}, d{Type::Dynamic, nullptr};
  CHECK(result("parse_ipv4", {s}) == Type::Long);
  CHECK(result("ipv4_compare", {s, s, l}) == Type::Long);
  CHECK(result("ipv6_is_match", {s, s}) == Type::Bool);
  CHECK(result("parse_ipv6", {s}) == Type::String);
  CHECK(result("format_ipv4", {l}) == Type::String);
  CHECK(result("ipv4_is_in_any_range", {s, d}) == Type::Bool);
  CHECK(result("has_any_ipv4_prefix", {s, s, s}) == Type::Bool);
}
