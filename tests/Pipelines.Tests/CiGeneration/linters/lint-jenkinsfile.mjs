// Lints Jenkinsfiles with npm-groovy-lint (CodeNarc on the installed Java) in one run and without its background
// server, so no process outlives the run. Usage: node lint-jenkinsfile.mjs FILE...
// Prints one line per finding; exits 1 when there is any, info included: generated files must be clean.
import path from "node:path";
import { fileURLToPath } from "node:url";
import NpmGroovyLint from "npm-groovy-lint";

const files = process.argv.slice(2).map((f) => path.resolve(f));
if (files.length === 0) {
  console.error("usage: node lint-jenkinsfile.mjs FILE...");
  process.exit(2);
}

const linter = new NpmGroovyLint({
  _: files,
  config: path.dirname(fileURLToPath(import.meta.url)),
  noserver: true,
  insight: false,
  loglevel: "info",
  output: "none",
}, {});
await linter.run();

const result = linter.lintResult ?? {};
let problems = 0;
for (const [name, entry] of Object.entries(result.files ?? {})) {
  for (const e of entry.errors ?? []) {
    console.log(`npm-groovy-lint: ${name}:${e.line}: ${e.severity} ${e.rule}: ${e.msg}`);
    problems++;
  }
}
if (linter.status !== 0 && problems === 0) {
  console.log(`npm-groovy-lint: failed with status ${linter.status}: ${linter.error ?? JSON.stringify(result.summary)}`);
  problems++;
}
const linted = Object.keys(result.files ?? {}).length;
if (linted !== files.length) {
  console.log(`npm-groovy-lint: linted ${linted} of ${files.length} file(s)`);
  problems++;
}
console.log(`${problems} problem(s) in ${files.length} file(s)`);
process.exit(problems > 0 ? 1 : 0);
