import { describe, expect, it } from "vitest";
import { buildActionPlan } from "../../src/agents/specialized/tech-debt/action-plan.js";
import type { DebtItem, DebtSeverity } from "../../src/agents/specialized/tech-debt/model.js";
import { worstFirst } from "../../src/agents/specialized/tech-debt/order-items.js";

function item(name: string, severity: DebtSeverity, extra: Partial<DebtItem> = {}): DebtItem {
  return { fingerprint: name, rule: "cognitive-complexity", category: "complexity", severity, file: "a.ts", line: 1, endLine: 1, message: name, remediationMinutes: 10, ...extra };
}

describe("worstFirst", () => {
  it("orders by severity, then how far over the threshold, then time to fix, then place", () => {
    const items = [
      item("low", "low"),
      item("high, 1.2× over", "high", { value: 18, threshold: 15 }),
      item("high, 4× over", "high", { value: 40, threshold: 10 }),
      item("high, no threshold, slow", "high", { remediationMinutes: 60 }),
      item("high, no threshold, quick, later file", "high", { file: "z.ts" }),
      item("high, no threshold, quick", "high"),
      item("critical", "critical"),
    ];

    expect(worstFirst(items).map((i) => i.message)).toEqual([
      "critical",
      "high, 4× over",
      "high, 1.2× over",
      "high, no threshold, slow",
      "high, no threshold, quick",
      "high, no threshold, quick, later file",
      "low",
    ]);
  });

  it("is the order of the action plan's buckets, whatever order the items come in", () => {
    const mild = item("mild", "critical", { value: 70, threshold: 15 });
    const severe = item("severe", "critical", { value: 300, threshold: 15, remediationMinutes: 5 });
    expect(buildActionPlan([mild, severe], []).immediateActions.items.map((i) => i.message)).toEqual(["severe", "mild"]);
  });
});
