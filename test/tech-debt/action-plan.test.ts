import { describe, expect, it } from "vitest";
import { buildActionPlan } from "../../src/agents/specialized/tech-debt/action-plan.js";
import type { DebtItem, DebtSeverity } from "../../src/agents/specialized/tech-debt/model.js";
import { prioritize } from "../../src/agents/specialized/tech-debt/prioritize.js";

let counter = 0;
function item(file: string, severity: DebtSeverity, minutes = 30): DebtItem {
  counter++;
  return { fingerprint: `fp${counter}`, rule: "cognitive-complexity", category: "complexity", severity, file, line: counter, endLine: counter, message: "m", remediationMinutes: minutes };
}

describe("refactoring opportunities", () => {
  it("keeps files with three items or a serious one, as the seed did plus severity", () => {
    const items = [item("a.ts", "low"), item("a.ts", "low"), item("b.ts", "low"), item("b.ts", "low"), item("b.ts", "low"), item("c.ts", "high")];
    expect(prioritize(items).map((o) => [o.file, o.priority])).toEqual([
      ["c.ts", "high"],
      ["b.ts", "medium"],
    ]);
  });

  it("ranks by severity weight × (1 + churn), so a churning file outranks a bigger quiet one", () => {
    const items = [...Array.from({ length: 3 }, () => item("quiet.ts", "high")), item("hot.ts", "high")];
    const ranked = prioritize(items, new Map([["hot.ts", 5]]));
    expect(ranked.map((o) => [o.file, o.score, o.hotspot])).toEqual([
      ["hot.ts", 24, true],
      ["quiet.ts", 12, false],
    ]);
    expect(prioritize(items).map((o) => o.file)).toEqual(["quiet.ts", "hot.ts"]);
  });

  it("has the seed's fields, camelCased", () => {
    const [opportunity] = prioritize([item("src/deep/x.ts", "critical", 90)], { "src/deep/x.ts": 2 });
    expect(opportunity).toMatchObject({
      id: "refactor_src/deep/x.ts",
      title: "Refactor x.ts",
      estimatedEffortHours: 1.5,
      benefits: ["Improved code quality", "Reduced complexity", "Better maintainability"],
      risks: ["May require extensive testing"],
      churn: 2,
    });
  });
});

describe("action plan", () => {
  it("buckets by severity with hours and keeps the top five opportunities", () => {
    const items = [
      item("a.ts", "critical", 60),
      item("a.ts", "critical", 30),
      item("b.ts", "high", 120),
      item("c.ts", "medium", 6),
      item("c.ts", "low", 6),
      ...["d", "e", "f", "g", "h", "i"].map((name) => item(`${name}.ts`, "high", 1)),
    ];
    const plan = buildActionPlan(items, prioritize(items));
    expect(plan.immediateActions).toMatchObject({ count: 2, estimatedHours: 1.5 });
    expect(plan.immediateActions.items.map((i) => i.remediationMinutes)).toEqual([60, 30]);
    expect(plan.shortTermActions).toMatchObject({ count: 7, estimatedHours: 2.1 });
    expect(plan.backlog).toMatchObject({ count: 2, estimatedHours: 0.2 });
    expect(plan.refactoringOpportunities).toHaveLength(5);
    expect(plan.refactoringOpportunities[0]!.file).toBe("a.ts");
    expect(plan.totalEstimatedEffortHours).toBe(3.8);
  });
});
