import { z } from "zod";
import type { FunctionMetrics } from "./analysis/function-metrics.js";
import type { CloneRange } from "./duplication/clone-pair.js";

/** The seed's categories and severities (product-anchors §1.6), wire values lowercase. */
export const DebtCategory = z.enum([
  "code_smell",
  "duplication",
  "complexity",
  "security",
  "performance",
  "documentation",
  "testing",
  "architecture",
  "deprecated",
  "todo_fixme",
]);
export type DebtCategory = z.infer<typeof DebtCategory>;

export const DebtSeverity = z.enum(["critical", "high", "medium", "low"]);
export type DebtSeverity = z.infer<typeof DebtSeverity>;

/** A place in the repository: a path and 1-based inclusive lines. */
export const CodeLocation = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  endLine: z.number().int().positive(),
});
export type CodeLocation = z.infer<typeof CodeLocation>;

/** One finding. The fingerprint survives line moves: rule + file + normalised code, no line numbers. */
export const DebtItem = z.object({
  fingerprint: z.string(),
  rule: z.string(),
  category: DebtCategory,
  severity: DebtSeverity,
  file: z.string(),
  line: z.number().int().positive(),
  endLine: z.number().int().positive(),
  message: z.string(),
  remediationMinutes: z.number().nonnegative(),
  /** The function or class the finding is about, when there is one. */
  symbol: z.string().optional(),
  /** The measured value (complexity, lines, parameters, …) when the rule compares one to a threshold. */
  value: z.number().optional(),
  threshold: z.number().optional(),
  /** Duplicated code: every copy, in path order; the item sits at the first copy in the analysed files. */
  locations: z.array(CodeLocation).optional(),
});
export type DebtItem = z.infer<typeof DebtItem>;

export const Rating = z.enum(["A", "B", "C", "D", "E"]);
export type Rating = z.infer<typeof Rating>;

/** A function as `concord scan --format json` reports it: the metrics without the internal kind and nesting. */
export type FunctionReport = Pick<FunctionMetrics, "name" | "line" | "column" | "endLine" | "cyclomatic" | "cognitive" | "params" | "loc">;

export interface FileReport {
  path: string;
  loc: number;
  functions: FunctionReport[];
}

/** A clone pair as jscpd reports it (`concord scan --format json` lists them). */
export interface CloneReportEntry {
  tokens: number;
  lines: number;
  a: CloneRange;
  b: CloneRange;
}

export interface TodoEntry {
  path: string;
  line: number;
  kind: "TODO" | "FIXME" | "HACK" | "XXX";
  text: string;
  /** The owner named in parentheses right after the marker. */
  owner?: string;
  author?: string;
  /** Days since the line was last changed, from git blame. */
  ageDays?: number;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface ScanSummary {
  files: number;
  loc: number;
  functions: number;
  totalItems: number;
  remediationMinutes: number;
  /** remediation minutes / (loc × 30), SonarQube's debt ratio. */
  debtRatio: number;
  rating: Rating;
  /** jscpd's figures: Σ lines of the first copy of each clone pair whose first copy is in these files, and that over their lines. */
  duplicatedLines: number;
  duplicatedLinesPercent: number;
  byCategory: Partial<Record<DebtCategory, number>>;
  bySeverity: Partial<Record<DebtSeverity, number>>;
  skipped: number;
}

/** Findings and figures of one kind of code: the application code, or the test code beside it. */
export interface ScanSection {
  summary: ScanSummary;
  files: FileReport[];
  /** Worst first (see order-items.ts). */
  items: DebtItem[];
  todos: TodoEntry[];
}

/**
 * A scan. The top-level section is the code that is rated and gated; test files are analysed
 * apart into `tests` (unless the settings include them with the code, or exclude them).
 */
export interface ScanResult extends ScanSection {
  tests?: ScanSection;
  clones: CloneReportEntry[];
  skipped: SkippedFile[];
  /** What limited the scan as a whole (e.g. duplication not measured), for people reading the result. */
  warnings: string[];
  /** Why duplicated code was not measured, when it was not (also among the warnings). */
  duplicationUnmeasured?: string;
  /** Commits per analysed file in the churn window, when history was available (hotspots). */
  churn?: Record<string, number>;
}
