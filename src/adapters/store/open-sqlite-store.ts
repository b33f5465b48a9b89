import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Kysely } from "kysely";
import { explainSqliteOpenError } from "./explain-sqlite-open-error.js";
import { KyselyStore } from "./kysely-store.js";
import { migrateToLatest } from "./migrations.js";
import type { StoreSchema } from "./schema.js";
import { busyRetryingSqliteDialect } from "./sqlite-driver.js";
import { applySqlitePragmas } from "./sqlite-pragmas.js";

export interface SqliteStoreOptions {
  /** How long a statement retries while another process holds the file's write lock (default 1000 ms). */
  busyBudgetMs?: number;
}

const DEFAULT_SQLITE_BUSY_BUDGET_MS = 1000;

/**
 * Opens (creating if needed) a SQLite store file, sets durability PRAGMAs and applies migrations.
 * A path that cannot be used throws a StartupError that says why in one sentence.
 */
export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<KyselyStore> {
  const inMemory = file === ":memory:";
  try {
    if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw explainSqliteOpenError(file, error);
  }
  const dialect = busyRetryingSqliteDialect({
    open: () => openWithPragmas(file),
    writable: () => inMemory || isWritable(file),
    busyBudgetMs: options.busyBudgetMs ?? DEFAULT_SQLITE_BUSY_BUDGET_MS,
  });
  const db = new Kysely<StoreSchema>({ dialect });
  try {
    // The driver opens the file on the first statement, so an unusable file fails here too.
    await migrateToLatest(db, "sqlite");
  } catch (error) {
    await db.destroy();
    throw explainSqliteOpenError(file, error);
  }
  return new KyselyStore(db, "sqlite");
}

function openWithPragmas(file: string): Database.Database {
  const database = new Database(file);
  try {
    applySqlitePragmas(database);
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}

/**
 * SQLite opens the file read-only when it or a WAL companion cannot be written, or when a missing
 * companion cannot be created in its folder.
 */
function isWritable(file: string): boolean {
  const companions = [`${file}-wal`, `${file}-shm`];
  const paths = [file, ...companions].filter((path) => existsSync(path));
  if (!companions.every((path) => existsSync(path))) paths.push(dirname(file));
  try {
    for (const path of paths) accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
