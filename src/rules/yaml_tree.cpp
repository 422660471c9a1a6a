// libfyaml (YAML 1.2, developed under fuzzing) replaces yaml-cpp 0.7, whose scanner loops while
// allocating without limit on the one-byte file ",". Its event API is used rather than its
// document builder so that aliases are never expanded by the library: the builder here shares
// the anchored node and charges its full size to the file's budget instead.
#include "huntq/rules/yaml_tree.h"

#include <fmt/format.h>
#include <libfyaml.h>

#include <map>
#include <memory>
#include <new>

#include "huntq/error.h"
#include "message_text.h"
#include "utf8.h"

namespace huntq::rules {
namespace {

struct ParserDeleter {
  void operator()(fy_parser* p) const { fy_parser_destroy(p); }
};
struct DiagDeleter {
  void operator()(fy_diag* d) const { fy_diag_destroy(d); }
};

/// An event that frees itself.
class Event {
 public:
  Event(fy_parser* parser, fy_event* event) : parser_(parser), event_(event) {}
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event() {
    if (event_) fy_parser_event_free(parser_, event_);
  }
  fy_event* get() const { return event_; }
  fy_event* operator->() const { return event_; }

 private:
  fy_parser* parser_;
  fy_event* event_;
};

struct TokenIterDeleter {
  void operator()(fy_token_iter* it) const { fy_token_iter_destroy(it); }
};

/// The token's text, escapes resolved. Read through a token iterator into our own string:
/// fy_token_get_text() caches the text in the token, and libfyaml 0.7.12 leaks that cache when
/// a syntax error follows (found by the fuzz target).
std::string token_text(fy_token* token) {
  std::string text;
  if (!token) return text;
  std::unique_ptr<fy_token_iter, TokenIterDeleter> it(fy_token_iter_create(token));
  if (!it) throw std::bad_alloc();
  int err = 0;
  for (const fy_iter_chunk* c = nullptr; (c = fy_token_iter_chunk_next(it.get(), c, &err));) {
    text.append(c->str, c->len);
  }
  return text;
}

// The YAML 1.2 core schema's nulls; only plain (unquoted, untagged) scalars can be null.
bool is_plain_null(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

}  // namespace

class YamlBuilder {
 public:
  YamlBuilder(YamlStream& out, const std::string& file, const YamlLimits& limits)
      : out_(out), file_(file), limits_(limits) {}

  void run(std::string_view text) {
    if (text.size() > limits_.max_bytes) {
      throw Error(SourceLocation{file_},
                  fmt::format("the file is larger than the {} bytes a rule file may hold",
                              limits_.max_bytes));
    }
    // YAML is Unicode text. libfyaml 0.7.12 also loops forever on some invalid UTF-8 (in a
    // directive line: "%x \xed\xa0\x80"), so nothing else reaches it.
    if (const std::size_t bad = first_invalid_utf8(text); bad < text.size()) {
      std::uint64_t line = 1, column = 1;
      for (std::size_t i = 0; i < bad; ++i) {
        if (text[i] == '\n') {
          ++line;
          column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
          ++column;
        }
      }
      throw Error(SourceLocation{file_, line, column},
                  fmt::format("the file is not valid UTF-8 (byte 0x{:02x}); save it as UTF-8",
                              static_cast<unsigned char>(text[bad])));
    }
    check_flow_nesting(text);
    fy_diag_cfg diag_cfg;
    fy_diag_cfg_default(&diag_cfg);
    diag_cfg.fp = nullptr;  // collected below, never printed
    std::unique_ptr<fy_diag, DiagDeleter> diag(fy_diag_create(&diag_cfg));
    if (!diag) throw Error(SourceLocation{file_}, "cannot start the YAML parser");
    fy_diag_set_collect_errors(diag.get(), true);
    fy_parse_cfg cfg{};
    cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_COLLECT_DIAG);
    cfg.diag = diag.get();
    std::unique_ptr<fy_parser, ParserDeleter> parser(fy_parser_create(&cfg));
    if (!parser || fy_parser_set_string(parser.get(), text.data(), text.size()) != 0) {
      throw Error(SourceLocation{file_}, "cannot start the YAML parser");
    }
    while (true) {
      Event event(parser.get(), fy_parser_parse(parser.get()));
      if (!event.get()) break;
      on_event(event.get());
    }
    if (fy_parser_get_stream_error(parser.get())) syntax_error(diag.get(), text);
  }

 private:
  struct Open {
    YamlNode* node;
    std::string anchor;  ///< registered when the node is complete
  };

  [[noreturn]] void fail(const fy_mark* mark, const std::string& what) const {
    SourceLocation where{file_};
    if (mark && mark->line >= 0) {
      where.line = static_cast<std::uint64_t>(mark->line) + 1;
      where.column = static_cast<std::uint64_t>(mark->column) + 1;
    }
    throw Error(where, what);
  }

  /// libfyaml reads all the tokens of nested flow collections ahead before it returns the
  /// first event: 4 MB of '[' take 1.4 GB and 30 s. The real depth limit is checked on the
  /// events, too late for that, so brackets are counted here first, ignoring quotes and
  /// comments; the bound is far above any real nesting and above any run of unbalanced brackets
  /// a quoted value could hold.
  void check_flow_nesting(std::string_view text) const {
    constexpr std::size_t kMaxBrackets = 1000;
    std::size_t depth = 0;
    std::uint64_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\n') {
        ++line;
        line_start = i + 1;
      } else if (c == '[' || c == '{') {
        if (++depth > kMaxBrackets) {
          throw Error(SourceLocation{file_, line, i - line_start + 1},
                      fmt::format("more than {} '[' and '{{' are open at once (mappings and "
                                  "lists may nest {} levels deep)",
                                  kMaxBrackets, limits_.max_depth));
        }
      } else if ((c == ']' || c == '}') && depth > 0) {
        --depth;
      }
    }
  }

  [[noreturn]] void syntax_error(fy_diag* diag, std::string_view text) const {
    void* iter = nullptr;
    const fy_diag_error* e = fy_diag_errors_iterate(diag, &iter);
    if (!e) throw Error(SourceLocation{file_}, "YAML syntax error");
    SourceLocation where{file_, static_cast<std::uint64_t>(std::max(e->line, 0)),
                         static_cast<std::uint64_t>(std::max(e->column, 0))};
    std::string what = std::string("YAML syntax error: ") + (e->msg ? e->msg : "invalid YAML");
    // libfyaml names where a text that runs onto the next line starts; the mistake (a tab or
    // a wrong indentation) is where it continues.
    if (e->fyt) {
      const fy_mark* start = fy_token_start_mark(e->fyt);
      const fy_mark* end = fy_token_end_mark(e->fyt);
      if (start && end && end->line > start->line) {
        where.line = static_cast<std::uint64_t>(end->line) + 1;
        where.column = 0;
        what +=
            fmt::format(" (the text from line {} continues on this line; check its indentation)",
                        start->line + 1);
      }
    }
    // YAML indents with spaces only; say so when a tab starts the line.
    const std::string_view line = line_text(text, where.line);
    if (line.find_first_not_of(' ') != std::string_view::npos &&
        line[line.find_first_not_of(' ')] == '\t') {
      what += "; YAML indents with spaces, not tabs";
    }
    throw Error(where, what);
  }

  static std::string_view line_text(std::string_view text, std::uint64_t line) {
    if (line == 0) return {};
    std::size_t start = 0;
    for (std::uint64_t i = 1; i < line; ++i) {
      const std::size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) return {};
      start = nl + 1;
    }
    return text.substr(start, text.find('\n', start) - start);
  }

  YamlNode& new_node(YamlNode::Kind kind, const fy_mark* mark) {
    YamlNode& n = out_.nodes_.emplace_back();
    n.kind = kind;
    if (mark && mark->line >= 0) {
      n.line = static_cast<std::uint64_t>(mark->line) + 1;
      n.column = static_cast<std::uint64_t>(mark->column) + 1;
    }
    return n;
  }

  /// Charges `node` (with its expansion) to the file's budget and attaches it to the open
  /// collection or makes it the document's root.
  void attach(const YamlNode& node, const fy_mark* mark, bool via_alias) {
    nodes_ += node.weight;
    bytes_ += node.bytes;
    if (nodes_ > limits_.max_nodes) {
      fail(mark, via_alias ? fmt::format("this alias expands the file past {} YAML nodes (aliases "
                                         "that multiply content are refused)",
                                         limits_.max_nodes)
                           : fmt::format("the file holds more than {} YAML nodes (values, keys, "
                                         "lists and mappings)",
                                         limits_.max_nodes));
    }
    if (bytes_ > limits_.max_expanded_bytes) {
      fail(mark, via_alias ? fmt::format("this alias expands the file past {} bytes of text "
                                         "(aliases that multiply content are refused)",
                                         limits_.max_expanded_bytes)
                           : fmt::format("the file holds more than {} bytes of text",
                                         limits_.max_expanded_bytes));
    }
    if (stack_.empty()) {
      out_.documents_.push_back(&node);
      has_root_ = true;
      return;
    }
    YamlNode* parent = stack_.back().node;
    parent->children.push_back(&node);
  }

  void open(YamlNode::Kind kind, fy_event* e, fy_token* anchor) {
    const fy_mark* mark = fy_event_start_mark(e);
    if (stack_.size() >= limits_.max_depth) {
      fail(mark,
           fmt::format("mappings and lists nest more than {} levels deep", limits_.max_depth));
    }
    YamlNode& n = new_node(kind, mark);
    attach(n, mark, false);
    std::string name = token_text(anchor);
    if (!name.empty()) anchors_[name] = nullptr;  // open: an alias to it would be a cycle
    stack_.push_back({&n, std::move(name)});
  }

  void close() {
    YamlNode* n = stack_.back().node;
    // The node's own expansion, now that its children are known; the budget already holds it.
    for (const YamlNode* c : n->children) {
      n->weight += c->weight;
      n->bytes += c->bytes;
    }
    if (!stack_.back().anchor.empty()) anchors_[stack_.back().anchor] = n;
    stack_.pop_back();
  }

  void on_event(fy_event* e) {
    switch (e->type) {
      case FYET_DOCUMENT_START:
        anchors_.clear();  // anchors belong to one document
        has_root_ = false;
        return;
      case FYET_DOCUMENT_END:
        if (!has_root_) out_.documents_.push_back(&new_node(YamlNode::Kind::kNull, nullptr));
        return;
      case FYET_MAPPING_START:
        open(YamlNode::Kind::kMap, e, e->mapping_start.anchor);
        return;
      case FYET_SEQUENCE_START:
        open(YamlNode::Kind::kSeq, e, e->sequence_start.anchor);
        return;
      case FYET_MAPPING_END:
      case FYET_SEQUENCE_END:
        if (!stack_.empty()) close();
        return;
      case FYET_SCALAR: {
        const fy_mark* mark = fy_event_start_mark(e);
        std::string text = token_text(e->scalar.value);
        const bool plain = fy_token_scalar_style(e->scalar.value) == FYSS_PLAIN;
        const bool null = plain && !e->scalar.tag && is_plain_null(text);
        YamlNode& n = new_node(null ? YamlNode::Kind::kNull : YamlNode::Kind::kScalar, mark);
        if (!null) n.text = std::move(text);
        n.bytes = n.text.size();
        attach(n, mark, false);
        std::string anchor = token_text(e->scalar.anchor);
        if (!anchor.empty()) anchors_[std::move(anchor)] = &n;
        return;
      }
      case FYET_ALIAS: {
        // libfyaml marks an alias at its name; name the '*' before it.
        fy_mark star{};
        const fy_mark* mark = fy_event_start_mark(e);
        if (mark && mark->column > 0) {
          star = *mark;
          --star.column;
          mark = &star;
        }
        const std::string name = token_text(e->alias.anchor);
        const auto it = anchors_.find(name);
        if (it == anchors_.end()) {
          fail(mark, fmt::format("alias {} names no anchor defined before it in this document",
                                 quote_text("*" + name)));
        }
        if (!it->second) {
          fail(mark, fmt::format("alias {} is inside the node it names (a cycle)",
                                 quote_text("*" + name)));
        }
        attach(*it->second, mark, true);
        return;
      }
      default:
        return;
    }
  }

  YamlStream& out_;
  const std::string& file_;
  const YamlLimits& limits_;
  std::vector<Open> stack_;
  std::map<std::string, const YamlNode*> anchors_;
  bool has_root_ = false;
  std::size_t nodes_ = 0;
  std::size_t bytes_ = 0;
};

YamlStream YamlStream::parse(std::string_view text, const std::string& file,
                             const YamlLimits& limits) {
  YamlStream stream;
  YamlBuilder(stream, file, limits).run(text);
  return stream;
}

}  // namespace huntq::rules
