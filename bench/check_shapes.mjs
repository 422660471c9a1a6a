// Checks huntq-gen: every shape generated with the same --rows and --seed holds the same logical
// rows as NDJSON, cell by cell, once decoded (JSON escapes, CSV quoting, null vs "" vs absent key).
//
// usage: node bench/check_shapes.mjs DIR_PREFIX   (expects DIR_PREFIX-<shape>/ for each shape)
// e.g.   for s in ndjson array api graph streaming streaming-wrapped loganalytics csv; do
//          huntq-gen --rows 20000 --shape $s --out /tmp/x-$s; done; node bench/check_shapes.mjs /tmp/x
import fs from 'node:fs';

const prefix = process.argv[2];
if (!prefix) {
  console.error('usage: check_shapes.mjs DIR_PREFIX');
  process.exit(2);
}
const TABLES = ['DeviceEvents', 'DeviceFileEvents'];
// One canonical text per cell: null, absent and "" agree (KQL strings have no null).
const cell = (v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function csvRows(text) {
  const rows = [];
  let row = [], f = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"') { if (text[i + 1] === '"') { f += '"'; i++; } else q = false; } else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; }
    else if (c === '\r') { /* CRLF */ }
    else if (c === '\n') { row.push(f); rows.push(row); row = []; f = ''; }
    else f += c;
  }
  return rows;
}
const lines = (p) => fs.readFileSync(p, 'utf8').split(/\r?\n/).filter(Boolean).map((l) => JSON.parse(l));

// Each reader returns { table: [ {col: canonical text} ] }.
const readers = {
  ndjson: (d) => Object.fromEntries(TABLES.map((t) => [t, lines(`${d}/${t}.ndjson`)])),
  array: (d) => Object.fromEntries(TABLES.map((t) => [t, JSON.parse(fs.readFileSync(`${d}/${t}.json`, 'utf8'))])),
  api: (d) => Object.fromEntries(TABLES.map((t) => [t, JSON.parse(fs.readFileSync(`${d}/${t}.json`, 'utf8')).Results])),
  graph: (d) => Object.fromEntries(TABLES.map((t) => [t, JSON.parse(fs.readFileSync(`${d}/${t}.json`, 'utf8')).results])),
  loganalytics: (d) => Object.fromEntries(TABLES.map((t) => {
    const tb = JSON.parse(fs.readFileSync(`${d}/${t}.json`, 'utf8')).tables[0];
    return [t, tb.rows.map((r) => Object.fromEntries(tb.columns.map((c, i) => [c.name, r[i]])))];
  })),
  csv: (d) => Object.fromEntries(TABLES.map((t) => {
    const [h, ...rs] = csvRows(fs.readFileSync(`${d}/${t}.csv`, 'utf8'));
    return [t, rs.map((r) => Object.fromEntries(h.map((c, i) => [c, r[i]])))];
  })),
  streaming: (d) => split(lines(`${d}/AdvancedHunting.ndjson`)),
  'streaming-wrapped': (d) => split(lines(`${d}/AdvancedHunting.ndjson`).flatMap((m) => m.records)),
};
function split(records) {
  const out = { DeviceEvents: [], DeviceFileEvents: [] };
  for (const r of records) out[r.category.replace('AdvancedHunting-', '')].push(r.properties);
  return out;
}

const base = readers.ndjson(`${prefix}-ndjson`);
let bad = 0;
for (const [shape, read] of Object.entries(readers)) {
  if (shape === 'ndjson' || !fs.existsSync(`${prefix}-${shape}`)) continue;
  const got = read(`${prefix}-${shape}`);
  for (const t of TABLES) {
    const a = base[t], b = got[t];
    let diffs = 0;
    if (a.length !== b.length) { console.log(`${shape} ${t}: ${b.length} rows, NDJSON has ${a.length}`); bad++; continue; }
    const cols = [...new Set(a.slice(0, 200).flatMap((r) => Object.keys(r)))];
    for (let i = 0; i < a.length; i++) {
      for (const c of cols) {
        if (cell(a[i][c]) !== cell(b[i][c])) {
          if (diffs++ < 3) console.log(`${shape} ${t} row ${i} ${c}: ${JSON.stringify(cell(a[i][c]))} vs ${JSON.stringify(cell(b[i][c]))}`);
        }
      }
    }
    console.log(`${shape} ${t}: ${b.length} rows, ${diffs ? `${diffs} cells differ` : 'same cells as NDJSON'}`);
    if (diffs) bad++;
  }
}
process.exit(bad ? 1 : 0);
