// The bench's hunts in DuckDB SQL, the peer huntq is compared with (bench/README.md).
//
// Each hunt lists the tables it reads (files are given in that order) and builds its SQL from the
// file paths and options. Every hunt follows huntq's semantics (research/kql-semantics.md):
// - strings: a missing value or JSON null is "" (coalesce), `==` and `in` compare exactly;
// - `=~`, `in~`, `has` and `endswith` ignore ASCII case; `has` is a term match: where the needle
//   begins (ends) with a letter or digit, the text has none just before (after) it (kq_has);
// - datetimes are 100 ns ticks since 1970 (offsets applied, 0-7 fraction digits: kq_ticks) and
//   print as UTC with 7 digits (kq_iso);
// - parse_json(AdditionalFields): the column is read as JSON, a JSON string is parsed again, and
//   text that is not JSON is null.
//
// Two formulations per hunt where they differ:
// - `plain`: read_json with explicit columns (only those the hunt reads), then the query;
// - `prefilter`: each line is read as text, lines that cannot hold a match are dropped with a
//   literal test on the raw text (as huntq's pre-filter does), and only the rest are parsed. The
//   literal test is safe: a value can only hide the literal from it through a \u escape, so lines
//   holding a backslash-u always go on to the parse.

export const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;

// Column types of the two tables (formats.md §1.2, §1.3), for read_json's `columns`.
const STR = 'VARCHAR', LONG = 'BIGINT', INT = 'INTEGER', BOOL = 'BOOLEAN', TIME = 'VARCHAR';
export const DFE_COLUMNS = [
  ['Timestamp', TIME], ['DeviceId', STR], ['DeviceName', STR], ['ActionType', STR],
  ['FileName', STR], ['FolderPath', STR], ['SHA1', STR], ['SHA256', STR], ['MD5', STR],
  ['FileOriginUrl', STR], ['FileOriginReferrerUrl', STR], ['FileOriginIP', STR],
  ['PreviousFolderPath', STR], ['PreviousFileName', STR], ['FileSize', LONG],
  ['InitiatingProcessAccountDomain', STR], ['InitiatingProcessAccountName', STR],
  ['InitiatingProcessAccountSid', STR], ['InitiatingProcessAccountUpn', STR],
  ['InitiatingProcessAccountObjectId', STR], ['InitiatingProcessMD5', STR],
  ['InitiatingProcessSHA1', STR], ['InitiatingProcessSHA256', STR],
  ['InitiatingProcessFolderPath', STR], ['InitiatingProcessFileName', STR],
  ['InitiatingProcessFileSize', LONG], ['InitiatingProcessVersionInfoCompanyName', STR],
  ['InitiatingProcessVersionInfoProductName', STR], ['InitiatingProcessVersionInfoProductVersion', STR],
  ['InitiatingProcessVersionInfoInternalFileName', STR],
  ['InitiatingProcessVersionInfoOriginalFileName', STR],
  ['InitiatingProcessVersionInfoFileDescription', STR], ['InitiatingProcessId', LONG],
  ['InitiatingProcessCommandLine', STR], ['InitiatingProcessCreationTime', TIME],
  ['InitiatingProcessIntegrityLevel', STR], ['InitiatingProcessTokenElevation', STR],
  ['InitiatingProcessParentId', LONG], ['InitiatingProcessParentFileName', STR],
  ['InitiatingProcessParentCreationTime', TIME], ['RequestProtocol', STR],
  ['RequestSourceIP', STR], ['RequestSourcePort', INT], ['RequestAccountName', STR],
  ['RequestAccountDomain', STR], ['RequestAccountSid', STR], ['ShareName', STR],
  ['SensitivityLabel', STR], ['SensitivitySubLabel', STR], ['IsAzureInfoProtectionApplied', BOOL],
  ['ReportId', LONG], ['AppGuardContainerId', STR], ['AdditionalFields', 'JSON'],
  ['InitiatingProcessSessionId', LONG], ['IsInitiatingProcessRemoteSession', BOOL],
  ['InitiatingProcessRemoteSessionDeviceName', STR], ['InitiatingProcessRemoteSessionIP', STR],
  // The columns Sentinel and the streaming API add (src/value/defender_schemas.tsv).
  ['TenantId', STR], ['MachineGroup', STR], ['TimeGenerated', TIME], ['SourceSystem', STR],
  ['Type', STR],
];

// Macros every hunt may use; created once per connection.
export const MACROS = `
-- 100 ns ticks since 1970 of an ISO 8601 text with 0-7 fraction digits and Z or an offset.
CREATE MACRO kq_ticks(t) AS
  epoch(try_cast(regexp_replace(t, '\\.[0-9]+', '') AS TIMESTAMPTZ))::BIGINT * 10000000
  + coalesce(try_cast(rpad(substr(regexp_extract(t, '\\.([0-9]+)', 1), 1, 7), 7, '0') AS BIGINT), 0);
-- Ticks as UTC ISO 8601 with 7 fraction digits (null stays null).
CREATE MACRO kq_iso(k) AS CASE WHEN k IS NULL THEN NULL ELSE
  strftime(to_timestamp(k // 10000000), '%Y-%m-%dT%H:%M:%S') || '.' ||
  lpad((k % 10000000)::VARCHAR, 7, '0') || 'Z' END;
-- parse_json(x) for a column read as JSON: a JSON string holding JSON text is parsed again; text
-- that is not JSON is null.
CREATE MACRO kq_parse_json(j) AS CASE
  WHEN j IS NULL THEN NULL
  WHEN json_type(j) = 'VARCHAR' THEN
    CASE WHEN json_valid(j->>'$') THEN (j->>'$')::JSON END
  ELSE j END;
-- tostring() of a string column read as JSON: the string, or the JSON text of anything else.
CREATE MACRO kq_str(j) AS coalesce(CASE WHEN json_type(j) = 'VARCHAR' THEN j->>'$' ELSE j::VARCHAR END, '');
`;

// `has` with a literal needle: a case-insensitive regex with term boundaries where the needle
// begins or ends with a term character (huntq's TermMatcher). RE2 finds the literal fast; an
// ILIKE pre-test only made it slower.
const isTerm = (c) => /[0-9A-Za-z]/.test(c);
const reEscape = (s) => s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
export function hasAnyRegex(needles) {
  const parts = needles.map((n) =>
    (isTerm(n[0]) ? '(?:^|[^0-9A-Za-z])' : '') + reEscape(n) + (isTerm(n.at(-1)) ? '(?:$|[^0-9A-Za-z])' : ''));
  return '(?i)(?:' + parts.join('|') + ')';
}
export const has = (col, needle) => `regexp_matches(${col}, ${lit(hasAnyRegex([needle]))})`;
export const hasAny = (col, needles) => `regexp_matches(${col}, ${lit(hasAnyRegex(needles))})`;
// in~ over literals: ASCII case folding (the values here are ASCII).
export const inCi = (col, values) => `lower(${col}) IN (${values.map((v) => lit(v.toLowerCase())).join(', ')})`;

// A raw-line source for the prefilter formulation: each line of the file as text, split on tabs,
// which JSON text cannot hold raw (read_json_objects and other delimiters measured slower).
function lines(file) {
  return `read_csv(${lit(file)}, columns={'line': 'VARCHAR'}, header=false, delim='\t',
                   quote='', escape='', auto_detect=false, max_line_size=4194304)`;
}
// Lines that may hold any of the literals (ignoring ASCII case when `ci`) or a \u escape that
// could hide one (the escape test is case-sensitive: with (?i) it would match every \\Users).
// RE2 for the case-insensitive test: ILIKE and lower() are several times slower here.
function mayHold(literals, ci = true) {
  const found = ci ? `regexp_matches(line, ${lit('(?i)' + literals.map(reEscape).join('|'))})`
    : literals.map((l) => `contains(line, ${lit(l)})`).join(' OR ');
  return `(${found} OR contains(line, '\\u'))`;
}
// The JSON struct of the listed columns, for parsing the surviving lines.
function structOf(cols) {
  return '{' + cols.map(([n, t]) => `${lit(n)}: ${lit(t)}`).join(', ') + '}';
}
const colsOf = (all, names) => names.map((n) => all.find(([c]) => c === n) ?? [n, 'VARCHAR']);

// Reads a table: `plain` through read_json with explicit columns; `prefilter` through raw lines,
// keeping those that pass `literals`, then parsed into the same columns.
function source(file, cols, variant, literals, ci) {
  if (variant !== 'prefilter' || !literals) {
    return `read_json(${lit(file)}, format='newline_delimited', columns=${structOf(cols)})`;
  }
  return `(SELECT unnest(from_json(line::JSON, ${lit(JSON.stringify(Object.fromEntries(cols)))}))
           FROM ${lines(file)} WHERE ${mayHold(literals, ci)})`;
}

const DAY = 864000000000n;

// ---------------------------------------------------------------------------------------------

export const HUNTS = {
  // The flagship: AV Detections with Source (bench/duckdb_hunt.mjs kept its SQL).
  'av-detections-with-source': {
    tables: ['DeviceEvents', 'DeviceFileEvents'],
    sql([de, dfe], { variant }) {
      const deSrc = source(de, [['Timestamp', STR], ['DeviceName', STR], ['ActionType', STR],
        ['FileName', STR], ['FolderPath', STR], ['MD5', STR], ['AdditionalFields', 'JSON']],
      variant, ['AntivirusDetection'], false);
      const dfeSrc = `read_json(${lit(dfe)}, format='newline_delimited',
        columns={MD5: 'VARCHAR', FileOriginUrl: 'VARCHAR', FileOriginReferrerUrl: 'VARCHAR',
                 InitiatingProcessFileName: 'VARCHAR', InitiatingProcessParentFileName: 'VARCHAR'})`;
      return `
WITH av AS (
  SELECT Timestamp, DeviceName, FileName, FolderPath, MD5, kq_ticks(Timestamp) AS t,
         coalesce(kq_parse_json(AdditionalFields)->>'$.ThreatName', '') AS ThreatName
  FROM ${deSrc}
  WHERE ActionType = 'AntivirusDetection' AND MD5 IS NOT NULL AND MD5 <> ''
), fc AS (
  SELECT MD5, FileOriginUrl, FileOriginReferrerUrl, InitiatingProcessFileName,
         InitiatingProcessParentFileName
  FROM ${dfeSrc}
  WHERE ((FileOriginReferrerUrl IS NOT NULL AND FileOriginReferrerUrl <> '')
         OR (FileOriginUrl IS NOT NULL AND FileOriginUrl <> ''))
    AND MD5 IS NOT NULL AND MD5 <> ''
)
SELECT kq_iso(t) AS Timestamp, coalesce(DeviceName, '') AS DeviceName, ThreatName,
       coalesce(FileName, '') AS FileName, coalesce(FolderPath, '') AS FolderPath, av.MD5,
       coalesce(FileOriginUrl, '') AS FileOriginUrl,
       coalesce(FileOriginReferrerUrl, '') AS FileOriginReferrerUrl,
       coalesce(InitiatingProcessFileName, '') AS InitiatingProcessFileName,
       coalesce(InitiatingProcessParentFileName, '') AS InitiatingProcessParentFileName
FROM av JOIN fc ON av.MD5 = fc.MD5
ORDER BY t DESC NULLS LAST`;
    },
  },

  // IcedId Delivery: a pure filter (in~, has, has_any) that returns every column.
  'icedid-delivery': {
    tables: ['DeviceFileEvents'],
    sql([dfe], { variant }) {
      const out = DFE_COLUMNS.map(([n, t]) =>
        n === 'AdditionalFields' ? `kq_str(AdditionalFields) AS AdditionalFields`
          : n === 'TimeGenerated' ? `kq_iso(kq_ticks(TimeGenerated)) AS TimeGenerated`
          : t === STR ? `coalesce(${n}, '') AS ${n}` : n).join(',\n       ');
      // Every match holds ".php" and ".top" in its referrer URL.
      return `
SELECT ${out}
FROM ${source(dfe, DFE_COLUMNS, variant, ['.top'], true)}
WHERE ${inCi('InitiatingProcessFileName', ['msedge.exe', 'chrome.exe', 'explorer.exe', '7zFM.exe', 'firefox.exe', 'browser_broker.exe'])}
  AND ${has('FileOriginReferrerUrl', '.php')} AND ${has('FileOriginReferrerUrl', '.top')}
  AND ${hasAny('FileOriginUrl', ['googleusercontent', 'google', 'docs'])}`;
    },
  },

  // Detect PsExec being used to spread files: summarize dcount() by, with make_set and bin().
  'remote-file-creation-with-psexec': {
    tables: ['DeviceFileEvents'],
    sql([dfe], { variant, now }) {
      const cols = colsOf(DFE_COLUMNS, ['Timestamp', 'DeviceId', 'FileName', 'FolderPath', 'SHA1',
        'InitiatingProcessFileName', 'InitiatingProcessCommandLine']);
      const cmd = 'InitiatingProcessCommandLine';
      return `
WITH f AS (
  SELECT coalesce(DeviceId, '') AS DeviceId, Timestamp, coalesce(FileName, '') AS FileName,
         coalesce(FolderPath, '') AS FolderPath, coalesce(SHA1, '') AS SHA1,
         coalesce(InitiatingProcessFileName, '') AS InitiatingProcessFileName,
         coalesce(${cmd}, '') AS cmd
  FROM ${source(dfe, cols, variant, ['accepteula'], true)}
  WHERE ${has(cmd, 'accepteula')}
    AND contains(FolderPath, '\\\\') AND lower(FileName) LIKE '%.exe'
), t AS (
  SELECT *, kq_ticks(Timestamp) AS ticks FROM f
), w AS (
  SELECT * FROM t
  WHERE ticks > ${now - 7n * DAY}
    AND ((NOT ${has('cmd', '.ps1')} AND (length(cmd) - length(replace(cmd, '.exe', ''))) // 4 > 1)
         OR ${has('cmd', '.bat')})
    AND NOT ${hasAny('cmd', ['batch', 'auditpol', 'script', 'scripts', 'illusive', 'rebootrequired'])}
)
SELECT DeviceId, kq_iso(ticks // 6000000000 * 6000000000) AS TimeWindow, InitiatingProcessFileName,
       count(DISTINCT FolderPath) AS FileCount, list(DISTINCT SHA1) AS set_SHA1,
       list(DISTINCT FolderPath) AS set_FolderPath, list(DISTINCT FileName) AS set_FileName,
       list(DISTINCT cmd) AS set_InitiatingProcessCommandLine
FROM w
GROUP BY DeviceId, ticks // 6000000000, InitiatingProcessFileName
HAVING count(DISTINCT FolderPath) > 4`;
    },
  },

  // System Guard Security Level Drop: a default-kind (innerunique) self join between arg_max()s.
  // The left side has one row per DeviceId, so innerunique keeps every pair: an inner join.
  'system-guard-security-level-drop': {
    tables: ['DeviceEvents'],
    sql([de], { variant, now }) {
      return `
WITH boot AS (
  SELECT coalesce(DeviceId, '') AS DeviceId, kq_ticks(Timestamp) AS t, ReportId,
         try_cast(kq_parse_json(AdditionalFields)->>'$.SystemGuardSecurityLevel' AS INTEGER) AS lvl
  FROM ${source(de, [['Timestamp', STR], ['DeviceId', STR], ['ActionType', STR], ['ReportId', LONG], ['AdditionalFields', 'JSON']], variant, ['DeviceBootAttestationInfo'], false)}
  WHERE ActionType = 'DeviceBootAttestationInfo'
), levels AS (
  SELECT * FROM boot WHERE t >= ${now - 7n * DAY} AND lvl IS NOT NULL
), latest AS (
  SELECT DeviceId, arg_max(lvl, t) AS LatestSystemGuardSecurityLevel, max(t) AS LatestEventTime
  FROM levels GROUP BY DeviceId
), drops AS (
  SELECT latest.DeviceId, levels.t, LatestSystemGuardSecurityLevel, levels.lvl, LatestEventTime,
         levels.ReportId
  FROM latest JOIN levels ON latest.DeviceId = levels.DeviceId
  WHERE LatestSystemGuardSecurityLevel < levels.lvl
)
SELECT DeviceId, kq_iso(max(t)) AS Timestamp,
       arg_max(LatestSystemGuardSecurityLevel, t) AS LatestSystemGuardSecurityLevel,
       arg_max(lvl, t) AS SystemGuardSecurityLevel,
       kq_iso(arg_max(LatestEventTime, t)) AS LatestEventTime, arg_max(ReportId, t) AS ReportId
FROM drops GROUP BY DeviceId`;
    },
  },

  // System Guard Security Level Baseline: parse_json + todatetime + arg_max().
  'system-guard-security-level-baseline': {
    tables: ['DeviceEvents'],
    sql([de], { variant, now }) {
      return `
WITH boot AS (
  SELECT coalesce(DeviceName, '') AS DeviceName, kq_ticks(Timestamp) AS t,
         kq_parse_json(AdditionalFields) AS af
  FROM ${source(de, [['Timestamp', STR], ['DeviceName', STR], ['ActionType', STR], ['AdditionalFields', 'JSON']], variant, ['DeviceBootAttestationInfo'], false)}
  WHERE ActionType = 'DeviceBootAttestationInfo'
), levels AS (
  SELECT DeviceName, kq_ticks(af->>'$.ReportValidityStartTime') AS rt,
         try_cast(af->>'$.SystemGuardSecurityLevel' AS INTEGER) AS lvl
  FROM boot WHERE t >= ${now - 7n * DAY}
)
SELECT DeviceName, kq_iso(max(rt)) AS ReportTime, arg_max(lvl, rt) AS CurrentSecurityLevel
FROM levels WHERE lvl < 700 GROUP BY DeviceName`;
    },
  },
};
