import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { KyselyStore } from "./kysely-store.js";
import { migrateToLatest } from "./migrations.js";
import type { StoreSchema } from "./schema.js";
import { applySqlitePragmas } from "./sqlite-pragmas.js";

/** Opens (creating if needed) a SQLite store file, sets durability PRAGMAs and applies migrations. */
export async function openSqliteStore(file: string): Promise<KyselyStore> {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  try {
    applySqlitePragmas(database);
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database }) });
  try {
    await migrateToLatest(db, "sqlite");
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStore(db, "sqlite");
}
