#include "huntq/kql/syntax.h"

#include "script_impl.h"

namespace huntq::kql {

std::string_view scalar_type_name(ScalarType type) {
  switch (type) {
    case ScalarType::Bool:
      return "bool";
    case ScalarType::Int:
      return "int";
    case ScalarType::Long:
      return "long";
    case ScalarType::Real:
      return "real";
    case ScalarType::Decimal:
      return "decimal";
    case ScalarType::String:
      return "string";
    case ScalarType::DateTime:
      return "datetime";
    case ScalarType::TimeSpan:
      return "timespan";
    case ScalarType::Guid:
      return "guid";
    case ScalarType::Dynamic:
      return "dynamic";
  }
  return "?";
}

std::string_view binary_op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::Or:
      return "or";
    case BinaryOp::And:
      return "and";
    case BinaryOp::Equal:
      return "==";
    case BinaryOp::NotEqual:
      return "!=";
    case BinaryOp::Less:
      return "<";
    case BinaryOp::LessOrEqual:
      return "<=";
    case BinaryOp::Greater:
      return ">";
    case BinaryOp::GreaterOrEqual:
      return ">=";
    case BinaryOp::Add:
      return "+";
    case BinaryOp::Subtract:
      return "-";
    case BinaryOp::Multiply:
      return "*";
    case BinaryOp::Divide:
      return "/";
    case BinaryOp::Modulo:
      return "%";
    case BinaryOp::EqualTilde:
      return "=~";
    case BinaryOp::BangTilde:
      return "!~";
    case BinaryOp::Contains:
      return "contains";
    case BinaryOp::NotContains:
      return "!contains";
    case BinaryOp::ContainsCs:
      return "contains_cs";
    case BinaryOp::NotContainsCs:
      return "!contains_cs";
    case BinaryOp::Has:
      return "has";
    case BinaryOp::NotHas:
      return "!has";
    case BinaryOp::HasCs:
      return "has_cs";
    case BinaryOp::NotHasCs:
      return "!has_cs";
    case BinaryOp::HasPrefix:
      return "hasprefix";
    case BinaryOp::NotHasPrefix:
      return "!hasprefix";
    case BinaryOp::HasPrefixCs:
      return "hasprefix_cs";
    case BinaryOp::NotHasPrefixCs:
      return "!hasprefix_cs";
    case BinaryOp::HasSuffix:
      return "hassuffix";
    case BinaryOp::NotHasSuffix:
      return "!hassuffix";
    case BinaryOp::HasSuffixCs:
      return "hassuffix_cs";
    case BinaryOp::NotHasSuffixCs:
      return "!hassuffix_cs";
    case BinaryOp::StartsWith:
      return "startswith";
    case BinaryOp::NotStartsWith:
      return "!startswith";
    case BinaryOp::StartsWithCs:
      return "startswith_cs";
    case BinaryOp::NotStartsWithCs:
      return "!startswith_cs";
    case BinaryOp::EndsWith:
      return "endswith";
    case BinaryOp::NotEndsWith:
      return "!endswith";
    case BinaryOp::EndsWithCs:
      return "endswith_cs";
    case BinaryOp::NotEndsWithCs:
      return "!endswith_cs";
    case BinaryOp::MatchesRegex:
      return "matches regex";
    case BinaryOp::Like:
      return "like";
    case BinaryOp::NotLike:
      return "notlike";
    case BinaryOp::LikeCs:
      return "likecs";
    case BinaryOp::NotLikeCs:
      return "notlikecs";
    case BinaryOp::SearchHas:
      return ":";
  }
  return "?";
}

std::string_view in_op_text(InOp op) {
  switch (op) {
    case InOp::In:
      return "in";
    case InOp::NotIn:
      return "!in";
    case InOp::InCs:
      return "in~";
    case InOp::NotInCs:
      return "!in~";
    case InOp::HasAny:
      return "has_any";
    case InOp::HasAll:
      return "has_all";
  }
  return "?";
}

Script::Script() : impl_(std::make_unique<Impl>()) {}
Script::~Script() = default;
Script::Script(Script&&) noexcept = default;
Script& Script::operator=(Script&&) noexcept = default;

const SourceText& Script::source() const {
  return impl_->source;
}
const std::vector<const Statement*>& Script::statements() const {
  return impl_->statements;
}
SourceLocation Script::locate(std::uint32_t offset) const {
  return impl_->map.locate(offset);
}
LineColumn Script::line_column(std::uint32_t offset) const {
  return impl_->map.line_column(offset);
}

}  // namespace huntq::kql
