// The KQL syntax tree: what the user wrote, with positions, before any binding.
//
// Shape: a Script is a list of Statements (let, set, declare query_parameters, query). Scalar and
// tabular expressions share one Expr hierarchy, because the parser cannot tell them apart
// (`let x = y;` may be either): the binder decides. A tabular pipeline is left-nested:
// `T | where a | take 5` is Pipe(Pipe(Name T, Where a), Take 5). Operators that start a
// pipeline without input (union, print, range, evaluate) are an OperatorExpr; datatable is a
// DatatableExpr. Every node keeps the byte offset of its first character and the end offset
// (one past its last character) in the query text; Script::locate() turns an offset into a file
// location.
//
// Nodes are immutable after parsing and owned by their Script; child pointers stay valid while
// the Script lives (moving the Script keeps them valid). Downcast with `e.as<BinaryExpr>()` or
// `e.try_as<BinaryExpr>()` after checking `kind`.
#pragma once

#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/error.h"
#include "huntq/kql/source_text.h"

namespace huntq::kql {

// ---------------------------------------------------------------------------------------------
// Small parts

/// Scalar types that may be written in declarations, typed literals and typeof(): the names
/// Kusto accepts map onto these (boolean -> Bool, date -> DateTime, double -> Real, int64 -> Long,
/// time -> TimeSpan, uniqueid/uuid -> Guid).
enum class ScalarType : std::uint8_t {
  Bool,
  Int,
  Long,
  Real,
  Decimal,
  String,
  DateTime,
  TimeSpan,
  Guid,
  Dynamic,
};
/// Kusto's canonical name: "bool", "int", "long", "real", "decimal", "string", "datetime",
/// "timespan", "guid", "dynamic".
std::string_view scalar_type_name(ScalarType type);

/// A name as the user wrote it: an identifier (`Foo`, `$left`, `count`) or a bracketed name
/// (`['a b']`, `["x"]`), whose text is the decoded string.
struct Ident {
  std::string text;
  std::uint32_t offset = 0;  // of the identifier, or of the '[' of a bracketed name
  bool bracketed = false;
};

/// A column declaration `name:type` (datatable schemas, tabular parameter schemas).
struct ColumnDecl {
  Ident name;
  ScalarType type = ScalarType::String;
  std::uint32_t type_offset = 0;
};

/// The declared type of a function or query parameter: a scalar type, or a table written
/// `(*)` (any schema) or `(a:string, ...)` (at least these columns).
struct ParamType {
  enum class Kind : std::uint8_t { Scalar, Tabular };
  Kind kind = Kind::Scalar;
  ScalarType scalar = ScalarType::String;  // Kind::Scalar
  bool any_columns = false;                // Kind::Tabular: written `(*)`
  std::vector<ColumnDecl> columns;         // Kind::Tabular
  std::uint32_t offset = 0;
};

enum class NodeCategory : std::uint8_t { Expr, QueryOp, Statement, Function };

/// Base of every node: its category and its span [offset, end) in the query text.
struct Node {
  NodeCategory category;
  std::uint32_t offset = 0;
  std::uint32_t end = 0;

  explicit Node(NodeCategory c) : category(c) {}
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
};

struct Expr;
struct QueryOp;
struct Statement;

/// `expr`, `Name = expr` or `(A, B) = expr`: items of extend, project, summarize, print, by
/// clauses, distinct, serialize, mv-expand and call arguments (named arguments `f(x = 1)`).
struct NamedExpr {
  std::vector<Ident> names;  // empty: unnamed
  bool tuple = false;        // names written as `(A, B) = ...`
  const Expr* expr = nullptr;
};

/// `name = value` parameters of operators: `kind=inner`, `hint.strategy=shuffle`,
/// `withsource=T`, `isfuzzy=true`, `with_itemindex=i`. The name is as written, dotted parts
/// joined ("hint.strategy"); a word value (`inner`, `shuffle`, `T`) is a NameExpr, other values
/// are literals.
struct OperatorParam {
  Ident name;
  const Expr* value = nullptr;
};

enum class SortOrder : std::uint8_t { Default, Asc, Desc, GrannyAsc, GrannyDesc };
enum class NullsOrder : std::uint8_t { Default, First, Last };

/// `expr [asc|desc] [nulls first|last]` (sort, top).
struct SortItem {
  const Expr* expr = nullptr;
  SortOrder order = SortOrder::Default;
  NullsOrder nulls = NullsOrder::Default;
};

/// A column name or a wildcard pattern (`Foo`, `['a b']`, `Device*`, `*Id`).
struct NamePattern {
  std::string text;  // the name, or the pattern with its '*'s
  std::uint32_t offset = 0;
  bool bracketed = false;
  bool wildcard = false;
};

// ---------------------------------------------------------------------------------------------
// Expressions

enum class ExprKind : std::uint8_t {
  Literal,       // 5, 1.5, true, "s", 7d, datetime(...), int(null), guid(...), real(nan) ...
  Dynamic,       // dynamic(...)
  JsonArray,     // [...] inside dynamic(...)
  JsonObject,    // {...} inside dynamic(...)
  Name,          // Foo, ['a b'], $left
  WildcardName,  // Device* (union operands only)
  Star,          // * (arguments such as arg_max(x, *), count(*)?, `* has "x"`)
  Call,          // f(args), x.f(args)
  Member,        // a.b, a.['b c']
  Index,         // a[expr]
  Unary,         // -x, +x
  Binary,        // a + b, a and b, a has b ...
  InList,        // a in (...), !in, in~, !in~, has_any, has_all
  Between,       // a between (b .. c), !between
  Paren,         // (expr), also a parenthesized tabular expression
  TypeOf,        // typeof(string)
  Datatable,     // datatable(a:long) [1, 2]
  Pipe,          // source | operator
  Operator,      // an operator that starts a pipeline: union, print, range, evaluate
};

struct Expr : Node {
  ExprKind kind;

  explicit Expr(ExprKind k) : Node(NodeCategory::Expr), kind(k) {}

  template <class T>
  const T& as() const {
    assert(kind == T::kKind);
    return static_cast<const T&>(*this);
  }
  template <class T>
  const T* try_as() const {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
};

/// A literal with its decoded value.
/// - Bool, Int, Long: `int_value` (bool: 0/1). Overflow is a syntax error.
/// - Real: `real_value` (real(nan), real(+inf), real(-inf) decode to NaN/inf).
/// - TimeSpan: `int_value` in ticks (100 ns), from `7d`, `1.5h`, `time(1.02:03:04.5)`,
///   `timespan(2d)`, `timespan(15 seconds)`; fractions of a tick are truncated toward zero.
/// - String: `text` decoded (escapes, verbatim, multi-line, adjacent literals concatenated).
/// - DateTime, Guid, Decimal: `text` is the raw inner text of datetime(...) / guid(...) /
///   decimal(...), trimmed, with a quoted string inside decoded; the binder parses it.
/// - Dynamic: only `null` inside dynamic(...) (is_null).
/// `is_null` for int(null), datetime(null), dynamic(null)'s inner null, etc.
/// A `-` written directly before a number (`-5`, `-1d`) is folded into the literal.
struct LiteralExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Literal;
  LiteralExpr() : Expr(kKind) {}

  ScalarType type = ScalarType::Long;
  bool is_null = false;
  std::int64_t int_value = 0;
  double real_value = 0;
  std::string text;
};

/// `dynamic(value)`: value is a LiteralExpr (scalars, null), JsonArrayExpr or JsonObjectExpr.
struct DynamicExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Dynamic;
  DynamicExpr() : Expr(kKind) {}
  const Expr* value = nullptr;
};

struct JsonArrayExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::JsonArray;
  JsonArrayExpr() : Expr(kKind) {}
  std::vector<const Expr*> elements;  // LiteralExpr, DynamicExpr, JsonArrayExpr, JsonObjectExpr
};

struct JsonMember {
  std::string key;  // decoded string key, or a bare name
  std::uint32_t key_offset = 0;
  const Expr* value = nullptr;
};

struct JsonObjectExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::JsonObject;
  JsonObjectExpr() : Expr(kKind) {}
  std::vector<JsonMember> members;  // in written order, duplicates kept
};

/// A name: column, table, let, parameter, or `$left` / `$right` (text "$left" / "$right").
struct NameExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Name;
  NameExpr() : Expr(kKind) {}
  Ident name;
};

struct WildcardNameExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::WildcardName;
  WildcardNameExpr() : Expr(kKind) {}
  std::string pattern;  // e.g. "Device*"
  bool bracketed = false;
};

struct StarExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Star;
  StarExpr() : Expr(kKind) {}
};

/// `name(args)`; `receiver.name(args)` when written after a dot (`cluster("c").database("d")`).
/// Arguments may be tabular (`toscalar(T | count)`, `materialize(T)`) or named (`f(x = 1)`).
struct CallExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Call;
  CallExpr() : Expr(kKind) {}
  Ident name;
  const Expr* receiver = nullptr;
  std::vector<NamedExpr> args;
};

/// `object.member` (`member` may be bracketed: `x.['a b']`).
struct MemberExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Member;
  MemberExpr() : Expr(kKind) {}
  const Expr* object = nullptr;
  Ident member;
};

/// `object[index]`.
struct IndexExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Index;
  IndexExpr() : Expr(kKind) {}
  const Expr* object = nullptr;
  const Expr* index = nullptr;
};

enum class UnaryOp : std::uint8_t { Minus, Plus };

struct UnaryExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Unary;
  UnaryExpr() : Expr(kKind) {}
  UnaryOp op = UnaryOp::Minus;
  const Expr* operand = nullptr;
};

/// Binary operators, loosest first by precedence level (see parser.h). Aliases map to one
/// kind: `<>` -> NotEqual, `containscs` -> ContainsCs, `notcontains` -> NotContains,
/// `notcontainscs` -> NotContainsCs.
enum class BinaryOp : std::uint8_t {
  Or,
  And,
  Equal,     // ==
  NotEqual,  // != <>
  Less,
  LessOrEqual,
  Greater,
  GreaterOrEqual,
  Add,
  Subtract,
  Multiply,
  Divide,
  Modulo,
  EqualTilde,  // =~
  BangTilde,   // !~
  Contains,
  NotContains,
  ContainsCs,
  NotContainsCs,
  Has,
  NotHas,
  HasCs,
  NotHasCs,
  HasPrefix,
  NotHasPrefix,
  HasPrefixCs,
  NotHasPrefixCs,
  HasSuffix,
  NotHasSuffix,
  HasSuffixCs,
  NotHasSuffixCs,
  StartsWith,
  NotStartsWith,
  StartsWithCs,
  NotStartsWithCs,
  EndsWith,
  NotEndsWith,
  EndsWithCs,
  NotEndsWithCs,
  MatchesRegex,
  Like,
  NotLike,
  LikeCs,
  NotLikeCs,
  SearchHas,  // `a : b` (search-style term match)
};
/// The operator as Kusto spells it ("==", "!contains", "matches regex", ...).
std::string_view binary_op_text(BinaryOp op);

struct BinaryExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Binary;
  BinaryExpr() : Expr(kKind) {}
  BinaryOp op = BinaryOp::Equal;
  const Expr* left = nullptr;  // may be a StarExpr for `* has "x"`, `* == x`
  const Expr* right = nullptr;
};

enum class InOp : std::uint8_t { In, NotIn, InCs, NotInCs, HasAny, HasAll };
/// "in", "!in", "in~", "!in~", "has_any", "has_all".
std::string_view in_op_text(InOp op);

/// `left op (list)`. The list is the parenthesized items as written: scalars, a dynamic array or
/// let name (one item), or a single tabular expression (`x in (T | project y)`; also
/// `x in ((T | project y))`, a single Paren item).
struct InListExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::InList;
  InListExpr() : Expr(kKind) {}
  InOp op = InOp::In;
  const Expr* left = nullptr;
  std::vector<const Expr*> list;
};

/// `left between (low .. high)` / `!between`.
struct BetweenExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Between;
  BetweenExpr() : Expr(kKind) {}
  bool negated = false;
  const Expr* left = nullptr;
  const Expr* low = nullptr;
  const Expr* high = nullptr;
};

/// `(inner)`, kept so the binder sees what was written (join right sides, `in ((T))`).
struct ParenExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Paren;
  ParenExpr() : Expr(kKind) {}
  const Expr* inner = nullptr;
};

/// `typeof(type)`.
struct TypeOfExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::TypeOf;
  TypeOfExpr() : Expr(kKind) {}
  ScalarType type = ScalarType::String;
};

/// `datatable(a:string, b:long) [ v1, v2, ... ]`: values row-major, as literal expressions
/// (possibly signed, dynamic(...), typed literals).
struct DatatableExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Datatable;
  DatatableExpr() : Expr(kKind) {}
  std::vector<ColumnDecl> columns;
  std::vector<const Expr*> values;
};

/// `source | op`.
struct PipeExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Pipe;
  PipeExpr() : Expr(kKind) {}
  const Expr* source = nullptr;
  const QueryOp* op = nullptr;
};

/// An operator written where a pipeline starts (`union A, B`, `print x = 1`, `range ...`,
/// `evaluate ...`).
struct OperatorExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Operator;
  OperatorExpr() : Expr(kKind) {}
  const QueryOp* op = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Tabular operators

enum class OpKind : std::uint8_t {
  Where,  // also `filter`
  Extend,
  Project,
  ProjectAway,
  ProjectKeep,
  ProjectRename,
  ProjectReorder,
  Summarize,
  Join,
  Lookup,
  Union,
  Sort,  // `sort by` and `order by`
  Top,
  Take,  // `take` and `limit`
  Distinct,
  Count,
  MvExpand,  // `mv-expand` and legacy `mvexpand`
  Parse,
  Serialize,
  GetSchema,
  Evaluate,
  Render,
  Invoke,
  As,
  Print,
  Range,
};

struct QueryOp : Node {
  OpKind kind;
  std::string keyword;  // as written: "where"/"filter", "sort"/"order", "mvexpand"/"mv-expand"...

  explicit QueryOp(OpKind k) : Node(NodeCategory::QueryOp), kind(k) {}

  template <class T>
  const T& as() const {
    assert(kind == T::kKind);
    return static_cast<const T&>(*this);
  }
  template <class T>
  const T* try_as() const {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
};

struct WhereOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Where;
  WhereOp() : QueryOp(kKind) {}
  const Expr* predicate = nullptr;
};

struct ExtendOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Extend;
  ExtendOp() : QueryOp(kKind) {}
  std::vector<NamedExpr> items;
};

struct ProjectOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Project;
  ProjectOp() : QueryOp(kKind) {}
  std::vector<NamedExpr> items;
};

struct ProjectAwayOp : QueryOp {
  static constexpr OpKind kKind = OpKind::ProjectAway;
  ProjectAwayOp() : QueryOp(kKind) {}
  std::vector<NamePattern> columns;
};

struct ProjectKeepOp : QueryOp {
  static constexpr OpKind kKind = OpKind::ProjectKeep;
  ProjectKeepOp() : QueryOp(kKind) {}
  std::vector<NamePattern> columns;
};

struct Rename {
  Ident new_name;
  Ident old_name;
};

struct ProjectRenameOp : QueryOp {
  static constexpr OpKind kKind = OpKind::ProjectRename;
  ProjectRenameOp() : QueryOp(kKind) {}
  std::vector<Rename> renames;
};

struct ReorderItem {
  NamePattern column;
  SortOrder order = SortOrder::Default;
};

struct ProjectReorderOp : QueryOp {
  static constexpr OpKind kKind = OpKind::ProjectReorder;
  ProjectReorderOp() : QueryOp(kKind) {}
  std::vector<ReorderItem> items;
};

struct SummarizeOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Summarize;
  SummarizeOp() : QueryOp(kKind) {}
  std::vector<OperatorParam> params;  // hint.strategy, hint.shufflekey, hint.num_partitions
  std::vector<NamedExpr> aggregates;
  std::vector<NamedExpr> by;  // `by Day = bin(Timestamp, 1d), X`
};

/// join and lookup: `join [params] right on conditions`. `conditions` are the `on` items as
/// written, split at commas and at top-level `and`: names (`MD5`), `$left.A == $right.B`, the
/// reversed `$right.B == $left.A`, or anything else the user wrote (the binder checks). Empty
/// when there is no `on` clause. A LookupOp is a JoinOp with kind Lookup: read either through
/// `static_cast<const JoinOp&>(op)` (`op.as<JoinOp>()` asserts kind == Join).
struct JoinOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Join;
  JoinOp() : QueryOp(kKind) {}
  std::vector<OperatorParam> params;  // kind, hint.*
  const Expr* right = nullptr;        // ParenExpr, NameExpr, CallExpr ...
  std::vector<const Expr*> conditions;

 protected:
  explicit JoinOp(OpKind k) : QueryOp(k) {}
};

struct LookupOp : JoinOp {
  static constexpr OpKind kKind = OpKind::Lookup;
  LookupOp() : JoinOp(kKind) {}
};

/// `union [params] operands`; as a pipeline start (OperatorExpr) or piped (`T | union U`).
/// Operands: NameExpr, WildcardNameExpr, ParenExpr, CallExpr, ...
struct UnionOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Union;
  UnionOp() : QueryOp(kKind) {}
  std::vector<OperatorParam> params;  // kind, withsource, isfuzzy, hint.*
  std::vector<const Expr*> operands;
};

struct SortOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Sort;
  SortOp() : QueryOp(kKind) {}
  std::vector<OperatorParam> params;
  std::vector<SortItem> items;
};

struct TopOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Top;
  TopOp() : QueryOp(kKind) {}
  std::vector<OperatorParam> params;
  const Expr* count = nullptr;
  SortItem by;
};

struct TakeOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Take;
  TakeOp() : QueryOp(kKind) {}
  std::vector<OperatorParam> params;
  const Expr* count = nullptr;
};

/// `distinct a, b` or `distinct *` (one unnamed item holding a StarExpr).
struct DistinctOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Distinct;
  DistinctOp() : QueryOp(kKind) {}
  std::vector<OperatorParam> params;
  std::vector<NamedExpr> items;
};

/// `count` [`as Name`].
struct CountOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Count;
  CountOp() : QueryOp(kKind) {}
  bool has_name = false;
  Ident name;
};

struct MvExpandItem {
  NamedExpr item;
  bool has_to_type = false;  // `to typeof(type)`
  ScalarType to_type = ScalarType::Dynamic;
};

struct MvExpandOp : QueryOp {
  static constexpr OpKind kKind = OpKind::MvExpand;
  MvExpandOp() : QueryOp(kKind) {}
  std::vector<OperatorParam> params;  // kind=bag|array, bagexpansion=..., with_itemindex=Name
  std::vector<MvExpandItem> items;
  const Expr* limit = nullptr;  // `limit N`, or null
};

/// One element of a parse pattern: a string literal, `*`, or a column `Name[:type]`.
struct ParsePart {
  enum class Kind : std::uint8_t { Text, Star, Column };
  Kind kind = Kind::Text;
  std::uint32_t offset = 0;
  std::string text;  // Kind::Text: decoded string
  Ident column;      // Kind::Column
  bool has_type = false;
  ScalarType type = ScalarType::String;
};

struct ParseOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Parse;
  ParseOp() : QueryOp(kKind) {}
  std::vector<OperatorParam> params;  // kind=simple|regex|relaxed, flags=...
  const Expr* source = nullptr;
  std::vector<ParsePart> pattern;
};

struct SerializeOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Serialize;
  SerializeOp() : QueryOp(kKind) {}
  std::vector<NamedExpr> items;
};

struct GetSchemaOp : QueryOp {
  static constexpr OpKind kKind = OpKind::GetSchema;
  GetSchemaOp() : QueryOp(kKind) {}
  std::vector<OperatorParam> params;
};

/// `evaluate [params] plugin(args)`; the plugin is a CallExpr (`bag_unpack(col, 'prefix_')`).
struct EvaluateOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Evaluate;
  EvaluateOp() : QueryOp(kKind) {}
  std::vector<OperatorParam> params;
  const CallExpr* plugin = nullptr;
};

/// `render charttype [properties]`: the properties (`with (...)`, legacy `kind=...`) are kept
/// as raw text, since they do not change the rows.
struct RenderOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Render;
  RenderOp() : QueryOp(kKind) {}
  Ident chart;
  std::string properties;
};

/// `invoke f(args)`.
struct InvokeOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Invoke;
  InvokeOp() : QueryOp(kKind) {}
  const CallExpr* call = nullptr;
};

/// `as [hint.materialized=true] Name`.
struct AsOp : QueryOp {
  static constexpr OpKind kKind = OpKind::As;
  AsOp() : QueryOp(kKind) {}
  std::vector<OperatorParam> params;
  Ident name;
};

struct PrintOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Print;
  PrintOp() : QueryOp(kKind) {}
  std::vector<NamedExpr> items;
};

/// `range Column from a to b step c`.
struct RangeOp : QueryOp {
  static constexpr OpKind kKind = OpKind::Range;
  RangeOp() : QueryOp(kKind) {}
  Ident column;
  const Expr* from = nullptr;
  const Expr* to = nullptr;
  const Expr* step = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Statements

/// A parameter of a user function or of `declare query_parameters`.
struct FunctionParam {
  Ident name;
  ParamType type;
  const Expr* default_value = nullptr;  // `b:long = 5`, or null
};

/// `(params) { let ...; body }` or `view (params) { ... }`, the value of a let.
struct FunctionDecl : Node {
  FunctionDecl() : Node(NodeCategory::Function) {}
  bool is_view = false;
  std::vector<FunctionParam> params;
  std::vector<const Statement*> statements;  // the body's lets (and declare query_parameters)
  const Expr* body = nullptr;                // the body's final expression
};

enum class StatementKind : std::uint8_t { Let, Set, QueryParameters, Query };

struct Statement : Node {
  StatementKind kind;

  explicit Statement(StatementKind k) : Node(NodeCategory::Statement), kind(k) {}

  template <class T>
  const T& as() const {
    assert(kind == T::kKind);
    return static_cast<const T&>(*this);
  }
  template <class T>
  const T* try_as() const {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
};

/// `let Name = expr;` (value) or `let Name = (params) { ... };` (function).
/// Exactly one of `value` and `function` is set.
struct LetStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::Let;
  LetStatement() : Statement(kKind) {}
  Ident name;
  const Expr* value = nullptr;
  const FunctionDecl* function = nullptr;
};

/// `set name = value;` or `set name;`.
struct SetStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::Set;
  SetStatement() : Statement(kKind) {}
  Ident name;
  const Expr* value = nullptr;  // null for `set name;`
};

/// `declare query_parameters(name:type [= default], ...);`
struct QueryParametersStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::QueryParameters;
  QueryParametersStatement() : Statement(kKind) {}
  std::vector<FunctionParam> params;
};

/// The query itself: an expression statement.
struct QueryStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::Query;
  QueryStatement() : Statement(kKind) {}
  const Expr* expr = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Script

/// A parsed query text: its statements in order (lets, sets, ... and normally one query
/// statement; a script with several query statements is kept as written for the binder to
/// refuse). Owns every node and a copy of the source.
class Script {
 public:
  Script();
  ~Script();
  Script(Script&&) noexcept;
  Script& operator=(Script&&) noexcept;

  const SourceText& source() const;
  const std::vector<const Statement*>& statements() const;

  /// File location of a byte offset in the query text (see SourceMap).
  SourceLocation locate(std::uint32_t offset) const;
  LineColumn line_column(std::uint32_t offset) const;

  // Building (used by the parser).
  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// S-expression of a node, for tests and debugging, e.g.
/// `(pipe (name T) (where (binary == (name a) (long 1))))`. Strings are JSON-quoted.
std::string dump(const Node& node);
std::string dump(const Script& script);

}  // namespace huntq::kql
