// huntq's one error style: an exception that says where (file:line[:column]) and what.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace huntq {

/// A place in a user's input: file, 1-based line and column (0 = unknown).
struct SourceLocation {
  std::string file;
  std::uint64_t line = 0;
  std::uint64_t column = 0;

  /// "file:line:column", "file:line" or "file", as much as is known.
  std::string to_string() const;
};

/// An error that stops the run. Printed as "huntq: <where>: <what>" and exits with status 2.
class Error : public std::runtime_error {
 public:
  Error(SourceLocation where, const std::string& what);
  explicit Error(const std::string& what);  // usage errors with no file to name

  const SourceLocation& where() const noexcept { return where_; }
  const std::string& what_only() const noexcept { return what_; }

 private:
  SourceLocation where_;
  std::string what_;
};

}  // namespace huntq
