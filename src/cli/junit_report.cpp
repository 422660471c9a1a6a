#include "junit_report.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>

#include "huntq/error.h"
#include "huntq/value/utf8.h"

namespace huntq::cli {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

struct Suite {
  std::string name;
  std::vector<const JunitCase*> cases;
  std::size_t failures = 0, errors = 0;
  double seconds = 0;
};

std::string seconds_text(double s) {
  return fmt::format("{:.3f}", s < 0 ? 0.0 : s);
}

// Ant's schema wants an ISO 8601 time without a zone; it is UTC.
std::string timestamp_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

std::string hostname() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  return buf;
}

}  // namespace

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 1;
    const std::int32_t cp = decode_utf8(text, i, len);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':  // attribute values keep them only as references
        out += attribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':  // as a reference everywhere: a parser turns a raw CR LF into LF
        out += "&#13;";
        break;
      default:
        if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) {  // cp < 0: invalid UTF-8
          out += kReplacement;
        } else {
          out.append(text.substr(i, len));
        }
    }
    i += len;
  }
  return out;
}

void write_junit(const std::string& path, const std::vector<JunitCase>& cases,
                 double total_seconds) {
  std::vector<Suite> suites;
  std::size_t failures = 0, errors = 0;
  for (const auto& c : cases) {
    auto it = std::find_if(suites.begin(), suites.end(),
                           [&](const Suite& s) { return s.name == c.suite; });
    if (it == suites.end()) it = suites.insert(suites.end(), Suite{c.suite, {}, 0, 0, 0});
    Suite& s = *it;
    s.cases.push_back(&c);
    s.failures += c.outcome == JunitCase::Outcome::Failed;
    s.errors += c.outcome == JunitCase::Outcome::Error;
    s.seconds += c.seconds;
    failures += c.outcome == JunitCase::Outcome::Failed;
    errors += c.outcome == JunitCase::Outcome::Error;
  }
  const std::string stamp = timestamp_utc();
  const std::string host = xml_escape(hostname());
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += fmt::format(
      "<testsuites name=\"huntq test\" tests=\"{}\" failures=\"{}\" errors=\"{}\" "
      "skipped=\"0\" time=\"{}\">\n",
      cases.size(), failures, errors, seconds_text(total_seconds));
  for (std::size_t id = 0; id < suites.size(); ++id) {
    const Suite& s = suites[id];
    const std::string name = xml_escape(s.name);
    x += fmt::format(
        "  <testsuite name=\"{}\" package=\"{}\" id=\"{}\" tests=\"{}\" failures=\"{}\" "
        "errors=\"{}\" skipped=\"0\" time=\"{}\" timestamp=\"{}\" hostname=\"{}\">\n",
        name, name, id, s.cases.size(), s.failures, s.errors, seconds_text(s.seconds), stamp, host);
    x += "    <properties/>\n";
    for (const JunitCase* c : s.cases) {
      x += fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"{}\"",
                       xml_escape(c->name), name, seconds_text(c->seconds));
      if (!c->file.empty()) x += fmt::format(" file=\"{}\"", xml_escape(c->file));
      if (c->outcome == JunitCase::Outcome::Passed && c->text.empty()) {
        x += "/>\n";
        continue;
      }
      x += ">\n";
      if (c->outcome == JunitCase::Outcome::Passed) {
        x += fmt::format("      <system-out>{}</system-out>\n", xml_escape(c->text, false));
      } else {
        const char* tag = c->outcome == JunitCase::Outcome::Failed ? "failure" : "error";
        const char* type = c->outcome == JunitCase::Outcome::Failed ? "RowsDiffer" : "CaseError";
        x += fmt::format("      <{} message=\"{}\" type=\"{}\">{}</{}>\n", tag,
                         xml_escape(c->message), type, xml_escape(c->text, false), tag);
      }
      x += "    </testcase>\n";
    }
    x += "    <system-out></system-out>\n    <system-err></system-err>\n  </testsuite>\n";
  }
  x += "</testsuites>\n";

  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f)
    throw Error(SourceLocation{path, 0, 0}, std::string("cannot write: ") + std::strerror(errno));
  const bool ok = std::fwrite(x.data(), 1, x.size(), f) == x.size();
  if (std::fclose(f) != 0 || !ok) throw Error(SourceLocation{path, 0, 0}, "write failed");
}

}  // namespace huntq::cli
