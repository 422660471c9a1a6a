// Each modifier, with and without |cased, lists, and several keys in one selection.
#include <catch2/catch.hpp>

#include "rules_test_support.h"

using huntq::rules::testing::excludes;
using huntq::rules::testing::load;
using huntq::rules::testing::Row;

namespace {

/// A one-rule file whose only selection is `selection` (YAML lines indented by four spaces).
std::string rule(std::string_view selection) {
  return "id: r\ntitle: t\nexclude:\n  sel:\n" + std::string(selection);
}

}  // namespace

TEST_CASE("equals ignores case unless |cased", "[rules][match]") {
  const std::string ci = rule("    FileName: Setup.EXE\n");
  CHECK(excludes(ci, Row{{"FileName", "setup.exe"}}));
  CHECK(excludes(ci, Row{{"FileName", "SETUP.exe"}}));
  CHECK_FALSE(excludes(ci, Row{{"FileName", "setup.exe.bak"}}));
  CHECK_FALSE(excludes(ci, Row{{"FileName", "xsetup.exe"}}));
  CHECK_FALSE(excludes(ci, Row{{"FileName", ""}}));

  const std::string cs = rule("    FileName|cased: Setup.exe\n");
  CHECK(excludes(cs, Row{{"FileName", "Setup.exe"}}));
  CHECK_FALSE(excludes(cs, Row{{"FileName", "setup.exe"}}));
}

TEST_CASE("contains", "[rules][match]") {
  const std::string ci = rule("    FolderPath|contains: '\\Temp\\'\n");
  CHECK(excludes(ci, Row{{"FolderPath", "C:\\Users\\me\\AppData\\Local\\TEMP\\x.exe"}}));
  CHECK_FALSE(excludes(ci, Row{{"FolderPath", "C:\\Temp2\\x.exe"}}));

  const std::string cs = rule("    FolderPath|contains|cased: '\\Temp\\'\n");
  CHECK(excludes(cs, Row{{"FolderPath", "C:\\Temp\\x.exe"}}));
  CHECK_FALSE(excludes(cs, Row{{"FolderPath", "C:\\TEMP\\x.exe"}}));
}

TEST_CASE("startswith", "[rules][match]") {
  const std::string ci = rule("    DeviceName|startswith: lab-\n");
  CHECK(excludes(ci, Row{{"DeviceName", "LAB-PC01"}}));
  CHECK_FALSE(excludes(ci, Row{{"DeviceName", "prod-lab-01"}}));

  const std::string cs = rule("    DeviceName|startswith|cased: lab-\n");
  CHECK(excludes(cs, Row{{"DeviceName", "lab-pc01"}}));
  CHECK_FALSE(excludes(cs, Row{{"DeviceName", "LAB-PC01"}}));
}

TEST_CASE("endswith, with modifiers in either order", "[rules][match]") {
  const std::string ci = rule("    FileName|endswith: .msi\n");
  CHECK(excludes(ci, Row{{"FileName", "INSTALL.MSI"}}));
  CHECK_FALSE(excludes(ci, Row{{"FileName", "install.msi.exe"}}));

  const std::string cs = rule("    FileName|endswith|cased: .msi\n");
  CHECK(excludes(cs, Row{{"FileName", "install.msi"}}));
  CHECK_FALSE(excludes(cs, Row{{"FileName", "install.MSI"}}));
  const std::string cs2 = rule("    FileName|cased|endswith: .msi\n");
  CHECK_FALSE(excludes(cs2, Row{{"FileName", "install.MSI"}}));
}

TEST_CASE("re is an unanchored RE2 search, case-insensitive unless |cased", "[rules][match]") {
  const std::string ci = rule("    ThreatName|re: 'eicar[_-]?test'\n");
  CHECK(excludes(ci, Row{{"ThreatName", "Virus:DOS/EICAR_Test_File"}}));
  CHECK_FALSE(excludes(ci, Row{{"ThreatName", "Trojan:Win32/Wacatac"}}));

  const std::string anchored = rule("    FileName|re: '^a.c$'\n");
  CHECK(excludes(anchored, Row{{"FileName", "ABC"}}));
  CHECK_FALSE(excludes(anchored, Row{{"FileName", "xabc"}}));

  const std::string cs = rule("    ThreatName|re|cased: 'EICAR'\n");
  CHECK(excludes(cs, Row{{"ThreatName", "Virus:DOS/EICAR_Test_File"}}));
  CHECK_FALSE(excludes(cs, Row{{"ThreatName", "virus:dos/eicar_test_file"}}));
}

TEST_CASE("domain matches the URL's host and its subdomains only", "[rules][match]") {
  const std::string r = rule("    FileOriginUrl|domain: [Microsoft.com.]\n");
  CHECK(excludes(r, Row{{"FileOriginUrl", "https://update.microsoft.com/x.cab"}}));
  CHECK(excludes(r, Row{{"FileOriginUrl", "HTTP://MICROSOFT.COM:80"}}));
  CHECK_FALSE(excludes(r, Row{{"FileOriginUrl", "https://evilmicrosoft.com/"}}));
  CHECK_FALSE(excludes(r, Row{{"FileOriginUrl", "https://update.microsoft.com.evil.example/"}}));
  CHECK_FALSE(excludes(r, Row{{"FileOriginUrl", "https://update.microsoft.com@evil.example/"}}));
  CHECK_FALSE(excludes(r, Row{{"FileOriginUrl", "https://evil.example/update.microsoft.com"}}));
  CHECK_FALSE(excludes(r, Row{{"FileOriginUrl", "https://evil.example\\@update.microsoft.com"}}));
  CHECK_FALSE(excludes(r, Row{{"FileOriginUrl", ""}}));
  CHECK_FALSE(excludes(r, Row{{"FileOriginUrl", "microsoft"}}));

  const std::string ip = rule("    FileOriginUrl|domain: 10.0.0.5\n");
  CHECK(excludes(ip, Row{{"FileOriginUrl", "http://10.0.0.5:8080/x"}}));
  CHECK(excludes(ip, Row{{"FileOriginUrl", "http://0xa.0.0.5/x"}}));
  CHECK_FALSE(excludes(ip, Row{{"FileOriginUrl", "http://110.0.0.5/x"}}));
}

TEST_CASE("a list means any of its values", "[rules][match]") {
  const std::string r = rule("    FileName: [a.exe, b.exe]\n");
  CHECK(excludes(r, Row{{"FileName", "a.exe"}}));
  CHECK(excludes(r, Row{{"FileName", "B.EXE"}}));
  CHECK_FALSE(excludes(r, Row{{"FileName", "c.exe"}}));

  const std::string block = rule("    FileName|startswith:\n      - setup\n      - install\n");
  CHECK(excludes(block, Row{{"FileName", "install_x.exe"}}));
  CHECK_FALSE(excludes(block, Row{{"FileName", "uninstall.exe"}}));
}

TEST_CASE("the keys of one selection must all hold", "[rules][match]") {
  const std::string r = rule(
      "    FileName: tool.exe\n"
      "    FolderPath|startswith: 'C:\\Tools\\'\n"
      "    DeviceName: [lab1, lab2]\n");
  CHECK(excludes(r, Row{{"FileName", "tool.exe"},
                        {"FolderPath", "C:\\Tools\\tool.exe"},
                        {"DeviceName", "lab2"}}));
  CHECK_FALSE(excludes(
      r,
      Row{{"FileName", "tool.exe"}, {"FolderPath", "C:\\Temp\\tool.exe"}, {"DeviceName", "lab2"}}));
  CHECK_FALSE(excludes(r, Row{{"FileName", "tool.exe"},
                              {"FolderPath", "C:\\Tools\\tool.exe"},
                              {"DeviceName", "lab3"}}));
  // The same field twice, with different modifiers.
  const std::string both = rule("    FileName|startswith: set\n    FileName|endswith: .exe\n");
  CHECK(excludes(both, Row{{"FileName", "setup.exe"}}));
  CHECK_FALSE(excludes(both, Row{{"FileName", "setup.msi"}}));
}

TEST_CASE("a selection that is a list of mappings holds when any mapping does", "[rules][match]") {
  const std::string r = rule(
      "    - FileName: a.exe\n      DeviceName: d1\n"
      "    - FileName: b.exe\n");
  CHECK(excludes(r, Row{{"FileName", "a.exe"}, {"DeviceName", "d1"}}));
  CHECK(excludes(r, Row{{"FileName", "b.exe"}, {"DeviceName", "d9"}}));
  CHECK_FALSE(excludes(r, Row{{"FileName", "a.exe"}, {"DeviceName", "d9"}}));
}

TEST_CASE("empty values, Timestamp text and hostile cells", "[rules][match]") {
  const std::string empty = rule("    MD5: ''\n");
  CHECK(excludes(empty, Row{{"FileName", "x"}}));
  CHECK_FALSE(excludes(empty, Row{{"MD5", "abc"}}));

  const std::string ts = rule("    Timestamp|startswith: '2024-05-01T'\n");
  CHECK(excludes(ts, Row{{"Timestamp", "2024-05-01T10:00:00.0000000Z"}}));
  CHECK_FALSE(excludes(ts, Row{{"Timestamp", "2024-05-02T10:00:00.0000000Z"}}));

  // Control characters and invalid UTF-8 are just bytes: no crash, no false match.
  static constexpr char kHostile[] = "evil\0\xff\xfe\n\x1b[31m.exe";
  const std::string hostile(kHostile, sizeof kHostile - 1);
  const std::string any = rule("    FileName|re: '^evil.exe$'\n    FolderPath|contains: x\n");
  CHECK_FALSE(excludes(any, Row{{"FileName", hostile}, {"FolderPath", hostile}}));
  const std::string ends = rule("    FileName|endswith: .EXE\n");
  CHECK(excludes(ends, Row{{"FileName", hostile}}));
}

TEST_CASE("case-insensitive text folds non-ASCII letters too", "[rules][match]") {
  CHECK(excludes(rule("    FileName: ÉCOLE.exe\n"), Row{{"FileName", "école.EXE"}}));
  CHECK(excludes(rule("    FileName|contains: СЧЁТ\n"), Row{{"FileName", "мой_счёт.pdf.exe"}}));
  // Final sigma folds like sigma.
  CHECK(excludes(rule("    FileName: ΟΔΟΣ.exe\n"), Row{{"FileName", "οδος.exe"}}));
  CHECK(excludes(rule("    FileName: οδος.exe\n"), Row{{"FileName", "οδος.exe"}}));
  CHECK_FALSE(excludes(rule("    FileName|cased: ÉCOLE.exe\n"), Row{{"FileName", "école.exe"}}));
  CHECK_FALSE(excludes(rule("    FileName: école.exe\n"), Row{{"FileName", "ecole.exe"}}));
}

TEST_CASE("match returns the index of the first matching rule", "[rules][match]") {
  const auto set = load(
      "id: one\ntitle: t\nexclude:\n  s:\n    FileName: a.exe\n"
      "---\n"
      "id: two\ntitle: t\nexclude:\n  s:\n    FileName|endswith: .exe\n");
  CHECK(set.match(Row{{"FileName", "a.exe"}}) == 0);
  CHECK(set.match(Row{{"FileName", "b.exe"}}) == 1);
  CHECK(set.match(Row{{"FileName", "b.dll"}}) == -1);
}
