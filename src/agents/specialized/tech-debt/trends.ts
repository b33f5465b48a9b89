import { z } from "zod";
import { DebtCategory, Rating, type ScanSummary } from "./model.js";

/**
 * Trends over stored scans, with the seed's rule: pct = (latest − previous) / previous × 100;
 * above +10 % increasing, below −10 % decreasing, else stable; fewer than two scans is
 * insufficient_data. The seed divided by zero when the previous scan had no items; here 0 → 0
 * is stable and 0 → n is increasing with no percentage (null).
 */
export const StoredSummary = z.object({
  totalItems: z.number(),
  remediationMinutes: z.number(),
  loc: z.number(),
  ratio: z.number(),
  rating: Rating,
  byCategory: z.partialRecord(DebtCategory, z.number()),
  bySeverity: z.record(z.string(), z.number()),
});
export type StoredSummary = z.infer<typeof StoredSummary>;

export const StoredScan = z.object({ scannedAt: z.string(), sha: z.string(), summary: StoredSummary });
export type StoredScan = z.infer<typeof StoredScan>;

export type TrendDirection = "increasing" | "decreasing" | "stable";

export type TrendResult =
  | {
      trend: TrendDirection;
      currentItems: number;
      previousItems: number;
      change: number;
      /** null when the previous scan had none (a percentage of zero is undefined). */
      percentChange: number | null;
      scansAnalyzed: number;
    }
  | { trend: "insufficient_data"; scans: number };

export interface DebtTrends {
  total: TrendResult;
  byCategory: Partial<Record<DebtCategory, TrendResult>>;
}

export const TREND_THRESHOLD_PERCENT = 10;

export function computeTrends(scans: readonly StoredScan[]): DebtTrends {
  const latest = scans.at(-1);
  const previous = scans.at(-2);
  if (latest === undefined || previous === undefined) {
    return { total: { trend: "insufficient_data", scans: scans.length }, byCategory: {} };
  }
  const byCategory: Partial<Record<DebtCategory, TrendResult>> = {};
  for (const category of DebtCategory.options) {
    const current = latest.summary.byCategory[category] ?? 0;
    const before = previous.summary.byCategory[category] ?? 0;
    if (current === 0 && before === 0) continue;
    byCategory[category] = trendBetween(current, before, scans.length);
  }
  return { total: trendBetween(latest.summary.totalItems, previous.summary.totalItems, scans.length), byCategory };
}

export function trendBetween(current: number, previous: number, scansAnalyzed: number): TrendResult {
  const change = current - previous;
  if (previous === 0) {
    return { trend: current > 0 ? "increasing" : "stable", currentItems: current, previousItems: 0, change, percentChange: current > 0 ? null : 0, scansAnalyzed };
  }
  const percentChange = (change / previous) * 100;
  const trend: TrendDirection =
    percentChange > TREND_THRESHOLD_PERCENT ? "increasing" : percentChange < -TREND_THRESHOLD_PERCENT ? "decreasing" : "stable";
  return { trend, currentItems: current, previousItems: previous, change, percentChange: Math.round(percentChange * 100) / 100, scansAnalyzed };
}

/** What is stored per scan (the store's DebtScanRecord.summary, as JSON). */
export function toStoredSummary(summary: ScanSummary): StoredSummary {
  return {
    totalItems: summary.totalItems,
    remediationMinutes: summary.remediationMinutes,
    loc: summary.loc,
    ratio: summary.debtRatio,
    rating: summary.rating,
    byCategory: { ...summary.byCategory },
    bySeverity: { ...summary.bySeverity },
  };
}

/** A stored summary read back; fields that are missing or malformed (older rows) count as zero. */
export function parseStoredSummary(json: string): StoredSummary {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed !== null && typeof parsed === "object") raw = parsed as Record<string, unknown>;
  } catch {
    // A corrupt row must not break the report; it reads as an empty scan.
  }
  const num = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);
  const counts = (value: unknown): Record<string, number> => {
    const out: Record<string, number> = {};
    if (value !== null && typeof value === "object") for (const [key, count] of Object.entries(value)) out[key] = num(count);
    return out;
  };
  const rating = typeof raw.rating === "string" && /^[A-E]$/.test(raw.rating) ? (raw.rating as Rating) : "A";
  return {
    totalItems: num(raw.totalItems),
    remediationMinutes: num(raw.remediationMinutes),
    loc: num(raw.loc),
    ratio: num(raw.ratio),
    rating,
    byCategory: counts(raw.byCategory),
    bySeverity: counts(raw.bySeverity),
  };
}
