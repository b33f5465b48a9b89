import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { KyselyStore } from "../../src/adapters/store/kysely-store.js";
import { openSqliteStore } from "../../src/adapters/store/open-sqlite-store.js";
import { openStore } from "../../src/adapters/store/open-store.js";
import { createTestStore } from "../helpers/test-store.js";
import { expectUpgradedMessageDeliverable, seedFirstSchema } from "./store-upgrade.js";

describe("SQLite specifics", () => {
  const dirs: string[] = [];
  const stores: KyselyStore[] = [];
  const tempDir = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), "concord-sqlite-"));
    dirs.push(dir);
    return dir;
  };

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it("sets the durability PRAGMAs on the connection (C5)", async () => {
    const store = await openSqliteStore(join(await tempDir(), "s.sqlite"));
    stores.push(store);
    const read = async (name: string): Promise<unknown> => {
      const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(store.db);
      return Object.values(rows[0] ?? {})[0];
    };
    expect(String(await read("journal_mode")).toLowerCase()).toBe("wal");
    expect(Number(await read("busy_timeout"))).toBe(50);
    expect(Number(await read("synchronous"))).toBe(2); // FULL
    expect(Number(await read("foreign_keys"))).toBe(1);
  });

  it("creates missing parent folders", async () => {
    const file = join(await tempDir(), "a", "b", "store.sqlite");
    const store = await openSqliteStore(file);
    stores.push(store);
    expect(existsSync(file)).toBe(true);
  });

  it("waits for another connection's write lock instead of failing with SQLITE_BUSY (C5)", async () => {
    const file = join(await tempDir(), "s.sqlite");
    const store = await openSqliteStore(file);
    stores.push(store);
    // Another thread holds a write transaction for 300 ms; a synchronous driver cannot release it
    // from this thread, so this is the honest way to have a second writer in the way.
    const holder = new Worker(
      `const { parentPort, workerData } = require("node:worker_threads");
       const Database = require("better-sqlite3");
       const db = new Database(workerData.file);
       db.exec("BEGIN IMMEDIATE");
       db.prepare("INSERT INTO kv (key, value, updated_at) VALUES ('held', 'x', 'now')").run();
       parentPort.postMessage("locked");
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
       db.exec("COMMIT");
       db.close();
       parentPort.postMessage("released");`,
      { eval: true, workerData: { file } },
    );
    const released = new Promise<void>((resolve) => holder.on("message", (m) => m === "released" && resolve()));
    await new Promise<void>((resolve) => holder.once("message", () => resolve()));

    const started = Date.now();
    await store.setValue("mine", "y", "now");
    const waited = Date.now() - started;

    await released;
    await holder.terminate();
    expect(waited).toBeGreaterThanOrEqual(150);
    expect(await store.getValue("mine")).toBe("y");
    expect(await store.getValue("held")).toBe("x");
  });

  it("upgrades a store written before inbox leases: its waiting messages are still delivered", async () => {
    const file = join(await tempDir(), "s.sqlite");
    const legacy = new Kysely({ dialect: new SqliteDialect({ database: new Database(file) }) });
    await seedFirstSchema(legacy, "sqlite");
    await legacy.destroy();

    const store = await openSqliteStore(file);
    stores.push(store);
    await expectUpgradedMessageDeliverable(store);
  });

  it("openStore uses SQLite when no database URL is given", async () => {
    const file = join(await tempDir(), "s.sqlite");
    for (const databaseUrl of [undefined, "", "  "]) {
      const store = await openStore({ sqliteFile: file, databaseUrl });
      expect(store.dialect).toBe("sqlite");
      await store.close();
    }
    expect(existsSync(file)).toBe(true);
  });

  it("createTestStore gives a working store and cleans up its folder", async () => {
    const { store, file, cleanup } = await createTestStore();
    expect(store.dialect).toBe("sqlite");
    expect(await store.recordDelivery({ id: "d", event: "push", action: null, payload: "{}", receivedAt: "t" })).toBe("inserted");
    expect(existsSync(file)).toBe(true);
    await cleanup();
    expect(existsSync(file)).toBe(false);
    await expect(cleanup()).resolves.toBeUndefined();
  });
});
