import type { Kysely, Migration } from "kysely";
import { serialKey, type MigrationSet } from "../migration-set.js";
import type { StoreDialect } from "../schema.js";

// Kysely<any> on purpose: a migration must keep working after DebtScansTable moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */
function debtScansTable(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      // ifNotExists: databases created before this migration existed got the same table and index
      // from 0001_initial, with rows that must stay.
      await db.schema
        .createTable("debt_scans")
        .ifNotExists()
        .addColumn("id", "integer", serialKey(dialect))
        .addColumn("repo", "text", (c) => c.notNull())
        .addColumn("sha", "text", (c) => c.notNull())
        .addColumn("scanned_at", "text", (c) => c.notNull())
        .addColumn("summary", "text", (c) => c.notNull())
        .execute();
      // listScans(repo, limit) and the newest-point check read newest first per repo.
      await db.schema
        .createIndex("debt_scans_repo_scanned_idx")
        .ifNotExists()
        .on("debt_scans")
        .columns(["repo", "scanned_at", "id"])
        .execute();
    },
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Tech-debt scan history (trends). */
export const debtScanMigrations: MigrationSet = (dialect) => ({
  "0003_debt_scans": debtScansTable(dialect),
});
