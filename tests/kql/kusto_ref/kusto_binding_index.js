// Writes <corpus>/binding.tsv: for each query file that Microsoft's KQL parser accepts, what
// Kusto.Language (@kusto/language-service-next 12.4.1) binds it to against a database holding the
// 27 Defender advanced-hunting tables: its semantic errors and its result columns.
//
// Columns of binding.tsv:
//   file            the query file
//   kusto_bind      ok       no error diagnostics, and a tabular result
//                   error    Kusto reports errors (unknown tables or functions, type errors...)
//                   scalar   no errors, but the result is not a table
//                   syntax   not bound: the parser reports a syntax error (see index.tsv)
//   kusto_columns   the result columns, `name:type` joined by ", " (empty unless ok)
//   kusto_errors    the error diagnostics, `line:column message` joined by " | " (first 5)
//
// The tables' names, columns, column order and types come from a schema TSV (table, column,
// type; lines starting with # are notes): huntq's compiled-in src/value/defender_schemas.tsv
// when it exists (so `T | take 1` lists columns in the order huntq's built-in table has them),
// else shared/research/defender-schemas.tsv. Pass another with --schemas PATH.
//
// Usage: npm install && node kusto_binding_index.js ../corpus [--schemas PATH]
//   (or NODE_PATH=<dir holding node_modules/@kusto> node kusto_binding_index.js ../corpus)
'use strict';
const fs = require('fs');
const path = require('path');
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.js');
const K = Kusto.Language;

const args = process.argv.slice(2);
let schemas = null;
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--schemas') schemas = args[++i];
  else positional.push(args[i]);
}
const corpus = positional[0] || path.join(__dirname, '..', 'corpus');
if (!schemas) {
  const candidates = [
    path.join(__dirname, '..', '..', '..', 'src', 'value', 'defender_schemas.tsv'),
    path.join(__dirname, '..', '..', '..', '..', 'shared', 'research', 'defender-schemas.tsv'),
    '/work/shared/research/defender-schemas.tsv',
  ];
  schemas = candidates.find((p) => fs.existsSync(p));
  if (!schemas) throw new Error('no schema TSV found: pass --schemas PATH');
}

// The database: one TableSymbol per table, columns in the file's order.
const tables = new Map();
for (const line of fs.readFileSync(schemas, 'utf8').split('\n')) {
  if (!line.trim() || line.startsWith('#')) continue;
  const [table, column, type] = line.split('\t').map((s) => s.trim());
  if (table === 'table' && column === 'column') continue;  // header
  if (!tables.has(table)) tables.set(table, []);
  tables.get(table).push(`['${column}']:${type}`);
}
const symbols = [...tables].map(([t, cols]) =>
  K.Symbols.TableSymbol.From('(' + cols.join(', ') + ')').WithName(t));
const db = new K.Symbols.DatabaseSymbol.$ctor1('db', symbols);
const cluster = new K.Symbols.ClusterSymbol.$ctor1('cl', [db]);
const globals = K.GlobalState.Default.WithCluster(cluster).WithDatabase(db);

const clean = (s) => String(s).replace(/[\t\r\n]+/g, ' ').slice(0, 200);
const where = (text, offset) => {
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
};

const dir = path.join(corpus, 'queries');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.kql')).sort();
const lines = ['file\tkusto_bind\tkusto_columns\tkusto_errors'];
const counts = {ok: 0, error: 0, scalar: 0, syntax: 0};
for (const file of files) {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const parsed = K.KustoCode.Parse(text);
  const syntax = parsed.GetSyntaxDiagnostics();
  let syntaxErrors = 0;
  for (let i = 0; i < syntax.Count; i++) syntaxErrors += syntax.getItem(i).Severity === 'Error';
  if (syntaxErrors) {
    counts.syntax++;
    lines.push(`${file}\tsyntax\t\t`);
    continue;
  }
  const code = K.KustoCode.ParseAndAnalyze(text, globals);
  const diags = code.GetDiagnostics();
  const errors = [];
  for (let i = 0; i < diags.Count; i++) {
    const d = diags.getItem(i);
    if (d.Severity === 'Error') errors.push(`${where(text, d.Start)} ${clean(d.Message)}`);
  }
  let status = 'error';
  let columns = '';
  if (!errors.length) {
    const rt = code.ResultType;
    if (rt && rt.Columns) {
      status = 'ok';
      const c = rt.Columns;
      const out = [];
      for (let i = 0; i < c.Count; i++) out.push(`${c.getItem(i).Name}:${c.getItem(i).Type.Name}`);
      columns = out.join(', ');
    } else {
      status = 'scalar';
    }
  }
  counts[status]++;
  lines.push(`${file}\t${status}\t${columns}\t${errors.slice(0, 5).join(' | ')}`);
}
fs.writeFileSync(path.join(corpus, 'binding.tsv'), lines.join('\n') + '\n');
console.log(`${files.length} queries (schemas: ${schemas}): ${counts.ok} bind with a table, ` +
            `${counts.error} with errors, ${counts.scalar} scalar, ${counts.syntax} not parsed ` +
            `-> ${path.join(corpus, 'binding.tsv')}`);
