import { sql } from "kysely";
import { expect, it } from "vitest";
import { openPostgresStore } from "../../src/adapters/store/open-postgres-store.js";
import { openStore } from "../../src/adapters/store/open-store.js";
import { describeOnPostgres } from "./storage-engines.js";
import { expectUpgradedMessageDeliverable, seedFirstSchema } from "./store-upgrade.js";

describeOnPostgres("PostgreSQL specifics", (fresh, url) => {
  it("keeps each schema's tables apart", async () => {
    const one = await fresh();
    const two = await fresh();
    const probe = await one.connect();
    try {
      const a = await one.open();
      const b = await two.open();
      await a.setValue("k", "from a", "t");
      expect(await b.getValue("k")).toBeUndefined();
      const { rows } = await sql<{ n: string }>`select count(*) as n from information_schema.tables where table_schema = ${one.schema} and table_name = 'kv'`.execute(probe);
      expect(Number(rows[0]?.n)).toBe(1);
    } finally {
      await probe.destroy();
      await one.cleanup();
      await two.cleanup();
    }
  });

  it("rejects a schema name that is not a plain identifier", async () => {
    await expect(openPostgresStore(url, { schema: "x; drop table kv" })).rejects.toThrow(/Invalid PostgreSQL schema/);
  });

  it("upgrades a store written before inbox leases: its waiting messages are still delivered", async () => {
    const storage = await fresh();
    const legacy = await storage.connect();
    try {
      await seedFirstSchema(legacy, "postgres", storage.schema);
      await legacy.destroy();
      await expectUpgradedMessageDeliverable(await storage.open());
    } finally {
      await storage.cleanup();
    }
  });

  it("openStore uses PostgreSQL when a database URL is given", async () => {
    const storage = await fresh();
    const store = await openStore({ sqliteFile: "/nonexistent/never-created.sqlite", databaseUrl: url, postgres: { schema: storage.schema! } });
    const probe = await storage.connect();
    try {
      expect(store.dialect).toBe("postgres");
      await store.setValue("k", "v", "t");
      const { rows } = await sql<{ value: string }>`select value from ${sql.id(storage.schema!, "kv")} where key = 'k'`.execute(probe);
      expect(rows).toEqual([{ value: "v" }]);
    } finally {
      await probe.destroy();
      await store.close();
      await storage.cleanup();
    }
  });
});
