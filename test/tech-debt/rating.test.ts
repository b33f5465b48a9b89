import { describe, expect, it } from "vitest";
import { debtRatio, ratingFor } from "../../src/agents/specialized/tech-debt/rating.js";

describe("SonarQube maintainability rating", () => {
  it("is remediation minutes over lines × 30 minutes", () => {
    expect(debtRatio(300, 100)).toBe(0.1);
    expect(debtRatio(0, 100)).toBe(0);
  });

  it("treats an empty code base as debt-free", () => {
    expect(debtRatio(50, 0)).toBe(0);
    expect(ratingFor(debtRatio(50, 0))).toBe("A");
  });

  it.each([
    [0, "A"],
    [0.05, "A"],
    [0.0501, "B"],
    [0.1, "B"],
    [0.1001, "C"],
    [0.2, "C"],
    [0.2001, "D"],
    [0.5, "D"],
    [0.5001, "E"],
    [3, "E"],
  ] as const)("ratio %f is %s", (ratio, rating) => {
    expect(ratingFor(ratio)).toBe(rating);
  });

  it("puts exact grid points computed from minutes on the better side", () => {
    // 1000 lines × 30 = 30,000 development minutes; 1500 min = exactly 5 %.
    expect(ratingFor(debtRatio(1500, 1000))).toBe("A");
    expect(ratingFor(debtRatio(1501, 1000))).toBe("B");
    expect(ratingFor(debtRatio(3000, 1000))).toBe("B");
    expect(ratingFor(debtRatio(6000, 1000))).toBe("C");
    expect(ratingFor(debtRatio(15_000, 1000))).toBe("D");
    expect(ratingFor(debtRatio(15_001, 1000))).toBe("E");
  });
});
