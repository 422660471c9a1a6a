// The hunt "AV Detections with Source" in DuckDB SQL, as the peer to compare huntq with.
//
// usage: node bench/duckdb_hunt.mjs [--threads N] DeviceEvents.ndjson DeviceFileEvents.ndjson
// Prints the 10 output columns as NDJSON on stdout (Timestamp desc), a summary on stderr.
// Exit codes follow huntq: 0 rows printed, 1 no rows, 2 error.
//
// Exactness (research/kql-semantics.md §0):
// - ActionType and MD5 compare case-sensitively (SQL = on VARCHAR);
// - isnotempty(x) is x IS NOT NULL AND x <> '';
// - ThreatName = tostring(parse_json(AdditionalFields).ThreatName): AdditionalFields is read as
//   JSON so a JSON-text string and an object both work; text that is not JSON gives '';
// - Timestamp is turned into 100 ns ticks since 1970 (offsets applied), sorted desc nulls last,
//   and printed as UTC with 7 fraction digits. DuckDB timestamps stop at microseconds, so the
//   fraction is parsed separately.
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
let threads = 2;
const files = [];
for (let k = 0; k < args.length; ++k) {
  if (args[k] === '--threads') threads = Number(args[++k]);
  else files.push(args[k]);
}
if (files.length !== 2 || !(threads >= 1)) {
  console.error('usage: duckdb_hunt.mjs [--threads N] DeviceEvents.ndjson DeviceFileEvents.ndjson');
  process.exit(2);
}
const lit = (s) => `'${s.replaceAll("'", "''")}'`;

// Only the columns the hunt reads; listing them is what stops DuckDB from sampling the schema.
const sql = `
WITH de AS (
  SELECT * FROM read_json(${lit(files[0])}, format='newline_delimited',
    columns={Timestamp: 'VARCHAR', DeviceName: 'VARCHAR', ActionType: 'VARCHAR',
             FileName: 'VARCHAR', FolderPath: 'VARCHAR', MD5: 'VARCHAR',
             AdditionalFields: 'JSON'})
), dfe AS (
  SELECT * FROM read_json(${lit(files[1])}, format='newline_delimited',
    columns={MD5: 'VARCHAR', FileOriginUrl: 'VARCHAR', FileOriginReferrerUrl: 'VARCHAR',
             InitiatingProcessFileName: 'VARCHAR', InitiatingProcessParentFileName: 'VARCHAR'})
), av AS (
  SELECT Timestamp, DeviceName, FileName, FolderPath, MD5,
         AdditionalFields->>'$' AS af
  FROM de
  WHERE ActionType = 'AntivirusDetection' AND MD5 IS NOT NULL AND MD5 <> ''
), av2 AS (
  SELECT *,
         -- seconds from the text without its fraction (TIMESTAMPTZ applies any offset)
         epoch(try_cast(regexp_replace(Timestamp, '\\.[0-9]+', '') AS TIMESTAMPTZ))::BIGINT AS secs,
         -- the fraction, as 100 ns ticks (0-7 digits)
         coalesce(try_cast(rpad(substr(regexp_extract(Timestamp, '\\.([0-9]+)', 1), 1, 7), 7, '0')
                           AS BIGINT), 0) AS frac,
         coalesce(CASE WHEN json_valid(af) THEN json_extract_string(af, '$.ThreatName') END, '')
           AS ThreatName
  FROM av
), fc AS (
  SELECT MD5, FileOriginUrl, FileOriginReferrerUrl, InitiatingProcessFileName,
         InitiatingProcessParentFileName
  FROM dfe
  WHERE ((FileOriginReferrerUrl IS NOT NULL AND FileOriginReferrerUrl <> '')
         OR (FileOriginUrl IS NOT NULL AND FileOriginUrl <> ''))
    AND MD5 IS NOT NULL AND MD5 <> ''
)
SELECT CASE WHEN secs IS NULL THEN NULL
            ELSE strftime(to_timestamp(secs), '%Y-%m-%dT%H:%M:%S') || '.' || lpad(frac::VARCHAR, 7, '0') || 'Z'
       END AS Timestamp,
       coalesce(DeviceName, '') AS DeviceName, ThreatName,
       coalesce(FileName, '') AS FileName, coalesce(FolderPath, '') AS FolderPath, av2.MD5,
       coalesce(FileOriginUrl, '') AS FileOriginUrl,
       coalesce(FileOriginReferrerUrl, '') AS FileOriginReferrerUrl,
       coalesce(InitiatingProcessFileName, '') AS InitiatingProcessFileName,
       coalesce(InitiatingProcessParentFileName, '') AS InitiatingProcessParentFileName
FROM av2 JOIN fc ON av2.MD5 = fc.MD5
ORDER BY secs * 10000000 + frac DESC NULLS LAST
`;

try {
  const t0 = process.hrtime.bigint();
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const con = await db.connect();
  const reader = await con.runAndReadAll(sql);
  const rows = reader.getRowObjectsJson();
  const out = [];
  for (const r of rows) out.push(JSON.stringify(r));
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.error(`duckdb threads=${threads} rows=${rows.length} seconds=${secs.toFixed(3)}`);
  process.exitCode = rows.length ? 0 : 1;
} catch (e) {
  console.error(`duckdb_hunt: ${e.message}`);
  process.exitCode = 2;
}
