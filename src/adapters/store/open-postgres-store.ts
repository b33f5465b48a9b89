import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { KyselyStore } from "./kysely-store.js";
import { migrateToLatest } from "./migrations.js";
import type { StoreSchema } from "./schema.js";

export interface PostgresStoreOptions {
  /** Keep all tables in this schema (created if missing): tenants or test files stay apart. */
  schema?: string;
  /** Pool size; pg's default is 10. */
  maxConnections?: number;
  /**
   * An idle pooled connection failed (server restart, network). pg drops that connection and the next
   * query opens a new one, so by default this is ignored rather than crashing the process.
   */
  onPoolError?: (error: Error) => void;
}

// The name goes into a connection option, where it cannot be a bound parameter.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<KyselyStore> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name "${schema}" (use lower-case letters, digits and _)`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    ...(options.maxConnections !== undefined ? { max: options.maxConnections } : {}),
    // search_path on every pooled connection, so unqualified table names resolve to this schema only.
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on("error", (error) => options.onPoolError?.(error));
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema !== undefined) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    await migrateToLatest(db, "postgres", schema !== undefined ? { schema } : {});
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStore(db, "postgres");
}
