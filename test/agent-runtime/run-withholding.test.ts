import { describe, expect, it } from "vitest";
import { OutOfMemoryError } from "../../src/agent-runtime/worker/out-of-memory-error.js";
import { runWithholding, type RunJob } from "../../src/agent-runtime/worker/run-withholding.js";
import { silentLogger } from "../../src/ports/logger.js";
import type { TaskResult } from "../../src/protocol/task.js";

const RESULT: TaskResult = { taskId: "t", agentId: "tech-debt", success: true, output: {}, evidence: [], metrics: { durationMs: 0, cost: 0 } };
const ABOUT = { agentId: "tech-debt", taskId: "t" };
const oom = (inProgress: string | undefined, ranMs = 100) => new OutOfMemoryError("the agent ran out of memory", 64, inProgress, ranMs);

/** A job that runs out of memory on each of `deaths` in turn, then succeeds; records how it was run. */
function dying(deaths: readonly (string | undefined)[]) {
  const runs: { withheld: string[]; options: object }[] = [];
  const run: RunJob = (withheld, options) => {
    runs.push({ withheld: [...withheld.keys()], options });
    const death = runs.length <= deaths.length ? deaths[runs.length - 1] : "none";
    return death === "none" ? Promise.resolve(RESULT) : Promise.reject(oom(death));
  };
  return { run, runs };
}

describe("runWithholding", () => {
  it("reruns without each file that ran out of memory, first in the queue and with the time the earlier runs left", async () => {
    const { run, runs } = dying(["big.ts", "bigger.ts"]);

    expect(await runWithholding({ maxJobMs: 1000 }, silentLogger, ABOUT, run)).toBe(RESULT);
    expect(runs).toEqual([
      { withheld: [], options: {} },
      { withheld: ["big.ts"], options: { first: true, timeLimitMs: 900 } },
      { withheld: ["big.ts", "bigger.ts"], options: { first: true, timeLimitMs: 800 } },
    ]);
  });

  it("fails at once when the thread died between files, or on a file it had withheld", async () => {
    const between = dying([undefined]);
    await expect(runWithholding({ maxJobMs: 1000 }, silentLogger, ABOUT, between.run)).rejects.toThrow("the agent ran out of memory");
    expect(between.runs).toHaveLength(1);

    // Only a bug in the agent could name a withheld file again; it must not loop.
    const again: RunJob = () => Promise.reject(oom("big.ts"));
    await expect(runWithholding({ maxJobMs: 1000 }, silentLogger, ABOUT, again)).rejects.toThrow(/^the agent ran out of memory \(2 runs, leaving out big\.ts; it last ran out on big\.ts\)$/);
  });

  it("gives up when the earlier runs used the job's time", async () => {
    const slow: RunJob = (withheld) => Promise.reject(oom(`f${withheld.size}.ts`, 600));
    await expect(runWithholding({ maxJobMs: 1000 }, silentLogger, ABOUT, slow)).rejects.toThrow("the agent ran out of memory (2 runs, leaving out f0.ts; it last ran out on f1.ts)");
  });

  it("passes on any other failure untouched", async () => {
    const error = new Error("the agent's worker thread exited with code 1");
    await expect(runWithholding({ maxJobMs: 1000 }, silentLogger, ABOUT, () => Promise.reject(error))).rejects.toBe(error);
  });
});
