import { Migrator, type Kysely, type Migration } from "kysely";
import { infrastructureMigrations } from "../../src/adapters/store/infrastructure-migrations.js";
import { serialKey } from "../../src/adapters/store/migration-set.js";
import type { StoreDialect } from "../../src/adapters/store/schema.js";

/**
 * Leaves the database as a version before 0003_debt_scans did: 0001_initial and 0002 applied, with
 * 0001 still creating debt_scans (the DDL below is that 0001's, frozen), and `rows` in it.
 */
export async function seedBeforeDebtScanMigration(
  db: Kysely<any>,
  dialect: StoreDialect,
  rows: { repo: string; sha: string; scanned_at: string; summary: string }[],
  schema?: string,
): Promise<void> {
  const current = infrastructureMigrations(dialect);
  const initial: Migration = {
    async up(trx: Kysely<any>) {
      await current["0001_initial"]!.up(trx);
      await trx.schema
        .createTable("debt_scans")
        .addColumn("id", "integer", serialKey(dialect))
        .addColumn("repo", "text", (c) => c.notNull())
        .addColumn("sha", "text", (c) => c.notNull())
        .addColumn("scanned_at", "text", (c) => c.notNull())
        .addColumn("summary", "text", (c) => c.notNull())
        .execute();
      await trx.schema.createIndex("debt_scans_repo_scanned_idx").on("debt_scans").columns(["repo", "scanned_at", "id"]).execute();
    },
  };
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...current, "0001_initial": initial }) },
    ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw new Error("the old migrations failed", { cause: error });
  await db.insertInto("debt_scans").values(rows).execute();
}
