import { z } from "zod";
import type { FunctionMetrics } from "./analysis/function-metrics.js";

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

export interface CloneLocation {
  path: string;
  startLine: number;
  endLine: number;
}

export interface CloneReportEntry {
  tokens: number;
  lines: number;
  a: CloneLocation;
  b: CloneLocation;
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
  duplicatedLines: number;
  duplicatedLinesPercent: number;
  byCategory: Partial<Record<DebtCategory, number>>;
  bySeverity: Partial<Record<DebtSeverity, number>>;
  skipped: number;
}

/** `concord scan --format json` prints exactly this shape. */
export interface ScanResult {
  summary: ScanSummary;
  files: FileReport[];
  items: DebtItem[];
  clones: CloneReportEntry[];
  todos: TodoEntry[];
  skipped: SkippedFile[];
  /** Commits per analysed file in the churn window, when history was available (hotspots). */
  churn?: Record<string, number>;
}
