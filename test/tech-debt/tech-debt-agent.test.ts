import { beforeEach, describe, expect, it } from "vitest";
import type { AgentContext } from "../../src/agents/agent.js";
import { COMPARE_PULL_REQUEST_DEBT, SCAN_TECH_DEBT } from "../../src/agents/specialized/tech-debt/tech-debt-capability.js";
import { TechDebtAgent } from "../../src/agents/specialized/tech-debt/tech-debt-agent.js";
import { ManualClock } from "../../src/ports/clock.js";
import { silentLogger } from "../../src/ports/logger.js";
import { MemoryRepoSource } from "../../src/ports/repo-source.js";

function branches(name: string, conditions: number): string {
  const body = Array.from({ length: conditions }, (_, i) => `  if (x === ${i}) return ${i};`).join("\n");
  return `export function ${name}(x: number): number {\n${body}\n  return -1;\n}\n`;
}

let clock: ManualClock;
beforeEach(() => {
  clock = new ManualClock("2026-03-01T00:00:00Z");
});

function context(extra: Partial<AgentContext> = {}): AgentContext {
  return { clock, logger: silentLogger, ...extra };
}

const task = (inputData: Record<string, unknown>, operation = SCAN_TECH_DEBT.id) => ({ id: "t1", type: "analysis" as const, operation, description: "debt", inputData, dependencies: [] });
const pullRequest = (inputData: Record<string, unknown>) => task(inputData, COMPARE_PULL_REQUEST_DEBT.id);
const scanOutput = (output: unknown) => SCAN_TECH_DEBT.output.parse(output);
const pullRequestOutput = (output: unknown) => COMPARE_PULL_REQUEST_DEBT.output.parse(output);

describe("TechDebtAgent, scan mode", () => {
  it("returns the scan with refactoring opportunities and an action plan", async () => {
    const repo = new MemoryRepoSource({ "a.ts": branches("tangled", 45), "b.ts": "// FIXME: leaks\nexport const b = 1;\n" });
    const result = await new TechDebtAgent().execute(task({ mode: "scan", churn: { "a.ts": 3 } }), context({ repo }));
    expect(result).toMatchObject({ success: true, agentId: "tech-debt", taskId: "t1" });
    const output = scanOutput(result.output);
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
    const output = scanOutput(result.output);
    expect(output.scan.items.map((item) => [item.file, item.rule])).toEqual([["a.ts", "cyclomatic-complexity"]]);
    expect(output.scan.skipped).toEqual([{ path: "gen/b.ts", reason: "ignored" }]);
  });

  it("adds the scan to the history it is given, for trends, without a duplicate point for a retried SHA", async () => {
    const agent = new TechDebtAgent();
    const first = scanOutput((await agent.execute(task({ sha: "s1" }), context({ repo: new MemoryRepoSource({ "a.ts": "// TODO: x\nexport const a = 1;\n" }) }))).output);
    clock.advance(3_600_000);
    const many = new MemoryRepoSource({ "a.ts": "// TODO: x\n// TODO: y\n// TODO: z\nexport const a = 1;\n" });
    const second = scanOutput((await agent.execute(task({ sha: "s2", history: first.history }), context({ repo: many }))).output);
    const retried = scanOutput((await agent.execute(task({ sha: "s2", history: second.history }), context({ repo: many }))).output);

    expect(first.history.map((scan) => scan.sha)).toEqual(["s1"]);
    expect(retried.history.map((scan) => scan.sha)).toEqual(["s1", "s2"]);
    expect(retried.trends.total).toMatchObject({ trend: "increasing", previousItems: 1, currentItems: 3, percentChange: 200 });
  });

  it("fails the task, not the process, on bad input or a missing repository", async () => {
    const agent = new TechDebtAgent();
    expect(await agent.execute(task({ history: "yesterday" }), context({ repo: new MemoryRepoSource({}) }))).toMatchObject({ success: false });
    const noRepo = await agent.execute(task({}), context());
    expect(noRepo).toMatchObject({ success: false, error: expect.stringContaining("ctx.repo") });
  });
});

describe("TechDebtAgent, pull_request mode", () => {
  it("compares head with base on the changed files", async () => {
    const baseRepo = new MemoryRepoSource({ "a.ts": "export const a = 1;\n", "old.ts": "// FIXME: gone soon\nexport const o = 1;\n" });
    const repo = new MemoryRepoSource({ "a.ts": `export const a = 1;\n${branches("tangled", 12)}` });
    const changedLines = { "a.ts": [2, 3, 4], "old.ts": "all" };
    const result = await new TechDebtAgent().execute(pullRequest({ changedLines }), context({ repo, baseRepo }));
    expect(result.success).toBe(true);
    const output = pullRequestOutput(result.output);
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
    const unaware = pullRequestOutput((await agent.execute(pullRequest({ changedLines }), context({ repo, baseRepo }))).output);
    expect(unaware.introduced.length).toBeGreaterThan(0);
    const renames = { "new/name.ts": "old/name.ts" };
    const aware = pullRequestOutput((await agent.execute(pullRequest({ changedLines, renames }), context({ repo, baseRepo }))).output);
    expect(aware).toMatchObject({ introduced: [], fixed: [], worsened: [] });
  });

  it("needs the base files", async () => {
    const result = await new TechDebtAgent().execute(pullRequest({ changedLines: {} }), context({ repo: new MemoryRepoSource({}) }));
    expect(result).toMatchObject({ success: false, error: expect.stringContaining("baseRepo") });
  });
});
