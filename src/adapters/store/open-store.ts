import type { KyselyStore } from "./kysely-store.js";
import { openPostgresStore, type PostgresStoreOptions } from "./open-postgres-store.js";
import { openSqliteStore } from "./open-sqlite-store.js";

export interface OpenStoreOptions {
  /** Used when no databaseUrl is given (single-process mode). */
  sqliteFile: string;
  /** A postgres:// URL selects PostgreSQL (distributed mode). */
  databaseUrl?: string | undefined;
  postgres?: PostgresStoreOptions;
}

/** The store on the configured engine, with its connection for the feature repositories. */
export async function openStore(options: OpenStoreOptions): Promise<KyselyStore> {
  const url = options.databaseUrl?.trim();
  if (url) return openPostgresStore(url, options.postgres);
  return openSqliteStore(options.sqliteFile);
}
