// Compiling KQL regular expressions with RE2 (kql-semantics.md E-7): once per call site for a
// constant pattern, through a small per-thread cache for a pattern that changes per row.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>

namespace huntq::engine {

/// Compiles `pattern` as KQL does: RE2 syntax, UTF-8, case-sensitive, unanchored. Throws
/// huntq::Error "<function>(): invalid regex '<pattern, cut short>': <what RE2 says>".
std::shared_ptr<const RE2> compile_regex(std::string_view pattern, std::string_view function);

/// The compiled regex of a pattern that is not a constant. The last few patterns are kept per
/// thread, so a column holding a handful of patterns compiles each once. The reference is valid
/// until the next call on this thread. Throws as compile_regex does.
const RE2& cached_regex(std::string_view pattern, std::string_view function);

/// `text` for an error message: at most `max` bytes, with "..." when cut.
std::string cut_for_message(std::string_view text, std::size_t max = 80);

}  // namespace huntq::engine
