import type { DebtScanRepository } from "../../agents/specialized/tech-debt/history/debt-scan-repository.js";
import { HISTORY_LENGTH } from "../../agents/specialized/tech-debt/scan-history.js";
import { parseStoredSummary, type StoredScan } from "../../agents/specialized/tech-debt/trends.js";

/** The repository's stored scans, oldest first: the tech-debt agent's history input. */
export async function debtScanHistory(scans: DebtScanRepository, repo: string): Promise<StoredScan[]> {
  const rows = await scans.listScans(repo, HISTORY_LENGTH);
  return rows.map((row) => ({ scannedAt: row.scannedAt, sha: row.sha, summary: parseStoredSummary(row.summary) }));
}

/** Stores the scan's point; the repository skips it when it already is the newest (a retried delivery of the same SHA). */
export async function recordDebtScan(scans: DebtScanRepository, repo: string, scan: StoredScan): Promise<void> {
  await scans.recordScan({ repo, sha: scan.sha, scannedAt: scan.scannedAt, summary: JSON.stringify(scan.summary) });
}
