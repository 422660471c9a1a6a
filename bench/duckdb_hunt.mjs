// Runs one of the bench's hunts in DuckDB SQL (bench/duckdb_hunts.mjs), the peer to compare
// huntq with.
//
// usage: node bench/duckdb_hunt.mjs [--hunt ID] [--variant plain|prefilter] [--threads N]
//                                   [--now ISO8601] FILE...
//   --hunt     a hunt of bench/duckdb_hunts.mjs (default: av-detections-with-source)
//   FILE...    one NDJSON export per table the hunt reads, in the hunt's order
//              (the flagship: DeviceEvents.ndjson DeviceFileEvents.ndjson)
//   --now      what now() and ago() mean, as huntq run --now (default: the current time)
//   --explain  print DuckDB's plan instead of rows
// Prints the hunt's rows as NDJSON on stdout, a summary on stderr (seconds = DuckDB's time in the
// process, without starting node and loading the module). Exit codes follow huntq: 0 rows printed,
// 1 no rows, 2 error.
import { DuckDBInstance } from '@duckdb/node-api';
import { HUNTS, MACROS } from './duckdb_hunts.mjs';

const args = process.argv.slice(2);
let threads = 2, hunt = 'av-detections-with-source', variant = 'plain', now = null, explain = false;
const files = [];
for (let k = 0; k < args.length; ++k) {
  if (args[k] === '--threads') threads = Number(args[++k]);
  else if (args[k] === '--hunt') hunt = args[++k];
  else if (args[k] === '--variant') variant = args[++k];
  else if (args[k] === '--now') now = args[++k];
  else if (args[k] === '--explain') explain = true;
  else files.push(args[k]);
}
const def = HUNTS[hunt];
if (!def || !(threads >= 1) || !['plain', 'prefilter'].includes(variant) ||
    files.length !== def?.tables.length) {
  console.error('usage: duckdb_hunt.mjs [--hunt ID] [--variant plain|prefilter] [--threads N] ' +
    `[--now ISO8601] FILE...\nhunts: ${Object.entries(HUNTS).map(([k, v]) => `${k} (${v.tables.join(' ')})`).join(', ')}`);
  process.exit(2);
}
const nowMs = now === null ? Date.now() : Date.parse(now);
if (Number.isNaN(nowMs)) {
  console.error(`duckdb_hunt: --now takes an ISO 8601 datetime, not ${now}`);
  process.exit(2);
}
const nowTicks = BigInt(nowMs) * 10000n;

try {
  const t0 = process.hrtime.bigint();
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const con = await db.connect();
  await con.run("SET TimeZone = 'UTC'").catch(() => {});  // without ICU there is no setting
  await con.run(MACROS);
  const sql = def.sql(files, { variant, now: nowTicks });
  if (explain) {
    const plan = await con.runAndReadAll('EXPLAIN ' + sql);
    for (const r of plan.getRowObjectsJson()) console.log(r.explain_value);
    process.exit(0);
  }
  const reader = await con.runAndReadAll(sql);
  const rows = reader.getRowObjectsJson();
  const out = [];
  for (const r of rows) out.push(JSON.stringify(r));
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.error(`duckdb hunt=${hunt} variant=${variant} threads=${threads} rows=${rows.length} seconds=${secs.toFixed(3)}`);
  process.exitCode = rows.length ? 0 : 1;
} catch (e) {
  console.error(`duckdb_hunt: ${e.message}`);
  process.exitCode = 2;
}
