import { randomBytes } from "node:crypto";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { KyselyStore } from "../../src/adapters/store/kysely-store.js";
import { openPostgresStore } from "../../src/adapters/store/open-postgres-store.js";
import { openStore } from "../../src/adapters/store/open-store.js";
import { defineStoreContract, type StoreBackend } from "./store.contract.js";
import { expectUpgradedMessageDeliverable, seedFirstSchema } from "./store-upgrade.js";

const databaseUrl = process.env.DATABASE_URL;
const servicesRequired = process.env.CONCORD_REQUIRE_SERVICES === "1";

if (!databaseUrl) {
  if (servicesRequired) {
    // CI promised a database: a silent skip here would hide a broken pipeline.
    it("PostgreSQL store contract needs DATABASE_URL", () => {
      throw new Error("CONCORD_REQUIRE_SERVICES=1 but DATABASE_URL is not set");
    });
  } else {
    console.warn("Skipping PostgreSQL store tests: DATABASE_URL is not set (set CONCORD_REQUIRE_SERVICES=1 to make this a failure).");
    it.skip("PostgreSQL store contract (DATABASE_URL not set)", () => {});
  }
} else {
  definePostgresTests(databaseUrl);
}

function definePostgresTests(url: string): void {
  // Every schema this file creates shares a random prefix, so parallel runs and other files never collide.
  const prefix = `concord_test_${randomBytes(4).toString("hex")}`;
  let counter = 0;
  const admin = new pg.Pool({ connectionString: url, max: 2 });

  afterAll(async () => {
    // Sweep anything a failed test left behind.
    const { rows } = await admin.query<{ nspname: string }>("select nspname from pg_namespace where nspname like $1", [`${prefix}%`]);
    for (const { nspname } of rows) await admin.query(`drop schema if exists "${nspname}" cascade`);
    await admin.end();
  });

  function freshPostgres(): Promise<StoreBackend> {
    const schema = `${prefix}_${counter++}`;
    const opened: KyselyStore[] = [];
    return Promise.resolve({
      schema,
      async open() {
        const store = await openPostgresStore(url, { schema });
        opened.push(store);
        return store;
      },
      async cleanup() {
        await Promise.all(opened.map((s) => s.close()));
        await admin.query(`drop schema if exists "${schema}" cascade`);
      },
    });
  }

  describe("Store contract on PostgreSQL", () => {
    defineStoreContract({ dialect: "postgres", fresh: freshPostgres });
  });

  describe("PostgreSQL specifics", () => {
    it("keeps each schema's tables apart", async () => {
      const one = await freshPostgres();
      const two = await freshPostgres();
      try {
        const a = await one.open();
        const b = await two.open();
        await a.setValue("k", "from a", "t");
        expect(await b.getValue("k")).toBeUndefined();
        const { rows } = await admin.query<{ n: string }>(
          "select count(*) as n from information_schema.tables where table_schema = $1 and table_name = 'kv'",
          [one.schema],
        );
        expect(Number(rows[0]?.n)).toBe(1);
      } finally {
        await one.cleanup();
        await two.cleanup();
      }
    });

    it("rejects a schema name that is not a plain identifier", async () => {
      await expect(openPostgresStore(url, { schema: "x; drop table kv" })).rejects.toThrow(/Invalid PostgreSQL schema/);
    });

    it("upgrades a store written before inbox leases: its waiting messages are still delivered", async () => {
      const backend = await freshPostgres();
      const schema = backend.schema!;
      const legacy = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` }) }) });
      try {
        await sql`create schema ${sql.id(schema)}`.execute(legacy);
        await seedFirstSchema(legacy, "postgres", schema);
        await legacy.destroy();
        await expectUpgradedMessageDeliverable(await backend.open());
      } finally {
        await backend.cleanup();
      }
    });

    it("openStore uses PostgreSQL when a database URL is given", async () => {
      const backend = await freshPostgres();
      const store = await openStore({ sqliteFile: "/nonexistent/never-created.sqlite", databaseUrl: url, postgres: { schema: backend.schema! } });
      try {
        expect(store.dialect).toBe("postgres");
        await store.setValue("k", "v", "t");
        const { rows } = await admin.query<{ value: string }>(`select value from "${backend.schema}".kv where key = 'k'`);
        expect(rows).toEqual([{ value: "v" }]);
      } finally {
        await store.close();
        await backend.cleanup();
      }
    });
  });
}
