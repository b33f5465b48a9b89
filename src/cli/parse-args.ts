import { parseArgs } from "node:util";
import { DebtSeverity, Rating } from "../agents/specialized/tech-debt/model.js";

export const FORMATS = ["text", "markdown", "json", "sarif"] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface ScanCommand {
  command: "scan";
  path: string;
  format: OutputFormat;
  changedSince?: string;
  output?: string;
  /** Exit 1 when findings of this severity or worse exist (new ones only with changedSince). */
  failOn?: DebtSeverity;
  /** Exit 1 when the maintainability rating is this letter or worse. */
  failOnRating?: Rating;
  includeTests?: boolean;
  maxFileBytes?: number;
}

export type CliCommand = ScanCommand | { command: "help" } | { command: "version" };

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_ERROR = 2;

export const USAGE = `Usage: concord scan [path] [options]

Scans a JavaScript/TypeScript folder for tech debt. Nothing in the folder is executed.

Options:
  --format <text|markdown|json|sarif>  output format (default: text)
  --output <file>                      write the result to a file instead of standard output
  --changed-since <ref>                analyse only files changed since the git ref (ref...HEAD);
                                       duplication is still searched across the whole tree
  --fail-on <critical|high|medium|low> exit 1 when findings of this severity or worse exist;
                                       with --changed-since, only findings new since the ref
  --fail-on-rating <A|B|C|D|E>         exit 1 when the maintainability rating is this or worse
  --include-tests                      rate and gate test files like the rest of the code
                                       (by default they are analysed and reported apart)
  --max-file-size <size>               skip files larger than this, e.g. 2mb, 500kb (default 1mb)
  -h, --help                           show this help
  -v, --version                        show the version

Exit codes: 0 done (and the gate passed), 1 the --fail-on or --fail-on-rating gate failed,
2 usage error or failure.`;

// A ref goes to git as an argument: one starting with "-" would be read as an option.
const SAFE_REF = /^(?!-)[^\s\0:?*[\\]+$/;
const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i;
const UNIT_BYTES: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const MAX_FILE_BYTES = 64 * 1024 ** 2;

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
        "fail-on": { type: "string" },
        "fail-on-rating": { type: "string" },
        "include-tests": { type: "boolean" },
        "max-file-size": { type: "string" },
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
  const scan: ScanCommand = { command: "scan", path: path ?? ".", format: oneOf("--format", values.format ?? "text", FORMATS) };
  const changedSince = values["changed-since"];
  if (changedSince !== undefined) {
    if (!SAFE_REF.test(changedSince)) throw new UsageError(`--changed-since: not a usable git ref: "${changedSince}"`);
    scan.changedSince = changedSince;
  }
  if (values.output !== undefined) scan.output = values.output;
  if (values["fail-on"] !== undefined) scan.failOn = oneOf("--fail-on", values["fail-on"].toLowerCase(), DebtSeverity.options);
  if (values["fail-on-rating"] !== undefined) scan.failOnRating = oneOf("--fail-on-rating", values["fail-on-rating"].toUpperCase(), Rating.options);
  if (values["include-tests"]) scan.includeTests = true;
  if (values["max-file-size"] !== undefined) scan.maxFileBytes = parseSize(values["max-file-size"]);
  return scan;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, got "${value}"`);
  return value as T;
}

/** "2mb", "500kb", "1048576": bytes, at least 1 kB and at most 64 MB (a parse holds the whole file). */
export function parseSize(text: string): number {
  const match = SIZE.exec(text.trim());
  if (!match) throw new UsageError(`--max-file-size: not a size: "${text}" (try 2mb or 500kb)`);
  const bytes = Math.round(Number(match[1]) * UNIT_BYTES[(match[2] ?? "b").toLowerCase()]!);
  if (bytes < 1024 || bytes > MAX_FILE_BYTES) throw new UsageError(`--max-file-size must be between 1kb and 64mb, got "${text}"`);
  return bytes;
}
