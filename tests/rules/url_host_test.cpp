// Expected hosts follow the WHATWG URL standard (what a browser would connect to).
#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "huntq/rules/exclusion_rules.h"

using huntq::rules::host_in_domain;
using huntq::rules::url_host;

namespace {
std::optional<std::string> some(const char* s) {
  return std::string(s);
}
}  // namespace

TEST_CASE("url_host: ordinary URLs", "[rules][url]") {
  CHECK(url_host("https://update.microsoft.com/x/y.cab") == some("update.microsoft.com"));
  CHECK(url_host("http://download.microsoft.com") == some("download.microsoft.com"));
  CHECK(url_host("ftp://FTP.Example.COM/pub") == some("ftp.example.com"));
  CHECK(url_host("wss://socket.example:8443/chat") == some("socket.example"));
}

TEST_CASE("url_host: letter case, trailing dot, port, userinfo", "[rules][url]") {
  CHECK(url_host("HTTPS://UPDATE.Microsoft.COM/") == some("update.microsoft.com"));
  CHECK(url_host("https://update.microsoft.com./") == some("update.microsoft.com"));
  CHECK(url_host("https://update.microsoft.com:443/x") == some("update.microsoft.com"));
  CHECK(url_host("https://update.microsoft.com:/x") == some("update.microsoft.com"));
  CHECK(url_host("https://user:pw@update.microsoft.com/") == some("update.microsoft.com"));
  CHECK(url_host("https://a@b@update.microsoft.com/") == some("update.microsoft.com"));
  CHECK(url_host("https://update.microsoft.com:abc/") == std::nullopt);
  CHECK(url_host("https://update.microsoft.com:65536/") == std::nullopt);
  CHECK(url_host("https://update.microsoft.com:65535/") == some("update.microsoft.com"));
}

TEST_CASE("url_host: look-alikes resolve to the attacker's host", "[rules][url]") {
  CHECK(url_host("https://update.microsoft.com@evil.example/") == some("evil.example"));
  CHECK(url_host("https://evil.example/update.microsoft.com") == some("evil.example"));
  CHECK(url_host("https://evil.example\\@update.microsoft.com") == some("evil.example"));
  CHECK(url_host("https://evil.example?@update.microsoft.com") == some("evil.example"));
  CHECK(url_host("https://evil.example#@update.microsoft.com") == some("evil.example"));
  CHECK(url_host("https://update.microsoft.com.evil.example/") ==
        some("update.microsoft.com.evil.example"));
  // A percent-encoded '/' in the host is not a path separator: the host is invalid.
  CHECK(url_host("https://update.microsoft.com%2F.evil.example/") == std::nullopt);
  // In userinfo, though, it is just text, and the host is what follows the '@'.
  CHECK(url_host("https://evil.example%2F@update.microsoft.com/") == some("update.microsoft.com"));
}

TEST_CASE("url_host: IPv6 and IPv4 literals", "[rules][url]") {
  CHECK(url_host("http://[::1]/") == some("::1"));
  CHECK(url_host("http://[::1]:8080/x") == some("::1"));
  CHECK(url_host("http://[2001:DB8::1]/") == some("2001:db8::1"));
  CHECK(url_host("http://user@[::1]:80") == some("::1"));
  CHECK(url_host("http://[::1") == std::nullopt);
  CHECK(url_host("http://[::1]x/") == std::nullopt);
  CHECK(url_host("http://[evil.example]/") == std::nullopt);
  CHECK(url_host("http://10.0.0.5/") == some("10.0.0.5"));
  CHECK(url_host("http://0x7f.1/") == some("127.0.0.1"));           // WHATWG IPv4 shorthand, hex
  CHECK(url_host("http://0300.0250.0.1/") == some("192.168.0.1"));  // octal parts
  CHECK(url_host("http://999.1.1.1/") == std::nullopt);
  CHECK(url_host("http://example.123/") == std::nullopt);  // ends in a number, not IPv4
}

TEST_CASE("url_host: schemes without //, backslashes, no scheme", "[rules][url]") {
  CHECK(url_host("https:update.microsoft.com/x") == some("update.microsoft.com"));
  CHECK(url_host("https:/update.microsoft.com/x") == some("update.microsoft.com"));
  CHECK(url_host("https:///evil.example/") == some("evil.example"));
  CHECK(url_host("https:\\\\evil.example\\x") == some("evil.example"));
  CHECK(url_host("update.microsoft.com/path") == some("update.microsoft.com"));
  CHECK(url_host("update.microsoft.com") == some("update.microsoft.com"));
  CHECK(url_host("update.microsoft.com:8080/x") == some("update.microsoft.com"));
  CHECK(url_host("localhost:8080") == some("localhost"));
  CHECK(url_host("//evil.example/x") == some("evil.example"));
  CHECK(url_host("/update.microsoft.com/x") == std::nullopt);  // a path, not a host
  CHECK(url_host("sftp://files.example/x") == some("files.example"));
  CHECK(url_host("file://server/share/x.exe") == some("server"));
  CHECK(url_host("file:///C:/Users/x.exe") == std::nullopt);
}

TEST_CASE("url_host: text with no host", "[rules][url]") {
  CHECK(url_host("") == std::nullopt);
  CHECK(url_host("   ") == std::nullopt);
  CHECK(url_host("https://") == std::nullopt);
  CHECK(url_host("https://:443/") == std::nullopt);
  CHECK(url_host("https://user@/") == std::nullopt);
  CHECK(url_host("about:internet") == std::nullopt);
  CHECK(url_host("mailto:someone@update.microsoft.com") == std::nullopt);
  CHECK(url_host("C:\\Users\\me\\Downloads\\x.exe") == std::nullopt);
  CHECK(url_host("https://evil example.com/") == std::nullopt);
  CHECK(url_host("https://%zz/") == std::nullopt);
  CHECK(url_host("https://a%25b/") == std::nullopt);  // decodes to '%', not allowed in a host
  // An empty last label (found by the url_host fuzz target): no browser connects there.
  CHECK(url_host("https://update.microsoft.com../") == std::nullopt);
  CHECK(url_host("http../0x7//.1/") == std::nullopt);
  CHECK(url_host("http://../") == std::nullopt);
  static constexpr char kWithNul[] = "https://update.microsoft.com\0.evil.example/";
  CHECK(url_host(std::string_view(kWithNul, sizeof kWithNul - 1)) == std::nullopt);
}

TEST_CASE("url_host: whitespace, percent-encoding and full-width forms", "[rules][url]") {
  CHECK(url_host("  https://update.microsoft.com/  ") == some("update.microsoft.com"));
  CHECK(url_host("\x01https://update.microsoft.com/\n") == some("update.microsoft.com"));
  CHECK(url_host("https://upd\tate.micro\nsoft.com/") == some("update.microsoft.com"));
  CHECK(url_host("https://update%2Emicrosoft%2ecom/") == some("update.microsoft.com"));
  CHECK(url_host("https://%55PDATE.microsoft.com/") == some("update.microsoft.com"));
  // U+FF55 etc.: browsers map full-width letters and dots to ASCII (IDNA).
  CHECK(url_host("https://\uFF55pdate\uFF0Emicrosoft\u3002com/") == some("update.microsoft.com"));
  CHECK(url_host("https://update\uFF61microsoft.com/") == some("update.microsoft.com"));
}

TEST_CASE("host_in_domain", "[rules][url]") {
  CHECK(host_in_domain("update.microsoft.com", "microsoft.com"));
  CHECK(host_in_domain("microsoft.com", "microsoft.com"));
  CHECK(host_in_domain("a.b.update.microsoft.com", "update.microsoft.com"));
  CHECK(host_in_domain("UPDATE.Microsoft.com.", "microsoft.com"));
  CHECK(host_in_domain("update.microsoft.com", "MICROSOFT.COM."));
  CHECK_FALSE(host_in_domain("evilmicrosoft.com", "microsoft.com"));
  CHECK_FALSE(host_in_domain("update.microsoft.com.evil.example", "microsoft.com"));
  CHECK_FALSE(host_in_domain("microsoft.com", "update.microsoft.com"));
  CHECK_FALSE(host_in_domain("microsoft.co", "microsoft.com"));
  CHECK_FALSE(host_in_domain("", "microsoft.com"));
  CHECK_FALSE(host_in_domain("microsoft.com", ""));
  CHECK_FALSE(host_in_domain(".", "."));
  CHECK(host_in_domain("10.0.0.5", "10.0.0.5"));
  CHECK_FALSE(host_in_domain("10.0.0.5", "0.5"));  // IP addresses have no subdomains
  CHECK(host_in_domain("::1", "::1"));
  CHECK(host_in_domain("[::1]", "::1"));
  CHECK_FALSE(host_in_domain("a::1", ":1"));
}
