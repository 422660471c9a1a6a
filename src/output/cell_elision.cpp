#include "huntq/output/cell_elision.h"

#include <optional>
#include <vector>

#include "display_units.h"
#include "huntq/output/terminal_text.h"

namespace huntq::output {

namespace {

// The parts of a URL or path, in display units: [0, head_end) is kept (it ends with a separator),
// [tail_begin, rest_begin) is the last segment with the separator before it, [rest_begin, n) a
// URL's query or fragment. A URL's host starts at host_begin (0 for a path).
struct Shape {
  std::size_t host_begin;
  std::size_t head_end;
  std::size_t tail_begin;
  std::size_t rest_begin;
  std::string_view separators;
};

// File names' ends (the extension) are worth keeping only if a few characters show.
constexpr std::size_t kMinNameEnd = 4;

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_scheme_char(char c) {
  return is_alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

// Index of the last separator in [from, to), or npos.
std::size_t last_separator(std::string_view keys, std::size_t from, std::size_t to,
                           std::string_view separators) {
  for (std::size_t k = to; k > from; --k)
    if (separators.find(keys[k - 1]) != std::string_view::npos) return k - 1;
  return std::string_view::npos;
}

// The last segment of [head_end, end): from its separator, or a trailing separator's previous one.
std::size_t tail_begin_of(std::string_view keys, std::size_t head_end, std::size_t end,
                          std::string_view separators) {
  std::size_t sep = last_separator(keys, head_end, end, separators);
  if (sep != std::string_view::npos && sep + 1 == end)
    sep = last_separator(keys, head_end, sep, separators);
  return sep == std::string_view::npos ? head_end : sep;
}

std::optional<Shape> url_shape(std::string_view keys) {
  std::size_t i = 0;
  if (keys.empty() || !is_alpha(keys[0])) return std::nullopt;
  while (i < keys.size() && is_scheme_char(keys[i])) ++i;
  if (keys.substr(i, 3) != "://") return std::nullopt;
  const std::size_t host_end = keys.find_first_of("/?#", i + 3);
  if (host_end == std::string_view::npos || keys[host_end] != '/' || host_end == i + 3)
    return std::nullopt;
  const std::size_t head_end = host_end + 1;
  std::size_t rest = keys.find_first_of("?#", head_end);
  if (rest == std::string_view::npos) rest = keys.size();
  return Shape{i + 3, head_end, tail_begin_of(keys, head_end, rest, "/"), rest, "/"};
}

std::optional<Shape> path_shape(std::string_view keys) {
  const std::size_t n = keys.size();
  std::size_t head_end;
  std::string_view seps = "\\/";
  if (n >= 3 && is_alpha(keys[0]) && keys[1] == ':' && (keys[2] == '\\' || keys[2] == '/')) {
    head_end = 3;  // C:\ .
  } else if (keys.starts_with("\\\\")) {
    const std::size_t server_end = keys.find('\\', 2);
    if (server_end == std::string_view::npos || server_end == 2) return std::nullopt;
    const std::size_t share_end = keys.find('\\', server_end + 1);
    if (share_end == std::string_view::npos) return std::nullopt;
    head_end = share_end + 1;  // \\server\share\ .
  } else if (keys.starts_with("/") && !keys.starts_with("//")) {
    const std::size_t first_end = keys.find('/', 1);
    if (first_end == std::string_view::npos) return std::nullopt;
    head_end = first_end + 1;  // /home/
    seps = "/";
  } else {
    return std::nullopt;
  }
  return Shape{0, head_end, tail_begin_of(keys, head_end, n, seps), n, seps};
}

class Elider {
 public:
  explicit Elider(std::string_view escaped)
      : text_(escaped), units_(split_display_units(escaped)), width_before_(units_.size() + 1, 0) {
    for (std::size_t k = 0; k < units_.size(); ++k) {
      width_before_[k + 1] = width_before_[k] + units_[k].width;
      const DisplayUnit& u = units_[k];
      keys_ += u.end - u.begin == 1 ? text_[u.begin] : '\0';  // '\0' is never a separator
    }
  }

  std::size_t width() const { return width_before_.back(); }
  std::size_t width(std::size_t from, std::size_t to) const {
    return width_before_[to] - width_before_[from];
  }
  std::size_t size() const { return units_.size(); }
  std::string_view keys() const { return keys_; }

  std::string_view text(std::size_t from, std::size_t to) const {
    if (from >= to) return {};
    return text_.substr(units_[from].begin, units_[to - 1].end - units_[from].begin);
  }

  // First unit of the longest suffix of [from, to) that is at most `budget` wide.
  std::size_t suffix_start(std::size_t from, std::size_t to, std::size_t budget) const {
    std::size_t k = to;
    while (k > from && width(k - 1, to) <= budget) --k;
    return k;
  }

  // End of the longest prefix of [from, to) that is at most `budget` wide.
  std::size_t prefix_end(std::size_t from, std::size_t to, std::size_t budget) const {
    std::size_t k = from;
    while (k < to && width(from, k + 1) <= budget) ++k;
    return k;
  }

 private:
  std::string_view text_;
  std::vector<DisplayUnit> units_;
  std::vector<std::size_t> width_before_;
  std::string keys_;  // one character per unit
};

std::string joined(std::string_view a, std::string_view b, std::string_view c = {}) {
  std::string out;
  out.reserve(a.size() + kEllipsis.size() + b.size() + c.size());
  out.append(a);
  out.append(kEllipsis);
  out.append(b);
  out.append(c);
  return out;
}

// The text from unit `begin` (0, or a URL's host when its scheme is left out), elided.
std::string elide_shaped(const Elider& e, const Shape& s, std::size_t begin, std::size_t max) {
  const std::size_t n = e.size();
  const std::size_t head = e.width(begin, s.head_end);
  const std::size_t name = e.width(s.tail_begin, s.rest_begin);
  const std::size_t rest = e.width(s.rest_begin, n);
  const std::string_view head_text = e.text(begin, s.head_end);
  if (head + 1 + name + rest <= max) {
    // Whole folders before the file name, nearest first, while they fit.
    std::size_t start = s.tail_begin;
    for (;;) {
      const std::size_t sep = last_separator(e.keys(), s.head_end, start, s.separators);
      if (sep == std::string_view::npos || head + 1 + e.width(sep, n) > max) break;
      start = sep;
    }
    // Nothing between head and file name: only the scheme was left out.
    if (start == s.head_end) return std::string(e.text(begin, n));
    return joined(head_text, e.text(start, n));
  }
  if (rest > 0 && head + 1 + name + 1 <= max)
    return joined(head_text, e.text(s.tail_begin, s.rest_begin),
                  fit_to_width(e.text(s.rest_begin, n), max - head - 1 - name));
  // The host tells the source better than "https://" does: leave the scheme out before the host.
  if (begin < s.host_begin) return elide_shaped(e, s, s.host_begin, max);
  const std::size_t cut_rest = rest > 0 ? 1 : 0;
  if (head + 1 + kMinNameEnd + cut_rest <= max) {
    const std::size_t start = e.suffix_start(s.tail_begin, s.rest_begin, max - head - 1 - cut_rest);
    return joined(head_text, e.text(start, s.rest_begin), cut_rest ? kEllipsis : "");
  }
  // Keep both ends: the start gets half the columns, the file name's end what is left.
  const std::size_t budget = max - cut_rest;
  const std::size_t front = e.prefix_end(begin, s.rest_begin, budget / 2);
  const std::size_t back = e.suffix_start(front, s.rest_begin, budget - 1 - e.width(begin, front));
  return joined(e.text(begin, front), e.text(back, s.rest_begin), cut_rest ? kEllipsis : "");
}

}  // namespace

std::string elide_cell(std::string_view escaped, std::size_t max_columns) {
  const Elider e(escaped);
  if (e.width() <= max_columns) return std::string(escaped);
  if (max_columns <= 1) return max_columns == 0 ? std::string() : std::string(kEllipsis);
  std::optional<Shape> shape = url_shape(e.keys());
  if (!shape) shape = path_shape(e.keys());
  if (!shape) return fit_to_width(escaped, max_columns);
  return elide_shaped(e, *shape, 0, max_columns);
}

}  // namespace huntq::output
