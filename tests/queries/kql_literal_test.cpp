// Every value prints as a KQL literal that reads back as the same value (issue: literals as KQL):
// a property test over random values of every type, printed, parsed and bound by huntq.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

#include "huntq/engine/expr.h"
#include "huntq/value/compare.h"
#include "query_support.h"

using namespace huntq;
using namespace huntq::testing;

namespace {

std::string random_text(std::mt19937_64& rng) {
  static const std::vector<std::string> pieces{
      "a", "Z", "0", " ",      "\"", "'", "\\", "\n", "\t", "\x01",        "\x7f",
      "é", "€", "𝄞", "\u202e", "//", "`", "$",  "{",  "}",  "\xe2\x80\xa8"};
  std::string s;
  const int n = static_cast<int>(rng() % 12);
  for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
  return s;
}

double random_real(std::mt19937_64& rng) {
  switch (rng() % 8) {
    case 0:
      return std::numeric_limits<double>::quiet_NaN();
    case 1:
      return (rng() % 2 ? 1 : -1) * std::numeric_limits<double>::infinity();
    case 2:
      return 0.0;
    case 3:
      return std::ldexp(static_cast<double>(rng() % 1000000), static_cast<int>(rng() % 200) - 100);
    default: {
      double d;
      std::uint64_t bits = rng();
      std::memcpy(&d, &bits, sizeof d);
      return std::isfinite(d) ? d : 1.5;
    }
  }
}

DynamicPtr random_tree(std::mt19937_64& rng, int depth) {
  switch (depth > 2 ? rng() % 9 : rng() % 11) {
    case 0:
      return Dynamic::null();
    case 1:
      return Dynamic::boolean(rng() % 2);
    case 2:
      return Dynamic::integer(static_cast<std::int32_t>(rng()), DynamicKind::Int);
    case 3:
      return Dynamic::integer(static_cast<std::int64_t>(rng()), DynamicKind::Long);
    case 4:
      return Dynamic::real(random_real(rng));
    case 5:
      return Dynamic::integer(static_cast<std::int64_t>(rng() % 3155378975999999999ull),
                              DynamicKind::DateTime);
    case 6:
      return Dynamic::integer(static_cast<std::int64_t>(rng()) / 4, DynamicKind::TimeSpan);
    case 7:
      return Dynamic::string(random_text(rng));
    case 8:
      return Dynamic::guid("12e8b78d-55b4-46ae-b068-26d7a0080254");
    case 9: {
      Dynamic::Array items;
      for (int i = static_cast<int>(rng() % 4); i > 0; --i)
        items.push_back(random_tree(rng, depth + 1));
      return Dynamic::array(std::move(items));
    }
    default: {
      Dynamic::Object members;
      for (int i = static_cast<int>(rng() % 4); i > 0; --i)
        members.push_back({random_text(rng), random_tree(rng, depth + 1)});
      return Dynamic::object(std::move(members));
    }
  }
}

Value random_value(std::mt19937_64& rng) {
  switch (rng() % 10) {
    case 0:
      return Value::boolean(rng() % 2);
    case 1:
      return Value::int32(static_cast<std::int32_t>(rng()));
    case 2:
      return Value::int64(static_cast<std::int64_t>(rng()));
    case 3:
      return Value::real(random_real(rng));
    case 4:  // 0001-01-01 .. 9999-12-31
      return Value::datetime(static_cast<std::int64_t>(rng() % 3155378975999999999ull));
    case 5:
      return Value::timespan(static_cast<std::int64_t>(rng()) / 4);
    case 6:
      return Value::guid_text("0a1b2c3d-0000-4fff-8abc-0123456789ab");
    case 7:
      return Value::string(random_text(rng));
    case 8:
      return Value::dynamic(random_tree(rng, 0));
    default: {
      static const Type kTypes[] = {Type::Bool,     Type::Int,      Type::Long, Type::Real,
                                    Type::DateTime, Type::TimeSpan, Type::Guid, Type::Dynamic};
      return Value::null_of(kTypes[rng() % 8]);
    }
  }
}

}  // namespace

TEST_CASE("a value printed as a KQL literal reads back as the same value, for every type") {
  std::mt19937_64 rng(20261130);
  for (int i = 0; i < 3000; ++i) {
    const Value v = random_value(rng);
    const std::string literal = engine::kql_literal(v);
    INFO(literal);
    const engine::PlanPtr plan = bind_kql("print x = " + literal);
    const auto& e = *plan->exprs[0];
    REQUIRE(e.kind == engine::ExprKind::Constant);
    CHECK(e.value.type() == v.type());
    CHECK(same_value(e.value, v));
  }
}

TEST_CASE("Microsoft's parser reads every literal huntq prints") {
  const std::string tools = std::string(HUNTQ_SOURCE_DIR) + "/tests/tools";
  if (std::system("command -v node >/dev/null 2>&1") != 0 ||
      !std::filesystem::exists(tools + "/node_modules/@kusto/language-service-next")) {
    WARN("skipped: node or tests/tools/node_modules (npm ci in tests/tools) is not present");
    return;
  }
  const auto dir =
      std::filesystem::temp_directory_path() / ("huntq-lit-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::mt19937_64 rng(7);
  std::string files;
  for (int i = 0; i < 200; ++i) {
    const auto file = dir / ("q" + std::to_string(i) + ".kql");
    std::ofstream(file) << "print x = " << engine::kql_literal(random_value(rng)) << "\n";
    files += " '" + file.string() + "'";
  }
  const std::string cmd = "node '" + tools + "/kusto_check.js' --schemas '" +
                          std::string(HUNTQ_SOURCE_DIR) + "/tests/tools/no_tables.tsv'" + files;
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[8192];
  while (p && std::fgets(buf, sizeof buf, p)) out += buf;
  if (p) pclose(p);
  std::istringstream lines(out);
  int checked = 0;
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    CHECK(line.find("\"errors\":[]") != std::string::npos);
    ++checked;
  }
  CHECK(checked == 200);
  std::filesystem::remove_all(dir);
}
