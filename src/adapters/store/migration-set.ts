import type { ColumnDefinitionBuilder, Migration } from "kysely";
import type { StoreDialect } from "./schema.js";

/**
 * One owner's migrations by name: the store's infrastructure, or one feature's tables. Every set
 * runs in the same migrator (see storeMigrations), so names share one numbered sequence.
 */
export type MigrationSet = (dialect: StoreDialect) => Record<string, Migration>;

/**
 * The only place where the engines differ in DDL: SQLite needs `integer primary key autoincrement`
 * (so a deleted seq is never reused and FIFO stays strict), PostgreSQL an identity column.
 */
export function serialKey(dialect: StoreDialect): (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return dialect === "sqlite"
    ? (col) => col.primaryKey().autoIncrement()
    : (col) => col.primaryKey().generatedAlwaysAsIdentity();
}
