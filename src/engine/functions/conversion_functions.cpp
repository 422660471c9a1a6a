// Conversion functions: tostring, toint, tolong, toreal, tobool, todatetime, totimespan, toguid,
// tohex, gettype (docs/semantics/conversion.md). A value that does not convert gives null (T-4).
#include <charconv>
#include <cmath>
#include <limits>

#include "conversion_kernels.h"
#include "datetime_parse.h"
#include "huntq/engine/functions.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/timespan.h"

namespace huntq::engine {
namespace conv {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// A real that truncates to an int64 without overflow (NaN and infinities do not).
std::optional<std::int64_t> truncate_real(double d) {
  // ±2^63 are exact doubles; every double in [-2^63, 2^63) truncates into range.
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return std::nullopt;
  return static_cast<std::int64_t>(d);
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

// The scalar held by a dynamic, or null for arrays, bags and JSON null.
Value scalar_of(const Value& v) {
  if (v.is_null()) return Value::null_of(Type::Dynamic);
  const DynamicKind k = v.tree()->kind();
  if (k == DynamicKind::Array || k == DynamicKind::Object) return Value::null_of(Type::Dynamic);
  return v.tree()->to_value(v.tree());
}

std::optional<Number> number_of_text(std::string_view s) {
  if (auto i = parse_long_text(s)) return Number{false, *i, 0};
  if (auto d = parse_real_text(s)) return Number{true, 0, *d};
  return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> parse_long_text(std::string_view s) {
  s = trim(s);
  bool minus = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    minus = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (v > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  constexpr std::uint64_t kMaxMagnitude = std::uint64_t{1} << 63;
  if (minus) {
    if (v > kMaxMagnitude) return std::nullopt;
    return v == kMaxMagnitude ? INT64_MIN : -static_cast<std::int64_t>(v);
  }
  if (v >= kMaxMagnitude) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

std::optional<double> parse_real_text(std::string_view s) {
  s = trim(s);
  bool minus = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    minus = s.front() == '-';
    s.remove_prefix(1);
  }
  // from_chars reads "1e5", ".5", "5.", "inf", "infinity" and "nan" in any case, and no sign.
  if (s.empty() || s.front() == '+' || s.front() == '-') return std::nullopt;
  if (equals_ignore_case(s, "nan")) return std::numeric_limits<double>::quiet_NaN();
  double d = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), d, std::chars_format::general);
  if (r.ptr != s.data() + s.size()) return std::nullopt;
  if (r.ec == std::errc::result_out_of_range) {
    // .NET reads an overflowing literal as an infinity and an underflowing one as zero.
    bool huge = false;
    for (const char* p = s.data(); p < r.ptr; ++p) {
      if (*p == 'e' || *p == 'E') {
        huge = p + 1 < r.ptr && p[1] != '-';
        break;
      }
      if (*p >= '1' && *p <= '9') huge = true;  // digits before any exponent: a big mantissa
    }
    d = huge ? std::numeric_limits<double>::infinity() : 0.0;
  } else if (r.ec != std::errc()) {
    return std::nullopt;
  }
  return minus ? -d : d;
}

std::optional<std::string> parse_guid_prefix(std::string_view s) {
  s = trim(s);
  if (!s.empty() && (s.front() == '{' || s.front() == '(')) s.remove_prefix(1);
  std::string out;
  out.reserve(36);
  int digits = 0;
  for (char c : s) {
    if (digits == 32) break;  // toguid-function.md: the rest of the string is ignored
    if (c == '-') continue;
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) return std::nullopt;
    if (digits == 8 || digits == 12 || digits == 16 || digits == 20) out += '-';
    out += "0123456789abcdef"[v];
    ++digits;
  }
  if (digits != 32) return std::nullopt;
  return out;
}

std::optional<Number> number_of(const Value& v) {
  if (v.is_null()) return std::nullopt;
  switch (v.type()) {
    case Type::Bool:
    case Type::Int:
    case Type::Long:
      return Number{false, v.as_int64(), 0};
    case Type::Real:
      return Number{true, 0, v.as_real()};
    case Type::String:
      return number_of_text(v.text());
    case Type::Dynamic: {
      const Value s = scalar_of(v);
      if (s.type() == Type::Dynamic) return std::nullopt;
      return number_of(s);
    }
    default:
      return std::nullopt;
  }
}

std::optional<std::int64_t> to_long(const Value& v) {
  if (v.is_null()) return std::nullopt;
  switch (v.type()) {
    case Type::Bool:
    case Type::Int:
    case Type::Long:
    case Type::DateTime:
    case Type::TimeSpan:
      return v.as_int64();
    case Type::Real:
      return truncate_real(v.as_real());
    case Type::String:
      return parse_long_text(v.text());
    case Type::Dynamic: {
      const Value s = scalar_of(v);
      if (s.type() == Type::Dynamic) return std::nullopt;
      return to_long(s);
    }
    case Type::Guid:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::int32_t> to_int(const Value& v) {
  const auto l = to_long(v);
  if (!l || *l < INT32_MIN || *l > INT32_MAX) return std::nullopt;
  return static_cast<std::int32_t>(*l);
}

std::optional<double> to_real(const Value& v) {
  if (v.is_null()) return std::nullopt;
  switch (v.type()) {
    case Type::Bool:
    case Type::Int:
    case Type::Long:
    case Type::DateTime:
    case Type::TimeSpan:
      return static_cast<double>(v.as_int64());
    case Type::Real:
      return v.as_real();
    case Type::String:
      return parse_real_text(v.text());
    case Type::Dynamic: {
      const Value s = scalar_of(v);
      if (s.type() == Type::Dynamic) return std::nullopt;
      return to_real(s);
    }
    case Type::Guid:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<bool> to_bool(const Value& v) {
  if (v.is_null()) return std::nullopt;
  switch (v.type()) {
    case Type::Bool:
    case Type::Int:
    case Type::Long:
      return v.as_int64() != 0;
    case Type::Real:
      return v.as_real() != 0;  // NaN is not zero: true, as .NET's Convert.ToBoolean
    case Type::String: {
      const std::string_view s = trim(v.text());
      if (equals_ignore_case(s, "true")) return true;
      if (equals_ignore_case(s, "false")) return false;
      if (auto i = parse_long_text(s)) return *i != 0;
      return std::nullopt;
    }
    case Type::Dynamic: {
      const Value s = scalar_of(v);
      if (s.type() == Type::Dynamic) return std::nullopt;
      return to_bool(s);
    }
    default:
      return std::nullopt;
  }
}

std::optional<std::int64_t> to_datetime(const Value& v) {
  if (v.is_null()) return std::nullopt;
  switch (v.type()) {
    case Type::DateTime:
      return v.ticks();
    case Type::String:
      return parse_datetime_text(v.text());
    case Type::Dynamic: {
      const Value s = scalar_of(v);
      if (s.type() == Type::Dynamic) return std::nullopt;
      return to_datetime(s);
    }
    default:
      return std::nullopt;
  }
}

std::optional<std::int64_t> to_timespan(const Value& v) {
  if (v.is_null()) return std::nullopt;
  switch (v.type()) {
    case Type::TimeSpan:
      return v.ticks();
    case Type::String:
      return parse_timespan(v.text());
    case Type::Dynamic: {
      const Value s = scalar_of(v);
      if (s.type() == Type::Dynamic) return std::nullopt;
      return to_timespan(s);
    }
    default:
      return std::nullopt;
  }
}

std::optional<std::string> to_guid(const Value& v) {
  if (v.is_null()) return std::nullopt;
  switch (v.type()) {
    case Type::Guid:
      return v.text();
    case Type::String:
      return parse_guid_prefix(v.text());
    case Type::Dynamic: {
      const Value s = scalar_of(v);
      if (s.type() == Type::Dynamic) return std::nullopt;
      return to_guid(s);
    }
    default:
      return std::nullopt;
  }
}

Value convert(const Value& v, Type t) {
  if (v.type() == t) return v;
  switch (t) {
    case Type::Bool: {
      const auto b = to_bool(v);
      return b ? Value::boolean(*b) : Value::null_of(t);
    }
    case Type::Int: {
      const auto i = to_int(v);
      return i ? Value::int32(*i) : Value::null_of(t);
    }
    case Type::Long: {
      const auto l = to_long(v);
      return l ? Value::int64(*l) : Value::null_of(t);
    }
    case Type::Real: {
      const auto d = to_real(v);
      return d ? Value::real(*d) : Value::null_of(t);
    }
    case Type::DateTime: {
      const auto d = to_datetime(v);
      return d ? Value::datetime(*d) : Value::null_of(t);
    }
    case Type::TimeSpan: {
      const auto d = to_timespan(v);
      return d ? Value::timespan(*d) : Value::null_of(t);
    }
    case Type::Guid: {
      auto g = to_guid(v);
      return g ? Value::guid_text(std::move(*g)) : Value::null_of(t);
    }
    case Type::String:
      return Value::string(to_string(v));
    case Type::Dynamic:
      return Value::dynamic(Dynamic::from_value(v));
  }
  return Value::null_of(t);
}

}  // namespace conv

namespace {

Value k_tostring(Args a, const CallContext&) {
  return Value::string(to_string(a[0]));
}

Value k_toint(Args a, const CallContext&) {
  return conv::convert(a[0], Type::Int);
}

Value k_tolong(Args a, const CallContext&) {
  return conv::convert(a[0], Type::Long);
}

Value k_toreal(Args a, const CallContext&) {
  return conv::convert(a[0], Type::Real);
}

Value k_tobool(Args a, const CallContext&) {
  return conv::convert(a[0], Type::Bool);
}

Value k_todatetime(Args a, const CallContext&) {
  return conv::convert(a[0], Type::DateTime);
}

Value k_totimespan(Args a, const CallContext&) {
  return conv::convert(a[0], Type::TimeSpan);
}

Value k_toguid(Args a, const CallContext&) {
  return conv::convert(a[0], Type::Guid);
}

// tohex-function.md: two's complement of the value's own width (int: 32 bits, long: 64 bits),
// lowercase, left-padded with zeros to min(minLength, 16) characters.
Value k_tohex(Args a, const CallContext&) {
  const std::uint64_t bits = a[0].type() == Type::Int ? static_cast<std::uint32_t>(a[0].as_int64())
                                                      : static_cast<std::uint64_t>(a[0].as_int64());
  char buf[17];
  auto r = std::to_chars(buf, buf + 16, bits, 16);
  std::string out(buf, r.ptr);
  if (a.size() > 1) {
    const std::int64_t min_length = std::min<std::int64_t>(a[1].as_int64(), 16);
    if (min_length > static_cast<std::int64_t>(out.size()))
      out.insert(0, static_cast<std::size_t>(min_length) - out.size(), '0');
  }
  return Value::string(std::move(out));
}

// gettype-function.md: a dynamic reports the kind of what it holds ("null" for dynamic null); a
// typed value reports its type, even when null (UNCONFIRMED for typed nulls).
Value k_gettype(Args a, const CallContext&) {
  const Value& v = a[0];
  if (v.type() == Type::Dynamic)
    return Value::string(v.is_null() ? "null" : std::string(v.tree()->gettype()));
  return Value::string(std::string(type_name(v.type())));
}

Overload unary(ArgClass cls, Type result, ScalarKernel k) {
  Overload o;
  o.params = {{cls}};
  o.ret = ReturnRule::Fixed;
  o.fixed = result;
  o.kernel = k;
  return o;
}

}  // namespace

void register_conversion_functions(FunctionRegistry& r) {
  r.add({"tostring",
         {},
         {unary(ArgClass::Any, Type::String, k_tostring)},
         ResultName::FirstArgument});
  r.add({"toint", {}, {unary(ArgClass::Any, Type::Int, k_toint)}, ResultName::FirstArgument});
  r.add({"tolong", {}, {unary(ArgClass::Any, Type::Long, k_tolong)}, ResultName::FirstArgument});
  r.add({"toreal",
         {"todouble"},
         {unary(ArgClass::Any, Type::Real, k_toreal)},
         ResultName::FirstArgument});
  r.add({"tobool",
         {"toboolean"},
         {unary(ArgClass::Any, Type::Bool, k_tobool)},
         ResultName::FirstArgument});
  r.add({"todatetime",
         {},
         {unary(ArgClass::Any, Type::DateTime, k_todatetime)},
         ResultName::FirstArgument});
  r.add({"totimespan",
         {"totime"},
         {unary(ArgClass::Any, Type::TimeSpan, k_totimespan)},
         ResultName::FirstArgument});
  r.add({"toguid",
         {},
         {unary(ArgClass::StringOrDynamic, Type::Guid, k_toguid)},
         ResultName::FirstArgument});

  Overload hex;
  hex.params = {{ArgClass::Integer}, {ArgClass::Integer}};
  hex.min_args = 1;
  hex.fixed = Type::String;
  hex.kernel = k_tohex;
  r.add({"tohex", {}, {hex}, ResultName::FirstArgument});

  Overload type = unary(ArgClass::Any, Type::String, k_gettype);
  type.nulls = NullPolicy::Kernel;
  // Kusto names the column type_<arg> (PrefixAndFirstArgument), which the registry cannot say.
  r.add({"gettype", {}, {type}, ResultName::Fresh});
}

}  // namespace huntq::engine
