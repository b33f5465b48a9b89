#!/usr/bin/env node
// Launcher: teaches Node to load TypeScript (tsx), then runs the CLI. The CLI only reads the
// folder it scans; it never imports or runs code from it.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
