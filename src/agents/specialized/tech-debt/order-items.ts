import type { DebtItem, DebtSeverity } from "./model.js";

const SEVERITY_RANK: Readonly<Record<DebtSeverity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * Worst first, the one order every list of findings uses (scan results, check annotations, the
 * report issue, the action plan): severity, then how far the measured value is over its
 * threshold (a function at 4× the limit before one at 1.2×), then the time to fix it; path,
 * line and rule only break ties so the order is stable.
 */
export function compareWorstFirst(a: DebtItem, b: DebtItem): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    excess(b) - excess(a) ||
    b.remediationMinutes - a.remediationMinutes ||
    compareText(a.file, b.file) ||
    a.line - b.line ||
    compareText(a.rule, b.rule)
  );
}

export function worstFirst<T extends DebtItem>(items: readonly T[]): T[] {
  return [...items].sort(compareWorstFirst);
}

/** Measured value ÷ threshold; 0 for findings without a threshold (to-dos, smells). */
function excess(item: DebtItem): number {
  return item.value !== undefined && item.threshold !== undefined && item.threshold > 0 ? item.value / item.threshold : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
