// URL host extraction without allocating per call (the `domain` modifier runs it on every row).
#pragma once

#include <string>
#include <string_view>

namespace huntq::rules {

/// Writes the host of `url` into `host` (reusing its capacity) as url_host() describes; false
/// when the text has no host that a browser would connect to.
bool parse_url_host(std::string_view url, std::string& host);

/// True when `host` (already normalised) is an IP address literal: it contains ':' (IPv6) or its
/// last label is a number (IPv4, as the WHATWG URL standard decides it).
bool is_ip_host(std::string_view host);

}  // namespace huntq::rules
