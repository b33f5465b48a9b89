import type { Store } from "../../ports/store.js";
import { openPostgresStore, type PostgresStoreOptions } from "./open-postgres-store.js";
import { openSqliteStore } from "./open-sqlite-store.js";

export interface OpenStoreOptions {
  /** Used when no databaseUrl is given (single-process mode). */
  sqliteFile: string;
  /** A postgres:// URL selects PostgreSQL (distributed mode). */
  databaseUrl?: string | undefined;
  postgres?: PostgresStoreOptions;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const url = options.databaseUrl?.trim();
  if (url) return openPostgresStore(url, options.postgres);
  return openSqliteStore(options.sqliteFile);
}
