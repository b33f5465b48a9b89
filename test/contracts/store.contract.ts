import fc from "fast-check";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KyselyStore } from "../../src/adapters/store/kysely-store.js";
import { migrateToLatest } from "../../src/adapters/store/migrations.js";
import type { NewDelivery, Store, StoredMessage } from "../../src/ports/store.js";

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

const EXPECTED_TABLES: Record<string, string[]> = {
  dead_letters: ["at", "body", "id", "message_id", "reason"],
  debt_scans: ["id", "repo", "scanned_at", "sha", "summary"],
  deliveries: ["action", "attempts", "event", "id", "last_error", "payload", "received_at", "status", "updated_at"],
  inbox: ["agent_id", "message_id", "priority_rank", "seq"],
  kv: ["key", "updated_at", "value"],
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
      await store.addDeadLetter({ messageId: "m0", body: "{}", reason: "timeout", at: at(2) });
      await store.setValue("k", "v", at(3));
      await store.addDebtScan({ repo: "o/r", sha: "abc", scannedAt: at(4), summary: "{}" });
      await store.close();

      const restarted = await backend.open();
      expect(await restarted.listDeliveries(["processing"])).toMatchObject([{ id: "d1", attempts: 1 }]);
      expect(await restarted.listInboxAgents()).toEqual(["a"]);
      expect(await restarted.takeNextMessage("a")).toEqual(message("m1"));
      expect(await restarted.listDeadLetters()).toEqual([{ messageId: "m0", body: "{}", reason: "timeout", at: at(2) }]);
      expect(await restarted.getValue("k")).toBe("v");
      expect(await restarted.listDebtScans("o/r", 10)).toMatchObject([{ sha: "abc" }]);
      // New rows keep counting after the restart rather than reusing ids.
      await restarted.addDebtScan({ repo: "o/r", sha: "def", scannedAt: at(5), summary: "{}" });
      const ids = (await restarted.listDebtScans("o/r", 10)).map((s) => s.id!);
      expect(ids[1]).toBeGreaterThan(ids[0]!);
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
      for (let next = await store.takeNextMessage("a"); next; next = await store.takeNextMessage("a")) served.push(next.id);
      expect(served).toEqual(["m1", "m3", "m8", "m4", "m7", "m0", "m5", "m2", "m6"]);
      expect(await store.countInbox("a")).toBe(0);
      expect(await store.listInboxAgents()).toEqual([]);
    });

    it("taking removes only that agent's inbox row and keeps the message", async () => {
      await store.appendMessage(message("m1"), [
        { agentId: "a", priorityRank: 1 },
        { agentId: "b", priorityRank: 1 },
      ]);
      expect(await store.takeNextMessage("a")).toEqual(message("m1"));
      expect(await store.takeNextMessage("a")).toBeUndefined();
      expect(await store.countInbox("b")).toBe(1);
      expect(await store.listInboxAgents()).toEqual(["b"]);
      expect(await store.getMessage("m1")).toEqual(message("m1"));
      expect(await store.takeNextMessage("nobody")).toBeUndefined();
    });

    it("concurrent takers (across two instances) never get the same message", async () => {
      const other = await backend.open();
      const total = 30;
      for (let i = 0; i < total; i++) {
        await store.appendMessage(message(`m${i}`), [{ agentId: "a", priorityRank: i % 4 }]);
      }
      const taken = await Promise.all(
        Array.from({ length: total + 10 }, (_, i) => (i % 2 === 0 ? store : other).takeNextMessage("a")),
      );
      const ids = taken.filter((m) => m !== undefined).map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(Array.from({ length: total }, (_, i) => `m${i}`).sort());
      expect(await store.countInbox("a")).toBe(0);
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

  describe("key/value", () => {
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

  describe("debt scans", () => {
    it("returns the newest scans of one repository, oldest first", async () => {
      for (const [i, sha] of ["s1", "s2", "s3", "s4", "s5"].entries()) {
        await store.addDebtScan({ repo: "o/r", sha, scannedAt: at(10 + i), summary: JSON.stringify({ totalItems: i }) });
      }
      await store.addDebtScan({ repo: "o/other", sha: "x1", scannedAt: at(99), summary: "{}" });

      const latest = await store.listDebtScans("o/r", 3);
      expect(latest.map((s) => s.sha)).toEqual(["s3", "s4", "s5"]);
      expect(latest[2]).toMatchObject({ repo: "o/r", scannedAt: at(14), summary: JSON.stringify({ totalItems: 4 }) });
      expect(latest.every((s) => typeof s.id === "number")).toBe(true);
      expect((await store.listDebtScans("o/r", 50)).map((s) => s.sha)).toEqual(["s1", "s2", "s3", "s4", "s5"]);
      expect((await store.listDebtScans("o/other", 5)).map((s) => s.sha)).toEqual(["x1"]);
      expect(await store.listDebtScans("o/none", 5)).toEqual([]);
      expect(await store.listDebtScans("o/r", 0)).toEqual([]);
    });

    it("orders by scan time, not insertion, and assigns its own ids", async () => {
      await store.addDebtScan({ id: 999, repo: "o/r", sha: "newer", scannedAt: at(20), summary: "{}" });
      await store.addDebtScan({ id: 999, repo: "o/r", sha: "older", scannedAt: at(10), summary: "{}" });
      const scans = await store.listDebtScans("o/r", 2);
      expect(scans.map((s) => s.sha)).toEqual(["older", "newer"]);
      expect(new Set(scans.map((s) => s.id)).size).toBe(2);
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
