// Every loader error names the file and the right 1-based line.
#include <catch2/catch.hpp>

#include "rules_test_support.h"

using huntq::rules::testing::require_load_error;

TEST_CASE("unknown column, with a hint when only case differs", "[rules][loader]") {
  require_load_error(
      "id: r\n"
      "title: t\n"
      "exclude:\n"
      "  sel:\n"
      "    FileName: a\n"
      "    CommandLine: b\n",
      6, "unknown column 'CommandLine'");
  require_load_error(
      "id: r\n"
      "title: t\n"
      "exclude:\n"
      "  sel:\n"
      "    filename|endswith: .exe\n",
      5, "did you mean 'FileName'?");
}

TEST_CASE("unknown, empty, clashing or duplicated modifiers", "[rules][loader]") {
  const auto with_key = [](const std::string& key) {
    return "id: r\ntitle: t\nexclude:\n  sel:\n    " + key + ": x\n";
  };
  require_load_error(with_key("FileName|all"), 5, "unknown modifier 'all'");
  require_load_error(with_key("FileName|Contains"), 5, "did you mean 'contains'?");
  require_load_error(with_key("FileName|"), 5, "empty modifier");
  require_load_error(with_key("FileName|contains|endswith"), 5, "cannot be combined");
  require_load_error(with_key("FileName|cased|cased"), 5, "'cased' is given twice");
  require_load_error(with_key("FileOriginUrl|domain|cased"), 5, "'domain' cannot be 'cased'");
  require_load_error(with_key("'|contains'"), 5, "field name is missing");
}

TEST_CASE("unknown top-level key", "[rules][loader]") {
  require_load_error(
      "id: r\n"
      "title: t\n"
      "expire: 2025-01-01\n"
      "exclude:\n"
      "  sel:\n"
      "    FileName: a\n",
      3, "unknown key 'expire'");
  require_load_error(
      "id: r\n"
      "Title: t\n"
      "exclude:\n"
      "  sel:\n"
      "    FileName: a\n",
      2, "did you mean 'title'?");
  // The Sigma-filter habit of a top-level selection and condition.
  require_load_error(
      "id: r\n"
      "title: t\n"
      "selection:\n"
      "  FileName: a\n"
      "condition: selection\n",
      3, "go under 'exclude:'");
}

TEST_CASE("missing required keys", "[rules][loader]") {
  require_load_error("title: t\nexclude:\n  sel:\n    FileName: a\n", 1, "has no 'id'");
  require_load_error("id: r\nexclude:\n  sel:\n    FileName: a\n", 1, "rule 'r' has no 'title'");
  require_load_error("id: r\ntitle: t\nreason: x\n", 1, "rule 'r' has no 'exclude'");
  require_load_error("id: r\ntitle: ''\nexclude:\n  sel:\n    FileName: a\n", 2,
                     "'title' is empty");
  // The second document starts on line 6.
  require_load_error(
      "id: r1\ntitle: t\nexclude:\n  sel:\n    FileName: a\n"
      "---\n"
      "title: t\nexclude:\n  sel:\n    FileName: a\n",
      7, "has no 'id'");
}

TEST_CASE("empty selections and empty exclude", "[rules][loader]") {
  require_load_error(
      "id: r\n"
      "title: t\n"
      "exclude:\n"
      "  sel: {}\n",
      4, "selection 'sel' is empty");
  require_load_error(
      "id: r\n"
      "title: t\n"
      "exclude:\n"
      "  sel:\n"
      "  condition: sel\n",
      4, "selection 'sel' must be a mapping of fields, not empty");
  require_load_error("id: r\ntitle: t\nexclude:\n", 3, "'exclude' must be a mapping");
  require_load_error("id: r\ntitle: t\nexclude:\n  condition: x\n", 3, "has no selection");
  require_load_error("id: r\ntitle: t\nexclude:\n  sel: []\n", 4, "an empty list");
  require_load_error("id: r\ntitle: t\nexclude:\n  sel:\n    FileName: []\n", 5, "an empty list");
}

TEST_CASE("values that are not a scalar or a list of scalars", "[rules][loader]") {
  require_load_error(
      "id: r\n"
      "title: t\n"
      "exclude:\n"
      "  sel:\n"
      "    FileName:\n"
      "      nested: x\n",
      6, "must be text or a list of text, not a mapping");
  require_load_error(
      "id: r\n"
      "title: t\n"
      "exclude:\n"
      "  sel:\n"
      "    FileName:\n"
      "      - a\n"
      "      - [b, c]\n",
      7, "this item is a list");
  require_load_error(
      "id: r\n"
      "title: t\n"
      "exclude:\n"
      "  sel:\n"
      "    FileName:\n",
      5, "write '' to match an empty cell");
  require_load_error(
      "id: [r]\n"
      "title: t\n"
      "exclude:\n"
      "  sel:\n"
      "    FileName: a\n",
      1, "'id' must be text, not a list");
}

TEST_CASE("invalid regular expression", "[rules][loader]") {
  require_load_error(
      "id: r\n"
      "title: t\n"
      "exclude:\n"
      "  sel:\n"
      "    FileName|re:\n"
      "      - ok\n"
      "      - '(unclosed'\n",
      7, "invalid regular expression '(unclosed'");
  // RE2 has no look-around: an error rather than a silent non-match.
  require_load_error("id: r\ntitle: t\nexclude:\n  sel:\n    FileName|re: '(?!x)'\n", 5,
                     "invalid regular expression");
}

TEST_CASE("domain values that are not domains", "[rules][loader]") {
  const auto with_value = [](const std::string& v) {
    return "id: r\ntitle: t\nexclude:\n  sel:\n    FileOriginUrl|domain: ['" + v + "']\n";
  };
  require_load_error(with_value("https://update.microsoft.com/"), 5, "is a URL");
  require_load_error(with_value("*.microsoft.com"), 5, "subdomains are included");
  require_load_error(with_value(".microsoft.com"), 5, "subdomains are included");
  require_load_error(with_value(""), 5, "empty domain");
  require_load_error(with_value("micro soft.com"), 5, "is not a domain");
}

TEST_CASE("malformed conditions", "[rules][loader]") {
  const auto with_condition = [](const std::string& c) {
    return "id: r\n"
           "title: t\n"
           "exclude:\n"
           "  a:\n"
           "    FileName: a\n"
           "  b:\n"
           "    MD5: b\n"
           "  condition: " +
           c + "\n";
  };
  require_load_error(with_condition("a or c"), 8, "unknown selection 'c' (selections: a, b)");
  require_load_error(with_condition("a AND b"), 8, "condition keywords are lowercase");
  require_load_error(with_condition("(a or b"), 8, "unbalanced parentheses");
  require_load_error(with_condition("a or b)"), 8, "unbalanced parentheses");
  require_load_error(with_condition("a and"), 8, "dangling operator");
  require_load_error(with_condition("or a"), 8, "dangling operator");
  require_load_error(with_condition("a and or b"), 8, "dangling operator");
  require_load_error(with_condition("not"), 8, "dangling operator");
  require_load_error(with_condition("a b"), 8, "expected 'and' or 'or' before 'b'");
  require_load_error(with_condition("a and ()"), 8, "empty parentheses");
  require_load_error(with_condition("1 of x*"), 8, "matches no selection");
  require_load_error(with_condition("2 of them"), 8, "'2 of' is not supported");
  require_load_error(with_condition("1 of"), 8, "must be followed by");
  require_load_error(with_condition("''"), 8, "the condition is empty");
  require_load_error(with_condition("[a, b]"), 8, "'condition' must be text");
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "(not ";
  deep += "a";
  for (int i = 0; i < 100; ++i) deep += ")";
  require_load_error(with_condition(deep), 8, "nests more than 64 levels deep");
  // More than one selection and no condition.
  require_load_error("id: r\ntitle: t\nexclude:\n  a:\n    FileName: a\n  b:\n    MD5: b\n", 3,
                     "2 selections and no 'condition'");
}

TEST_CASE("selection names that conditions could not use", "[rules][loader]") {
  require_load_error("id: r\ntitle: t\nexclude:\n  and:\n    FileName: a\n", 4,
                     "'and' is a condition keyword");
  require_load_error("id: r\ntitle: t\nexclude:\n  'my sel':\n    FileName: a\n", 4,
                     "may hold only letters");
}

TEST_CASE("duplicate keys are errors, not silently merged", "[rules][loader]") {
  require_load_error(
      "id: r\n"
      "title: t\n"
      "exclude:\n"
      "  sel:\n"
      "    FileName: a\n"
      "    FileName: b\n",
      6, "duplicate key 'FileName' (first at line 5)");
  require_load_error(
      "id: r\n"
      "title: t\n"
      "exclude:\n"
      "  sel:\n"
      "    FileName: a\n"
      "  condition: sel\n"
      "  condition: not sel\n",
      7, "duplicate key 'condition'");
}

TEST_CASE("a rule must be a mapping", "[rules][loader]") {
  require_load_error("id: r\ntitle: t\nexclude:\n  s:\n    FileName: a\n---\n- a\n- b\n", 7,
                     "a rule must be a mapping");
}

TEST_CASE("invalid expiry date", "[rules][loader]") {
  require_load_error("id: r\ntitle: t\nexpires: 2025-02-30\nexclude:\n  s:\n    FileName: a\n", 3,
                     "YYYY-MM-DD");
  require_load_error("id: r\ntitle: t\nexpires: 31/12/2025\nexclude:\n  s:\n    FileName: a\n", 3,
                     "YYYY-MM-DD");
}

TEST_CASE("YAML syntax errors name file and line", "[rules][loader]") {
  require_load_error(
      "id: r\n"
      "title: t\n"
      "exclude:\n"
      "  sel:\n"
      "    FileName: [a, b\n",
      6, "YAML syntax error");
  require_load_error("id: r\n\ttitle: t\n", 2, "YAML syntax error");  // a tab indents
  require_load_error("id: r\n title: t\n", 2, "YAML syntax error");
}

TEST_CASE("duplicate rule ids name both places", "[rules][loader]") {
  require_load_error(
      "id: same\ntitle: t\nexclude:\n  s:\n    FileName: a\n"
      "---\n"
      "id: same\ntitle: t\nexclude:\n  s:\n    FileName: b\n",
      7, "duplicate rule id 'same': already defined at rules.yaml:1");

  // Across files: the second load fails and leaves the set as it was.
  huntq::rules::RuleSet set;
  set.load_text("id: same\ntitle: t\nexclude:\n  s:\n    FileName: a\n", "first.yaml",
                huntq::rules::testing::kColumns, huntq::rules::testing::kToday);
  try {
    set.load_text(
        "id: other\ntitle: t\nexclude:\n  s:\n    FileName: a\n---\n"
        "id: same\ntitle: t\nexclude:\n  s:\n    FileName: a\n",
        "second.yaml", huntq::rules::testing::kColumns, huntq::rules::testing::kToday);
    FAIL("no error for a duplicate id across files");
  } catch (const huntq::Error& e) {
    CHECK(std::string(e.what()) ==
          "second.yaml:7: duplicate rule id 'same': already defined at first.yaml:1");
  }
  CHECK(set.rules().size() == 1);
}

TEST_CASE("load_file names the file it cannot read", "[rules][loader]") {
  huntq::rules::RuleSet set;
  try {
    set.load_file("/nonexistent/rules.yaml", huntq::rules::testing::kColumns,
                  huntq::rules::testing::kToday);
    FAIL("no error for a missing file");
  } catch (const huntq::Error& e) {
    CHECK(std::string(e.what()).starts_with("/nonexistent/rules.yaml: cannot read"));
  }
}

TEST_CASE("long user text in messages is cut short", "[rules][loader]") {
  const std::string long_text(200000, 'x');
  const auto message_of = [](const std::string& yaml) -> std::string {
    try {
      huntq::rules::testing::load(yaml);
    } catch (const huntq::Error& e) {
      return e.what();
    }
    FAIL("no error for:\n" << yaml.substr(0, 200));
    return "";
  };
  for (const std::string& yaml :
       {"id: r\ntitle: t\nexclude:\n  s:\n    " + long_text + ": a\n",
        "id: r\ntitle: t\nexclude:\n  s:\n    FileName|re: '(" + long_text + "'\n",
        "id: r\ntitle: t\nexclude:\n  s:\n    FileOriginUrl|domain: 'http://" + long_text + "'\n",
        "id: r\ntitle: t\nexclude:\n  s:\n    FileName: a\n  condition: s and " + long_text +
            "\n"}) {
    const std::string m = message_of(yaml);
    INFO(m.substr(0, 600));
    CHECK(m.size() < 1000);
    CHECK(m.find("...(") != std::string::npos);
  }
}

TEST_CASE("a syntax error right after a quoted value", "[rules][loader]") {
  // Found by tests/fuzz/rules_loader_fuzz.cpp: libfyaml leaked the text of the quoted value
  // (the ASan build's leak check catches it).
  require_load_error(
      "a: &a\" [x(xx\"]\nb: &bxxxxxxxxxx[''''''''''''''''''''''''''''''''*c,i, *i]\n", 2,
      "YAML syntax error: missing comma in flow sequence");
}
