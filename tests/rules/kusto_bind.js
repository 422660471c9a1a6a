// Parses and binds KQL predicates with Microsoft's own Kusto parser (@kusto/language-service-next)
// against a table schema, and prints one line per predicate: "ok" or its diagnostics.
// Usage: NODE_PATH=<kusto-ls>/node_modules node kusto_bind.js <input.json>
// where input.json is {"schema": "(Col:type, ...)", "predicates": ["...", ...]}.
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.js');
const fs = require('fs');
const K = Kusto.Language;
const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const table = K.Symbols.TableSymbol.From(input.schema).WithName('Hunt');
const db = new K.Symbols.DatabaseSymbol.$ctor1('db', [table]);
const cluster = new K.Symbols.ClusterSymbol.$ctor1('cluster', [db]);
const globals = K.GlobalState.Default.WithCluster(cluster).WithDatabase(db);
for (const predicate of input.predicates) {
  const code = K.KustoCode.ParseAndAnalyze('Hunt\n| where not(' + predicate + ')', globals);
  const diags = code.GetDiagnostics();
  const messages = [];
  for (let i = 0; i < diags.Count; i++) messages.push(diags.getItem(i).Message);
  console.log(messages.length === 0 ? 'ok' : 'error: ' + messages.join(' | '));
}
