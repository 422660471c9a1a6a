// Writes <corpus>/index.tsv: for each query file, whether Microsoft's KQL parser
// (@kusto/language-service-next 12.4.1, Kusto.Language) reports no syntax errors, and its first
// syntax error. Syntax only: names, types and functions are not bound.
//
// Usage: npm install && node kusto_syntax_index.js ../corpus
//   (or NODE_PATH=<dir holding node_modules/@kusto> node kusto_syntax_index.js ../corpus)
'use strict';
const fs = require('fs');
const path = require('path');
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.js');
const K = Kusto.Language;

const corpus = process.argv[2] || path.join(__dirname, '..', 'corpus');
const dir = path.join(corpus, 'queries');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.kql')).sort();

const clean = (s) => String(s).replace(/[\t\r\n]+/g, ' ').slice(0, 200);

const lines = ['file\tkusto_syntax_ok\tkusto_first_error'];
let ok = 0;
for (const file of files) {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const code = K.KustoCode.Parse(text);
  const diags = code.GetSyntaxDiagnostics();
  let first = '';
  let errors = 0;
  for (let i = 0; i < diags.Count; i++) {
    const d = diags.getItem(i);
    if (d.Severity !== 'Error') continue;
    if (errors === 0) {
      // 1-based line:column of the error in the file.
      const before = text.slice(0, d.Start);
      const line = before.split('\n').length;
      const column = d.Start - before.lastIndexOf('\n');
      first = `${line}:${column} ${clean(d.Message)}`;
    }
    errors++;
  }
  if (errors === 0) ok++;
  lines.push(`${file}\t${errors === 0 ? 1 : 0}\t${first}`);
}
fs.writeFileSync(path.join(corpus, 'index.tsv'), lines.join('\n') + '\n');
console.log(`${files.length} queries, ${ok} without syntax errors -> ${path.join(corpus, 'index.tsv')}`);
