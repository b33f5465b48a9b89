import { Migrator, type Kysely } from "kysely";
import { expect } from "vitest";
import { storeMigrations } from "../../src/adapters/store/migrations.js";
import type { StoreDialect } from "../../src/adapters/store/schema.js";
import type { Store } from "../../src/ports/store.js";

/**
 * Brings empty storage to the first schema only and queues a message there, as a store written
 * before the lease migration would hold it.
 */
// Kysely<any>: the first schema is not StoreSchema any more.
export async function seedFirstSchema(db: Kysely<any>, dialect: StoreDialect, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(storeMigrations(dialect)) },
    ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateTo("0001_initial");
  if (error !== undefined) throw new Error("first migration failed", { cause: error });
  await db.insertInto("messages").values({ id: "queued-before", conversation_id: "c", body: "{}", created_at: "2024-01-01T00:00:00.000Z" }).execute();
  await db.insertInto("inbox").values({ agent_id: "a", message_id: "queued-before", priority_rank: 1 }).execute();
}

/** After the upgrade the old row is an ordinary waiting message: leased once, acked, gone. */
export async function expectUpgradedMessageDeliverable(store: Store): Promise<void> {
  const lease = { owner: "p", now: "2024-01-02T00:00:00.000Z", leaseUntil: "2024-01-02T00:01:00.000Z" };
  expect(await store.leaseNextMessage("a", lease)).toMatchObject({ id: "queued-before", leaseCount: 1 });
  expect(await store.ackMessage("a", "queued-before", "p")).toBe(true);
  expect(await store.countInbox()).toBe(0);
}
