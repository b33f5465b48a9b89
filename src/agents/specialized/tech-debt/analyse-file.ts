import { ts } from "ts-morph";
import { analyzeFunctions } from "./analysis/analyze-functions.js";
import { codeLinePrefix } from "./analysis/code-lines.js";
import type { FunctionMetrics } from "./analysis/function-metrics.js";
import { parseSource, SourceTooDeepError } from "./analysis/parse-source.js";
import { findAstSmells, type AstSmells } from "./ast-smells.js";

/** Everything the rules need from one file's syntax tree; the tree itself is not kept. */
export interface FileAnalysis extends AstSmells {
  path: string;
  /** Code lines: not blank, not only comments (Sonar's ncloc). */
  loc: number;
  /** The line the last token ends on (0 for a file without code): jscpd's line count of a file. */
  lastTokenLine: number;
  functions: FunctionMetrics[];
}

/** Why a file could not be analysed; the scan reports it as skipped and goes on. */
export class UnanalysableFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "UnanalysableFileError";
  }
}

/**
 * Parses the file once and runs every AST-based analysis on that one tree. Files with syntax
 * errors are refused rather than measured: the parser's error recovery invents nodes, so their
 * numbers would be wrong (ESLint reports such files as fatal, not as clean).
 */
export function analyseFile(path: string, text: string): FileAnalysis {
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = parseSource(path, text);
  } catch (error) {
    if (error instanceof SourceTooDeepError) throw new UnanalysableFileError(path, "too-deep: nests too deeply to parse");
    throw error;
  }
  const syntaxError = firstSyntaxError(sourceFile);
  if (syntaxError !== undefined) throw new UnanalysableFileError(path, `syntax-error: ${syntaxError}`);
  try {
    const functions = analyzeFunctions(sourceFile);
    const smells = findAstSmells(sourceFile);
    const prefix = codeLinePrefix(text, sourceFile.getLineStarts(), []);
    // The end-of-file token starts right after the last real token; trailing comments are its trivia.
    const codeEnd = sourceFile.endOfFileToken.pos;
    const lastTokenLine = codeEnd === 0 ? 0 : sourceFile.getLineAndCharacterOfPosition(codeEnd - 1).line + 1;
    return { path, loc: prefix[prefix.length - 1] ?? 0, lastTokenLine, functions, ...smells };
  } catch (error) {
    // The walks are iterative, but a stack overflow in a helper must still cost one file only.
    if (error instanceof RangeError) throw new UnanalysableFileError(path, `too-deep: ${error.message}`);
    throw error;
  }
}

/** The parser's first diagnostic, as "line N: message"; parseDiagnostics is internal but stable since TS 2. */
function firstSyntaxError(sourceFile: ts.SourceFile): string | undefined {
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  const first = diagnostics?.[0];
  if (first === undefined) return undefined;
  const line = first.start === undefined ? undefined : sourceFile.getLineAndCharacterOfPosition(first.start).line + 1;
  const message = ts.flattenDiagnosticMessageText(first.messageText, " ");
  return line === undefined ? message : `line ${line}: ${message}`;
}
