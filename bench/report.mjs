// Turns bench/run.sh's timings (out/results.tsv) into the tables of bench/RESULTS.md.
//
// usage: node bench/report.mjs --results out/results.tsv --agree "HUNT=1 HUNT=0 ..."
//                              --flagship-rows N
// results.tsv columns: hunt tool threads shape bytes wall cpu rss_kb rows rc load1 query_s
import fs from 'node:fs';

const args = process.argv.slice(2);
const opt = {};
for (let k = 0; k < args.length; k += 2) opt[args[k].replace(/^--/, '')] = args[k + 1];
const agree = Object.fromEntries((opt.agree ?? '').trim().split(/\s+/).filter(Boolean)
  .map((kv) => kv.split('=')).map(([k, v]) => [k, v === '1']));

const rows = fs.readFileSync(opt.results, 'utf8').split('\n').filter(Boolean).map((l) => {
  const [hunt, tool, threads, shape, bytes, wall, cpu, rss, nrows, rc, load, qs] = l.split('\t');
  return { hunt, tool, threads: +threads, shape, bytes: +bytes, wall: +wall, cpu: +cpu,
    rss: +rss, nrows, rc: +rc, load: +load, qs: qs === '' || qs === undefined ? null : +qs };
});
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[(s.length - 1) >> 1] : NaN; };
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');
const f3 = (x) => (Number.isFinite(x) ? x.toFixed(3) : '-');

const groups = new Map();
for (const r of rows) {
  const k = `${r.hunt}|${r.tool}|${r.threads}|${r.shape}`;
  if (!groups.has(k)) groups.set(k, []);
  groups.get(k).push(r);
}
function stat(hunt, tool, threads, shape = 'ndjson') {
  const g = groups.get(`${hunt}|${tool}|${threads}|${shape}`);
  if (!g) return null;
  const ok = g.filter((r) => r.rc <= 1);
  const rcs = [...new Set(g.map((r) => r.rc))].join(',');
  if (!ok.length) return { failed: true, runs: g.length, rcs };
  const mb = g[0].bytes / 1e6;
  const wall = med(ok.map((r) => r.wall));
  const qs = ok.map((r) => r.qs).filter((x) => x !== null);
  return {
    runs: g.length, rcs, mb, wall, wmin: Math.min(...ok.map((r) => r.wall)),
    cpu: med(ok.map((r) => r.cpu)), rss: Math.max(...ok.map((r) => r.rss)) / 1024,
    load: med(ok.map((r) => r.load)), mbs: mb / wall, nrows: g[0].nrows, qs: qs.length ? med(qs) : null,
  };
}
const NAMES = {
  huntq: 'huntq', 'duckdb-plain': 'DuckDB (read_json, explicit columns)',
  'duckdb-prefilter': 'DuckDB (raw lines, literal pre-filter, then JSON)', floor: 'simdjson On-Demand floor',
  jq: 'jq 2-pass', inflate: 'ISA-L inflate floor (decompress only)',
};
const hunts = [...new Set(rows.filter((r) => r.shape === 'ndjson' && r.tool !== 'jq').map((r) => r.hunt))];
const toolsOf = (h) => [...new Set(rows.filter((r) => r.hunt === h && r.shape === 'ndjson').map((r) => `${r.tool}|${r.threads}`))];

// ---- the hunt set
console.log('## The hunt set\n');
console.log('Wall and CPU (user+sys) are medians over the rounds, peak RSS the maximum, from ' +
  '`/usr/bin/time -f "%e %U %S %M"`; "load" is the median 1-minute load average when the runs ' +
  'started; MB/s = input bytes / median wall. DuckDB\'s wall includes starting node and loading ' +
  'the module (about 0.7 s of CPU); "in-process s" is its query alone. The floor reads one core ' +
  'and its in-process figure is its parse time alone (the rest is read() from the page cache).\n');
console.log('| hunt | tool | threads | MB | runs | wall s (median) | wall s (min) | CPU s (median) | peak MiB | load | MB/s | in-process s | rows | exit |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const h of hunts) {
  for (const tt of toolsOf(h)) {
    const [tool, t] = tt.split('|');
    if (tool === 'jq') continue;
    const s = stat(h, tool, +t);
    if (s.failed) {
      console.log(`| ${h} | ${NAMES[tool] ?? tool} | ${t} | | ${s.runs} | failed | | | | | | | | ${s.rcs} |`);
      continue;
    }
    const nrows = tool === 'floor' ? `${s.nrows} records` : s.nrows;
    console.log(`| ${h} | ${NAMES[tool] ?? tool} | ${t} | ${s.mb.toFixed(0)} | ${s.runs} | ${f2(s.wall)} | ${f2(s.wmin)} | ${f2(s.cpu)} | ${s.rss.toFixed(0)} | ${s.load.toFixed(1)} | ${s.mbs.toFixed(0)} | ${s.qs === null ? '-' : f2(s.qs)} | ${nrows} | ${s.rcs} |`);
  }
}

// ---- targets per hunt
console.log('\n### Targets (issue "KQL execution", item 4)\n');
console.log('huntq at 2 threads against the fastest correct DuckDB formulation at 2 threads, by ' +
  'median wall (and by min wall, and by median CPU). A hunt\'s figures count only if its rows ' +
  'agree across all tools.\n');
console.log('| hunt | rows agree | huntq / DuckDB wall (median) | (min) | CPU ratio | target | | huntq peak MiB (1, 2 threads) | huntq 1 thread vs floor (wall) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const h of hunts) {
  const hq = stat(h, 'huntq', 2), hq1 = stat(h, 'huntq', 1), fl = stat(h, 'floor', 1);
  const duck = toolsOf(h).filter((tt) => tt.startsWith('duckdb') && tt.endsWith('|2'))
    .map((tt) => ({ tool: tt.split('|')[0], s: stat(h, tt.split('|')[0], 2) }))
    .filter((d) => d.s && !d.s.failed).sort((a, b) => a.s.wall - b.s.wall);
  const limit = h === 'av-detections-with-source' ? 0.2 : 0.5;
  const ok = agree[h];
  if (!hq || hq.failed || !duck.length) {
    console.log(`| ${h} | ${ok ? 'yes' : 'NO'} | - | - | - | ≤ ${limit}× | pending | | |`);
    continue;
  }
  const d = duck[0].s;
  const r = hq.wall / d.wall, rmin = hq.wmin / d.wmin, rcpu = hq.cpu / d.cpu;
  const verdict = !ok ? 'rows differ' : r <= limit ? 'met' : 'NOT met';
  const peak = `${hq1 && !hq1.failed ? hq1.rss.toFixed(0) : '-'}, ${hq.rss.toFixed(0)}`;
  const vsFloor = hq1 && fl && !hq1.failed && !fl.failed ? `${f2(hq1.wall)} s vs ${f2(fl.wall)} s (${(hq1.wall / fl.wall).toFixed(2)}×)` : '-';
  console.log(`| ${h} | ${ok ? 'yes' : 'NO'} | ${f3(r)}× | ${f3(rmin)}× | ${f3(rcpu)}× | ≤ ${limit}× | ${verdict} | ${peak} | ${vsFloor} |`);
}

// ---- the flagship's other figures
const flag = 'av-detections-with-source';
const extra = [...groups.keys()].filter((k) => k.startsWith(flag + '|') && (k.endsWith('|ndjson') ? k.includes('|jq|') : true));
if (extra.length) {
  console.log('\n## The flagship: jq, other shapes, memory\n');
  console.log('| tool | threads | input | MB | runs | wall s (median) | wall s (min) | CPU s (median) | peak MiB | load | MB/s | rows | exit |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const k of extra) {
    const [, tool, t, shape] = k.split('|');
    const s = stat(flag, tool, +t, shape);
    if (s.failed) { console.log(`| ${NAMES[tool] ?? tool} | ${t} | ${shape} | | ${s.runs} | failed | | | | | | | ${s.rcs} |`); continue; }
    console.log(`| ${NAMES[tool] ?? tool} | ${t} | ${shape} | ${s.mb.toFixed(0)} | ${s.runs} | ${f2(s.wall)} | ${f2(s.wmin)} | ${f2(s.cpu)} | ${s.rss.toFixed(0)} | ${s.load.toFixed(1)} | ${s.mbs.toFixed(0)} | ${tool === 'inflate' ? '-' : s.nrows} | ${s.rcs} |`);
  }
  const line = (what, value, ok) => console.log(`| ${what} | ${value} | ${ok === undefined ? 'pending' : ok ? 'met' : 'NOT met'} |`);
  console.log('\n| flagship target (issue "Fast as the bytes") | measured | |\n|---|---|---|');
  const hn = stat(flag, 'huntq', 2);
  for (const s of ['streaming', 'csv']) {
    const hs = stat(flag, 'huntq', 2, s);
    if (hs && hn && !hs.failed) line(`huntq on ${s} within 2× of NDJSON (same rows, 2 threads)`, `${(hs.wall / hn.wall).toFixed(2)}× the wall`, hs.wall / hn.wall <= 2);
  }
  const hg = stat(flag, 'huntq', 2, 'ndjson+gz'), inf = stat(flag, 'inflate', 1, 'ndjson+gz');
  if (hg && inf && !hg.failed && !inf.failed) line('huntq on gzip NDJSON limited by decompression (≤ 1.25× the inflate floor, 2 threads)', `${(hg.wall / inf.wall).toFixed(2)}× (${f2(hg.wall)} s vs ${f2(inf.wall)} s)`, hg.wall / inf.wall <= 1.25);
  const mem = [...groups.keys()].filter((k) => k.startsWith(flag + '|huntq|') && (k.endsWith('|ndjson') || k.includes('|mem:')))
    .map((k) => { const [, , t, shape] = k.split('|'); return [`${t} ${shape}`, stat(flag, 'huntq', +t, shape)]; })
    .filter(([, s]) => s && !s.failed);
  if (mem.length) line('huntq peak ≤ 64 MiB, flat from 1× to 4× input and with DeviceFileEvents 2×', mem.map(([k, s]) => `${k}: ${s.rss.toFixed(0)}`).join('; ') + ' MiB', Math.max(...mem.map(([, s]) => s.rss)) <= 64);
}
