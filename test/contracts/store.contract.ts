import fc from "fast-check";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KyselyStore } from "../../src/adapters/store/kysely-store.js";
import { migrateToLatest } from "../../src/adapters/store/migrations.js";
import type { MessageLease, NewDelivery, Store, StoredMessage } from "../../src/ports/store.js";

/**
 * One suite, every engine (reliability M5). A harness hands out fresh, empty storage; `open` may be
 * called again on the same storage to get a second instance (another replica) or a restart.
 */
export interface StoreBackend {
  open(): Promise<KyselyStore>;
  /** Closes every store this backend opened and removes the storage. */
  cleanup(): Promise<void>;
  /** PostgreSQL schema the tables live in, if any. */
  schema?: string;
}

export interface StoreHarness {
  dialect: "sqlite" | "postgres";
  fresh(): Promise<StoreBackend>;
}

const at = (second: number): string => new Date(Date.UTC(2024, 0, 1, 0, 0, second)).toISOString();

const delivery = (id: string, second = 0): NewDelivery => ({
  id,
  event: "issue_comment",
  action: "created",
  payload: JSON.stringify({ id }),
  receivedAt: at(second),
});

const message = (id: string, conversationId = "c1", second = 0): StoredMessage => ({
  id,
  conversationId,
  body: JSON.stringify({ id, text: `hello ${id}` }),
  createdAt: at(second),
});

/** A lease taken at `second` that runs for `forSeconds`. */
const lease = (owner: string, second = 0, forSeconds = 60): MessageLease => ({
  owner,
  now: at(second),
  leaseUntil: at(second + forSeconds),
});

const EXPECTED_TABLES: Record<string, string[]> = {
  dead_letters: ["at", "body", "id", "message_id", "reason"],
  debt_scans: ["id", "repo", "scanned_at", "sha", "summary"],
  deliveries: ["action", "attempts", "event", "id", "last_error", "payload", "received_at", "status", "updated_at"],
  inbox: ["agent_id", "lease_count", "lease_owner", "lease_until", "message_id", "priority_rank", "seq"],
  kv: ["key", "updated_at", "value"],
  message_receipts: ["agent_id", "at", "message_id"],
  messages: ["body", "conversation_id", "created_at", "id", "seq"],
};

export function defineStoreContract(harness: StoreHarness): void {
  let backend: StoreBackend;
  let store: KyselyStore;

  beforeEach(async () => {
    backend = await harness.fresh();
    store = await backend.open();
  });

  afterEach(async () => {
    await backend.cleanup();
  });

  describe("schema and lifecycle", () => {
    it("reports its dialect", () => {
      expect(store.dialect).toBe(harness.dialect);
    });

    it("creates the same tables and columns on every engine", async () => {
      const tables = await store.db.introspection.getTables();
      const ours = tables.filter((t) => backend.schema === undefined || t.schema === backend.schema);
      const shape = Object.fromEntries(ours.map((t) => [t.name, t.columns.map((c) => c.name).sort()]));
      expect(shape).toEqual(EXPECTED_TABLES);
      const autoIncrementing = ours.flatMap((t) => t.columns.filter((c) => c.isAutoIncrementing).map((c) => `${t.name}.${c.name}`));
      expect(autoIncrementing.sort()).toEqual(["dead_letters.id", "debt_scans.id", "inbox.seq", "messages.seq"]);
    });

    it("re-running the migrations is a no-op and keeps data", async () => {
      await store.setValue("k", "v", at(0));
      const options = backend.schema !== undefined ? { schema: backend.schema } : {};
      await expect(migrateToLatest(store.db, store.dialect, options)).resolves.toEqual([]);
      const again = await backend.open();
      await expect(migrateToLatest(again.db, again.dialect, options)).resolves.toEqual([]);
      expect(await again.getValue("k")).toBe("v");
    });

    it("keeps every kind of data across a restart (close, reopen)", async () => {
      await store.recordDelivery(delivery("d1"));
      await store.claimDelivery("d1", at(1));
      await store.appendMessage(message("m1"), [{ agentId: "a", priorityRank: 1 }]);
      await store.appendMessage(message("m2"), [{ agentId: "a", priorityRank: 2 }]);
      await store.leaseNextMessage("a", lease("gone", 1));
      await store.recordMessageReceipt("a", "m1", at(1));
      await store.addDeadLetter({ messageId: "m0", body: "{}", reason: "timeout", at: at(2) });
      await store.setValue("k", "v", at(3));
      await store.close();

      const restarted = await backend.open();
      expect(await restarted.listDeliveries(["processing"])).toMatchObject([{ id: "d1", attempts: 1 }]);
      expect(await restarted.listInboxAgents()).toEqual(["a"]);
      // The lease outlives the process that held it: m1 is still in flight, m2 is next.
      expect(await restarted.leaseNextMessage("a", lease("next", 2))).toEqual({ ...message("m2"), leaseCount: 1 });
      expect(await restarted.hasMessageReceipt("a", "m1")).toBe(true);
      expect(await restarted.listDeadLetters()).toEqual([{ messageId: "m0", body: "{}", reason: "timeout", at: at(2) }]);
      expect(await restarted.getValue("k")).toBe("v");
    });

    it("close is idempotent", async () => {
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();
    });
  });

  describe("deliveries", () => {
    it("records a new delivery as queued with every field", async () => {
      expect(await store.recordDelivery({ ...delivery("d1", 5), action: null })).toBe("inserted");
      expect(await store.getDelivery("d1")).toEqual({
        id: "d1",
        event: "issue_comment",
        action: null,
        payload: JSON.stringify({ id: "d1" }),
        status: "queued",
        attempts: 0,
        lastError: null,
        receivedAt: at(5),
        updatedAt: at(5),
      });
      expect(await store.getDelivery("missing")).toBeUndefined();
    });

    it("drops redeliveries unless the delivery failed, which is requeued once", async () => {
      await store.recordDelivery(delivery("d1"));
      expect(await store.recordDelivery(delivery("d1", 1))).toBe("duplicate"); // queued
      await store.claimDelivery("d1", at(2));
      expect(await store.recordDelivery(delivery("d1", 3))).toBe("duplicate"); // processing
      await store.failDelivery("d1", "boom", at(4), true);
      expect(await store.recordDelivery(delivery("d1", 5))).toBe("requeued");
      expect(await store.getDelivery("d1")).toMatchObject({
        status: "queued",
        attempts: 0,
        lastError: "boom",
        receivedAt: at(0),
        updatedAt: at(5),
      });
      expect(await store.recordDelivery(delivery("d1", 6))).toBe("duplicate");
      await store.claimDelivery("d1", at(7));
      await store.completeDelivery("d1", at(8));
      expect(await store.recordDelivery(delivery("d1", 9))).toBe("duplicate"); // done
      expect((await store.getDelivery("d1"))?.status).toBe("done");
    });

    it("claims only a queued delivery, counting the attempt", async () => {
      await store.recordDelivery(delivery("d1"));
      expect(await store.claimDelivery("d1", at(1))).toMatchObject({ id: "d1", status: "processing", attempts: 1, updatedAt: at(1) });
      expect(await store.claimDelivery("d1", at(2))).toBeUndefined();
      expect(await store.claimDelivery("missing", at(2))).toBeUndefined();
    });

    it("a non-final failure goes back to the queue, a final one stays failed", async () => {
      await store.recordDelivery(delivery("d1"));
      await store.claimDelivery("d1", at(1));
      await store.failDelivery("d1", "rate limited", at(2), false);
      expect(await store.getDelivery("d1")).toMatchObject({ status: "queued", lastError: "rate limited", attempts: 1, updatedAt: at(2) });
      expect(await store.claimDelivery("d1", at(3))).toMatchObject({ attempts: 2 });
      await store.failDelivery("d1", "still broken", at(4), true);
      expect(await store.getDelivery("d1")).toMatchObject({ status: "failed", lastError: "still broken", attempts: 2 });
      expect(await store.claimDelivery("d1", at(5))).toBeUndefined();
    });

    it("a deferred delivery goes back to the queue without spending the attempt it was claimed with", async () => {
      await store.recordDelivery(delivery("d1"));
      await store.claimDelivery("d1", at(1));
      await store.deferDelivery("d1", "RateLimitedError: wait 60 s", at(2));
      expect(await store.getDelivery("d1")).toMatchObject({ status: "queued", attempts: 0, lastError: "RateLimitedError: wait 60 s", updatedAt: at(2) });
      expect(await store.claimDelivery("d1", at(3))).toMatchObject({ attempts: 1 });
      await store.completeDelivery("d1", at(4));
      await store.deferDelivery("d1", "late", at(5));
      expect(await store.getDelivery("d1")).toMatchObject({ status: "done", attempts: 1 });
    });

    it("completes a delivery", async () => {
      await store.recordDelivery(delivery("d1"));
      await store.claimDelivery("d1", at(1));
      await store.completeDelivery("d1", at(2));
      expect(await store.getDelivery("d1")).toMatchObject({ status: "done", updatedAt: at(2) });
    });

    it("lists deliveries by state, oldest first, and counts every state", async () => {
      await store.recordDelivery(delivery("late", 30));
      await store.recordDelivery(delivery("early", 10));
      await store.recordDelivery(delivery("middle", 20));
      await store.recordDelivery(delivery("finished", 5));
      await store.claimDelivery("middle", at(40));
      await store.claimDelivery("finished", at(40));
      await store.completeDelivery("finished", at(41));

      expect((await store.listDeliveries(["queued", "processing"])).map((d) => d.id)).toEqual(["early", "middle", "late"]);
      expect((await store.listDeliveries(["done"])).map((d) => d.id)).toEqual(["finished"]);
      expect(await store.listDeliveries(["failed"])).toEqual([]);
      expect(await store.listDeliveries([])).toEqual([]);
      expect(await store.countDeliveries()).toEqual({ queued: 2, processing: 1, done: 1, failed: 0 });
    });

    it("counts zero for every state when empty", async () => {
      expect(await store.countDeliveries()).toEqual({ queued: 0, processing: 0, done: 0, failed: 0 });
    });

    it("20 concurrent recordings of one id (across two instances) insert exactly once", async () => {
      const other = await backend.open();
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : other).recordDelivery(delivery("same", i))),
      );
      expect(outcomes.filter((o) => o === "inserted")).toHaveLength(1);
      expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(19);
      expect(await store.countDeliveries()).toEqual({ queued: 1, processing: 0, done: 0, failed: 0 });
    });

    it("concurrent redeliveries of a failed delivery requeue it once", async () => {
      await store.recordDelivery(delivery("d1"));
      await store.claimDelivery("d1", at(1));
      await store.failDelivery("d1", "boom", at(2), true);
      const other = await backend.open();
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? store : other).recordDelivery(delivery("d1", 10 + i))),
      );
      expect(outcomes.filter((o) => o === "requeued")).toHaveLength(1);
      expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(9);
    });

    it("concurrent claims (across two instances) have exactly one winner", async () => {
      const other = await backend.open();
      await store.recordDelivery(delivery("d1"));
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? store : other).claimDelivery("d1", at(i))),
      );
      const winners = claims.filter((c) => c !== undefined);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ status: "processing", attempts: 1 });
      expect(await store.getDelivery("d1")).toMatchObject({ attempts: 1 });
    });
  });

  describe("messages", () => {
    it("stores a message with inbox rows for each recipient", async () => {
      await store.appendMessage(message("m1"), [
        { agentId: "planner", priorityRank: 2 },
        { agentId: "debt", priorityRank: 2 },
      ]);
      expect(await store.getMessage("m1")).toEqual(message("m1"));
      expect(await store.getMessage("missing")).toBeUndefined();
      expect(await store.countInbox("planner")).toBe(1);
      expect(await store.countInbox("debt")).toBe(1);
      expect(await store.countInbox("nobody")).toBe(0);
      expect(await store.countInbox()).toBe(2);
      expect(await store.listInboxAgents()).toEqual(["debt", "planner"]);
    });

    it("a message with no recipients is stored but queued nowhere", async () => {
      await store.appendMessage(message("m1"), []);
      expect(await store.getMessage("m1")).toEqual(message("m1"));
      expect(await store.countInbox()).toBe(0);
      expect(await store.listInboxAgents()).toEqual([]);
    });

    it("appending the same message again does not enqueue it twice", async () => {
      await store.appendMessage(message("m1"), [{ agentId: "a", priorityRank: 1 }]);
      await store.appendMessage(message("m1"), [{ agentId: "a", priorityRank: 1 }]);
      expect(await store.countInbox("a")).toBe(1);
      expect(await store.listConversation("c1")).toHaveLength(1);
    });

    it("appendMessage is all-or-nothing", async () => {
      // NaN is not a storable integer on either engine, so the second inbox row fails mid-transaction.
      await expect(
        store.appendMessage(message("m1"), [
          { agentId: "a", priorityRank: 1 },
          { agentId: "b", priorityRank: Number.NaN },
        ]),
      ).rejects.toThrow();
      expect(await store.getMessage("m1")).toBeUndefined();
      expect(await store.countInbox()).toBe(0);
    });

    it("serves the lowest priority rank first and FIFO within a rank", async () => {
      const ranks = [2, 0, 3, 0, 1, 2, 3, 1, 0];
      for (const [i, rank] of ranks.entries()) {
        await store.appendMessage(message(`m${i}`), [{ agentId: "a", priorityRank: rank }]);
      }
      const served: string[] = [];
      for (let next = await store.leaseNextMessage("a", lease("p")); next; next = await store.leaseNextMessage("a", lease("p"))) {
        served.push(next.id);
      }
      expect(served).toEqual(["m1", "m3", "m8", "m4", "m7", "m0", "m5", "m2", "m6"]);
      for (const id of served) expect(await store.ackMessage("a", id, "p")).toBe(true);
      expect(await store.countInbox("a")).toBe(0);
      expect(await store.listInboxAgents()).toEqual([]);
    });

    it("leasing and acking touch only that agent's inbox row and keep the message", async () => {
      await store.appendMessage(message("m1"), [
        { agentId: "a", priorityRank: 1 },
        { agentId: "b", priorityRank: 1 },
      ]);
      expect(await store.leaseNextMessage("a", lease("p"))).toEqual({ ...message("m1"), leaseCount: 1 });
      expect(await store.leaseNextMessage("a", lease("p"))).toBeUndefined();
      expect(await store.ackMessage("a", "m1", "p")).toBe(true);
      expect(await store.countInbox("a")).toBe(0);
      expect(await store.countInbox("b")).toBe(1);
      expect(await store.listInboxAgents()).toEqual(["b"]);
      expect(await store.getMessage("m1")).toEqual(message("m1"));
      expect(await store.leaseNextMessage("nobody", lease("p"))).toBeUndefined();
    });

    it("concurrent takers (across two instances) never lease the same row", async () => {
      const other = await backend.open();
      const total = 30;
      for (let i = 0; i < total; i++) {
        await store.appendMessage(message(`m${i}`), [{ agentId: "a", priorityRank: i % 4 }]);
      }
      const taken = await Promise.all(
        Array.from({ length: total + 10 }, (_, i) => (i % 2 === 0 ? store : other).leaseNextMessage("a", lease(`taker${i}`))),
      );
      const ids = taken.filter((m) => m !== undefined).map((m) => m.id);
      // A taker may come back empty-handed while others hold the rows; it never gets a row twice.
      for (let next = await store.leaseNextMessage("a", lease("sweeper")); next; next = await store.leaseNextMessage("a", lease("sweeper"))) {
        ids.push(next.id);
      }
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(Array.from({ length: total }, (_, i) => `m${i}`).sort());
      expect(taken.filter((m) => m !== undefined).every((m) => m.leaseCount === 1)).toBe(true);
    });

    it("concurrent takers of one expired lease (across two instances) have exactly one winner", async () => {
      const other = await backend.open();
      await store.appendMessage(message("m1"), [{ agentId: "a", priorityRank: 1 }]);
      await store.leaseNextMessage("a", lease("dead", 0, 10));

      const taken = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? store : other).leaseNextMessage("a", lease(`taker${i}`, 20))),
      );

      const winners = taken.flatMap((m, i) => (m ? [{ i, leaseCount: m.leaseCount }] : []));
      expect(winners).toHaveLength(1);
      expect(winners[0]?.leaseCount).toBe(2);
      expect(await store.ackMessage("a", "m1", `taker${winners[0]!.i}`)).toBe(true);
      expect(await store.countInbox()).toBe(0);
    });

    it("lists a conversation in append order, not timestamp order", async () => {
      await store.appendMessage(message("first", "c1", 30), []);
      await store.appendMessage(message("other", "c2", 10), []);
      await store.appendMessage(message("second", "c1", 10), []);
      await store.appendMessage(message("third", "c1", 20), []);
      expect((await store.listConversation("c1")).map((m) => m.id)).toEqual(["first", "second", "third"]);
      expect(await store.listConversation("c2")).toEqual([message("other", "c2", 10)]);
      expect(await store.listConversation("none")).toEqual([]);
    });

    it("keeps dead letters in the order they were added", async () => {
      expect(await store.listDeadLetters()).toEqual([]);
      const first = { messageId: "m1", body: '{"a":1}', reason: "handler threw", at: at(2) };
      const second = { messageId: "m2", body: '{"b":2}', reason: "ttl expired", at: at(1) };
      await store.addDeadLetter(first);
      await store.addDeadLetter(second);
      // The same message may die twice (e.g. after a manual retry); both are kept.
      await store.addDeadLetter(first);
      expect(await store.listDeadLetters()).toEqual([first, second, first]);
    });
  });

  describe("message leases", () => {
    beforeEach(async () => {
      await store.appendMessage(message("m1"), [{ agentId: "a", priorityRank: 1 }]);
      await store.appendMessage(message("m2"), [{ agentId: "a", priorityRank: 1 }]);
    });

    it("a leased message is not offered again while its lease holds, and still counts as waiting", async () => {
      expect((await store.leaseNextMessage("a", lease("p", 0, 60)))?.id).toBe("m1");
      expect((await store.leaseNextMessage("a", lease("q", 59)))?.id).toBe("m2");
      expect(await store.leaseNextMessage("a", lease("r", 59))).toBeUndefined();
      expect(await store.countInbox("a")).toBe(2);
      expect(await store.listInboxAgents()).toEqual(["a"]);
    });

    it("only the holder acks, renews or releases a lease", async () => {
      await store.leaseNextMessage("a", lease("p"));
      expect(await store.ackMessage("a", "m1", "q")).toBe(false);
      expect(await store.renewMessageLease("a", "m1", "q", at(500))).toBe(false);
      expect(await store.releaseMessage("a", "m1", "q")).toBe(false);
      expect(await store.ackMessage("a", "m2", "p")).toBe(false); // waiting, not leased by anyone
      expect(await store.countInbox("a")).toBe(2);
      expect((await store.leaseNextMessage("a", lease("q")))?.id).toBe("m2");
      expect(await store.ackMessage("a", "m1", "p")).toBe(true);
      expect(await store.ackMessage("a", "m1", "p")).toBe(false);
      expect(await store.countInbox("a")).toBe(1);
    });

    it("a released message is available at once, in its old place, and its lease count goes on", async () => {
      await store.leaseNextMessage("a", lease("p"));
      expect(await store.releaseMessage("a", "m1", "p")).toBe(true);
      expect(await store.leaseNextMessage("a", lease("q", 1))).toEqual({ ...message("m1"), leaseCount: 2 });
    });

    it("an expired lease makes the message available again and takes it from its old holder", async () => {
      await store.leaseNextMessage("a", lease("dead", 0, 30));
      expect((await store.leaseNextMessage("a", lease("q", 29)))?.id).toBe("m2");
      // At exactly leaseUntil the lease is over.
      expect(await store.leaseNextMessage("a", lease("r", 30))).toEqual({ ...message("m1"), leaseCount: 2 });
      expect(await store.ackMessage("a", "m1", "dead")).toBe(false);
      expect(await store.renewMessageLease("a", "m1", "dead", at(90))).toBe(false);
      expect(await store.ackMessage("a", "m1", "r")).toBe(true);
    });

    it("renewing keeps a message leased past its first expiry", async () => {
      await store.leaseNextMessage("a", lease("p", 0, 30));
      await store.leaseNextMessage("a", lease("p", 0, 30)); // m2, so it does not answer the probes below
      expect(await store.renewMessageLease("a", "m1", "p", at(90))).toBe(true);
      expect(await store.leaseNextMessage("a", lease("q", 60))).toMatchObject({ id: "m2" });
      expect(await store.leaseNextMessage("a", lease("q", 89))).toBeUndefined();
      expect(await store.leaseNextMessage("a", lease("q", 90))).toMatchObject({ id: "m1", leaseCount: 2 });
    });

    it("start-up recovery releases every lease but the caller's own, across a restart", async () => {
      await store.appendMessage(message("m3"), [{ agentId: "b", priorityRank: 1 }]);
      await store.leaseNextMessage("a", lease("dead-1", 0, 3600));
      await store.leaseNextMessage("b", lease("dead-2", 0, 3600));
      await store.leaseNextMessage("a", lease("me", 0, 3600));
      await store.close();

      const restarted = await backend.open();
      expect(await restarted.releaseLeasesNotHeldBy("me")).toBe(2);
      expect(await restarted.releaseLeasesNotHeldBy("me")).toBe(0);
      expect(await restarted.leaseNextMessage("a", lease("me", 1))).toEqual({ ...message("m1"), leaseCount: 2 });
      expect(await restarted.leaseNextMessage("a", lease("me", 1))).toBeUndefined(); // m2 is still mine
      expect(await restarted.leaseNextMessage("b", lease("me", 1))).toMatchObject({ id: "m3", leaseCount: 2 });
    });

    it("keeps one receipt per agent and message, idempotently", async () => {
      expect(await store.hasMessageReceipt("a", "m1")).toBe(false);
      await store.recordMessageReceipt("a", "m1", at(1));
      await store.recordMessageReceipt("a", "m1", at(2));
      expect(await store.hasMessageReceipt("a", "m1")).toBe(true);
      expect(await store.hasMessageReceipt("b", "m1")).toBe(false);
      expect(await store.hasMessageReceipt("a", "m2")).toBe(false);
    });
  });

  describe("retention", () => {
    const DAY = 86_400_000;
    const now = Date.UTC(2024, 5, 1);
    const daysAgo = (days: number): string => new Date(now - days * DAY).toISOString();
    const cutoff = daysAgo(14);

    it("prunes done deliveries older than the cutoff and keeps recent ones and every other state", async () => {
      const finish = async (id: string, daysBack: number, how: "done" | "failed" | "processing" | "queued") => {
        await store.recordDelivery({ ...delivery(id), receivedAt: daysAgo(daysBack + 1) });
        if (how === "queued") return;
        await store.claimDelivery(id, daysAgo(daysBack));
        if (how === "done") await store.completeDelivery(id, daysAgo(daysBack));
        if (how === "failed") await store.failDelivery(id, "boom", daysAgo(daysBack), true);
      };
      await finish("old-done", 20, "done");
      await finish("just-old-done", 14.01, "done");
      await finish("recent-done", 13, "done");
      await finish("old-failed", 30, "failed");
      await finish("old-processing", 30, "processing");
      await finish("old-queued", 30, "queued");
      // Received long ago but finished recently: age counts from when it was done.
      await store.recordDelivery({ ...delivery("slow"), receivedAt: daysAgo(40) });
      await store.claimDelivery("slow", daysAgo(2));
      await store.completeDelivery("slow", daysAgo(2));

      expect(await store.pruneDoneDeliveries(cutoff)).toEqual({ deleted: 2, batches: 1 });

      const left = await store.listDeliveries(["queued", "processing", "done", "failed"]);
      expect(left.map((d) => d.id).sort()).toEqual(["old-failed", "old-processing", "old-queued", "recent-done", "slow"]);
      expect(await store.pruneDoneDeliveries(cutoff)).toEqual({ deleted: 0, batches: 1 });
    });

    it("prunes old messages no inbox holds, with their receipts, and keeps waiting, in-flight and recent ones", async () => {
      const old = (id: string): StoredMessage => ({ ...message(id), createdAt: daysAgo(20) });
      await store.appendMessage(old("handled"), [{ agentId: "a", priorityRank: 1 }]);
      await store.appendMessage(old("never-queued"), []);
      await store.appendMessage(old("waiting"), [{ agentId: "b", priorityRank: 1 }]);
      await store.appendMessage(old("in-flight"), [{ agentId: "c", priorityRank: 1 }]);
      await store.appendMessage(old("half-done"), [
        { agentId: "a", priorityRank: 2 },
        { agentId: "d", priorityRank: 1 },
      ]);
      await store.appendMessage({ ...message("recent"), createdAt: daysAgo(1) }, []);
      for (const id of ["handled", "half-done"]) {
        await store.leaseNextMessage("a", lease("p"));
        await store.recordMessageReceipt("a", id, daysAgo(19));
        expect(await store.ackMessage("a", id, "p")).toBe(true);
      }
      await store.leaseNextMessage("c", lease("p"));

      expect(await store.pruneHandledMessages(cutoff)).toEqual({ deleted: 2, batches: 1 });

      expect((await store.listConversation("c1")).map((m) => m.id)).toEqual(["waiting", "in-flight", "half-done", "recent"]);
      expect(await store.hasMessageReceipt("a", "handled")).toBe(false);
      expect(await store.hasMessageReceipt("a", "half-done")).toBe(true);
      expect(await store.countInbox()).toBe(3);
      expect(await store.leaseNextMessage("b", lease("q"))).toMatchObject({ id: "waiting" });
    });

    it("prunes dead letters older than the cutoff", async () => {
      await store.addDeadLetter({ messageId: "m1", body: "{}", reason: "old", at: daysAgo(15) });
      await store.addDeadLetter({ messageId: "m2", body: "{}", reason: "recent", at: daysAgo(13) });
      expect(await store.pruneDeadLetters(cutoff)).toEqual({ deleted: 1, batches: 1 });
      expect((await store.listDeadLetters()).map((d) => d.reason)).toEqual(["recent"]);
    });

    it("deletes a large backlog completely in one call, at most batchSize rows per statement", async () => {
      const total = 1_200;
      const ids = Array.from({ length: total }, (_, i) => `old-${String(i).padStart(4, "0")}`);
      // Seeded in bulk: 3,600 single writes would make this test about insert speed.
      for (let i = 0; i < total; i += 200) {
        const chunk = ids.slice(i, i + 200);
        await store.db
          .insertInto("deliveries")
          .values(chunk.map((id) => ({ id, event: "push", action: null, payload: "{}", status: "done" as const, attempts: 1, last_error: null, received_at: daysAgo(30), updated_at: daysAgo(30) })))
          .execute();
        await store.db.insertInto("messages").values(chunk.map((id) => ({ id, conversation_id: "bulk", body: "{}", created_at: daysAgo(30) }))).execute();
        await store.db.insertInto("dead_letters").values(chunk.map((id) => ({ message_id: id, body: "{}", reason: "x", at: daysAgo(30) }))).execute();
      }
      await store.recordDelivery({ ...delivery("recent"), receivedAt: daysAgo(1) });

      expect(await store.pruneDoneDeliveries(cutoff)).toEqual({ deleted: total, batches: 3 });
      expect(await store.pruneHandledMessages(cutoff, 500)).toEqual({ deleted: total, batches: 3 });
      // A batch that comes back exactly full needs one more statement to see that nothing is left.
      expect(await store.pruneDeadLetters(cutoff, 400)).toEqual({ deleted: total, batches: 4 });

      expect(await store.countDeliveries()).toEqual({ queued: 1, processing: 0, done: 0, failed: 0 });
      expect(await store.listConversation("bulk")).toEqual([]);
      expect(await store.listDeadLetters()).toEqual([]);
    });

    it("rejects a batch size that is not a positive integer", async () => {
      for (const size of [0, -1, 2.5, Number.NaN]) {
        await expect(store.pruneDeadLetters(cutoff, size)).rejects.toThrow(RangeError);
      }
    });
  });

  describe("key/value", () => {
    it("prunes values by exact key prefix and age, in batches", async () => {
      await store.setValue("claim:a", "1", at(1));
      await store.setValue("claim:b", "1", at(1));
      await store.setValue("claim:c", "1", at(9));
      // Neither case nor LIKE's wildcards widen the prefix.
      await store.setValue("CLAIM:d", "1", at(1));
      await store.setValue("claimXe", "1", at(1));
      await store.setValue("other:f", "1", at(1));

      expect(await store.pruneValues("claim:", at(5), 1)).toEqual({ deleted: 2, batches: 3 });
      expect(await store.pruneValues("claim_", at(5))).toEqual({ deleted: 0, batches: 1 });

      for (const key of ["claim:a", "claim:b"]) expect(await store.getValue(key)).toBeUndefined();
      for (const key of ["claim:c", "CLAIM:d", "claimXe", "other:f"]) expect(await store.getValue(key)).toBe("1");
    });

    it("sets, overwrites, reads and deletes", async () => {
      expect(await store.getValue("k")).toBeUndefined();
      await store.setValue("k", "one", at(1));
      expect(await store.getValue("k")).toBe("one");
      await store.setValue("k", "two", at(2));
      expect(await store.getValue("k")).toBe("two");
      await store.setValue("other", "", at(2));
      expect(await store.getValue("other")).toBe("");
      await store.deleteValue("k");
      expect(await store.getValue("k")).toBeUndefined();
      await expect(store.deleteValue("k")).resolves.toBeUndefined();
      expect(await store.getValue("other")).toBe("");
    });

    it("compareAndSet writes only when the current value matches", async () => {
      expect(await store.compareAndSet("k", undefined, "v1", at(1))).toBe(true);
      expect(await store.getValue("k")).toBe("v1");
      expect(await store.compareAndSet("k", undefined, "v2", at(2))).toBe(false);
      expect(await store.compareAndSet("k", "stale", "v2", at(2))).toBe(false);
      expect(await store.getValue("k")).toBe("v1");
      expect(await store.compareAndSet("k", "v1", "v2", at(3))).toBe(true);
      expect(await store.getValue("k")).toBe("v2");
      expect(await store.compareAndSet("absent", "v1", "x", at(3))).toBe(false);
      expect(await store.getValue("absent")).toBeUndefined();
      await store.deleteValue("k");
      expect(await store.compareAndSet("k", "v2", "v3", at(4))).toBe(false);
      expect(await store.compareAndSet("k", undefined, "v3", at(4))).toBe(true);
      expect(await store.getValue("k")).toBe("v3");
    });

    it("concurrent compare-and-set increments (across two instances) lose no update", async () => {
      const other = await backend.open();
      const increment = async (s: Store, i: number): Promise<void> => {
        for (;;) {
          const current = await s.getValue("counter");
          const next = String(Number(current ?? "0") + 1);
          if (await s.compareAndSet("counter", current, next, at(i))) return;
        }
      };
      await Promise.all(Array.from({ length: 30 }, (_, i) => increment(i % 2 === 0 ? store : other, i)));
      expect(await store.getValue("counter")).toBe("30");
    });

    it("any interleaving of two compare-and-set writers loses no update (M4)", async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 3 }),
          fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 3 }),
          fc.array(fc.boolean(), { maxLength: 40 }),
          fc.boolean(),
          async (aItems, bItems, schedule, startPresent) => {
            const key = `list-${run++}`;
            if (startPresent) await store.setValue(key, "[]", at(0));
            const writers = [makeListWriter(store, key, aItems.map((n) => `a${n}`)), makeListWriter(store, key, bItems.map((n) => `b${n}`))];
            // The schedule picks which writer takes its next step (a read or a compare-and-set);
            // afterwards the writers alternate until both are done.
            let turn = 0;
            for (const pickB of schedule) {
              const w = writers[pickB ? 1 : 0]!;
              if (!w.done()) await w.step();
            }
            while (writers.some((w) => !w.done())) {
              const w = writers[turn++ % 2]!;
              if (!w.done()) await w.step();
            }
            const final = JSON.parse((await store.getValue(key)) ?? "[]") as string[];
            // No lost update: every write is there exactly once, and each writer's own order holds, so
            // the result equals some serial order of the two writers' appends.
            expect(final).toHaveLength(aItems.length + bItems.length);
            expect(final.filter((x) => x.startsWith("a"))).toEqual(aItems.map((n) => `a${n}`));
            expect(final.filter((x) => x.startsWith("b"))).toEqual(bItems.map((n) => `b${n}`));
          },
        ),
        { numRuns: 60 },
      );
    });
  });

  it("runs each statement against this engine", async () => {
    // Guards the harness itself: a misconfigured factory must not quietly test the wrong database.
    const probe = harness.dialect === "sqlite" ? sql<{ v: string }>`select sqlite_version() as v` : sql<{ v: string }>`select version() as v`;
    const { rows } = await probe.execute(store.db);
    expect(rows[0]?.v).toBeTruthy();
  });
}

interface ListWriter {
  step(): Promise<void>;
  done(): boolean;
}

/** Appends items to a JSON list under `key` with read → compare-and-set, retrying on a lost race. */
function makeListWriter(store: Store, key: string, items: string[]): ListWriter {
  let index = 0;
  let seen: string | undefined;
  let phase: "read" | "write" = "read";
  return {
    done: () => index >= items.length,
    async step() {
      if (phase === "read") {
        seen = await store.getValue(key);
        phase = "write";
        return;
      }
      const list = JSON.parse(seen ?? "[]") as string[];
      const wrote = await store.compareAndSet(key, seen, JSON.stringify([...list, items[index]]), at(1));
      if (wrote) index++;
      phase = "read";
    },
  };
}
