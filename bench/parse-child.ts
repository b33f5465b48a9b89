import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ts } from "ts-morph";

/**
 * The baseline: read every .ts file and ts.createSourceFile it, nothing else, in this (fresh)
 * process. Prints its figures as JSON on stdout. With "--no-jsdoc" it parses the way the scanner
 * does (JSDoc skipped), which is the stricter baseline.
 */
const root = process.argv[2];
if (root === undefined) throw new Error("usage: parse-child.ts <dir> [--no-jsdoc]");
const jsDocParsingMode = process.argv.includes("--no-jsdoc") ? ts.JSDocParsingMode.ParseNone : ts.JSDocParsingMode.ParseAll;
const started = performance.now();
let files = 0;
let lines = 0;
for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
  const absolute = path.join(entry.parentPath, entry.name);
  const text = await readFile(absolute, "utf8");
  const sourceFile = ts.createSourceFile(absolute, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode }, false, ts.ScriptKind.TS);
  files++;
  lines += sourceFile.getLineStarts().length;
}
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, files, lines }));
