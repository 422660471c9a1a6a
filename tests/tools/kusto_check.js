// Binds KQL queries with Microsoft's own parser and binder (Kusto.Language, as the npm package
// @kusto/language-service-next) against the Defender tables, and prints per query its errors and
// result columns as one JSON line: {"file":..., "errors":[...], "columns":["Name:type", ...]}.
//
// Usage: node kusto_check.js [--schemas TSV] QUERY_FILE...
//   Needs `npm ci` in this folder (package.json pins the version). Tests run it when node and the
//   package are present, and skip, saying so, when they are not.
'use strict';
const fs = require('fs');
const path = require('path');
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.js');
const K = Kusto.Language;

let args = process.argv.slice(2);
let schemas = path.join(__dirname, '..', '..', 'src', 'value', 'defender_schemas.tsv');
if (args[0] === '--schemas') {
  schemas = args[1];
  args = args.slice(2);
}
const tables = {};
for (const line of fs.readFileSync(schemas, 'utf8').split('\n').slice(1)) {
  const [t, c, ty] = line.split('\t');
  if (!t || !c || !ty) continue;
  (tables[t] = tables[t] || []).push(`['${c}']:${ty.trim()}`);
}
const symbols = Object.entries(tables).map(
    ([t, cols]) => K.Symbols.TableSymbol.From('(' + cols.join(', ') + ')').WithName(t));
const db = new K.Symbols.DatabaseSymbol.$ctor1('db', symbols);
const cluster = new K.Symbols.ClusterSymbol.$ctor1('cluster', [db]);
const globals = K.GlobalState.Default.WithCluster(cluster).WithDatabase(db);

for (const file of args) {
  const text = fs.readFileSync(file, 'utf8');
  const code = K.KustoCode.ParseAndAnalyze(text, globals);
  const diags = code.GetDiagnostics();
  const errors = [];
  for (let i = 0; i < diags.Count; i++) {
    const d = diags.getItem(i);
    if (d.Severity === 'Error') errors.push(`${d.Start}: ${d.Message}`);
  }
  const columns = [];
  const rt = code.ResultType;
  if (rt && rt.Columns)
    for (let i = 0; i < rt.Columns.Count; i++) {
      const c = rt.Columns.getItem(i);
      columns.push(`${c.Name}:${c.Type.Name}`);
    }
  process.stdout.write(JSON.stringify({file, errors, columns}) + '\n');
}
