import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CliFailure, processIO, type CliIO } from "./cli-io.js";
import { EXIT_ERROR, EXIT_GATE_FAILED, EXIT_OK, parseCliArgs, USAGE, UsageError } from "./parse-args.js";
import { runScanCommand } from "./scan-command.js";

export type { CliIO } from "./cli-io.js";
export { EXIT_ERROR, EXIT_GATE_FAILED, EXIT_OK } from "./parse-args.js";

/** The `concord` command line. Returns the exit code instead of exiting, so tests run it in-process. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let command;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`concord: ${error.message}\n\n${USAGE}\n`);
    return EXIT_ERROR;
  }
  if (command.command === "help") {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (command.command === "version") {
    io.stdout.write(`${toolVersion()}\n`);
    return EXIT_OK;
  }
  try {
    const gate = await runScanCommand(command, io, toolVersion());
    if (gate.passed) return EXIT_OK;
    for (const failure of gate.failures) io.stderr.write(`concord: quality gate failed: ${failure}\n`);
    return EXIT_GATE_FAILED;
  } catch (error) {
    // A CliFailure is the user's to fix and reads as one line; anything else is a bug worth its stack.
    const message = error instanceof CliFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`concord: ${message}\n`);
    return EXIT_ERROR;
  }
}

/** This package's version, for SARIF's tool.driver and --version. */
export function toolVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
    return typeof manifest.version === "string" ? manifest.version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// `node --import tsx src/cli/main.ts …` (npm run concord); bin/concord.js imports main() instead.
if (isEntryPoint()) process.exitCode = await main(process.argv.slice(2));
