import { ts } from "ts-morph";

/** Thrown when a file nests so deeply that the TypeScript parser exhausts the call stack. */
export class SourceTooDeepError extends Error {
  constructor(readonly path: string) {
    super(`${path} nests too deeply to parse`);
    this.name = "SourceTooDeepError";
  }
}

const KIND_BY_EXTENSION: Record<string, ts.ScriptKind> = {
  ts: ts.ScriptKind.TS,
  mts: ts.ScriptKind.TS,
  cts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
  js: ts.ScriptKind.JS,
  mjs: ts.ScriptKind.JS,
  cjs: ts.ScriptKind.JS,
  jsx: ts.ScriptKind.JSX,
};

export function scriptKindFor(path: string): ts.ScriptKind {
  const dot = path.lastIndexOf(".");
  const extension = dot < 0 ? "" : path.slice(dot + 1).toLowerCase();
  return KIND_BY_EXTENSION[extension] ?? ts.ScriptKind.TS;
}

/**
 * Parses without binding or type-checking. Parent pointers and JSDoc are skipped because the
 * metrics walk needs neither, and both cost measurable parse time on large trees.
 * The TypeScript parser is recursive: a file with thousands of nested blocks overflows the
 * stack, which surfaces here as SourceTooDeepError so a scan can skip that one file.
 */
export function parseSource(path: string, text: string): ts.SourceFile {
  try {
    return ts.createSourceFile(
      path,
      text,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
      false,
      scriptKindFor(path),
    );
  } catch (error) {
    if (error instanceof RangeError) throw new SourceTooDeepError(path);
    throw error;
  }
}
