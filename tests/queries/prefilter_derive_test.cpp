// Which literal groups the optimizer gives a scan (plan.h LiteralGroup). Every group must hold
// for each row the query keeps; the expected groups are worked out from the operators' meaning
// (datatypes-string-operators.md: ASCII case folding only, terms inside the text).
#include <catch2/catch.hpp>

#include "huntq/engine/optimizer.h"
#include "huntq/value/case_fold.h"
#include "query_support.h"

using namespace huntq;
using namespace huntq::testing;

namespace {

// The groups of the plan's scans, as "lit|lit" with a leading ~ when case-insensitive.
std::vector<std::string> groups_of(const std::string& kql) {
  const engine::PlanPtr plan = engine::optimize(bind_kql(kql));
  std::vector<std::string> out;
  std::vector<const engine::PlanNode*> todo{plan.get()};
  while (!todo.empty()) {
    const engine::PlanNode* n = todo.back();
    todo.pop_back();
    for (const auto& c : n->children) todo.push_back(c.get());
    for (const auto& g : n->prefilter) {
      std::string s = g.case_insensitive ? "~" : "";
      for (std::size_t i = 0; i < g.literals.size(); ++i) s += (i ? "|" : "") + g.literals[i];
      out.push_back(s);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

using Groups = std::vector<std::string>;

}  // namespace

TEST_CASE("prefilter groups: the operators that need the cell to contain the literal") {
  CHECK(groups_of("DeviceEvents | where ActionType == 'AntivirusDetection'") ==
        Groups{"AntivirusDetection"});
  CHECK(groups_of("DeviceEvents | where FileName startswith 'cmd' and FolderPath has 'Temp'") ==
        Groups{"~Temp", "~cmd"});
  CHECK(groups_of("DeviceEvents | where FileName has_any ('a.exe', 'b.exe')") ==
        Groups{"~a.exe|b.exe"});
  CHECK(groups_of("DeviceEvents | where FileName has_all ('a', 'b')") == Groups{"~a", "~b"});
  CHECK(groups_of("DeviceEvents | where FileName == 'x' or FolderPath in ('y', 'z')") ==
        Groups{"x|y|z"});
}

TEST_CASE("prefilter groups: negations, emptiness tests and empty literals give none") {
  CHECK(groups_of("DeviceEvents | where FileName !has 'x'").empty());
  CHECK(groups_of("DeviceEvents | where FileName !in ('x', 'y')").empty());
  CHECK(groups_of("DeviceEvents | where not(FileName has 'x')").empty());
  CHECK(groups_of("DeviceEvents | where isnotempty(FileName)").empty());
  CHECK(groups_of("DeviceEvents | where FileName in ('x', '')").empty());
  CHECK(groups_of("DeviceEvents | where FileName contains ''").empty());
  CHECK(groups_of("DeviceEvents | where FileName == 'x' or isnotempty(FolderPath)").empty());
  // A number column compared as text is no literal of the bytes' string.
  CHECK(groups_of("DeviceEvents | where tostring(FileSize) == '100'").empty());
}

TEST_CASE("prefilter groups: case-insensitive non-ASCII literals are searched as their bytes") {
  // =~ folds ASCII letters only: the non-ASCII bytes must occur as they are.
  CHECK(groups_of("DeviceEvents | where FileName =~ '\xC3\x9Cn\xC3\xAF"
                  "code.exe'") == Groups{"~\xC3\x9Cn\xC3\xAF"
                                         "code.exe"});
}

TEST_CASE("prefilter groups: through projections of plain columns and tolower()") {
  CHECK(groups_of("DeviceEvents | extend L = tolower(FileName) | where L == 'cmd.exe'") ==
        Groups{"~cmd.exe"});
  CHECK(groups_of("DeviceEvents | where tolower(FileName) in ('cmd.exe', 'a.exe')") ==
        Groups{"~cmd.exe|a.exe"});
  CHECK(groups_of("DeviceEvents | project A = FileName, B = strcat(FileName, 'x') | where A has "
                  "'cmd' and B has 'y'") == Groups{"~cmd"});
  // U+212A KELVIN SIGN lowers to k, and non-ASCII letters have other spellings: no group.
  CHECK(groups_of("DeviceEvents | where tolower(FileName) == 'kernel32.dll'").empty());
  CHECK(groups_of("DeviceEvents | where tolower(FileName) == '\xC3\xBC.exe'").empty());
}

TEST_CASE("tolower() maps no code point outside ASCII into ASCII but the Kelvin sign") {
  for (char32_t c = 0x80; c < 0x110000; ++c) {
    if (c >= 0xD800 && c < 0xE000) continue;
    const char32_t lower = to_lower_code_point(c);
    if (lower < 0x80) CHECK(c == 0x212A);
  }
}
