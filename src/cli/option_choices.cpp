#include "option_choices.h"

#include <fmt/format.h>

#include <cstddef>

#include "nearest_name.h"

namespace huntq::cli {
namespace {

constexpr std::size_t kQuotedMax = 40;  // an option value is echoed only this far

bool equal_ignoring_case(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string quoted_start(const std::string& s) {
  return s.size() <= kQuotedMax ? "'" + s + "'" : "'" + s.substr(0, kQuotedMax) + "'...";
}

}  // namespace

CLI::Validator one_of(std::vector<std::string> names) {
  const std::string set = "{" + fmt::format("{}", fmt::join(names, ",")) + "}";
  return CLI::Validator(
      [names](std::string& value) -> std::string {
        for (const std::string& name : names) {
          if (equal_ignoring_case(value, name)) {
            value = name;
            return "";
          }
        }
        const std::string guess = nearest_name(value, names);
        return fmt::format("{} is not one of {}{}", quoted_start(value), fmt::join(names, ", "),
                           guess.empty() ? "" : "; did you mean '" + guess + "'?");
      },
      set, "one_of");
}

std::vector<std::string> option_choices(CLI::Option& option) {
  for (int i = 0;; ++i) {
    CLI::Validator* validator = nullptr;
    try {
      validator = option.get_validator(i);
    } catch (const CLI::OptionNotFound&) {
      return {};  // CLI11 has no count of validators: the index runs out
    }
    const std::string set = validator->get_description();
    if (set.size() < 2 || set.front() != '{' || set.back() != '}') continue;
    std::vector<std::string> names;
    std::string name;
    for (char c : set.substr(1, set.size() - 2)) {
      if (c == ',') {
        names.push_back(name);
        name.clear();
      } else {
        name += c;
      }
    }
    names.push_back(name);
    return names;
  }
}

}  // namespace huntq::cli
