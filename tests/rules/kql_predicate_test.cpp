// Rule::kql for each modifier, condition and odd column name, worked out by hand from the
// mapping in README "Exclusion rules" and Kusto's string literal rules
// (scalar-data-types/string.md): "...", with \\ \" \n \t escaped.
#include "../../src/rules/kql_predicate.h"

#include <catch2/catch.hpp>

#include "rules_test_support.h"

using huntq::rules::kql_column;
using huntq::rules::kql_string;
using huntq::rules::RuleSet;
using huntq::rules::testing::kColumns;
using huntq::rules::testing::load;

namespace {

/// The KQL of the one rule whose only selection is `selection`.
std::string kql_of(std::string_view selection) {
  return load("id: r\ntitle: t\nexclude:\n  sel:\n" + std::string(selection)).rules()[0].kql;
}

}  // namespace

TEST_CASE("KQL string literals and column names", "[rules][kql]") {
  CHECK(kql_string("a.exe") == R"("a.exe")");
  CHECK(kql_string("C:\\Temp\\\"x\"") == R"("C:\\Temp\\\"x\"")");
  CHECK(kql_string("a\nb\tc\rd") == R"("a\nb\tc\rd")");
  CHECK(kql_string(std::string("\x01\x7f", 2)) == R"("\u0001\u007F")");
  CHECK(kql_string("école") == "\"école\"");
  CHECK(kql_string("\xff") == R"("\uFFFD")");  // not UTF-8

  CHECK(kql_column("FileName") == "FileName");
  CHECK(kql_column("X_1") == "X_1");
  // Keywords are lowercase (and, where, title...): lowercase names are always bracketed.
  CHECK(kql_column("and") == "['and']");
  CHECK(kql_column("title") == "['title']");
  CHECK(kql_column("md5") == "['md5']");
  CHECK(kql_column("Contains") == "Contains");
  CHECK(kql_column("TRUE") == "['TRUE']");  // a boolean literal in any case
  CHECK(kql_column("File Name") == "['File Name']");
  CHECK(kql_column("1st") == "['1st']");
  CHECK(kql_column("it's") == R"(['it\'s'])");
  CHECK(kql_column("a\\b") == R"(['a\\b'])");
}

TEST_CASE("KQL for equals, lists and |cased", "[rules][kql]") {
  CHECK(kql_of("    FileName: Setup.EXE\n") == R"(FileName =~ "Setup.EXE")");
  CHECK(kql_of("    FileName|cased: Setup.exe\n") == R"(FileName == "Setup.exe")");
  CHECK(kql_of("    FileName: [b.exe, a.exe, b.exe]\n") == R"(FileName in~ ("a.exe", "b.exe"))");
  CHECK(kql_of("    FileName|cased: [b.exe, a.exe]\n") == R"(FileName in ("a.exe", "b.exe"))");
  // An empty value matches an empty cell, as natively.
  CHECK(kql_of("    MD5: ''\n") == R"(MD5 =~ "")");
}

TEST_CASE("KQL for contains, startswith, endswith", "[rules][kql]") {
  CHECK(kql_of("    FolderPath|contains: '\\Temp\\'\n") == R"(FolderPath contains "\\Temp\\")");
  CHECK(kql_of("    FolderPath|contains|cased: Temp\n") == R"(FolderPath contains_cs "Temp")");
  CHECK(kql_of("    DeviceName|startswith: [lab-, test-]\n") ==
        R"((DeviceName startswith "lab-" or DeviceName startswith "test-"))");
  CHECK(kql_of("    FileName|endswith|cased: .msi\n") == R"(FileName endswith_cs ".msi")");
  // An empty value is found in every cell.
  CHECK(kql_of("    FileName|contains: ['', x]\n") == "true");
}

TEST_CASE("KQL for wildcards and re", "[rules][kql]") {
  CHECK(kql_of("    FileName: 'setup*.exe'\n") ==
        R"(FileName matches regex "(?is)^setup.*\\.exe$")");
  CHECK(kql_of("    FileName|cased: 'prog?.exe'\n") ==
        R"(FileName matches regex "(?s)^prog.\\.exe$")");
  CHECK(kql_of("    FolderPath|contains: '\\Users\\\\*\\AppData\\'\n") ==
        R"(FolderPath matches regex "(?is)\\\\Users\\\\.*\\\\AppData\\\\")");
  CHECK(kql_of("    FolderPath|startswith: 'C:\\Program Files*\\'\n") ==
        R"(FolderPath matches regex "(?is)^C:\\\\Program Files.*\\\\")");
  CHECK(kql_of("    FileName|endswith: ['.zip', '.r?r']\n") ==
        R"((FileName endswith ".zip" or FileName matches regex "(?is)\\.r.r$"))");
  CHECK(kql_of("    FileName: ['a\\*b', 'x(1)*']\n") ==
        R"((FileName =~ "a*b" or FileName matches regex "(?is)^x\\(1\\).*$"))");
  CHECK(kql_of("    ThreatName|re: 'eicar[_-]?test'\n") ==
        R"(ThreatName matches regex "(?i)eicar[_-]?test")");
  CHECK(kql_of("    ThreatName|re|cased: ['^EICAR', 'a|b']\n") ==
        R"((ThreatName matches regex "^EICAR" or ThreatName matches regex "a|b"))");
}

TEST_CASE("KQL for selections and conditions", "[rules][kql]") {
  const auto set = load(
      "id: r\ntitle: t\nexclude:\n"
      "  sel_a:\n    FileName: a\n    DeviceName: d\n"
      "  sel_b:\n    - MD5: m\n    - ThreatName: t\n"
      "  other:\n    FolderPath: p\n"
      "  condition: not 1 of sel_* or all of sel_* and not other\n");
  CHECK(set.rules()[0].kql ==
        R"((not(((FileName =~ "a" and DeviceName =~ "d") or (MD5 =~ "m" or ThreatName =~ "t"))))"
        R"( or (((FileName =~ "a" and DeviceName =~ "d") and (MD5 =~ "m" or ThreatName =~ "t")))"
        R"( and not(FolderPath =~ "p"))))");
}

TEST_CASE("KQL compares non-string columns as text", "[rules][kql]") {
  RuleSet set;
  set.set_kql_types({"datetime", "string"});
  set.load_text("id: r\ntitle: t\nexclude:\n  s:\n    Timestamp|startswith: '2024-05-01T'\n",
                "rules.yaml", kColumns, "2026-01-01");
  CHECK(set.rules()[0].kql == R"(tostring(Timestamp) startswith "2024-05-01T")");
}

TEST_CASE("KQL names odd columns so that they parse", "[rules][kql]") {
  const std::vector<std::string> columns = {"File Name", "where", "x'y"};
  RuleSet set;
  set.load_text("id: r\ntitle: t\nexclude:\n  s:\n    File Name: a\n    where: b\n    \"x'y\": c\n",
                "rules.yaml", columns, "2026-01-01");
  CHECK(set.rules()[0].kql == R"((['File Name'] =~ "a" and ['where'] =~ "b" and ['x\'y'] =~ "c"))");
}

TEST_CASE("KQL for domains", "[rules][kql]") {
  // The pattern itself is checked against the native parser in domain_regex_corpus_test.cpp;
  // here, its shape: one anchored regex per field, domain letters in both cases, no (?i).
  const std::string kql = kql_of("    FileOriginUrl|domain: [Example.COM, 10.0.0.5, '[::1]']\n");
  CHECK(kql.starts_with(R"(FileOriginUrl matches regex "^)"));
  // Letters in either case and their fullwidth forms, '.' and the full stops mapped to it.
  CHECK(kql.find("[eE\uFF45\uFF25][xX\uFF58\uFF38]") != std::string::npos);
  CHECK(kql.find("[.\uFF0E\u3002\uFF61][cC\uFF43\uFF23][oO\uFF4F\uFF2F][mM\uFF4D\uFF2D]") !=
        std::string::npos);
  CHECK(kql.find("[1\uFF11][0\uFF10][.\uFF0E\u3002\uFF61][0\uFF10]") != std::string::npos);
  CHECK(kql.find("(?i") == std::string::npos);
  // Domains no URL host can be: never true, as natively.
  CHECK(kql_of("    FileOriginUrl|domain: ['0x0a.0.0.5', 'a|b.com']\n") == "false");
}

TEST_CASE("the KQL comment names the rule, safely", "[rules][kql]") {
  const auto set = load(
      "id: r1\ntitle: \"Two\\nlines\"\nreason: \"because\\r\\u2028// not code\"\n"
      "expires: 2025-12-31\nexclude:\n  s:\n    FileOriginUrl|domain: example.com\n",
      "2026-01-01");
  const std::string& c = set.rules()[0].kql_comment;
  CHECK(c ==
        "// exclusion rule r1: Two lines\n"
        "// reason: because  // not code\n"
        "// expires: 2025-12-31 (expired; still applied)\n"
        "// from: rules.yaml:1\n"
        "// note: the domain test reads common URL forms only; a URL whose host is "
        "percent-encoded or not ASCII, an IPv4 address not in dotted decimal, a port past 65535 "
        "or tabs or newlines inside the URL make it false, so such rows are kept (a browser "
        "might read some of them as this domain)\n");
  // Without a domain test, no note.
  CHECK(load("id: r\ntitle: t\nexclude:\n  s:\n    FileName: a\n").rules()[0].kql_comment ==
        "// exclusion rule r: t\n// from: rules.yaml:1\n");
}
