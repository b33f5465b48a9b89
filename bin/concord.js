#!/usr/bin/env node
// The `concord` command: runs the compiled CLI from dist/ with plain Node, no TypeScript loader.
// dist/ is built by `npm run build`, which `prepare` runs on `npm ci` / `npm install` in a checkout
// and which is shipped inside the package tarball. The CLI only reads the folder it scans; it never
// imports or runs code from it.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  // A checkout installed with --ignore-scripts (or whose dist/ was cleaned) has no compiled CLI.
  process.stderr.write("concord: the compiled CLI is missing (dist/cli/main.js). Run `npm run build` in the concord checkout.\n");
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
