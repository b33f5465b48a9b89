/** One stored tech-debt scan of a repository's default branch: a point of its trend. */
export interface DebtScanRecord {
  repo: string;
  sha: string;
  /** ISO-8601, UTC. */
  scannedAt: string;
  /** JSON of a StoredSummary (trends.ts): { totalItems, remediationMinutes, loc, ratio, rating, byCategory, bySeverity }. */
  summary: string;
}

/** Where the tech-debt feature keeps its scan history. */
export interface DebtScanRepository {
  /**
   * Adds the scan as its repository's newest point, unless the newest point already is this SHA
   * (a retried delivery, or a second report of an unchanged branch): then nothing is written and
   * the result is false. Atomic, so concurrent records of the same scan add it once.
   */
  recordScan(scan: DebtScanRecord): Promise<boolean>;
  /** The repository's newest `limit` scans by scan time, oldest first. */
  listScans(repo: string, limit: number): Promise<DebtScanRecord[]>;
}
