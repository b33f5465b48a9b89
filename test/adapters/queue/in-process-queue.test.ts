import { describe, expect, it } from "vitest";
import { InProcessQueue } from "../../../src/adapters/queue/in-process-queue.js";

/** A job handler whose jobs run until the test ends them. */
function controlledJobs() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  return {
    started,
    handler: (jobId: string) =>
      new Promise<void>((resolve) => {
        started.push(jobId);
        finishers.set(jobId, resolve);
      }),
    finish(jobId: string) {
      finishers.get(jobId)?.();
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("InProcessQueue lanes", () => {
  it("runs an interactive job while every heavy worker is busy, and holds heavy jobs beyond their workers", async () => {
    const queue = new InProcessQueue({ concurrency: { heavy: 2, interactive: 1 } });
    const jobs = controlledJobs();
    queue.start(jobs.handler);

    for (const id of ["check-1", "check-2", "check-3"]) await queue.enqueue(id, { lane: "heavy" });
    await queue.enqueue("help", { lane: "interactive" });
    await tick();

    expect(jobs.started).toEqual(["check-1", "check-2", "help"]);
    expect(queue.depthByLane()).toEqual({ interactive: 1, heavy: 3 });
    expect(queue.depth()).toBe(4);
    jobs.finish("check-1");
    await tick();
    expect(jobs.started).toEqual(["check-1", "check-2", "help", "check-3"]);
    expect(queue.depthByLane()).toEqual({ interactive: 1, heavy: 2 });
    for (const id of ["check-2", "check-3", "help"]) jobs.finish(id);
    await queue.idle();
    expect(queue.depth()).toBe(0);
  });

  it("counts a delayed job in its lane until it runs", async () => {
    const queue = new InProcessQueue();
    const jobs = controlledJobs();
    queue.start(jobs.handler);

    await queue.enqueue("retry", { lane: "interactive", delayMs: 30 });

    expect(queue.depthByLane()).toEqual({ interactive: 1, heavy: 0 });
    expect(jobs.started).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(jobs.started).toEqual(["retry"]);
    jobs.finish("retry");
    await queue.idle();
  });
});

describe("InProcessQueue.stop", () => {
  it("waits for running jobs up to the deadline, then names those still running; waiting and delayed ones are dropped", async () => {
    const queue = new InProcessQueue({ concurrency: { heavy: 1, interactive: 1 } });
    const jobs = controlledJobs();
    queue.start(jobs.handler);
    await queue.enqueue("hangs", { lane: "heavy" });
    await queue.enqueue("waits", { lane: "heavy" });
    await queue.enqueue("finishes", { lane: "interactive" });
    await queue.enqueue("later", { lane: "interactive", delayMs: 10_000 });
    await tick();

    const started = performance.now();
    const stopping = queue.stop(200);
    jobs.finish("finishes");
    const unfinished = await stopping;

    expect(unfinished).toEqual(["hangs"]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(jobs.started).toEqual(["hangs", "finishes"]);
    await expect(queue.enqueue("after", { lane: "heavy" })).rejects.toThrow("queue is stopped");
  });

  it("returns as soon as the running jobs end, and without a deadline waits for them", async () => {
    const queue = new InProcessQueue();
    const jobs = controlledJobs();
    queue.start(jobs.handler);
    await queue.enqueue("a", { lane: "heavy" });
    await tick();

    let stopped = false;
    const stopping = queue.stop().then((unfinished) => {
      stopped = true;
      return unfinished;
    });
    await tick();
    expect(stopped).toBe(false);
    jobs.finish("a");

    expect(await stopping).toEqual([]);
  });
});
