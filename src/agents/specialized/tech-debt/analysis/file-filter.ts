import { matchGlobs } from "../../../../config/match-globs.js";
import { findGlobProblem, MAX_GLOBS } from "../../../../config/safe-glob.js";
import { isScriptPath } from "./tokens.js";

/**
 * Decides which repository files the tech-debt analyses read. Cheap checks on the path and
 * size come first so a caller holding only a file listing can skip without reading.
 */

export type SkipReason =
  | "not-script" // not a JS/TS source extension
  | "declaration" // .d.ts: types only, usually generated or vendored
  | "excluded-dir" // under node_modules, dist, build, coverage, .git, vendor, …
  | "ignored" // matched a configured ignore glob
  | "minified-name" // *.min.js, *-min.js
  | "too-large" // over maxBytes
  | "binary" // NUL byte near the start
  | "generated" // @generated or "DO NOT EDIT" marker in the header
  | "minified" // average line length over the limit, and dense with code punctuation
  | "long-lines" // average line length over the limit, but not code-like (data, a blob)
  | "test-code"; // a test file while the settings exclude test code

export type FileDecision = { action: "analyse" } | { action: "skip"; reason: SkipReason; detail?: string };

export interface FileFilterOptions {
  /** Extra globs to skip (see config/parse-glob.ts; a pattern without "/" matches the base name at any depth). */
  ignore?: readonly string[];
  maxBytes?: number;
  maxAverageLineLength?: number;
}

export const EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  "node_modules",
  "bower_components",
  "dist",
  "build",
  "coverage",
  ".git",
  "vendor",
]);

export const MAX_IGNORE_PATTERNS = MAX_GLOBS;
const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_AVERAGE_LINE_LENGTH = 200;
const BINARY_SNIFF_CHARS = 8192;
const GENERATED_HEADER_CHARS = 2048;
// Short files with long lines are ordinary (one long export); only judge real payloads.
const MINIFIED_MIN_CHARS = 1024;
// Minified code is dense with punctuation and operators (one character in five or so); random
// data is not, and even base64 has only "+", "/" and "=" (about one character in thirty).
const CODE_PUNCTUATION = /[;{}()[\],=+\-*/<>!&|?:.]/g;
const MINIFIED_PUNCTUATION_SHARE = 0.05;
const PUNCTUATION_SAMPLE_CHARS = 65_536;

const DECLARATION = /\.d\.[cm]?ts$/i;
const MINIFIED_NAME = /[.-]min\.[cm]?js$/i;
// The marker must sit in a comment line so code that merely mentions it is still analysed.
const GENERATED = /^\s*(?:\/\/|\/\*|\*|#).*(?:@generated\b|\bDO NOT EDIT\b)/m;

export class InvalidGlobError extends Error {
  constructor(
    readonly pattern: string,
    reason: string,
    kind: string,
  ) {
    super(`${kind} pattern ${JSON.stringify(pattern.slice(0, 80))} ${reason}`);
    this.name = "InvalidGlobError";
  }
}

/** A matcher for repository-relative paths; `kind` names the patterns in errors ("ignore", "test"). */
export function compileGlobs(patterns: readonly string[], kind = "ignore"): (path: string) => boolean {
  if (patterns.length > MAX_IGNORE_PATTERNS) {
    throw new InvalidGlobError(`${patterns.length} patterns`, `exceeds the limit of ${MAX_IGNORE_PATTERNS} patterns`, kind);
  }
  // Patterns come from repository configuration: the shared checks refuse over-long ones,
  // nested extglobs (catastrophic backtracking) and paths escaping the repository.
  for (const pattern of patterns) {
    const problem = findGlobProblem(pattern);
    if (problem) throw new InvalidGlobError(pattern, problem, kind);
  }
  // Matched by an automaton in time linear in the path: a file name cannot make a glob backtrack.
  return matchGlobs(patterns);
}

function inExcludedDir(path: string): string | undefined {
  const parts = path.split("/");
  parts.pop();
  return parts.find((part) => EXCLUDED_DIRS.has(part));
}

function averageLineLength(text: string): number {
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < text.length - 1; i = text.indexOf("\n", i + 1)) lines++;
  return text.length / lines;
}

export class FileFilter {
  readonly #ignored: (path: string) => boolean;
  readonly #maxBytes: number;
  readonly #maxAverageLineLength: number;

  constructor(options: FileFilterOptions = {}) {
    this.#ignored = compileGlobs(options.ignore ?? []);
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.#maxAverageLineLength = options.maxAverageLineLength ?? DEFAULT_MAX_AVERAGE_LINE_LENGTH;
  }

  get maxBytes(): number {
    return this.#maxBytes;
  }

  /**
   * `content` is the file's text, or just its size in bytes when the text has not been
   * read yet; then only path and size checks run, and a later call with the text decides.
   */
  classify(path: string, content: string | number): FileDecision {
    const normalized = path.replace(/\\/g, "/").replace(/^\.\//, "");
    if (!isScriptPath(normalized)) return skip("not-script");
    if (DECLARATION.test(normalized)) return skip("declaration");
    const dir = inExcludedDir(normalized);
    if (dir) return skip("excluded-dir", dir);
    if (this.#ignored(normalized)) return skip("ignored");
    if (MINIFIED_NAME.test(normalized)) return skip("minified-name");
    const bytes = typeof content === "number" ? content : Buffer.byteLength(content);
    if (bytes > this.#maxBytes) return skip("too-large", `${bytes} bytes`);
    if (typeof content === "number") return { action: "analyse" };
    if (content.slice(0, BINARY_SNIFF_CHARS).includes("\0")) return skip("binary");
    if (GENERATED.test(content.slice(0, GENERATED_HEADER_CHARS))) return skip("generated");
    if (content.length >= MINIFIED_MIN_CHARS) {
      const average = averageLineLength(content);
      if (average > this.#maxAverageLineLength) return skip(looksMinified(content) ? "minified" : "long-lines", `average line ${Math.round(average)} chars`);
    }
    return { action: "analyse" };
  }
}

function looksMinified(text: string): boolean {
  const sample = text.slice(0, PUNCTUATION_SAMPLE_CHARS);
  return (sample.match(CODE_PUNCTUATION)?.length ?? 0) >= sample.length * MINIFIED_PUNCTUATION_SHARE;
}

function skip(reason: SkipReason, detail?: string): FileDecision {
  return detail === undefined ? { action: "skip", reason } : { action: "skip", reason, detail };
}

/** One-off form; build a FileFilter to classify many files with the same globs. */
export function classifyFile(path: string, content: string | number, options: FileFilterOptions = {}): FileDecision {
  return new FileFilter(options).classify(path, content);
}
