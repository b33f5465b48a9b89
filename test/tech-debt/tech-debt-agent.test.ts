import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AgentContext } from "../../src/agents/agent.js";
import { TechDebtAgent, type PullRequestDebtOutput, type ScanDebtOutput } from "../../src/agents/specialized/tech-debt/tech-debt-agent.js";
import { InProcessBus } from "../../src/bus/in-process-bus.js";
import { ManualClock } from "../../src/ports/clock.js";
import { silentLogger } from "../../src/ports/logger.js";
import { MemoryRepoSource } from "../../src/ports/repo-source.js";
import { createTestStore, type TestStore } from "../helpers/test-store.js";

function branches(name: string, conditions: number): string {
  const body = Array.from({ length: conditions }, (_, i) => `  if (x === ${i}) return ${i};`).join("\n");
  return `export function ${name}(x: number): number {\n${body}\n  return -1;\n}\n`;
}

let testStore: TestStore;
let clock: ManualClock;
beforeEach(async () => {
  testStore = await createTestStore();
  clock = new ManualClock("2026-03-01T00:00:00Z");
});
afterEach(() => testStore.cleanup());

function context(extra: Partial<AgentContext> = {}): AgentContext {
  return { clock, logger: silentLogger, store: testStore.store, bus: new InProcessBus(testStore.store, { clock }), ...extra };
}

const task = (inputData: Record<string, unknown>) => ({ id: "t1", type: "analysis" as const, description: "debt", inputData, dependencies: [] });

describe("TechDebtAgent, scan mode", () => {
  it("returns the scan with refactoring opportunities and an action plan", async () => {
    const repo = new MemoryRepoSource({ "a.ts": branches("tangled", 45), "b.ts": "// FIXME: leaks\nexport const b = 1;\n" });
    const result = await new TechDebtAgent().execute(task({ mode: "scan", churn: { "a.ts": 3 } }), context({ repo }));
    expect(result).toMatchObject({ success: true, agentId: "tech-debt", taskId: "t1" });
    const output = result.output as unknown as ScanDebtOutput;
    expect(output.scan.summary.files).toBe(2);
    expect(output.actionPlan.immediateActions.count).toBe(1); // cyclomatic 46 > 4 × 10
    expect(output.actionPlan.shortTermActions.count).toBe(2); // cognitive 45 > 2 × 15, and the FIXME
    expect(output.refactoringOpportunities.map((o) => [o.file, o.churn])).toEqual([
      ["a.ts", 3],
      ["b.ts", 0],
    ]);
    expect(output.trends.total).toEqual({ trend: "insufficient_data", scans: 1 });
  });

  it("applies the repository's thresholds and ignore globs", async () => {
    const repo = new MemoryRepoSource({ "a.ts": branches("f", 5), "gen/b.ts": branches("g", 30) });
    const result = await new TechDebtAgent().execute(task({ config: { thresholds: { cyclomatic: 3 }, ignore: ["gen/**"] } }), context({ repo }));
    const output = result.output as unknown as ScanDebtOutput;
    expect(output.scan.items.map((item) => [item.file, item.rule])).toEqual([["a.ts", "cyclomatic-complexity"]]);
    expect(output.scan.skipped).toEqual([{ path: "gen/b.ts", reason: "ignored" }]);
  });

  it("records scans for trends and does not record a retried SHA twice", async () => {
    const agent = new TechDebtAgent();
    const record = (sha: string) => task({ record: { repo: "o/r", sha } });
    await agent.execute(record("s1"), context({ repo: new MemoryRepoSource({ "a.ts": "// TODO: x\nexport const a = 1;\n" }) }));
    clock.advance(3_600_000);
    const many = new MemoryRepoSource({ "a.ts": "// TODO: x\n// TODO: y\n// TODO: z\nexport const a = 1;\n" });
    await agent.execute(record("s2"), context({ repo: many }));
    const retried = await agent.execute(record("s2"), context({ repo: many }));
    const output = retried.output as unknown as ScanDebtOutput;
    expect(output.history.map((scan) => scan.sha)).toEqual(["s1", "s2"]);
    expect(output.trends.total).toMatchObject({ trend: "increasing", previousItems: 1, currentItems: 3, percentChange: 200 });
    expect((await testStore.store.listDebtScans("o/r", 12)).map((row) => row.sha)).toEqual(["s1", "s2"]);
  });

  it("fails the task, not the process, on bad input or a missing repository", async () => {
    const agent = new TechDebtAgent();
    expect(await agent.execute(task({ mode: "dance" }), context({ repo: new MemoryRepoSource({}) }))).toMatchObject({ success: false });
    const noRepo = await agent.execute(task({ mode: "scan" }), context());
    expect(noRepo).toMatchObject({ success: false, error: expect.stringContaining("ctx.repo") });
  });
});

describe("TechDebtAgent, pull_request mode", () => {
  it("compares head with base on the changed files", async () => {
    const baseRepo = new MemoryRepoSource({ "a.ts": "export const a = 1;\n", "old.ts": "// FIXME: gone soon\nexport const o = 1;\n" });
    const repo = new MemoryRepoSource({ "a.ts": `export const a = 1;\n${branches("tangled", 12)}` });
    const changedLines = { "a.ts": [2, 3, 4], "old.ts": "all" };
    const result = await new TechDebtAgent().execute(task({ mode: "pull_request", changedLines }), context({ repo, baseRepo }));
    expect(result.success).toBe(true);
    const output = result.output as unknown as PullRequestDebtOutput;
    expect(output.mode).toBe("pull_request");
    expect(output.introduced.map((item) => item.symbol)).toEqual(["tangled"]);
    expect(output.fixed.map((item) => item.rule)).toEqual(["todo-comment"]);
    expect(output.summary.files).toBe(1);
    expect(output.changedLines).toEqual(changedLines);
  });

  it("matches findings of a renamed file when told about the rename", async () => {
    const code = branches("tangled", 12);
    const baseRepo = new MemoryRepoSource({ "old/name.ts": code });
    const repo = new MemoryRepoSource({ "new/name.ts": code });
    const changedLines = { "new/name.ts": "all" };
    const agent = new TechDebtAgent();
    const unaware = (await agent.execute(task({ mode: "pull_request", changedLines }), context({ repo, baseRepo }))).output as unknown as PullRequestDebtOutput;
    expect(unaware.introduced.length).toBeGreaterThan(0);
    const renames = { "new/name.ts": "old/name.ts" };
    const aware = (await agent.execute(task({ mode: "pull_request", changedLines, renames }), context({ repo, baseRepo }))).output as unknown as PullRequestDebtOutput;
    expect(aware).toMatchObject({ introduced: [], fixed: [], worsened: [] });
  });

  it("needs the base files", async () => {
    const result = await new TechDebtAgent().execute(task({ mode: "pull_request", changedLines: {} }), context({ repo: new MemoryRepoSource({}) }));
    expect(result).toMatchObject({ success: false, error: expect.stringContaining("baseRepo") });
  });
});
