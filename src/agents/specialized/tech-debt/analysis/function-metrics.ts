/** What kind of code unit a metrics row describes; mirrors the code paths ESLint measures. */
export type FunctionKind =
  | "function"
  | "method"
  | "arrow"
  | "constructor"
  | "getter"
  | "setter"
  | "class-field-initializer"
  | "class-static-block";

/**
 * Size and complexity of one function-like unit. `cyclomatic` equals ESLint's core
 * `complexity` rule and `cognitive` equals eslint-plugin-sonarjs `cognitive-complexity`
 * for the same unit; see analyze-functions.ts for the exact correspondence.
 */
export interface FunctionMetrics {
  name: string;
  kind: FunctionKind;
  /** 1-based line of the unit's first token (decorators and export/default excluded). */
  line: number;
  /** 1-based column, in UTF-16 code units like ESLint. */
  column: number;
  endLine: number;
  cyclomatic: number;
  cognitive: number;
  params: number;
  /** Non-blank lines of the unit that hold something other than comments. */
  loc: number;
  /** Deepest nesting of if/switch/try/loop/with statements, as ESLint's `max-depth` counts it. */
  maxNesting: number;
}
