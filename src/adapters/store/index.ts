export { KyselyStore } from "./kysely-store.js";
export { migrateToLatest, storeMigrations } from "./migrations.js";
export { openPostgresStore, type PostgresStoreOptions } from "./open-postgres-store.js";
export { openSqliteStore } from "./open-sqlite-store.js";
export { openStore, type OpenStoreOptions } from "./open-store.js";
export { readSqlitePragmas, REQUIRED_SQLITE_PRAGMAS, type SqlitePragmas } from "./sqlite-pragmas.js";
export type { StoreDialect, StoreSchema } from "./schema.js";
