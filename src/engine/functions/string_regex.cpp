#include "string_regex.h"

#include <fmt/format.h>

#include <array>

#include "huntq/error.h"

namespace huntq::engine {
namespace {

RE2::Options kql_options() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_log_errors(false);
  // Large alternations (lists of indicators) need more than RE2's default 8 MiB program budget.
  o.set_max_mem(int64_t{64} << 20);
  return o;
}

std::unique_ptr<RE2> compile(std::string_view pattern, std::string_view function) {
  auto re = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), kql_options());
  if (!re->ok())
    throw Error(fmt::format("{}(): invalid regex '{}': {}", function, cut_for_message(pattern),
                            re->error()));
  return re;
}

}  // namespace

std::string cut_for_message(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "...";
}

std::shared_ptr<const RE2> compile_regex(std::string_view pattern, std::string_view function) {
  return compile(pattern, function);
}

const RE2& cached_regex(std::string_view pattern, std::string_view function) {
  struct Entry {
    std::string pattern;
    std::unique_ptr<RE2> re;
  };
  thread_local std::array<Entry, 8> cache;
  thread_local std::size_t next = 0;
  for (const auto& e : cache)
    if (e.re && e.pattern == pattern) return *e.re;
  Entry& slot = cache[next];
  next = (next + 1) % cache.size();
  slot.re.reset();
  slot.re = compile(pattern, function);  // may throw: the slot stays empty
  slot.pattern.assign(pattern);
  return *slot.re;
}

}  // namespace huntq::engine
