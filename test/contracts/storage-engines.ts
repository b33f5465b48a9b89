import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, describe, it } from "vitest";
import type { KyselyStore } from "../../src/adapters/store/kysely-store.js";
import { openPostgresStore } from "../../src/adapters/store/open-postgres-store.js";
import { openSqliteStore } from "../../src/adapters/store/open-sqlite-store.js";
import type { StoreDialect } from "../../src/adapters/store/schema.js";

/** Empty storage on one engine: a temporary SQLite file, or a PostgreSQL schema of its own. */
export interface Storage {
  readonly dialect: StoreDialect;
  /** PostgreSQL: the schema the tables live in. */
  readonly schema?: string;
  /** The store with every migration applied; call again for a second replica or after a restart. */
  open(): Promise<KyselyStore>;
  /** A bare connection, no migrations applied, to build what an older version left behind. The caller destroys it. */
  connect(): Promise<Kysely<any>>;
  /** Closes every store open() returned and removes the storage. */
  cleanup(): Promise<void>;
}

/**
 * A contract suite (the store's, or a feature repository's), defined once per engine: SQLite
 * always, PostgreSQL when DATABASE_URL is set.
 */
export function describeOnEachEngine(title: string, define: (fresh: () => Promise<Storage>, dialect: StoreDialect) => void): void {
  describe(`${title} on SQLite`, () => define(freshSqlite, "sqlite"));
  describeOnPostgres(`${title} on PostgreSQL`, (fresh) => define(fresh, "postgres"));
}

/**
 * A suite that needs PostgreSQL. Without DATABASE_URL it is skipped, or fails when
 * CONCORD_REQUIRE_SERVICES=1 (CI promised a database: a silent skip would hide a broken pipeline).
 */
export function describeOnPostgres(title: string, define: (fresh: () => Promise<Storage>, url: string) => void): void {
  describe(title, () => {
    const url = process.env.DATABASE_URL;
    if (url) {
      define(postgresStorages(url), url);
    } else if (process.env.CONCORD_REQUIRE_SERVICES === "1") {
      it("needs DATABASE_URL", () => {
        throw new Error("CONCORD_REQUIRE_SERVICES=1 but DATABASE_URL is not set");
      });
    } else {
      it.skip("needs DATABASE_URL (set CONCORD_REQUIRE_SERVICES=1 to make this a failure)", () => {});
    }
  });
}

async function freshSqlite(): Promise<Storage> {
  const dir = await mkdtemp(join(tmpdir(), "concord-storage-"));
  const file = join(dir, "store.sqlite");
  const opened: KyselyStore[] = [];
  return {
    dialect: "sqlite",
    async open() {
      const store = await openSqliteStore(file);
      opened.push(store);
      return store;
    },
    connect: () => Promise.resolve(new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(file) }) })),
    async cleanup() {
      await Promise.all(opened.map((s) => s.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Registers its own sweep: every schema it made shares a random prefix and is dropped after the suite. */
function postgresStorages(url: string): () => Promise<Storage> {
  const prefix = `concord_test_${randomBytes(4).toString("hex")}`;
  let counter = 0;
  const admin = new pg.Pool({ connectionString: url, max: 2 });

  afterAll(async () => {
    const { rows } = await admin.query<{ nspname: string }>("select nspname from pg_namespace where nspname like $1", [`${prefix}%`]);
    for (const { nspname } of rows) await admin.query(`drop schema if exists "${nspname}" cascade`);
    await admin.end();
  });

  return () => {
    const schema = `${prefix}_${counter++}`;
    const opened: KyselyStore[] = [];
    return Promise.resolve({
      dialect: "postgres",
      schema,
      async open() {
        const store = await openPostgresStore(url, { schema });
        opened.push(store);
        return store;
      },
      async connect() {
        const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` }) }) });
        await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
        return db;
      },
      async cleanup() {
        await Promise.all(opened.map((s) => s.close()));
        await admin.query(`drop schema if exists "${schema}" cascade`);
      },
    });
  };
}
