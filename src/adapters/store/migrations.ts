import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import { debtScanMigrations } from "./debt-scans/debt-scan-migrations.js";
import { infrastructureMigrations } from "./infrastructure-migrations.js";
import type { MigrationSet } from "./migration-set.js";
import type { StoreDialect } from "./schema.js";

/** The store's own set first, then one per feature that keeps tables in the store's database. */
const MIGRATION_SETS: readonly MigrationSet[] = [infrastructureMigrations, debtScanMigrations];

const MIGRATION_NAME = /^(\d{4})_[a-z0-9_]+$/;

/**
 * Every set's migrations, for one migrator: Kysely applies them in name order and refuses a new
 * name that sorts before an applied one, so the numbers form one sequence across all sets. A new
 * migration, whichever set owns it, takes the next free number; never rename or edit an applied one.
 */
export function storeMigrations(dialect: StoreDialect): Record<string, Migration> {
  return mergeMigrationSets(MIGRATION_SETS, dialect);
}

/** Throws on a name that is not `NNNN_snake_case`, or on a number two migrations share. */
export function mergeMigrationSets(sets: readonly MigrationSet[], dialect: StoreDialect): Record<string, Migration> {
  const merged: Record<string, Migration> = {};
  const owners = new Map<string, string>();
  for (const set of sets) {
    for (const [name, migration] of Object.entries(set(dialect))) {
      const number = MIGRATION_NAME.exec(name)?.[1];
      if (number === undefined) throw new Error(`Store migration name "${name}" must look like 0004_what_it_does`);
      const taken = owners.get(number);
      if (taken !== undefined) throw new Error(`Store migrations "${taken}" and "${name}" share the number ${number}`);
      owners.set(number, name);
      merged[name] = migration;
    }
  }
  return merged;
}

class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: StoreDialect) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(storeMigrations(this.dialect));
  }
}

// Kysely<any>: the migrator creates tables the store's types do not know yet.
/* eslint-disable @typescript-eslint/no-explicit-any */
/** Applies pending migrations; a no-op when the schema is current. Throws with the first failure. */
export async function migrateToLatest(
  db: Kysely<any>,
  dialect: StoreDialect,
  options: { schema?: string } = {},
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new InCodeMigrationProvider(dialect),
    // Without it Kysely looks for its bookkeeping tables in every schema and can find another tenant's.
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Store migration ${failed} failed`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
/* eslint-enable @typescript-eslint/no-explicit-any */
