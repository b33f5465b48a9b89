import { afterEach, describe, expect, it } from "vitest";
import { InProcessQueue } from "../../src/adapters/queue/in-process-queue.js";
import { RateLimitedError } from "../../src/errors.js";
import { ManualClock } from "../../src/ports/clock.js";
import { createDeliveryWorker } from "../../src/runtime/delivery-worker.js";
import { createTestStore, type TestStore } from "../helpers/test-store.js";
import { capturedLogger } from "../helpers/test-log.js";

const RECEIVED = "2026-01-01T00:00:00.000Z";

describe("a delivery GitHub rate-limits", () => {
  let testStore: TestStore | undefined;
  let queue: InProcessQueue | undefined;
  afterEach(async () => {
    await queue?.stop();
    await testStore?.cleanup();
  });

  /** The worker on a real store and queue; `limits` is how many times the delivery's work is answered with a rate limit. */
  async function start(options: { limits: number; clock: ManualClock; maxAttempts: number }) {
    testStore = await createTestStore();
    const { store } = testStore;
    queue = new InProcessQueue();
    const runs: number[] = [];
    const worker = createDeliveryWorker({
      store,
      queue,
      clock: options.clock,
      logger: capturedLogger(),
      laneOf: () => "heavy",
      maxAttempts: options.maxAttempts,
      backoffMs: 1,
      process: () => {
        runs.push(Date.now());
        return runs.length <= options.limits ? Promise.reject(new RateLimitedError("GitHub's secondary rate limit: it asks to wait 20 s", 50)) : Promise.resolve();
      },
    });
    queue.start(worker.run);
    await store.recordDelivery({ id: "d1", event: "pull_request", action: "opened", payload: "{}", receivedAt: RECEIVED });
    await queue.enqueue("d1", { lane: "heavy" });
    return { store, worker, runs };
  }

  it("waits as long as GitHub asks each time, without spending attempts, then runs to the end", async () => {
    const { store, worker, runs } = await start({ limits: 3, clock: new ManualClock(RECEIVED), maxAttempts: 1 });

    await queue!.idle();

    expect(runs).toHaveLength(4);
    for (let i = 1; i < runs.length; i++) expect(runs[i]! - runs[i - 1]!).toBeGreaterThanOrEqual(45);
    expect(worker.stats).toMatchObject({ deferred: 3, processed: 1, retried: 0, failed: 0 });
    expect(await store.getDelivery("d1")).toMatchObject({ status: "done", attempts: 1 });
  });

  it("a delivery older than the cap stops waiting: its rate limits count as failed attempts", async () => {
    const clock = new ManualClock(RECEIVED);
    clock.advance(3 * 60 * 60_000);
    const { store, worker, runs } = await start({ limits: 10, clock, maxAttempts: 2 });

    await queue!.idle();

    expect(runs).toHaveLength(2);
    expect(worker.stats).toMatchObject({ deferred: 0, retried: 1, failed: 1 });
    expect(await store.getDelivery("d1")).toMatchObject({ status: "failed", attempts: 2, lastError: expect.stringContaining("RateLimitedError") });
  });
});
