#include "huntq/input/json_row_decoder.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "fmt/format.h"
#include "huntq/value/dynamic.h"
#include "huntq/value/schema.h"

namespace huntq::input {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

namespace {

std::string_view trim_trailing_space(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool has_json_whitespace(std::string_view s) {
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') return true;
  }
  return false;
}

std::string_view json_type_name(od::json_type t) {
  switch (t) {
    case od::json_type::array:
      return "an array";
    case od::json_type::object:
      return "an object";
    case od::json_type::number:
      return "a number";
    case od::json_type::string:
      return "a string";
    case od::json_type::boolean:
      return "a boolean";
    case od::json_type::null:
      return "null";
  }
  return "something else";
}

// JSON number text as an integer: integral values only (5 and 5.0; not 5.5).
std::optional<std::int64_t> integral_number(std::string_view token) {
  if (auto v = parse_integer_text(token)) return v;
  if (auto d = parse_real_text(token)) {
    if (std::isfinite(*d) && std::trunc(*d) == *d && std::fabs(*d) < 9.2e18) {
      return static_cast<std::int64_t>(*d);
    }
  }
  return std::nullopt;
}

// After the row: anything left (a second value, stray brackets) makes the record malformed.
bool at_end(od::document& doc) {
  const char* loc = nullptr;
  return doc.current_location().get(loc) != SUCCESS;
}

}  // namespace

void SlotLookup::prepare(const Projection& projection) {
  if (prepared_ && table_ == projection.table && columns_.size() == projection.columns.size()) {
    bool same = true;
    for (std::size_t i = 0; i < columns_.size() && same; ++i) {
      same = columns_[i].name == projection.columns[i].name &&
             columns_[i].type == projection.columns[i].type;
    }
    if (same) return;
  }
  columns_ = projection.columns;
  table_ = projection.table;
  prepared_ = true;
}

int SlotLookup::find(std::string_view key) const {
  // Hot path: most keys are plain column names, so try them as they are first.
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name.size() == key.size() && iequals(columns_[i].name, key)) {
      return static_cast<int>(i);
    }
  }
  const std::string_view name = normalise_column_name(key);
  if (name.size() == key.size()) return -1;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name.size() == name.size() && iequals(columns_[i].name, name)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::vector<int> positional_slots(const std::vector<std::string>& columns,
                                  const Projection& projection) {
  SlotLookup lookup;
  lookup.prepare(projection);
  std::vector<int> slots(columns.size(), -1);
  for (std::size_t i = 0; i < columns.size(); ++i) slots[i] = lookup.find(columns[i]);
  return slots;
}

error_code JsonRowDecoder::set_cell(od::value& value, const ColumnDef& column, Value& cell,
                                    CellIssues& issues, bool& was_null) {
  od::json_type jt;
  if (auto e = value.type().get(jt)) return e;
  was_null = jt == od::json_type::null;
  if (jt == od::json_type::null) {
    // T-2: null is "" for a string, null otherwise. is_null() consumes the token.
    bool is_null = false;
    if (auto e = value.is_null().get(is_null)) return e;
    if (is_string_like(column.type)) {
      assign_string(cell, {});
    } else {
      cell = Value::null_of(column.type);
    }
    return SUCCESS;
  }
  if (jt == od::json_type::string) {
    std::string_view s;
    // Most strings have no escape: take them from the record in place, without simdjson
    // unescaping a copy first (a 200 MB value would otherwise be held twice).
    const std::string_view token = trim_trailing_space(value.raw_json_token());
    if (token.size() >= 2 && token.back() == '"' &&
        std::memchr(token.data(), '\\', token.size()) == nullptr) {
      od::raw_json_string consumed;
      if (auto e = value.get_raw_json_string().get(consumed)) return e;
      s = token.substr(1, token.size() - 2);
    } else if (auto e = value.get_string().get(s)) {
      return e;
    }
    if (is_string_like(column.type)) {
      assign_string(cell, s);
    } else if (column.type == Type::Dynamic) {
      // Sentinel's copies type some columns dynamic and write them as JSON text: a string
      // holding JSON is that JSON, as parse_json would read it (D-1).
      cell = parse_json(Value::string(std::string(s)));
    } else {
      cells_.from_text(cell, column.type, s, column.name, issues);
    }
    return SUCCESS;
  }
  if (jt == od::json_type::object || jt == od::json_type::array) {
    std::string_view raw;
    if (jt == od::json_type::object) {
      od::object o;
      if (auto e = value.get_object().get(o)) return e;
      if (auto e = o.raw_json().get(raw)) return e;
    } else {
      od::array a;
      if (auto e = value.get_array().get(a)) return e;
      if (auto e = a.raw_json().get(raw)) return e;
    }
    raw = trim_trailing_space(raw);
    if (!is_string_like(column.type) && column.type != Type::Dynamic) {
      cell = Value::null_of(column.type);  // an object is no number, datetime or bool
      if (column.type == Type::DateTime && issues.bad_datetimes++ == 0) {
        issues.first_bad_datetime =
            fmt::format("{} is {}, not a datetime string", column.name, json_type_name(jt));
      }
      return SUCCESS;
    }
    // Pretty-printed input: keep cells compact, as Kusto prints them.
    std::string_view compact = raw;
    if (has_json_whitespace(raw)) {
      scratch_.resize(raw.size());
      std::size_t len = 0;
      if (auto e = simdjson::minify(raw.data(), raw.size(), scratch_.data(), len)) return e;
      compact = std::string_view(scratch_.data(), len);
    }
    if (is_string_like(column.type)) {
      assign_string(cell, compact);
    } else {
      cell = Value::dynamic_json(std::string(compact));
    }
    return SUCCESS;
  }
  // number or boolean: work from the token text.
  const std::string_view token = trim_trailing_space(value.raw_json_token());
  if (jt == od::json_type::boolean) {
    bool b = false;
    if (auto e = value.get_bool().get(b)) return e;
  } else {
    od::number n;  // validates the number
    if (auto e = value.get_number().get(n)) return e;
  }
  switch (column.type) {
    case Type::String:
      assign_string(cell, token);
      break;
    case Type::Dynamic:
      cell = Value::dynamic_json(std::string(token));
      break;
    case Type::Bool:
      if (jt == od::json_type::boolean) {
        cell = Value::boolean(token == "true");
      } else {
        const auto v = integral_number(token);
        cell = v ? Value::boolean(*v != 0) : Value::null_of(Type::Bool);
      }
      break;
    case Type::Long:
    case Type::Int: {
      std::optional<std::int64_t> v;
      if (jt == od::json_type::number) v = integral_number(token);
      if (v && column.type == Type::Int &&
          (*v < std::numeric_limits<std::int32_t>::min() ||
           *v > std::numeric_limits<std::int32_t>::max())) {
        v.reset();
      }
      cell = v ? Value::int64(*v, column.type) : Value::null_of(column.type);
      break;
    }
    case Type::Real: {
      const auto v = jt == od::json_type::number ? parse_real_text(token) : std::nullopt;
      cell = v ? Value::real(*v) : Value::null_of(Type::Real);
      break;
    }
    case Type::DateTime:
      cell = Value::null_of(Type::DateTime);
      if (issues.bad_datetimes++ == 0) {
        issues.first_bad_datetime = fmt::format("{} is {} {}, not a datetime string", column.name,
                                                json_type_name(jt), token);
      }
      break;
    case Type::TimeSpan:
    case Type::Guid:
      cell = Value::null_of(column.type);  // a number or bool is no timespan or guid
      break;
  }
  return SUCCESS;
}

error_code JsonRowDecoder::decode_fields(od::object& object, const Projection& projection,
                                         std::vector<Value>& out, CellIssues& issues,
                                         std::string_view& type_label, bool look_for_type) {
  for (auto field_result : object) {
    od::field field;
    if (auto e = std::move(field_result).get(field)) return e;
    // Hot path: a key without escapes is compared in place (no copy into the string buffer).
    std::string_view key;
    const char* raw = field.key().raw();
    const char* end = static_cast<const char*>(std::memchr(raw, '"', 256));
    if (end != nullptr && std::memchr(raw, '\\', static_cast<std::size_t>(end - raw)) == nullptr) {
      key = std::string_view(raw, static_cast<std::size_t>(end - raw));
    } else if (auto e = field.unescaped_key().get(key)) {
      return e;
    }
    const bool is_type =
        look_for_type && type_label.empty() && key.size() == 4 && iequals(key, "Type");
    const int slot = lookup_.find(key);
    if (slot >= 0) {
      const auto i = static_cast<std::size_t>(slot);
      // Several keys for one column (a union's X_string and X_dynamic, or a key twice): the
      // first with a value wins; a null only fills the cell until then.
      if (filled_[i] == 1) continue;
      od::value v = field.value();
      bool was_null = false;
      if (auto e = set_cell(v, projection.columns[i], out[i], issues, was_null)) return e;
      if (filled_[i] == 0 || !was_null) filled_[i] = was_null ? 2 : 1;
      if (is_type && !was_null && out[i].type() == Type::String) type_label = out[i].text();
    } else if (is_type) {
      od::value v = field.value();
      od::json_type jt;
      if (auto e = v.type().get(jt)) return e;
      if (jt == od::json_type::string) {
        if (auto e = v.get_string().get(type_label)) return e;
      }
    }
  }
  return SUCCESS;
}

void JsonRowDecoder::fill_missing(const Projection& projection, std::vector<Value>& out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (filled_[i]) continue;
    const Type t = projection.columns[i].type;
    if (is_string_like(t)) {
      assign_string(out[i], {});
    } else {
      out[i] = Value::null_of(t);
    }
  }
}

Decoded JsonRowDecoder::malformed(error_code error, std::string_view bytes, od::document& doc) {
  Decoded d;
  d.status = Decoded::Status::Malformed;
  d.why = fmt::format("invalid JSON: {}", simdjson::error_message(error));
  const char* at = nullptr;
  if (doc.current_location().get(at) == SUCCESS && at >= bytes.data() &&
      at <= bytes.data() + bytes.size()) {
    const std::string_view before(bytes.data(), static_cast<std::size_t>(at - bytes.data()));
    // A column only makes sense on the record's first line.
    if (before.find('\n') == std::string_view::npos) d.column = before.size() + 1;
  }
  return d;
}

Decoded JsonRowDecoder::table_check(const Projection& projection, std::string_view label,
                                    bool have_label) const {
  Decoded d;
  d.table = projection.table;
  if (!have_label || !check_labels_ || label.empty()) return d;
  if (projection.table != nullptr && label_names(*projection.table, label)) return d;
  d.status = Decoded::Status::OtherTable;
  d.table = table_from_label(label);
  return d;
}

bool JsonRowDecoder::open_object(std::string_view bytes, const Projection& projection,
                                 std::vector<Value>& out, od::document& doc, od::object& object,
                                 const char* what, Decoded& failed) {
  lookup_.prepare(projection);
  out.resize(projection.columns.size());
  filled_.assign(projection.columns.size(), 0);
  if (auto e =
          parser_.iterate(bytes.data(), bytes.size(), bytes.size() + simdjson::SIMDJSON_PADDING)
              .get(doc)) {
    failed.status = Decoded::Status::Malformed;
    failed.why = fmt::format("invalid JSON: {}", simdjson::error_message(e));
    return false;
  }
  od::json_type jt;
  if (auto e = doc.type().get(jt)) {
    failed = malformed(e, bytes, doc);
    return false;
  }
  if (jt != od::json_type::object) {
    failed.status = Decoded::Status::Malformed;
    // type() only looks at the first byte: "not json" starts like null. Name a scalar only
    // when it really is one.
    bool scalar_ok = true;
    switch (jt) {
      case od::json_type::null: {
        bool is_null = false;
        scalar_ok = !doc.is_null().get(is_null) && is_null;
        break;
      }
      case od::json_type::boolean: {
        bool b = false;
        scalar_ok = !doc.get_bool().get(b);
        break;
      }
      case od::json_type::number: {
        od::number n;
        scalar_ok = !doc.get_number().get(n);
        break;
      }
      default:
        break;
    }
    failed.why = scalar_ok ? fmt::format("expected {}, found {}", what, json_type_name(jt))
                           : fmt::format("expected {}, found text that is not JSON", what);
    failed.column = 1;
    return false;
  }
  if (auto e = doc.get_object().get(object)) {
    failed = malformed(e, bytes, doc);
    return false;
  }
  return true;
}

Decoded JsonRowDecoder::decode_object(std::string_view bytes, const Projection& projection,
                                      std::vector<Value>& out, CellIssues& issues) {
  od::document doc;
  od::object object;
  if (Decoded failed; !open_object(bytes, projection, out, doc, object, "a JSON object", failed))
    return failed;
  std::string_view label;
  if (auto e = decode_fields(object, projection, out, issues, label, true)) {
    return malformed(e, bytes, doc);
  }
  if (!at_end(doc)) {
    Decoded d = malformed(simdjson::TRAILING_CONTENT, bytes, doc);
    d.why = "invalid JSON: trailing content after the object";
    return d;
  }
  fill_missing(projection, out);
  return table_check(projection, label, !label.empty());
}

Decoded JsonRowDecoder::decode_streaming(std::string_view bytes, const Projection& projection,
                                         std::vector<Value>& out, CellIssues& issues) {
  od::document doc;
  od::object envelope;
  if (Decoded failed;
      !open_object(bytes, projection, out, doc, envelope, "a streaming record object", failed))
    return failed;
  // Splunk MSCS <= 4.3.3 keeps the Event Hub envelope: {"body":{record}, "x-opt-...": ...}.
  od::object record = envelope;
  std::string_view category;
  error_code e = envelope.find_field_unordered("category").get_string().get(category);
  if (e == simdjson::NO_SUCH_FIELD) {
    e = envelope.find_field_unordered("body").get_object().get(record);
    if (e == SUCCESS) e = record.find_field_unordered("category").get_string().get(category);
  }
  if (e == simdjson::NO_SUCH_FIELD) {
    Decoded d;
    d.status = Decoded::Status::Malformed;
    d.why = "streaming record has no \"category\"";
    return d;
  }
  if (e) return malformed(e, bytes, doc);
  // The string_view of `category` lives in the parser's string buffer; copy before more parsing.
  scratch_.assign(category);
  Decoded d = table_check(projection, scratch_, true);
  if (d.status != Decoded::Status::Ok) return d;
  od::object properties;
  e = record.find_field_unordered("properties").get_object().get(properties);
  if (e == simdjson::NO_SUCH_FIELD) {
    d.status = Decoded::Status::Malformed;
    d.why = "streaming record has no \"properties\" object";
    return d;
  }
  if (e) return malformed(e, bytes, doc);
  std::string_view unused;
  if (auto e2 = decode_fields(properties, projection, out, issues, unused, false)) {
    return malformed(e2, bytes, doc);
  }
  fill_missing(projection, out);
  return d;
}

Decoded JsonRowDecoder::decode_positional(std::string_view bytes, const std::vector<int>& slots,
                                          int type_position,
                                          const std::vector<std::string>& columns,
                                          const Projection& projection, std::vector<Value>& out,
                                          CellIssues& issues) {
  out.resize(projection.columns.size());
  filled_.assign(projection.columns.size(), 0);
  od::document doc;
  if (auto e =
          parser_.iterate(bytes.data(), bytes.size(), bytes.size() + simdjson::SIMDJSON_PADDING)
              .get(doc)) {
    Decoded d;
    d.status = Decoded::Status::Malformed;
    d.why = fmt::format("invalid JSON: {}", simdjson::error_message(e));
    return d;
  }
  od::json_type jt;
  if (auto e = doc.type().get(jt)) return malformed(e, bytes, doc);
  if (jt != od::json_type::array) {
    Decoded d;
    d.status = Decoded::Status::Malformed;
    d.why = fmt::format("expected a row array, found {}", json_type_name(jt));
    d.column = 1;
    return d;
  }
  od::array row;
  if (auto e = doc.get_array().get(row)) return malformed(e, bytes, doc);
  std::size_t i = 0;
  std::string label;
  bool have_label = false;
  for (auto element_result : row) {
    od::value v;
    if (auto e = std::move(element_result).get(v)) return malformed(e, bytes, doc);
    const int slot = i < slots.size() ? slots[i] : -1;
    if (slot >= 0 && filled_[static_cast<std::size_t>(slot)] != 1) {
      const auto k = static_cast<std::size_t>(slot);
      bool was_null = false;
      if (auto e = set_cell(v, projection.columns[k], out[k], issues, was_null)) {
        return malformed(e, bytes, doc);
      }
      if (filled_[k] == 0 || !was_null) filled_[k] = was_null ? 2 : 1;
      if (static_cast<int>(i) == type_position && !was_null && out[k].type() == Type::String) {
        label = out[k].text();
        have_label = true;
      }
    } else if (static_cast<int>(i) == type_position) {
      std::string_view s;
      if (v.get_string().get(s) == SUCCESS) {
        label.assign(s);
        have_label = true;
      }
    }
    ++i;
  }
  if (!at_end(doc)) {
    Decoded d = malformed(simdjson::TRAILING_CONTENT, bytes, doc);
    d.why = "invalid JSON: trailing content after the row";
    return d;
  }
  if (i != columns.size()) {
    Decoded d;
    d.status = Decoded::Status::Malformed;
    d.why = fmt::format("expected {} values (one per column), found {}", columns.size(), i);
    return d;
  }
  fill_missing(projection, out);
  return table_check(projection, label, have_label);
}

namespace {

// Whether a JSON value holds something: not null and not "" (a union export's filler).
bool has_value(od::value& v, std::string_view& string_value) {
  string_value = {};
  od::json_type jt;
  if (v.type().get(jt)) return false;
  if (jt == od::json_type::null) return false;
  if (jt == od::json_type::string) {
    if (v.get_string().get(string_value)) return false;
    return !string_value.empty();
  }
  return true;
}

}  // namespace

bool JsonRowDecoder::vote(std::string_view bytes, bool streaming, RowTableVote& vote) {
  od::document doc;
  if (parser_.iterate(bytes.data(), bytes.size(), bytes.size() + simdjson::SIMDJSON_PADDING)
          .get(doc)) {
    return false;
  }
  od::object object;
  if (doc.get_object().get(object)) return false;
  if (streaming) {
    od::object record = object;
    error_code e = object.find_field_unordered("properties").get_object().get(object);
    if (e == simdjson::NO_SUCH_FIELD) {
      if (record.find_field_unordered("body").get_object().get(record)) return false;
      e = record.find_field_unordered("properties").get_object().get(object);
    }
    if (e) return false;
  }
  for (auto field_result : object) {
    od::field field;
    if (std::move(field_result).get(field)) return false;
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    scratch_.assign(key);  // the value's string may reuse the key's buffer space
    od::value v = field.value();
    std::string_view text;
    const bool valued = has_value(v, text);
    vote.add(scratch_, valued);
    if (valued && iequals(scratch_, "ActionType")) vote.set_action_type(text);
  }
  return true;
}

bool JsonRowDecoder::vote_positional(std::string_view bytes,
                                     const std::vector<std::string>& columns, RowTableVote& vote) {
  od::document doc;
  if (parser_.iterate(bytes.data(), bytes.size(), bytes.size() + simdjson::SIMDJSON_PADDING)
          .get(doc)) {
    return false;
  }
  od::array row;
  if (doc.get_array().get(row)) return false;
  std::size_t i = 0;
  for (auto element : row) {
    od::value v;
    if (std::move(element).get(v)) return false;
    if (i < columns.size()) {
      std::string_view text;
      const bool valued = has_value(v, text);
      vote.add(columns[i], valued);
      if (valued && iequals(normalise_column_name(columns[i]), "ActionType")) {
        vote.set_action_type(text);
      }
    }
    ++i;
  }
  return i == columns.size();  // a row of the wrong width is malformed, whatever its table
}

bool JsonRowDecoder::describe(std::string_view bytes, bool streaming,
                              std::vector<std::string>& columns, std::string& label,
                              std::string& why) {
  columns.clear();
  label.clear();
  od::document doc;
  auto fail = [&](error_code e) {
    why = fmt::format("invalid JSON: {}", simdjson::error_message(e));
    return false;
  };
  if (auto e =
          parser_.iterate(bytes.data(), bytes.size(), bytes.size() + simdjson::SIMDJSON_PADDING)
              .get(doc)) {
    return fail(e);
  }
  od::object object;
  if (auto e = doc.get_object().get(object)) return fail(e);
  if (streaming) {
    od::object record = object;
    std::string_view category;
    error_code e = object.find_field_unordered("category").get_string().get(category);
    if (e == simdjson::NO_SUCH_FIELD) {
      e = object.find_field_unordered("body").get_object().get(record);
      if (e == SUCCESS) e = record.find_field_unordered("category").get_string().get(category);
    }
    if (e) return fail(e);
    label.assign(category);
    od::object properties;
    if (auto e2 = record.find_field_unordered("properties").get_object().get(properties)) {
      return fail(e2);
    }
    object = properties;
  }
  for (auto field_result : object) {
    od::field field;
    if (auto e = std::move(field_result).get(field)) return fail(e);
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return fail(e);
    columns.emplace_back(key);
    if (!streaming && label.empty() && iequals(key, "Type")) {
      std::string_view s;
      if (field.value().get_string().get(s) == SUCCESS) label.assign(s);
    }
  }
  return true;
}

}  // namespace huntq::input
