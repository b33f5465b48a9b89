import type { ScanComparison } from "../../agents/specialized/tech-debt/compare-scans.js";
import type { DebtItem, DebtSeverity, Rating } from "../../agents/specialized/tech-debt/model.js";
import { markdownTable, type TableCell } from "../markdown-table.js";

/** Shared pieces of the tech-debt markdown. Every string from code or config goes through escaping (tables escape cells). */

export const SEVERITY_LABEL: Readonly<Record<DebtSeverity, string>> = {
  critical: "🔴 critical",
  high: "🟠 high",
  medium: "🟡 medium",
  low: "⚪ low",
};

/** A ratio as a percentage with one decimal: 0.0623 → "6.2 %". */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

/** "B → C (debt ratio 6.2 % → 11.0 %, +4.8 points)"; "B (debt ratio 6.2 %, unchanged)" when equal. */
export function ratingChange(before: Rating, after: Rating, ratioBefore: number, ratioAfter: number): string {
  const points = (ratioAfter - ratioBefore) * 100;
  const rounded = Math.round(points * 10) / 10;
  if (before === after && rounded === 0) return `**${after}** (debt ratio ${percent(ratioAfter)}, unchanged)`;
  const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "±";
  return `**${before} → ${after}** (debt ratio ${percent(ratioBefore)} → ${percent(ratioAfter)}, ${sign}${Math.abs(rounded).toFixed(1)} points)`;
}

export function location(item: Pick<DebtItem, "file" | "line" | "endLine">): string {
  return item.endLine > item.line ? `${item.file}:${item.line}-${item.endLine}` : `${item.file}:${item.line}`;
}

/** Items as a table, at most `max` rows, with a line saying how many were left out. */
export function itemTable(items: readonly DebtItem[], max: number): string {
  const rows: TableCell[][] = items
    .slice(0, max)
    .map((item) => [SEVERITY_LABEL[item.severity], { code: item.rule }, { code: location(item) }, item.message, `${item.remediationMinutes} min`]);
  const table = markdownTable(["severity", "rule", "where", "what", "effort"], rows, { align: ["left", "left", "left", "left", "right"] });
  const rest = items.length - max;
  return rest > 0 ? `${table}\n\n… and ${rest} more.` : table;
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

/** Minutes as "45 min" or "3.5 h". */
export function effort(minutes: number): string {
  return minutes < 60 ? `${Math.round(minutes)} min` : `${Math.round(minutes / 6) / 10} h`;
}

/** One line on the changed test files: shown beside the check's verdict, never part of it. */
export function testCodeNote(tests: Pick<ScanComparison, "introduced" | "worsened" | "fixed">): string {
  const { introduced, worsened, fixed } = tests;
  if (introduced.length + worsened.length + fixed.length === 0) return "**Test code** (not gated): no change in its debt.";
  return `**Test code** (not gated): ${plural(introduced.length, "new item")}, ${worsened.length} worsened, ${fixed.length} fixed.`;
}
