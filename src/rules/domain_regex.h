// The `domain` modifier as one regular expression over the URL text, for engines that cannot
// run huntq's URL parser (Kusto). It accepts only URL shapes whose host it can read exactly as
// parse_url_host() does, so it is never true where the native matcher is false; for the shapes
// it leaves out (percent-encoded or non-ASCII hosts, short or non-decimal IPv4 forms, tabs or
// newlines inside the URL, userinfo without a scheme...) it is false, and the row is kept.
#pragma once

#include <span>
#include <string>

namespace huntq::rules {

/// The pattern (RE2 syntax, also valid in Kusto's dialect, no capturing groups) that a URL
/// matches (searched for, as `matches regex` does) when its host is one of `domains` or a
/// subdomain of one. `domains` are normalised as FieldTest keeps them. Empty when none of them
/// can be a URL's host (the test is then always false).
std::string domain_url_regex(std::span<const std::string> domains);

}  // namespace huntq::rules
