import { parseArgs } from "node:util";

export const FORMATS = ["text", "markdown", "json", "sarif"] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface ScanCommand {
  command: "scan";
  path: string;
  format: OutputFormat;
  changedSince?: string;
  output?: string;
}

export type CliCommand = ScanCommand | { command: "help" } | { command: "version" };

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE = `Usage: concord scan [path] [options]

Scans a JavaScript/TypeScript folder for tech debt. Nothing in the folder is executed.

Options:
  --format <text|markdown|json|sarif>  output format (default: text)
  --changed-since <ref>                analyse only files changed since the git ref (ref...HEAD);
                                       duplication is still searched across the whole tree
  --output <file>                      write the result to a file instead of standard output
  -h, --help                           show this help
  -v, --version                        show the version

Exit codes: 0 scan done, 1 usage error, 2 failure.`;

// A ref goes to git as an argument: one starting with "-" would be read as an option.
const SAFE_REF = /^(?!-)[^\s\0:?*[\\]+$/;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string" },
        "changed-since": { type: "string" },
        output: { type: "string", short: "o" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help" };
  if (values.version) return { command: "version" };
  const [command, path, ...extra] = positionals;
  if (command === undefined) throw new UsageError("missing command: concord scan [path]");
  if (command !== "scan") throw new UsageError(`unknown command "${command}"`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const format = values.format ?? "text";
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got "${format}"`);
  const changedSince = values["changed-since"];
  if (changedSince !== undefined && !SAFE_REF.test(changedSince)) throw new UsageError(`--changed-since: not a usable git ref: "${changedSince}"`);
  const scan: ScanCommand = { command: "scan", path: path ?? ".", format: format as OutputFormat };
  if (changedSince !== undefined) scan.changedSince = changedSince;
  if (values.output !== undefined) scan.output = values.output;
  return scan;
}
