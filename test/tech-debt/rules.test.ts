import { describe, expect, it } from "vitest";
import type { FunctionMetrics } from "../../src/agents/specialized/tech-debt/analysis/function-metrics.js";
import { lineHashes } from "../../src/agents/specialized/tech-debt/fingerprint.js";
import { functionItems } from "../../src/agents/specialized/tech-debt/rules/function-rules.js";
import { FindingBuilder } from "../../src/agents/specialized/tech-debt/rules/rule-context.js";
import { severityByExcess } from "../../src/agents/specialized/tech-debt/rules/severity.js";
import { scanRepository } from "../../src/agents/specialized/tech-debt/scan-repository.js";
import { defaultTechDebtSettings } from "../../src/agents/specialized/tech-debt/settings.js";
import { MemoryRepoSource } from "../../src/ports/repo-source.js";

const settings = defaultTechDebtSettings();
const scan = (files: Record<string, string>) =>
  scanRepository(new MemoryRepoSource(files), { thresholds: settings.thresholds, duplication: settings.duplication, ignore: [], now: new Date(0) });

function metrics(overrides: Partial<FunctionMetrics>): FunctionMetrics {
  return { name: "f", kind: "function", line: 1, column: 1, endLine: 3, cyclomatic: 1, cognitive: 0, params: 0, loc: 3, maxNesting: 0, ...overrides };
}

describe("severity ladder", () => {
  it("is medium just over the threshold, high over 2×, critical over 4×", () => {
    expect(severityByExcess(16, 15)).toBe("medium");
    expect(severityByExcess(30, 15)).toBe("medium");
    expect(severityByExcess(31, 15)).toBe("high");
    expect(severityByExcess(60, 15)).toBe("high");
    expect(severityByExcess(61, 15)).toBe("critical");
  });
});

describe("function rules", () => {
  const builder = () => new FindingBuilder({ path: "a.ts", hashes: lineHashes("function f() {\n  return 1;\n}\n") });

  it("reports nothing at the thresholds and one item per metric above", () => {
    const atLimit = metrics({ cognitive: 15, cyclomatic: 10, loc: 50, params: 4, maxNesting: 4 });
    expect(functionItems([atLimit], settings.thresholds, builder())).toEqual([]);
    const over = metrics({ cognitive: 16, cyclomatic: 11, loc: 51, params: 5, maxNesting: 5 });
    expect(functionItems([over], settings.thresholds, builder()).map((item) => item.rule)).toEqual([
      "cognitive-complexity",
      "cyclomatic-complexity",
      "function-length",
      "parameter-count",
      "nesting-depth",
    ]);
  });

  it("charges SonarJS's 5 min + 1 min per point over for cognitive complexity", () => {
    const [item] = functionItems([metrics({ cognitive: 40 })], settings.thresholds, builder());
    expect(item).toMatchObject({ rule: "cognitive-complexity", category: "complexity", severity: "high", remediationMinutes: 30, value: 40, threshold: 15, symbol: "f" });
  });

  it("does not count a class field's arrow twice for length", () => {
    const field = metrics({ kind: "class-field-initializer", loc: 80 });
    expect(functionItems([field], settings.thresholds, builder())).toEqual([]);
  });
});

describe("fingerprints", () => {
  const complex = `export function tangled(a: number, b: number) {
  if (a > 1 && b > 1 || a < 0) { if (b) { for (const x of [a]) { while (x) { if (a) { return 1; } } } } }
  if (a === 2 ? b : a) { switch (a) { case 1: if (b) return 2; break; default: if (a && b) return 3; } }
  if (b > 7 || a > 9 && b < 2) { try { if (a) { return 4; } } catch { if (b) { return 5; } } }
  return 0;
}
`;
  const cognitive = (result: Awaited<ReturnType<typeof scan>>) => result.items.find((item) => item.rule === "cognitive-complexity")!;

  it("do not change when code moves or is re-indented", async () => {
    const before = cognitive(await scan({ "src/a.ts": complex }));
    const moved = cognitive(await scan({ "src/a.ts": `import x from "y";\n\n\n${complex.replace(/^ {2}/gm, "    ")}` }));
    expect(before).toBeDefined();
    expect(moved.line).toBe(before.line + 3);
    expect(moved.fingerprint).toBe(before.fingerprint);
  });

  it("change when the function's code or its file changes", async () => {
    const before = cognitive(await scan({ "src/a.ts": complex }));
    const edited = cognitive(await scan({ "src/a.ts": complex.replace("return 0;", "return -1;") }));
    const elsewhere = cognitive(await scan({ "src/b.ts": complex }));
    expect(edited.fingerprint).not.toBe(before.fingerprint);
    expect(elsewhere.fingerprint).not.toBe(before.fingerprint);
  });

  it("are unique within a scan even for identical code", async () => {
    const twice = `export function p(x: any) {\n  try { return x; } catch {}\n}\nexport function q(x: any) {\n  try { return x; } catch {}\n}\n`;
    const result = await scan({ "a.ts": twice });
    const fingerprints = result.items.map((item) => item.fingerprint);
    expect(result.items.filter((item) => item.rule === "explicit-any")).toHaveLength(2);
    expect(result.items.filter((item) => item.rule === "empty-catch")).toHaveLength(2);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });
});

describe("AST smells", () => {
  it("flags explicit any and empty catch, but not a catch with a comment", async () => {
    const code = `let a: any;\nconst b: unknown = 1;\ntry { a = 1; } catch {}\ntry { a = 2; } catch { /* expected */ }\nexport { a, b };\n`;
    const items = (await scan({ "a.ts": code })).items;
    // Worst first: the medium finding before the low one.
    expect(items.map((item) => [item.rule, item.line, item.severity])).toEqual([
      ["empty-catch", 3, "medium"],
      ["explicit-any", 1, "low"],
    ]);
  });

  it("counts implemented methods per class", async () => {
    const methods = (n: number) => Array.from({ length: n }, (_, i) => `  m${i}() { return ${i}; }`).join("\n");
    const code = `class Small {\n${methods(20)}\n}\nclass Big {\n${methods(21)}\n  abstractLike(): void;\n}\n`;
    const items = (await scan({ "a.ts": code })).items.filter((item) => item.rule === "class-methods");
    expect(items.map((item) => [item.symbol, item.value])).toEqual([["Big", 21]]);
  });
});
