#!/usr/bin/env python3
"""Extracts the KQL queries of microsoft/Microsoft-365-Defender-Hunting-Queries (MIT) into
tests/kql/corpus/queries/, one file per query.

Usage: extract_corpus.py <checkout of the hunting-queries repo> <tests/kql/corpus>

Queries are the ``` blocks (untagged or tagged kusto) of the .md files, and the .txt files
outside Webcasts/ (one query each; the Webcasts files are tutorials holding many queries).
Each file is named after its source path ('/' -> '__', other characters outside
[A-Za-z0-9._-] -> '_'), with _2, _3 ... for a file's later blocks, and starts with a comment
naming its source and licence. Line endings become LF; exact duplicates keep the first copy.
"""
import pathlib
import re
import subprocess
import sys

HEADER = ("// Source: microsoft/Microsoft-365-Defender-Hunting-Queries{commit}, {path}{part}\n"
          "// License: MIT, Copyright (c) Microsoft Corporation (see ../README.md)\n")


def safe_name(rel):
    parts = [re.sub(r"[^A-Za-z0-9._-]", "_", p) for p in rel.parts]
    return "__".join(parts)


def md_blocks(text):
    blocks, current, lang = [], None, None
    for line in text.split("\n"):
        stripped = line.strip()
        if current is None:
            m = re.match(r"^```\s*([A-Za-z]*)\s*$", stripped)
            if m:
                lang = m.group(1).lower()
                current = []
        elif stripped.startswith("```"):
            if lang in ("", "kusto", "kql"):
                blocks.append("\n".join(current))
            current = None
        else:
            current.append(line)
    return [b for b in blocks if b.strip()]


def main():
    repo, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    try:
        commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short=12", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        commit = "@" + commit
    except (OSError, subprocess.CalledProcessError):
        commit = ""
    queries_dir = out / "queries"
    queries_dir.mkdir(parents=True, exist_ok=True)
    for old in queries_dir.glob("*.kql"):
        old.unlink()
    seen = set()
    count = 0
    sources = sorted(p for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts)
    for path in sources:
        rel = path.relative_to(repo)
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n")
            blocks = md_blocks(text)
        elif path.suffix == ".txt" and rel.parts[0] != "Webcasts":
            text = path.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n")
            blocks = [text] if text.strip() else []
        else:
            continue
        for i, block in enumerate(blocks):
            body = block.strip("\n") + "\n"
            if body in seen:
                continue
            seen.add(body)
            name = safe_name(rel.with_suffix("")) + ("" if i == 0 else f"_{i + 1}") + ".kql"
            part = f" (block {i + 1} of {len(blocks)})" if len(blocks) > 1 else ""
            header = HEADER.format(commit=commit, path=rel.as_posix(), part=part)
            (queries_dir / name).write_text(header + body, encoding="utf-8")
            count += 1
    print(f"{count} queries written to {queries_dir}")


if __name__ == "__main__":
    main()
