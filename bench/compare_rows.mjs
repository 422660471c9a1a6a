// Checks that hunt outputs agree: same multiset of rows, each sorted by Timestamp desc.
//
// usage: node bench/compare_rows.mjs [--expect N] A.ndjson B.ndjson [...]
// Rows are NDJSON objects with the hunt's 10 columns. Timestamp is compared as an instant
// (100 ns ticks, offsets applied), never as text, since engines render it differently; other
// columns compare as strings with null = "" (KQL strings have no null). Ties in Timestamp have no
// defined order (kql-semantics.md S-4), so rows are compared as multisets.
// Exit 0 when all agree (and, with --expect, have N rows), 1 when they differ, 2 on error.
import fs from 'node:fs';
import readline from 'node:readline';

const COLUMNS = ['Timestamp', 'DeviceName', 'ThreatName', 'FileName', 'FolderPath', 'MD5',
  'FileOriginUrl', 'FileOriginReferrerUrl', 'InitiatingProcessFileName',
  'InitiatingProcessParentFileName'];

const TS = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

// ISO 8601 text → ticks (BigInt, 100 ns since 1970) or null.
export function ticks(s) {
  if (s === null || s === undefined || s === '') return null;
  const m = TS.exec(String(s));
  if (!m) throw new Error(`unparseable Timestamp ${JSON.stringify(s)}`);
  const secs = BigInt(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000);
  const frac = BigInt(((m[7] ?? '') + '0000000').slice(0, 7));
  let off = 0n;
  if (m[8] && m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1n : 1n;
    off = sign * (BigInt(+m[8].slice(1, 3)) * 3600n + BigInt(+m[8].slice(4, 6)) * 60n);
  }
  return (secs - off) * 10000000n + frac;
}

async function load(path) {
  const rows = [];
  const rl = readline.createInterface({ input: fs.createReadStream(path), crlfDelay: Infinity });
  let line = 0, prev, sorted = true, firstUnsorted = 0;
  for await (const text of rl) {
    ++line;
    if (!text.trim()) continue;
    const o = JSON.parse(text);
    const t = ticks(o.Timestamp);
    // desc, nulls last
    if (prev !== undefined && sorted) {
      const ok = prev === null ? t === null : t === null || t <= prev;
      if (!ok) { sorted = false; firstUnsorted = line; }
    }
    prev = t;
    const key = [t === null ? 'null' : t.toString(),
      ...COLUMNS.slice(1).map((c) => (o[c] === null || o[c] === undefined ? '' : String(o[c])))];
    const extra = Object.keys(o).filter((k) => !COLUMNS.includes(k));
    if (extra.length) throw new Error(`${path}:${line}: unexpected columns ${extra.join(',')}`);
    rows.push(JSON.stringify(key));
  }
  rows.sort();
  return { path, rows, sorted, firstUnsorted };
}

function diff(a, b, limit = 5) {
  const out = [];
  let i = 0, j = 0;
  while ((i < a.rows.length || j < b.rows.length) && out.length < limit) {
    if (j >= b.rows.length || (i < a.rows.length && a.rows[i] < b.rows[j])) out.push(`  only in ${a.path}: ${a.rows[i++]}`);
    else if (i >= a.rows.length || b.rows[j] < a.rows[i]) out.push(`  only in ${b.path}: ${b.rows[j++]}`);
    else { ++i; ++j; }
  }
  return out;
}

const args = process.argv.slice(2);
let expect = null;
const files = [];
for (let k = 0; k < args.length; ++k) {
  if (args[k] === '--expect') expect = Number(args[++k]);
  else files.push(args[k]);
}
if (files.length < 1) {
  console.error('usage: compare_rows.mjs [--expect N] A.ndjson B.ndjson [...]');
  process.exit(2);
}
try {
  const sets = await Promise.all(files.map(load));
  let ok = true;
  for (const s of sets) {
    console.log(`${s.path}: ${s.rows.length} rows${s.sorted ? ', sorted by Timestamp desc' : `, NOT sorted (line ${s.firstUnsorted})`}`);
    if (!s.sorted) ok = false;
    if (expect !== null && s.rows.length !== expect) {
      console.log(`  expected ${expect} rows`);
      ok = false;
    }
  }
  for (const s of sets.slice(1)) {
    const d = diff(sets[0], s);
    if (d.length) {
      ok = false;
      console.log(`${sets[0].path} and ${s.path} differ:`);
      for (const l of d) console.log(l);
    }
  }
  console.log(ok ? 'rows agree' : 'ROWS DIFFER');
  process.exit(ok ? 0 : 1);
} catch (e) {
  console.error(`compare_rows: ${e.message}`);
  process.exit(2);
}
