import type { ScanSummary } from "./model.js";
import { toStoredSummary, type StoredScan } from "./trends.js";

/** Scans kept for trends and the report's chart. */
export const HISTORY_LENGTH = 12;

/**
 * The history with this scan as its newest point, at most HISTORY_LENGTH long. A retried scan of
 * the SHA that already is the newest point replaces that point instead of adding a duplicate.
 */
export function withScan(history: readonly StoredScan[], sha: string, summary: ScanSummary, scannedAt: Date): StoredScan[] {
  const current: StoredScan = { scannedAt: scannedAt.toISOString(), sha, summary: toStoredSummary(summary) };
  const earlier = history.at(-1)?.sha === sha ? history.slice(0, -1) : history;
  return [...earlier, current].slice(-HISTORY_LENGTH);
}
