// The recursive-descent parser behind parse_script(). Split over parse_*.cpp by grammar area:
// statements, expressions (one method per precedence level), literals, query operators.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "huntq/kql/parser.h"
#include "huntq/kql/token.h"
#include "script_impl.h"

namespace huntq::kql {

class Parser {
 public:
  Parser(Script::Impl& out, std::vector<Token> tokens);
  void parse_script();

 private:
  // Limits recursion (nesting) and the depth of the tree it builds (nesting plus operator
  // chains such as `a or b or c`), so neither the parser nor a recursive consumer of the tree
  // can overflow the stack on hostile input.
  class NestingGuard {
   public:
    explicit NestingGuard(Parser& p);
    ~NestingGuard();

   private:
    Parser& p_;
  };
  class ChainGuard {
   public:
    explicit ChainGuard(Parser& p) : p_(p), start_(p.tree_depth_) {}
    ~ChainGuard() { p_.tree_depth_ = start_; }
    void step();

   private:
    Parser& p_;
    int start_;
  };

  // ---- tokens (parser_base.cpp)
  const Token& peek(std::size_t ahead = 0) const;
  std::string_view text(const Token& t) const { return t.text(out_.source.text); }
  std::string_view peek_text(std::size_t ahead = 0) const { return text(peek(ahead)); }
  bool at(TokenKind kind, std::size_t ahead = 0) const { return peek(ahead).kind == kind; }
  bool at_word(std::string_view word, std::size_t ahead = 0) const;
  bool at_keyword(std::string_view word, std::size_t ahead = 0) const;
  bool at_list_end(std::size_t ahead = 0) const;
  const Token& advance();
  bool accept(TokenKind kind);
  const Token& expect(TokenKind kind, std::string_view context);
  const Token& expect_word(std::string_view word, std::string_view context);
  const Token& expect_close(TokenKind close, const Token& open);

  // ---- errors
  [[noreturn]] void fail(std::uint32_t offset, const std::string& message) const;
  [[noreturn]] void fail_expected(std::string_view what) const;
  [[noreturn]] void unsupported(const Token& first, std::string_view construct) const;
  std::string describe(const Token& t) const;
  std::string position(std::uint32_t offset) const;

  // ---- nodes
  template <class T>
  T* make(std::uint32_t offset) {
    return out_.make<T>(offset);
  }
  template <class T>
  T* finish(T* node) {
    node->end = last_end_;
    return node;
  }
  Ident ident_of(const Token& t) const;

  // ---- names (parser_base.cpp)
  std::size_t scan_bracketed_name(std::size_t ahead) const;
  std::size_t scan_name(std::size_t ahead) const;
  std::size_t scan_wildcard(std::size_t ahead) const;
  Ident parse_ident(std::string_view what);
  NamePattern parse_name_pattern(std::string_view what);
  bool lookup_scalar_type(std::string_view name, ScalarType& type) const;
  ScalarType parse_scalar_type(std::uint32_t& offset);
  std::vector<ColumnDecl> parse_column_decls(const Token& open);

  // ---- statements (parse_statements.cpp)
  const Statement* parse_statement();
  const Statement* parse_let();
  const Statement* parse_set();
  const Statement* parse_query_parameters();
  bool scan_function_start() const;
  const FunctionDecl* parse_function();
  std::vector<FunctionParam> parse_function_params(bool one_or_more);
  ParamType parse_param_type();
  Expr* parse_default_value();

  // ---- expressions (parse_expressions.cpp)
  Expr* parse_expression();  // pipe level: `source | op | op`
  Expr* parse_unnamed();     // scalar level (no pipes outside parentheses)
  Expr* parse_or();
  Expr* parse_and();
  Expr* parse_equality();
  Expr* parse_relational();
  Expr* parse_additive();
  Expr* parse_multiplicative();
  Expr* parse_string_op();
  Expr* parse_unary();
  Expr* parse_postfix();
  Expr* parse_primary();
  Expr* parse_star();
  Expr* parse_call(const Expr* receiver, std::uint32_t offset);
  Expr* binary(BinaryOp op, const Expr* left, const Expr* right);
  int string_op_at(std::size_t ahead, BinaryOp& op) const;
  bool scan_query_expression() const;
  void parse_in_list(InListExpr* in);
  NamedExpr parse_named(bool value_may_be_tabular);
  std::size_t scan_tuple_names() const;
  std::vector<NamedExpr> parse_named_list(bool one_or_more, std::string_view what);

  // ---- literals (parse_literals.cpp)
  Expr* parse_string_literal();
  Expr* parse_number(bool negative, std::uint32_t offset);
  Expr* parse_typed_literal();
  Expr* parse_literal_value(std::string_view what);
  Expr* parse_dynamic();
  Expr* parse_json_value();
  Expr* parse_typeof();
  Expr* parse_datatable();
  Expr* bool_literal(const Token& t);
  bool at_signed_number() const;
  static bool is_bool_word(std::string_view w);

  // ---- query operators (parse_operators.cpp)
  const QueryOp* try_parse_source_operator();
  const QueryOp* parse_piped_operator();
  std::vector<OperatorParam> parse_params(std::initializer_list<std::string_view> names);
  std::size_t scan_param_name(std::initializer_list<std::string_view> names) const;
  const Expr* parse_param_value(std::string_view name);
  SortItem parse_sort_item();
  SortOrder parse_sort_order();
  std::vector<const Expr*> parse_join_conditions();
  const QueryOp* parse_where(const Token& kw);
  const QueryOp* parse_extend(const Token& kw);
  const QueryOp* parse_project(const Token& kw);
  const QueryOp* parse_project_away(const Token& kw, bool keep);
  const QueryOp* parse_project_rename(const Token& kw);
  const QueryOp* parse_project_reorder(const Token& kw);
  const QueryOp* parse_summarize(const Token& kw);
  const QueryOp* parse_join(const Token& kw, bool lookup);
  const QueryOp* parse_union(const Token& kw);
  const QueryOp* parse_sort(const Token& kw);
  const QueryOp* parse_top(const Token& kw);
  const QueryOp* parse_take(const Token& kw);
  const QueryOp* parse_distinct(const Token& kw);
  const QueryOp* parse_count(const Token& kw);
  const QueryOp* parse_mv_expand(const Token& kw);
  const QueryOp* parse_parse(const Token& kw);
  const QueryOp* parse_serialize(const Token& kw);
  const QueryOp* parse_getschema(const Token& kw);
  const QueryOp* parse_evaluate(const Token& kw);
  const QueryOp* parse_render(const Token& kw);
  const QueryOp* parse_invoke(const Token& kw);
  const QueryOp* parse_as(const Token& kw);
  const QueryOp* parse_print(const Token& kw);
  const QueryOp* parse_range(const Token& kw);
  Expr* parse_union_operand();

  Script::Impl& out_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::uint32_t last_end_ = 0;  // end offset of the last token consumed
  int nesting_ = 0;
  int tree_depth_ = 0;
};

}  // namespace huntq::kql
