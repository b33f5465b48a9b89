import type { DebtCategory, DebtItem, DebtSeverity, ScanSummary } from "./model.js";
import { debtRatio, ratingFor } from "./rating.js";

export interface SummaryInput {
  files: number;
  loc: number;
  functions: number;
  items: readonly DebtItem[];
  duplicatedLines: number;
  /** Physical lines the duplication percentage is taken over. */
  totalLines: number;
  skipped: number;
}

export function summarize(input: SummaryInput): ScanSummary {
  const byCategory: Partial<Record<DebtCategory, number>> = {};
  const bySeverity: Partial<Record<DebtSeverity, number>> = {};
  let minutes = 0;
  for (const item of input.items) {
    byCategory[item.category] = (byCategory[item.category] ?? 0) + 1;
    bySeverity[item.severity] = (bySeverity[item.severity] ?? 0) + 1;
    minutes += item.remediationMinutes;
  }
  const ratio = debtRatio(minutes, input.loc);
  return {
    files: input.files,
    loc: input.loc,
    functions: input.functions,
    totalItems: input.items.length,
    remediationMinutes: minutes,
    debtRatio: ratio,
    rating: ratingFor(ratio),
    duplicatedLines: input.duplicatedLines,
    // jscpd's rounding: two decimals.
    duplicatedLinesPercent: input.totalLines === 0 ? 0 : Math.round((10_000 * input.duplicatedLines) / input.totalLines) / 100,
    byCategory,
    bySeverity,
    skipped: input.skipped,
  };
}
