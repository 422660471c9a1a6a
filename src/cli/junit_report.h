// JUnit XML for CI systems (GitHub Actions reporters, GitLab, Azure DevOps, Jenkins): one
// testsuite per hunt, one testcase per case, with the elements and attributes both Ant's JUnit
// schema and Jenkins' junit-10.xsd require.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace huntq::cli {

struct JunitCase {
  enum class Outcome { Passed, Failed, Error };
  std::string suite;  ///< the hunt
  std::string name;   ///< the case
  std::string file;   ///< where the case is written
  double seconds = 0;
  Outcome outcome = Outcome::Passed;
  std::string message;  ///< failure/error: one line
  std::string text;     ///< failure/error: the diff or the error; passed: system-out
};

/// XML 1.0 attribute text (`attribute`: TAB, LF and CR as character references, which attribute
/// values keep) or character data: markup characters as entities, and every byte or code point
/// XML 1.0 cannot hold (controls other than TAB LF CR, invalid UTF-8, U+FFFE/U+FFFF) as U+FFFD,
/// so the document always parses.
std::string xml_escape(std::string_view text, bool attribute = true);

/// Writes the report to `path`; throws huntq::Error when it cannot be written.
void write_junit(const std::string& path, const std::vector<JunitCase>& cases,
                 double total_seconds);

}  // namespace huntq::cli
