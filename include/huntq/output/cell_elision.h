// Shortening a table cell to its column's width while keeping what identifies it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace huntq::output {

/// `escaped` (escape_for_terminal() output) shortened to at most `max_columns` display columns
/// with "…" standing for what was left out; unchanged when it fits. Marks and characters with
/// their combining marks are kept or dropped whole.
///
/// A URL (scheme://host/path) keeps "scheme://host/" and its last path segment (the file name):
///   https://dl.example.com/…/setup.exe
/// then as many whole folders before the file name as fit (…/v2/setup.exe); a query after the
/// file name is cut at its end when it does not fit (…/setup.exe?tok…). When that does not fit,
/// the scheme is left out (dl.example.com/…/setup.exe): the host says more.
/// A path keeps its first part (C:\ , \\server\share\ , /home/) and its last segment the same
/// way: C:\…\Downloads\setup.exe.
/// When even that does not fit, the file name keeps its end (the extension) after the first part:
/// C:\…up.exe, and failing that the text keeps its start and its file name's end:
/// dl.examp…etup.exe (a query left out shows as a last "…").
/// Other text is cut at the end: "powershell -enc JAB…".
std::string elide_cell(std::string_view escaped, std::size_t max_columns);

}  // namespace huntq::output
