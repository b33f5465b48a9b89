import type { Generated } from "kysely";

/** The tech-debt feature's table as Kysely sees it; the same on SQLite and PostgreSQL. */
export interface DebtScansTable {
  // Breaks ties between scans with the same scanned_at: the later insert is the newer point.
  id: Generated<number>;
  repo: string;
  sha: string;
  scanned_at: string;
  summary: string;
}

// A type alias, not an interface: Kysely's withTables wants a Record-compatible shape.
export type DebtScanTables = { debt_scans: DebtScansTable };
