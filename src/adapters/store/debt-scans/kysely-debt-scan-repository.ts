import { sql, type Kysely, type Selectable } from "kysely";
import type { DebtScanRecord, DebtScanRepository } from "../../../agents/specialized/tech-debt/history/debt-scan-repository.js";
import type { StoreConnection, StoreDialect } from "../schema.js";
import type { DebtScanTables, DebtScansTable } from "./debt-scans-table.js";

/** Debt scan history in the store's database (table debt_scans, migration 0003_debt_scans). */
export class KyselyDebtScanRepository implements DebtScanRepository {
  private readonly db: Kysely<DebtScanTables>;
  private readonly dialect: StoreDialect;

  constructor(connection: StoreConnection) {
    this.db = connection.db.withTables<DebtScanTables>();
    this.dialect = connection.dialect;
  }

  async recordScan(scan: DebtScanRecord): Promise<boolean> {
    // SQLite: one statement takes the write lock before it reads, so it is atomic on its own.
    if (this.dialect === "sqlite") return insertUnlessNewest(this.db, scan);
    return this.db.transaction().execute(async (trx) => {
      // PostgreSQL: a concurrent record's row is invisible until it commits, so records of one
      // repository queue on a lock held to commit; each then reads the previous one's row.
      await sql`select pg_advisory_xact_lock(hashtext(${`debt_scans:${scan.repo}`}))`.execute(trx);
      return insertUnlessNewest(trx, scan);
    });
  }

  async listScans(repo: string, limit: number): Promise<DebtScanRecord[]> {
    if (limit <= 0) return [];
    const rows = await this.db
      .selectFrom("debt_scans")
      .selectAll()
      .where("repo", "=", repo)
      .orderBy("scanned_at", "desc")
      .orderBy("id", "desc")
      .limit(Math.floor(limit))
      .execute();
    return rows.reverse().map(toDebtScanRecord);
  }
}

/** One conditional insert: no window between "is this SHA the newest point?" and the write. */
async function insertUnlessNewest(db: Kysely<DebtScanTables>, scan: DebtScanRecord): Promise<boolean> {
  const newest = db
    .selectFrom("debt_scans")
    .select("sha")
    .where("repo", "=", scan.repo)
    .orderBy("scanned_at", "desc")
    .orderBy("id", "desc")
    .limit(1);
  const inserted = await db
    .insertInto("debt_scans")
    .columns(["repo", "sha", "scanned_at", "summary"])
    .expression(
      db
        .selectNoFrom((eb) => [
          eb.val(scan.repo).as("repo"),
          eb.val(scan.sha).as("sha"),
          eb.val(scan.scannedAt).as("scanned_at"),
          eb.val(scan.summary).as("summary"),
        ])
        .where((eb) => eb.not(eb.exists(eb.selectFrom(newest.as("newest")).select("newest.sha").where("newest.sha", "=", scan.sha)))),
    )
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

function toDebtScanRecord(row: Selectable<DebtScansTable>): DebtScanRecord {
  return { repo: row.repo, sha: row.sha, scannedAt: row.scanned_at, summary: row.summary };
}
