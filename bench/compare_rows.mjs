// Checks that hunt outputs agree: the same columns and the same multiset of rows.
//
// usage: node bench/compare_rows.mjs [--expect N] [--nonempty] [--sorted-by COL]
//                                    [--unordered-arrays] A.ndjson B.ndjson [...]
// Rows are NDJSON objects; the columns (and their order) come from the first row of the first
// file and every row of every file must have exactly those. Cells are compared canonically:
// - text that reads as an ISO 8601 datetime compares as an instant (100 ns ticks, offsets
//   applied), never as text, since engines render it differently;
// - null and "" are equal (KQL strings have no null; a null long has no "" to clash with);
// - numbers and booleans compare as their text; arrays and objects as JSON, arrays sorted first
//   with --unordered-arrays (make_set's order is undefined).
// Row order is not compared (ties and unordered operators have no defined order,
// kql-semantics.md S-4); --sorted-by COL checks each file is sorted by COL desc, nulls last.
// Exit 0 when all agree (and, with --expect, have N rows; with --nonempty, at least one: empty
// outputs agreeing proves nothing), 1 when they differ, 2 on error.
import fs from 'node:fs';
import readline from 'node:readline';

const TS = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

// ISO 8601 text → ticks (BigInt, 100 ns since 1970) or null.
export function ticks(s) {
  if (s === null || s === undefined || s === '') return null;
  const m = TS.exec(String(s));
  if (!m) throw new Error(`unparseable datetime ${JSON.stringify(s)}`);
  const secs = BigInt(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000);
  const frac = BigInt(((m[7] ?? '') + '0000000').slice(0, 7));
  let off = 0n;
  if (m[8] && m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1n : 1n;
    off = sign * (BigInt(+m[8].slice(1, 3)) * 3600n + BigInt(+m[8].slice(4, 6)) * 60n);
  }
  return (secs - off) * 10000000n + frac;
}

let unorderedArrays = false;
function canonical(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return TS.test(v) ? 't' + ticks(v).toString() : v;
  if (Array.isArray(v)) {
    const items = v.map((x) => JSON.stringify(canonical(x)));
    if (unorderedArrays) items.sort();
    return '[' + items.join(',') + ']';
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

let columns = null;
async function load(path, sortedBy) {
  const rows = [];
  const rl = readline.createInterface({ input: fs.createReadStream(path), crlfDelay: Infinity });
  let line = 0, prev, sorted = true, firstUnsorted = 0;
  for await (const text of rl) {
    ++line;
    if (!text.trim()) continue;
    const o = JSON.parse(text);
    const keys = Object.keys(o);
    if (columns === null) columns = keys;
    if (keys.join('\u0000') !== columns.join('\u0000')) {
      throw new Error(`${path}:${line}: columns ${keys.join(',')} are not ${columns.join(',')}`);
    }
    if (sortedBy) {  // desc, nulls last
      const t = ticks(o[sortedBy]);
      if (prev !== undefined && sorted) {
        const ok = prev === null ? t === null : t === null || t <= prev;
        if (!ok) { sorted = false; firstUnsorted = line; }
      }
      prev = t;
    }
    rows.push(JSON.stringify(columns.map((c) => canonical(o[c]))));
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
let expect = null, sortedBy = null, nonempty = false;
const files = [];
for (let k = 0; k < args.length; ++k) {
  if (args[k] === '--expect') expect = Number(args[++k]);
  else if (args[k] === '--sorted-by') sortedBy = args[++k];
  else if (args[k] === '--nonempty') nonempty = true;
  else if (args[k] === '--unordered-arrays') unorderedArrays = true;
  else files.push(args[k]);
}
if (files.length < 1) {
  console.error('usage: compare_rows.mjs [--expect N] [--nonempty] [--sorted-by COL] [--unordered-arrays] A.ndjson B.ndjson [...]');
  process.exit(2);
}
try {
  const sets = [];
  for (const f of files) sets.push(await load(f, sortedBy));  // in order: the first sets the columns
  let ok = true;
  for (const s of sets) {
    const order = !sortedBy ? '' : s.sorted ? `, sorted by ${sortedBy} desc` : `, NOT sorted (line ${s.firstUnsorted})`;
    console.log(`${s.path}: ${s.rows.length} rows${order}`);
    if (!s.sorted) ok = false;
    if (expect !== null && s.rows.length !== expect) {
      console.log(`  expected ${expect} rows`);
      ok = false;
    }
    if (nonempty && s.rows.length === 0) {
      console.log('  no rows: nothing to compare');
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
