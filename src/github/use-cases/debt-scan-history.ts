import { HISTORY_LENGTH } from "../../agents/specialized/tech-debt/scan-history.js";
import { parseStoredSummary, type StoredScan } from "../../agents/specialized/tech-debt/trends.js";
import type { DebtScanStore } from "../../ports/store.js";

/** The repository's stored scans, oldest first: the tech-debt agent's history input. */
export async function debtScanHistory(store: DebtScanStore, repo: string): Promise<StoredScan[]> {
  const rows = await store.listDebtScans(repo, HISTORY_LENGTH);
  return rows.map((row) => ({ scannedAt: row.scannedAt, sha: row.sha, summary: parseStoredSummary(row.summary) }));
}

/** Stores the scan's point, unless it is the newest one already (a retried delivery of the same SHA). */
export async function recordDebtScan(store: DebtScanStore, repo: string, scan: StoredScan): Promise<void> {
  const [newest] = (await store.listDebtScans(repo, 1)).slice(-1);
  if (newest?.sha === scan.sha) return;
  await store.addDebtScan({ repo, sha: scan.sha, scannedAt: scan.scannedAt, summary: JSON.stringify(scan.summary) });
}
