#include "huntq/output/row_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "huntq/error.h"
#include "writers.h"

namespace huntq::output {

namespace {

struct FormatName {
  std::string_view name;
  Format format;
};

constexpr std::array<FormatName, 5> kFormats = {{{"table", Format::Table},
                                                 {"vertical", Format::Vertical},
                                                 {"csv", Format::Csv},
                                                 {"json", Format::Json},
                                                 {"ndjson", Format::Ndjson}}};

// A name longer than any format cannot be close to one; this also bounds the work on hostile
// input.
constexpr std::size_t kLongestName = 8;

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Edit distance counting a swap of two neighbours as one edit (optimal string alignment), since
// "jsno" is one slip from "json".
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  const auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
    }
  }
  return at(n, m);
}

// The format `lower` is most likely a typo of: within one edit for short names, two for longer.
std::string_view closest_format(std::string_view lower) {
  std::string_view best;
  std::size_t best_distance = 0;
  for (const FormatName& f : kFormats) {
    const std::size_t limit = f.name.size() >= 6 ? 2 : 1;
    const std::size_t d = edit_distance(lower, f.name);
    if (d <= limit && (best.empty() || d < best_distance)) {
      best = f.name;
      best_distance = d;
    }
  }
  return best;
}

// The start of user text for an error message, escaped and at most 40 columns wide.
std::string quoted_start(std::string_view text) {
  std::size_t cut = std::min<std::size_t>(text.size(), 160);
  while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;  // not inside a UTF-8 sequence
  return fit_to_width(escape_for_terminal(text.substr(0, cut)) + (cut < text.size() ? "..." : ""),
                      40);
}

}  // namespace

Format parse_format(std::string_view name) {
  std::string lower(name.substr(0, kLongestName + 3));
  std::transform(lower.begin(), lower.end(), lower.begin(), ascii_lower);
  if (name.size() <= kLongestName)
    for (const FormatName& f : kFormats)
      if (lower == f.name) return f.format;
  const std::string_view guess = name.size() == lower.size() ? closest_format(lower) : "";
  const std::string hint = guess.empty() ? "" : fmt::format("; did you mean \"{}\"?", guess);
  throw Error(
      fmt::format("unknown output format \"{}\"{} (expected table, vertical, csv, json or ndjson)",
                  quoted_start(name), hint));
}

std::unique_ptr<RowWriter> make_writer(Format format, std::FILE* out,
                                       const WriterOptions& options) {
  switch (format) {
    case Format::Table:
      return make_table_writer(out, options);
    case Format::Vertical:
      return make_vertical_writer(out, options);
    case Format::Csv:
      return make_csv_writer(out, options);
    case Format::Json:
      return make_json_array_writer(out, options);
    case Format::Ndjson:
      return make_ndjson_writer(out, options);
  }
  throw Error("unknown output format");
}

void check_row_width(std::size_t cells, std::size_t columns) {
  if (cells != columns)
    throw Error(fmt::format("internal error: a row has {} cells for {} columns", cells, columns));
}

}  // namespace huntq::output
