import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { WorkerPool } from "../../src/agent-runtime/worker/worker-pool.js";
import type { WorkerJob } from "../../src/agent-runtime/worker/worker-messages.js";
import { SCAN_TECH_DEBT } from "../../src/agents/specialized/tech-debt/tech-debt-capability.js";
import { TransientError } from "../../src/errors.js";
import type { Logger } from "../../src/ports/logger.js";
import { silentLogger } from "../../src/ports/logger.js";

const run = promisify(execFile);
const EFFECT_SOURCES = path.resolve(import.meta.dirname, "../../node_modules/effect/src");

function scanJob(id: string, sources: WorkerJob["sources"], inputData: Record<string, unknown> = {}): WorkerJob {
  return { agentId: "tech-debt", task: { id, type: "analysis", operation: SCAN_TECH_DEBT.id, description: "debt", inputData, dependencies: [] }, sources, now: Date.parse("2026-03-01T00:00:00Z") };
}
const oneFile = (text: string): WorkerJob["sources"] => ({ repo: { kind: "files", files: { "a.ts": text } } });

describe("WorkerPool", () => {
  let pool: WorkerPool | undefined;
  afterEach(async () => {
    await pool?.close();
  });

  it("runs more jobs than it has threads, each with its own result", async () => {
    pool = new WorkerPool({ threads: 1, logger: silentLogger });
    const results = await Promise.all(["a", "b", "c"].map((id, i) => pool!.run(scanJob(id, oneFile(`export const x = ${i};\n`.repeat(i + 1))))));

    expect(results.map((result) => [result.taskId, result.success])).toEqual([
      ["a", true],
      ["b", true],
      ["c", true],
    ]);
  });

  it("sends the agents' log lines to the host's logger", async () => {
    const lines: { level: string; obj: unknown; msg?: string }[] = [];
    const record = (level: string) => (obj: object | string, msg?: string) => void lines.push({ level, obj, ...(msg === undefined ? {} : { msg }) });
    const logger: Logger = { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };
    pool = new WorkerPool({ threads: 1, logger });

    const result = await pool.run(scanJob("bad", oneFile("export {};\n"), { config: { thresholds: { cognitive: "high" } } }));

    expect(result.success).toBe(false);
    expect(lines).toContainEqual({ level: "warn", obj: expect.objectContaining({ taskId: "bad", err: expect.objectContaining({ message: expect.any(String) }) }), msg: expect.any(String) });
  });

  it("stops a job that overruns its time limit, and runs the next one on a new thread", async () => {
    pool = new WorkerPool({ threads: 1, maxJobMs: 3000, logger: silentLogger });
    // A source nobody serves: the agent waits for its file list for ever.
    const { port1: unserved, port2: deaf } = new MessageChannel();

    await expect(pool.run(scanJob("stuck", { repo: { kind: "remote", description: "nobody", port: unserved } }), { transfer: [unserved] })).rejects.toThrow(
      "the agent did not finish within 3000 ms, and its worker thread was stopped",
    );
    deaf.close();
    expect((await pool.run(scanJob("next", oneFile("export {};\n")))).success).toBe(true);
  });

  it("on close, fails the running and the waiting jobs with a transient error and stops its threads", async () => {
    pool = new WorkerPool({ threads: 1, logger: silentLogger });
    const running = pool.run(scanJob("long", { repo: { kind: "local", path: EFFECT_SOURCES } }));
    const waiting = pool.run(scanJob("next", oneFile("export {};\n")));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const outcomes = Promise.allSettled([running, waiting]);
    await pool.close();

    for (const outcome of await outcomes) expect(outcome).toEqual({ status: "rejected", reason: expect.any(TransientError) });
    await expect(pool.run(scanJob("late", oneFile("export {};\n")))).rejects.toBeInstanceOf(TransientError);
  });

  it("never keeps the process alive while idle, even if nobody closes it", async () => {
    const child = path.join(import.meta.dirname, "idle-pool-child.ts");
    const { stdout } = await run(process.execPath, ["--import", "tsx", child], { timeout: 20_000 });

    expect(stdout.trim()).toBe("ran t1");
  });
});
