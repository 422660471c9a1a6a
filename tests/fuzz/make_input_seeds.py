#!/usr/bin/env python3
"""Writes the seed corpora of the input fuzz targets from samples/: two rows of each table, a
few columns of each type, in every export shape huntq reads (formats.md section 2), plus gzip.

Run from the repository root; it rewrites tests/fuzz/corpus/{input_readers,input_ranges,
gzip_stream}/ (small files, committed). Deterministic: the same samples give the same bytes.
"""
import gzip
import io
import json
import os
import shutil
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus")

DE_COLUMNS = ["Timestamp", "DeviceName", "ActionType", "FileName", "FileSize",
              "RemotePort", "IsProcessRemoteSession", "AdditionalFields"]
DFE_COLUMNS = ["Timestamp", "DeviceName", "ActionType", "FileName", "FileSize",
               "FileOriginUrl", "FileOriginReferrerUrl", "RequestSourcePort"]
TYPES = {"Timestamp": "datetime", "FileSize": "long", "RemotePort": "int",
         "RequestSourcePort": "int", "IsProcessRemoteSession": "bool"}


def rows(name, columns, count=2):
    out = []
    with open(os.path.join(ROOT, "samples", name), encoding="utf-8") as f:
        for line in f:
            full = json.loads(line)
            out.append({c: full.get(c) for c in columns})
            if len(out) == count:
                break
    return out


DE = ("DeviceEvents", DE_COLUMNS, rows("DeviceEvents.ndjson", DE_COLUMNS))
DFE = ("DeviceFileEvents", DFE_COLUMNS, rows("DeviceFileEvents.ndjson", DFE_COLUMNS))


def compact(v):
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False)


def ndjson(table, eol="\n", bom=False):
    _, _, rs = table
    return ("\ufeff" if bom else "") + "".join(compact(r) + eol for r in rs)


def array(table):
    return "[\n" + ",\n".join(compact(r) for r in table[2]) + "\n]\n"


def schema(table, name_key, type_key):
    return [{name_key: c, type_key: TYPES.get(c, "string").capitalize()} for c in table[1]]


def api(table):
    return compact({"Stats": {"ExecutionTime": 0.1}, "Schema": schema(table, "Name", "Type"),
                    "Results": table[2]}) + "\n"


def graph(table):
    return compact({"schema": schema(table, "name", "type"), "results": table[2]}) + "\n"


def log_analytics(table):
    name, columns, rs = table
    cols = [{"name": c, "type": TYPES.get(c, "string")} for c in columns]
    cols.append({"name": "Type", "type": "string"})
    return compact({"tables": [{"name": "PrimaryResult", "columns": cols,
                                "rows": [[r[c] for c in columns] + [name] for r in rs]}]}) + "\n"


def streaming_record(table, row):
    return compact({"time": "2026-07-18T13:01:51.2820995Z",
                    "tenantId": "4b8c18bd-2f9f-4227-af55-9f1061cf9c32",
                    "operationName": "Publish", "category": "AdvancedHunting-" + table[0],
                    "properties": row, "Tenant": "DefaultTenant"})


def streaming_lines():
    return "".join(streaming_record(t, t[2][i]) + "\r\n" for i in range(2) for t in (DE, DFE))


def streaming_wrapped():
    recs = [streaming_record(t, t[2][i]) for i in range(2) for t in (DE, DFE)]
    return '{"records":[' + ",\n".join(recs) + "]}\n"


def csv_cell(v):
    if v is None:
        return ""
    text = v if isinstance(v, str) else compact(v)
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv(table, locale_times=False):
    _, columns, rs = table
    out = ",".join(c + (" [UTC]" if c == "Timestamp" and locale_times else "")
                   for c in columns) + "\r\n"
    for r in rs:
        cells = []
        for c in columns:
            v = r[c]
            if c == "Timestamp" and locale_times:
                v = "12/03/2024, 9:15:42.123 AM"  # the portal's en-GB form (%d/%m/%Y, %I:...)
            cells.append(csv_cell(v))
        out += ",".join(cells) + "\r\n"
    return out


def gz(text, members=1):
    data = text.encode("utf-8")
    if members == 1:
        return gzip.compress(data, mtime=0)
    cut = len(data) // 2
    return gzip.compress(data[:cut], mtime=0) + gzip.compress(data[cut:], mtime=0)


def write(target, name, content):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    for target in ("input_readers", "input_ranges", "gzip_stream"):
        shutil.rmtree(os.path.join(OUT, target), ignore_errors=True)

    shapes = {
        "ndjson-de.json": ndjson(DE),
        "ndjson-dfe-crlf-bom.json": ndjson(DFE, "\r\n", bom=True),
        "array-de.json": array(DE),
        "api-dfe.json": api(DFE),
        "graph-de.json": graph(DE),
        "loganalytics-dfe.json": log_analytics(DFE),
        "streaming-lines.json": streaming_lines(),
        "streaming-wrapped.json": streaming_wrapped(),
        "csv-de.csv": csv(DE),
        "csv-dfe-locale-times.csv": csv(DFE, locale_times=True),
        # A broken record between good ones, and a record that is not an object.
        "ndjson-malformed.json": compact(DE[2][0]) + "\n{\"Timestamp\":\"x\",\n[1,2]\n" +
                                 compact(DE[2][1]) + "\n",
    }
    for name, text in shapes.items():
        write("input_readers", name, text)
    write("input_readers", "gzip-ndjson.gz", gz(ndjson(DE)))
    write("input_readers", "gzip-csv-two-members.gz", gz(csv(DFE), members=2))

    # Byte ranges: the splittable shapes, with split points (two 16-bit numbers) before them.
    for name in ("ndjson-de.json", "ndjson-dfe-crlf-bom.json", "streaming-lines.json",
                 "ndjson-malformed.json"):
        data = shapes[name].encode("utf-8")
        for k, (a, b) in enumerate([(len(data) // 3, 2 * len(data) // 3), (1, len(data) - 1)]):
            write("input_ranges", f"{k}-{name}", struct.pack("<HH", a, b) + data)

    write("gzip_stream", "one-member.gz", gz(ndjson(DE, "\n")[:600]))
    write("gzip_stream", "two-members.gz", gz(csv(DE), members=2))
    write("gzip_stream", "zero-padded.gz", gz("x\n") + b"\0" * 16)
    write("gzip_stream", "empty-member.gz", gz("") + gz("after an empty member\n"))
    stored = io.BytesIO()
    with gzip.GzipFile(fileobj=stored, mode="wb", compresslevel=0, mtime=0) as f:
        f.write(b"stored, not compressed\n")
    write("gzip_stream", "level-0.gz", stored.getvalue())


if __name__ == "__main__":
    main()
