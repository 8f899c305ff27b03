// Lints Cypher statements with Neo4j's own language service (@neo4j-cypher/language-support).
//
// Input (stdin): JSON [{"name": "...", "text": "..."}]. Every $parameter a statement uses
// is declared; labels and relationship types come from the input. Procedures and functions are the Neo4j 5 built-ins the package ships
// (testData.mockSchema: db.index.vector.queryNodes, db.index.fulltext.queryNodes,
// db.awaitIndexes, ...), so a misspelt or missing procedure is an error.
// Output (stdout): JSON [{"name", "errors": [...], "warnings": [...]}]; exit 1 on errors.
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const statements = input.statements;
const base = testData.mockSchema;

const report = statements.map(({ name, text }) => {
  const parameters = {};
  for (const match of text.matchAll(/\$(\w+)/g)) parameters[match[1]] = null;
  const schema = {
    functions: base.functions,
    procedures: base.procedures,
    labels: input.labels,
    relationshipTypes: input.relationshipTypes,
    parameters,
  };
  const { diagnostics } = lintCypherQuery(text, schema);
  const show = (d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`;
  return {
    name,
    errors: diagnostics.filter((d) => d.severity === 1).map(show),
    warnings: diagnostics.filter((d) => d.severity !== 1).map(show),
  };
});
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
process.exit(report.some((r) => r.errors.length > 0) ? 1 : 0);
