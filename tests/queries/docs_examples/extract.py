#!/usr/bin/env python3
"""Extracts the self-contained examples of Microsoft's KQL docs into one JSON file per doc page.

An example is a ```kusto block that reads no stored table (its sources are only print, datatable,
range, names the query binds itself, and operators over them) with an output table: the one
markdown table between the block and the next code block or heading, or, when there are several,
the one right after an **Output** line. Each page with at least one example becomes <page>.json:

  {"page": "strcat-function.md", "examples": [
    {"id": "strcat-function.md#1", "heading": "Concatenated string", "query": "print ...",
     "sorted": false, "columns": ["str"], "rows": [["hello world"]]}]}

The id counts every kusto block of the page (1-based), so it stays put when an example is
added or dropped elsewhere in the page. `sorted` says the query ends in sort/order/top, so its
rows compare in order. Cells keep the published text with only the markdown rendering undone
(\\| and other backslash escapes, HTML entities, <autolinks>); normalising the rendering of
values is the test's job (tests/queries/docs_examples_test.cpp).

Not run by the build: run it by hand after updating the docs snapshot, then review the diff.
  python3 tests/queries/docs_examples/extract.py [DOCS_QUERY_DIR]
The default DOCS_QUERY_DIR is /work/ref/kusto-docs/data-explorer/kusto/query. Standard library
only.
"""

import html
import json
import os
import re
import sys

DEFAULT_DOCS = "/work/ref/kusto-docs/data-explorer/kusto/query"
HERE = os.path.dirname(os.path.abspath(__file__))

FENCE = re.compile(r"^\s*```\s*([A-Za-z0-9_-]*)\s*$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# **Output**, *Output*, Output:, **Results**, and one page's **Ouput**.
OUTPUT_MARK = re.compile(r"^\s*\**\s*(output|ouput|results?)\s*:?\s*\**\s*:?\s*$", re.I)
SEPARATOR_CELL = re.compile(r"^:?-+:?$")

# ---------------------------------------------------------------------------------------------
# Which queries read no stored table.


def tokens(query):
    """KQL tokens with comments dropped and string literals folded to one 'STR' token."""
    out = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif query.startswith("//", i):
            j = query.find("\n", i)
            i = n if j < 0 else j
        elif query.startswith("```", i):
            j = query.find("```", i + 3)
            i = n if j < 0 else j + 3
            out.append("STR")
        elif c in "'\"" or (c in "@hH" and i + 1 < n and query[i + 1] in "'\""):
            verbatim = c == "@"
            if c in "@hH":
                i += 1
            q = query[i]
            i += 1
            while i < n:
                if not verbatim and query[i] == "\\":
                    i += 2
                    continue
                if query[i] == q:
                    if verbatim and i + 1 < n and query[i + 1] == q:
                        i += 2
                        continue
                    break
                i += 1
            i += 1
            out.append("STR")
        elif c.isalpha() or c == "_" or c == "$":
            j = i + 1
            while j < n and (query[j].isalnum() or query[j] in "_$"):
                j += 1
            # Operator names with dashes (mv-expand, project-away, make-series).
            while (j + 1 < n and query[j] == "-" and query[j + 1].isalpha()
                   and query[i:j] in DASHED_PREFIXES):
                j += 1
                while j < n and (query[j].isalnum() or query[j] == "_"):
                    j += 1
            out.append(query[i:j])
            i = j
        elif c.isdigit():
            j = i + 1
            while j < n and (query[j].isalnum() or query[j] in "._"):
                j += 1
            out.append("NUM")
            i = j
        elif c == "[" and i + 1 < n and query[i + 1] in "'\"":  # ['quoted name']
            q = query[i + 1]
            j = query.find(q + "]", i + 2)
            j = n if j < 0 else j + 2
            out.append(query[i:j])
            i = j
        else:
            two = query[i:i + 2]
            if two in ("==", "!=", "=~", "!~", "<=", ">=", "..", "=>"):
                out.append(two)
                i += 2
            else:
                out.append(c)
                i += 1
    return out


DASHED_PREFIXES = {"mv", "project", "make", "parse", "top", "fork", "partition", "facet",
                   "mvexpand", "mv-apply", "top-nested", "top-hitters", "make-graph",
                   "graph", "scan", "as", "find", "search", "sample", "sample-distinct",
                   "project-smart", "make-series", "graph-match", "graph-merge", "graph-to",
                   "graph-mark", "graph-shortest", "macro", "lookup", "render", "invoke"}

# A source that needs no stored data.
INLINE_SOURCES = {"print", "datatable", "range"}
# Words that start a non-query statement or are keywords a source position may hold.
NON_SOURCES = {"let", "set", "declare", "alias", "pattern", "restrict", "query_parameters"}
# Tabular functions and operators that read stored or external data.
READERS = {"explain", "externaldata", "external_table", "inline_external_table", "graph_time_travel", "cluster", "database", "table", "materialized_view",
           "find", "search", "stored_query_result", "entity_group", "graph", "evaluate"}


def reads_no_stored_table(query):
    """True when every tabular source of the query is inline or bound by the query itself."""
    head = query.lstrip()
    if head.startswith(".") or head.startswith("--"):
        return False  # a management command, or SQL
    if re.match(r"(?i)match\b", head):
        return False  # GQL over a graph model
    toks = tokens(query)
    bound = set()
    # Names the query binds: let names, function parameters, `as` names, `on` scan names.
    for i, t in enumerate(toks):
        if t == "let" and i + 1 < len(toks):
            bound.add(toks[i + 1])
        if t == "as" and toks[i - 1] == "|":
            j = i + 1
            while j + 1 < len(toks) and toks[j + 1] in ("=", "."):  # hint.materialized=true
                j += 2 if toks[j + 1] == "." else 3
            if j < len(toks):
                bound.add(toks[j])
        if t == "=" and i >= 1 and toks[i - 1][0].isalpha():  # a column or let being named
            bound.add(toks[i - 1])
    # Parameters of function literals: ( name : type , ... ) {
    for i, t in enumerate(toks):
        if t == ":" and i >= 1 and i + 1 < len(toks) and toks[i - 1] not in ("STR", "NUM"):
            prev = toks[i - 2] if i >= 2 else ""
            if prev in ("(", ","):
                bound.add(toks[i - 1])
    for pos in source_positions(toks):
        if not source_ok(toks, pos, bound):
            return False
    return True


def source_positions(toks):
    """Indexes where a tabular expression may start."""
    starts = [0]
    for i, t in enumerate(toks):
        if t in (";", "{"):
            starts.append(i + 1)
        elif t == "=" and i >= 2 and toks[i - 2] == "let":
            starts.append(i + 1)
        elif t == "(" and i >= 1 and toks[i - 1] in ("materialize", "toscalar", "toscalar_",
                                                     "view", "fork"):
            starts.append(i + 1)
        elif t in ("join", "lookup", "union"):
            j = i + 1
            while j + 2 < len(toks) and toks[j + 1] == "=" and toks[j] not in ("(",):
                j += 3  # kind=inner, hint.x=y, withsource=Name, isfuzzy=true
            while j < len(toks) and toks[j] == ".":  # hint.strategy (tokenised as hint . x)
                j += 1
            starts.append(j)
            if t == "union":  # union A, B, (C)
                depth = 0
                for k in range(j, len(toks)):
                    if toks[k] == "(":
                        depth += 1
                    elif toks[k] == ")":
                        depth -= 1
                        if depth < 0:
                            break
                    elif toks[k] in ("|", ";") and depth == 0:
                        break
                    elif toks[k] == "," and depth == 0:
                        starts.append(k + 1)
        elif t == "(" and i >= 1 and toks[i - 1] in ("in", "!in", "in~", "!in~", "has_any",
                                                     "has_all"):
            starts.append(i + 1)
    return starts


def source_ok(toks, pos, bound):
    if pos >= len(toks):
        return True
    t = toks[pos]
    if t == "(":
        return source_ok(toks, pos + 1, bound)
    if t in INLINE_SOURCES or t in NON_SOURCES or t in bound:
        return True
    if t.lower() in READERS:
        return False
    if not (t[0].isalpha() or t[0] in "_[$"):
        return True  # a scalar expression (let x = 5)
    nxt = toks[pos + 1] if pos + 1 < len(toks) else ";"
    # A bare name starting a pipeline, a statement, a join side or a union leg is a table.
    if nxt in ("|", ";", ")", ",", "*", "on", "}"):
        return is_scalar_word(t)
    return True  # a function call (a built-in; let-bound ones are in `bound`) or a scalar


ORDERING = {"sort", "order", "top"}
# Operators after which rows come in an order the docs leave open.
UNORDERING = {"summarize", "join", "union", "distinct", "lookup", "make-series", "partition",
              "facet", "evaluate", "fork", "top-nested", "top-hitters", "sample",
              "sample-distinct", "reduce", "mv-apply", "make-graph", "graph-match", "count"}


def result_is_sorted(query):
    """True when the last order-deciding operator of the query's last statement is sort, order
    or top (at pipe level, not inside a subquery): the published rows are then compared in order."""
    toks = tokens(query)
    last = 0
    depth = 0
    for i, t in enumerate(toks):
        if t in ("(", "{", "["):
            depth += 1
        elif t in (")", "}", "]"):
            depth -= 1
        elif t == ";" and depth == 0:
            last = i + 1
    sorted_ = False
    depth = 0
    for i in range(last, len(toks)):
        t = toks[i]
        if t in ("(", "{", "["):
            depth += 1
        elif t in (")", "}", "]"):
            depth -= 1
        elif t == "|" and depth == 0 and i + 1 < len(toks):
            op = toks[i + 1]
            if op in ORDERING:
                sorted_ = True
            elif op in UNORDERING:
                sorted_ = False
    return sorted_


def is_scalar_word(word):
    return word in ("true", "false", "null", "STR", "NUM")


# ---------------------------------------------------------------------------------------------
# Markdown.


def split_row(line):
    """Cells of a markdown table line; \\| is a literal bar, a bar inside `code` too."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells, cur, in_code, i = [], [], False, 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s) and s[i + 1] == "|":
            cur.append("|")
            i += 2
            continue
        if c == "`":
            in_code = not in_code
        if c == "|" and not in_code:
            cells.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    cells.append("".join(cur))
    return [unescape_cell(c) for c in cells]


def unescape_cell(cell):
    cell = cell.strip()
    cell = html.unescape(cell)
    # Markdown backslash escapes of punctuation (\_ \* \[ ...), as a renderer would show them.
    cell = re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>])", r"\1", cell)
    # Autolinks (<https://bing.com>) render as their text.
    cell = re.sub(r"<((?:https?|ftp)://[^>\s]*)>", r"\1", cell)
    return cell


def parse_table(lines, start):
    """A markdown (GFM) table whose header is lines[start]: (columns, rows, next index) or None.
    Leading and trailing bars are optional, as GFM allows (a few pages leave them out)."""
    if start + 1 >= len(lines) or "|" not in lines[start]:
        return None
    sep = split_row(lines[start + 1])
    if "|" not in lines[start + 1] and "-" not in lines[start + 1]:
        return None
    if not sep or not all(SEPARATOR_CELL.match(c.replace(" ", "")) for c in sep):
        return None
    header = split_row(lines[start])
    rows, i = [], start + 2
    while i < len(lines) and "|" in lines[i] and lines[i].strip():
        rows.append(split_row(lines[i]))
        i += 1
    return header, rows, i


def clean_heading(text):
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text.strip()


def page_examples(path):
    """(examples, kusto block count, skipped) of one page."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    page = os.path.basename(path)
    examples, skipped = [], {}
    heading, block_no, i = "", 0, 0
    while i < len(lines):
        h = HEADING.match(lines[i])
        if h:
            heading = clean_heading(h.group(2))
            i += 1
            continue
        fence = FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        lang = fence.group(1).lower()
        j = i + 1
        while j < len(lines) and not FENCE.match(lines[j]):
            j += 1
        body = lines[i + 1:j]
        i = j + 1
        if lang != "kusto":
            continue
        block_no += 1
        query = "\n".join(body).strip("\n")
        found = find_output(lines, i)
        if found is None:
            skipped["no output table"] = skipped.get("no output table", 0) + 1
            continue
        columns, rows, kind = found
        if not reads_no_stored_table(query):
            skipped["reads a stored table"] = skipped.get("reads a stored table", 0) + 1
            continue
        ex = {"id": f"{page}#{block_no}", "heading": heading, "query": query,
              "sorted": result_is_sorted(query), "columns": columns, "rows": rows}
        if kind != "table":
            ex["output_note"] = kind
        examples.append(ex)
    return examples, block_no, skipped


def find_output(lines, i):
    """The output table of a code block ending before lines[i]: the one table between it and the
    next code block or heading, or, when there are several, the one just after an Output mark.
    (columns, rows, kind) or None."""
    tables, marks = [], []
    k = i
    while k < len(lines):
        if FENCE.match(lines[k]) or HEADING.match(lines[k]):
            break
        if OUTPUT_MARK.match(lines[k]):
            marks.append(len(tables))
        t = parse_table(lines, k)
        if t:
            tables.append(t)
            k = t[2]
            continue
        k += 1
    if len(tables) == 1:
        chosen = tables[0]
    elif len(marks) == 1 and marks[0] < len(tables):
        chosen = tables[marks[0]]
    else:
        return None
    header, rows, _ = chosen
    width = len(header)
    kind = "table" if all(len(r) == width for r in rows) else "ragged rows"
    rows = [r + [""] * (width - len(r)) if len(r) < width else r for r in rows]
    return header, rows, kind


def page_json(page, examples):
    """The page's file: one key per line and one table row per line, for readable diffs."""
    def j(v):
        return json.dumps(v, ensure_ascii=False)
    out = ["{", f' "page": {j(page)},', ' "examples": [']
    for n, ex in enumerate(examples):
        out.append("  {")
        for key in ("id", "heading", "query", "sorted", "output_note", "columns"):
            if key in ex:
                out.append(f"   {j(key)}: {j(ex[key])},")
        out.append('   "rows": [')
        rows = [f"    {j(r)}" for r in ex["rows"]]
        out.append(",\n".join(rows)) if rows else None
        out.append("   ]")
        out.append("  }," if n + 1 < len(examples) else "  }")
    out.append(" ]")
    out.append("}")
    return "\n".join(out) + "\n"


def main():
    docs = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DOCS
    pages = sorted(p for p in os.listdir(docs) if p.endswith(".md"))
    written, total, blocks = set(), 0, 0
    skipped = {}
    for page in pages:
        examples, n_blocks, sk = page_examples(os.path.join(docs, page))
        blocks += n_blocks
        for k, v in sk.items():
            skipped[k] = skipped.get(k, 0) + v
        if not examples:
            continue
        name = page[:-3] + ".json"
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            f.write(page_json(page, examples))
        written.add(name)
        total += len(examples)
    # Drop pages that no longer have examples.
    for name in os.listdir(HERE):
        if name.endswith(".json") and name not in written:
            os.remove(os.path.join(HERE, name))
    print(f"{blocks} kusto blocks in {len(pages)} pages: {total} self-contained examples "
          f"with an Output table in {len(written)} pages; skipped {skipped}", file=sys.stderr)


if __name__ == "__main__":
    main()
