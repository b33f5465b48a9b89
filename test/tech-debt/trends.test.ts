import { describe, expect, it } from "vitest";
import { computeTrends, parseStoredSummary, type StoredScan } from "../../src/agents/specialized/tech-debt/trends.js";

function scan(totalItems: number, byCategory: Record<string, number> = {}): StoredScan {
  return {
    scannedAt: "2026-01-01T00:00:00Z",
    sha: "abc",
    summary: { totalItems, remediationMinutes: 0, loc: 100, ratio: 0, rating: "A", byCategory, bySeverity: {} },
  };
}

describe("trends (the seed's ±10 % rule)", () => {
  it("needs two scans", () => {
    expect(computeTrends([]).total).toEqual({ trend: "insufficient_data", scans: 0 });
    expect(computeTrends([scan(5)]).total).toEqual({ trend: "insufficient_data", scans: 1 });
  });

  it("compares the latest scan with the one before it", () => {
    expect(computeTrends([scan(1), scan(100), scan(111)]).total).toEqual({
      trend: "increasing",
      currentItems: 111,
      previousItems: 100,
      change: 11,
      percentChange: 11,
      scansAnalyzed: 3,
    });
  });

  it.each([
    [100, 110, "stable"],
    [100, 111, "increasing"],
    [100, 90, "stable"],
    [100, 89, "decreasing"],
  ] as const)("%i → %i is %s", (before, after, trend) => {
    expect(computeTrends([scan(before), scan(after)]).total.trend).toBe(trend);
  });

  it("handles a previous count of zero without dividing by it", () => {
    expect(computeTrends([scan(0), scan(0)]).total).toMatchObject({ trend: "stable", percentChange: 0 });
    expect(computeTrends([scan(0), scan(3)]).total).toMatchObject({ trend: "increasing", percentChange: null, change: 3 });
  });

  it("gives a trend per category present in either scan", () => {
    const trends = computeTrends([scan(10, { complexity: 10 }), scan(10, { complexity: 5, todo_fixme: 5 })]);
    expect(trends.byCategory.complexity).toMatchObject({ trend: "decreasing", percentChange: -50 });
    expect(trends.byCategory.todo_fixme).toMatchObject({ trend: "increasing", percentChange: null });
    expect(trends.byCategory.duplication).toBeUndefined();
  });
});

describe("stored summaries", () => {
  it("read back what was written and survive corrupt rows", () => {
    expect(parseStoredSummary(JSON.stringify(scan(4, { complexity: 4 }).summary))).toMatchObject({ totalItems: 4, byCategory: { complexity: 4 } });
    expect(parseStoredSummary("not json")).toMatchObject({ totalItems: 0, rating: "A" });
    expect(parseStoredSummary('{"totalItems":"7","rating":"Z"}')).toMatchObject({ totalItems: 0, rating: "A" });
  });
});
