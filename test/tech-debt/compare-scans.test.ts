import { describe, expect, it } from "vitest";
import { compareScans, touchesChangedLines, toChangedLines } from "../../src/agents/specialized/tech-debt/compare-scans.js";
import { scanRepository } from "../../src/agents/specialized/tech-debt/scan-repository.js";
import { defaultTechDebtSettings } from "../../src/agents/specialized/tech-debt/settings.js";
import { MemoryRepoSource } from "../../src/ports/repo-source.js";

const settings = defaultTechDebtSettings();
const scan = (files: Record<string, string>) =>
  scanRepository(new MemoryRepoSource(files), { thresholds: settings.thresholds, duplication: settings.duplication, ignore: [], now: new Date(0) });

/** A function whose cyclomatic complexity is 1 + conditions. */
function branches(name: string, conditions: number): string {
  const body = Array.from({ length: conditions }, (_, i) => `  if (x === ${i}) return ${i};`).join("\n");
  return `export function ${name}(x: number): number {\n${body}\n  return -1;\n}\n`;
}

describe("compareScans (new-code focus)", () => {
  it("reports debt added in changed files as introduced, and removed debt as fixed", async () => {
    const base = await scan({ "a.ts": branches("keep", 2), "b.ts": "// TODO: old\nexport const b = 1;\n" });
    const head = await scan({ "a.ts": `${branches("keep", 2)}${branches("tangled", 12)}`, "b.ts": "export const b = 1;\n" });
    const result = compareScans(base, head, toChangedLines({ "a.ts": [6, 7], "b.ts": "all" }));
    expect(result.introduced.map((item) => [item.rule, item.symbol])).toEqual([["cyclomatic-complexity", "tangled"]]);
    expect(result.fixed.map((item) => item.rule)).toEqual(["todo-comment"]);
    expect(result.worsened).toEqual([]);
  });

  it("does not report moved code as new", async () => {
    const base = await scan({ "a.ts": branches("tangled", 12) });
    const head = await scan({ "a.ts": `export const first = 1;\n\n${branches("tangled", 12)}` });
    const result = compareScans(base, head, toChangedLines({ "a.ts": "all" }));
    expect(result).toMatchObject({ introduced: [], fixed: [], worsened: [] });
  });

  it("reports a function that was already too complex and got worse as worsened, not new", async () => {
    const base = await scan({ "a.ts": branches("tangled", 12) });
    const worse = await scan({ "a.ts": branches("tangled", 14) });
    const better = await scan({ "a.ts": branches("tangled", 11) });
    const changed = toChangedLines({ "a.ts": [3] });
    const worsened = compareScans(base, worse, changed);
    expect(worsened.introduced).toEqual([]);
    expect(worsened.fixed).toEqual([]);
    expect(worsened.worsened.map((w) => [w.item.symbol, w.before, w.after])).toEqual([["tangled", 13, 15]]);
    expect(compareScans(base, better, changed)).toMatchObject({ introduced: [], fixed: [], worsened: [] });
  });

  it("ignores new findings in files the change did not touch", async () => {
    const base = await scan({ "a.ts": "export const a = 1;\n" });
    const head = await scan({ "a.ts": "export const a = 1;\n", "b.ts": branches("tangled", 12) });
    expect(compareScans(base, head, toChangedLines({ "a.ts": [1] })).introduced).toEqual([]);
  });

  it("carries the ratings and ratios of both sides", async () => {
    const base = await scan({ "a.ts": "export const a = 1;\n" });
    const head = await scan({ "a.ts": `export const a = 1;\n${branches("tangled", 12)}` });
    const result = compareScans(base, head, toChangedLines({ "a.ts": "all" }));
    expect(result).toMatchObject({ ratingBefore: "A", ratioBefore: 0, ratingAfter: head.summary.rating, ratioAfter: head.summary.debtRatio });
    expect(result.ratioAfter).toBeGreaterThan(0);
  });
});

describe("touchesChangedLines", () => {
  const changed = toChangedLines({ "a.ts": [10, 20], "b.ts": "all" });
  it.each([
    [{ file: "a.ts", line: 5, endLine: 9 }, false],
    [{ file: "a.ts", line: 5, endLine: 10 }, true],
    [{ file: "a.ts", line: 11, endLine: 19 }, false],
    [{ file: "a.ts", line: 20, endLine: 400 }, true],
    [{ file: "b.ts", line: 1, endLine: 1 }, true],
    [{ file: "c.ts", line: 1, endLine: 100 }, false],
  ])("%o → %s", (item, expected) => {
    expect(touchesChangedLines(item, changed)).toBe(expected);
  });
});
