import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../src/ports/clock.js";
import type { Logger } from "../../src/ports/logger.js";
import type { PruneResult } from "../../src/ports/store.js";
import { startRetention, type RetentionJob, type RetentionOptions } from "../../src/runtime/retention.js";
import { createTestStore, type TestStore } from "../helpers/test-store.js";

const DAY = 86_400_000;

interface LogLine {
  level: string;
  fields: object | string;
  msg: string | undefined;
}

function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (fields: object | string, msg?: string) => void lines.push({ level, fields, msg });
  return { logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }, lines };
}

/** A store whose prunes are recorded; each call resolves when `gate` does (open by default). */
function fakeStore() {
  const calls: string[] = [];
  let gate: Promise<void> = Promise.resolve();
  let failures = 0;
  const prune = (name: string) => async (before: string): Promise<PruneResult> => {
    calls.push(`${name} ${before}`);
    await gate;
    if (failures > 0) {
      failures--;
      throw new Error("store unavailable");
    }
    return { deleted: 1, batches: 1 };
  };
  const store: RetentionOptions["store"] = {
    pruneDoneDeliveries: prune("deliveries"),
    pruneHandledMessages: prune("messages"),
    pruneDeadLetters: prune("deadLetters"),
    pruneValues: prune("values"),
  };
  return {
    store,
    calls,
    hold(): () => void {
      let open = () => {};
      gate = new Promise<void>((resolve) => (open = resolve));
      return () => {
        gate = Promise.resolve();
        open();
      };
    },
    failNext(count: number) {
      failures = count;
    },
  };
}

describe("startRetention", () => {
  const jobs: RetentionJob[] = [];
  let testStore: TestStore | undefined;
  afterEach(async () => {
    await Promise.all(jobs.splice(0).map((job) => job.stop()));
    await testStore?.cleanup();
    testStore = undefined;
    vi.useRealTimers();
  });
  const start = (options: RetentionOptions): RetentionJob => {
    const job = startRetention(options);
    jobs.push(job);
    return job;
  };

  it("prunes a real store at start: old finished work goes, recent, waiting and failed work stays", async () => {
    testStore = await createTestStore();
    const { store } = testStore;
    const clock = new ManualClock("2026-06-01T00:00:00.000Z");
    const ago = (days: number) => new Date(clock.now().getTime() - days * DAY).toISOString();
    for (const [id, days, status] of [
      ["old-done", 15, "done"],
      ["new-done", 13, "done"],
      ["old-failed", 30, "failed"],
      ["old-queued", 30, "queued"],
    ] as const) {
      await store.recordDelivery({ id, event: "push", action: null, payload: "{}", receivedAt: ago(days) });
      if (status === "queued") continue;
      await store.claimDelivery(id, ago(days));
      if (status === "done") await store.completeDelivery(id, ago(days));
      else await store.failDelivery(id, "boom", ago(days), true);
    }
    const message = (id: string, days: number) => ({ id, conversationId: "c", body: "{}", createdAt: ago(days) });
    await store.appendMessage(message("old-handled", 20), []);
    await store.appendMessage(message("old-waiting", 20), [{ agentId: "a", priorityRank: 1 }]);
    await store.appendMessage(message("new-handled", 2), []);
    await store.addDeadLetter({ messageId: "x", body: "{}", reason: "old", at: ago(20) });
    await store.addDeadLetter({ messageId: "y", body: "{}", reason: "new", at: ago(1) });
    const { logger, lines } = recordingLogger();

    const job = start({ store, clock, logger });
    const report = await job.runNow();

    expect(report).toEqual({ cutoff: ago(14), deliveries: 1, messages: 1, deadLetters: 1, values: 0 });
    const left = await store.listDeliveries(["queued", "processing", "done", "failed"]);
    expect(left.map((d) => d.id).sort()).toEqual(["new-done", "old-failed", "old-queued"]);
    expect((await store.listConversation("c")).map((m) => m.id)).toEqual(["old-waiting", "new-handled"]);
    expect((await store.listDeadLetters()).map((d) => d.reason)).toEqual(["new"]);
    expect(lines).toContainEqual({ level: "info", fields: report, msg: "retention removed old records" });
    // Nothing left to remove: the next pass is quiet.
    expect(await job.runNow()).toEqual({ cutoff: ago(14), deliveries: 0, messages: 0, deadLetters: 0, values: 0 });
    expect(lines.filter((l) => l.level === "info")).toHaveLength(1);
  });

  it("prunes old values under the prunable key prefixes only: claims and heads go, ignore lists stay", async () => {
    testStore = await createTestStore();
    const { store } = testStore;
    const clock = new ManualClock("2026-06-01T00:00:00.000Z");
    const ago = (days: number) => new Date(clock.now().getTime() - days * DAY).toISOString();
    await store.setValue("check-run:o/r@old:Concord / tech debt", "{}", ago(20));
    await store.setValue("check-run:o/r@new:Concord / tech debt", "{}", ago(2));
    await store.setValue("pr-head:o/r#1", "{}", ago(30));
    await store.setValue("debt-ignore:o/r", "[]", ago(30));

    const report = await start({ store, clock, logger: recordingLogger().logger, prunableKeys: ["check-run:", "pr-head:"] }).runNow();

    expect(report).toMatchObject({ values: 2 });
    expect(await store.getValue("check-run:o/r@old:Concord / tech debt")).toBeUndefined();
    expect(await store.getValue("pr-head:o/r#1")).toBeUndefined();
    expect(await store.getValue("check-run:o/r@new:Concord / tech debt")).toBe("{}");
    expect(await store.getValue("debt-ignore:o/r")).toBe("[]");
  });

  it("cuts at maxAgeDays before the clock's now, once at start and then every intervalMs", async () => {
    vi.useFakeTimers();
    const fake = fakeStore();
    const clock = new ManualClock("2026-06-01T00:00:00.000Z");
    start({ store: fake.store, clock, logger: recordingLogger().logger, maxAgeDays: 3, intervalMs: 60_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toEqual([
      "deliveries 2026-05-29T00:00:00.000Z",
      "messages 2026-05-29T00:00:00.000Z",
      "deadLetters 2026-05-29T00:00:00.000Z",
    ]);

    clock.advance(DAY);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(fake.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls.slice(3)).toEqual([
      "deliveries 2026-05-30T00:00:00.000Z",
      "messages 2026-05-30T00:00:00.000Z",
      "deadLetters 2026-05-30T00:00:00.000Z",
    ]);
  });

  it("never runs two passes at once: a tick during a slow pass joins it", async () => {
    vi.useFakeTimers();
    const fake = fakeStore();
    const open = fake.hold();
    const job = start({ store: fake.store, clock: new ManualClock(), logger: recordingLogger().logger, intervalMs: 1_000 });

    await vi.advanceTimersByTimeAsync(5_000);
    expect(fake.calls).toHaveLength(1);
    const joined = job.runNow();
    open();

    expect(await joined).toMatchObject({ deliveries: 1, messages: 1, deadLetters: 1 });
    expect(fake.calls).toHaveLength(3);
  });

  it("logs a failed pass instead of throwing, and the next pass runs", async () => {
    vi.useFakeTimers();
    const fake = fakeStore();
    fake.failNext(1);
    const { logger, lines } = recordingLogger();
    const job = start({ store: fake.store, clock: new ManualClock(), logger, intervalMs: 1_000 });

    expect(await job.runNow()).toBeUndefined();
    expect(lines).toContainEqual({ level: "error", fields: expect.objectContaining({ err: "store unavailable" }), msg: "retention pass failed" });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.calls.slice(1)).toHaveLength(3);
  });

  it("stop waits for the pass under way, and no pass runs after it", async () => {
    vi.useFakeTimers();
    const fake = fakeStore();
    const open = fake.hold();
    const job = start({ store: fake.store, clock: new ManualClock(), logger: recordingLogger().logger, intervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(0);

    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    open();
    await stopping;
    const callsAtStop = fake.calls.length;

    await vi.advanceTimersByTimeAsync(10_000);
    expect(await job.runNow()).toBeUndefined();
    expect(fake.calls).toHaveLength(callsAtStop);
  });

  it("refuses an age or interval that is not positive", () => {
    const { store } = fakeStore();
    const base = { store, clock: new ManualClock(), logger: recordingLogger().logger };
    for (const maxAgeDays of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => startRetention({ ...base, maxAgeDays })).toThrow(RangeError);
    }
    expect(() => startRetention({ ...base, intervalMs: 0 })).toThrow(RangeError);
  });
});
