import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { KyselyStore } from "../../../src/adapters/store/kysely-store.js";
import { openSqliteStore } from "../../../src/adapters/store/open-sqlite-store.js";
import { holdSqliteWriteLock, type HeldLock } from "../../helpers/hold-sqlite-lock.js";

/** The longest the event loop went without running a 5 ms timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await work().catch(() => undefined);
  } finally {
    clearInterval(ticker);
  }
  return Math.max(longest, performance.now() - last);
}

describe("a SQLite file write-locked by another process", () => {
  let dir: string;
  let store: KyselyStore | undefined;
  let lock: HeldLock | undefined;

  afterEach(async () => {
    await lock?.release();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
    lock = store = undefined;
  });

  async function openLocked(busyBudgetMs: number): Promise<KyselyStore> {
    dir = await mkdtemp(join(tmpdir(), "concord-busy-"));
    const file = join(dir, "concord.db");
    store = await openSqliteStore(file, { busyBudgetMs });
    lock = await holdSqliteWriteLock(file);
    return store;
  }

  it("fails a write once its budget is spent, with a sentence saying the file is locked", async () => {
    const locked = await openLocked(300);

    const started = performance.now();
    const failure = await locked.setValue("k", "v", "now").then(() => undefined, (error: unknown) => error);
    const took = performance.now() - started;

    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe("The SQLite file is locked by another connection; gave up after 300 ms.");
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(3000);
  });

  it("keeps the event loop free while it waits: timers keep firing", async () => {
    const locked = await openLocked(1000);

    const stall = await longestStall(() => Promise.all([1, 2, 3, 4].map((n) => locked.setValue(`k${n}`, "v", "now"))));

    // SQLite's own busy wait (busy_timeout) may hold the loop for one short slice at a time, never for the wait.
    expect(stall).toBeLessThan(400);
  });

  it("statements queued behind a retrying one count their wait against their own budget", async () => {
    const locked = await openLocked(500);

    const started = performance.now();
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, n) => locked.setValue(`k${n}`, "v", "now")));
    const took = performance.now() - started;

    expect(outcomes.every((o) => o.status === "rejected")).toBe(true);
    // Serialised full budgets would take 8 × 500 ms.
    expect(took).toBeLessThan(2500);
  });

  it("writes as soon as the other process lets go, and reads never wait", async () => {
    const locked = await openLocked(5000);

    const read = await locked.getValue("anything");
    const write = locked.setValue("k", "v", "now");
    setTimeout(() => void lock?.release(), 200);

    await expect(write).resolves.toBeUndefined();
    expect(read).toBeUndefined();
    expect(await locked.getValue("k")).toBe("v");
  });
});
