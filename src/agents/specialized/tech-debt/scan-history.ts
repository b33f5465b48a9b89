import type { Store } from "../../../ports/store.js";
import type { ScanSummary } from "./model.js";
import { parseStoredSummary, toStoredSummary, type StoredScan } from "./trends.js";

/** Scans kept for trends and the report's chart. */
export const HISTORY_LENGTH = 12;

export interface RecordTarget {
  repo: string;
  sha: string;
}

/**
 * Appends this scan to the repository's stored history and returns the last HISTORY_LENGTH
 * scans, oldest first, this one included. A retried delivery for a SHA that is already the
 * newest stored scan replaces that point instead of adding a duplicate.
 */
export async function recordScan(store: Store, target: RecordTarget, summary: ScanSummary, scannedAt: Date): Promise<StoredScan[]> {
  const stored = await store.listDebtScans(target.repo, HISTORY_LENGTH);
  const history: StoredScan[] = stored.map((record) => ({ scannedAt: record.scannedAt, sha: record.sha, summary: parseStoredSummary(record.summary) }));
  const current: StoredScan = { scannedAt: scannedAt.toISOString(), sha: target.sha, summary: toStoredSummary(summary) };
  if (history.at(-1)?.sha === target.sha) {
    history[history.length - 1] = current;
  } else {
    await store.addDebtScan({ repo: target.repo, sha: target.sha, scannedAt: current.scannedAt, summary: JSON.stringify(current.summary) });
    history.push(current);
  }
  return history.slice(-HISTORY_LENGTH);
}
