import { describe, expect, it } from "vitest";
import { buildActionPlan } from "../../src/agents/specialized/tech-debt/action-plan.js";
import type { DebtItem, DebtSeverity, ScanResult, ScanSummary } from "../../src/agents/specialized/tech-debt/model.js";
import { judgePullRequest } from "../../src/agents/specialized/tech-debt/pull-request-verdict.js";
import { prioritize } from "../../src/agents/specialized/tech-debt/prioritize.js";
import type { PullRequestDebtOutput, ScanDebtOutput } from "../../src/agents/specialized/tech-debt/tech-debt-output.js";
import { computeTrends, toStoredSummary, type StoredScan } from "../../src/agents/specialized/tech-debt/trends.js";
import { COMMENT_BUDGET } from "../../src/render/limits.js";
import { renderDebtCheck } from "../../src/render/tech-debt/debt-check.js";
import { renderDebtComment } from "../../src/render/tech-debt/debt-comment.js";
import { renderDebtReport } from "../../src/render/tech-debt/debt-report.js";
import { renderScanText } from "../../src/render/tech-debt/scan-text.js";

let n = 0;
function item(severity: DebtSeverity, file = "src/a.ts", line = 10, endLine = line, message = "Cognitive complexity of f is 20 (threshold 15)."): DebtItem {
  n++;
  return { fingerprint: `fp${n}`, rule: "cognitive-complexity", category: "complexity", severity, file, line, endLine, message, remediationMinutes: 10, symbol: "f", value: 20, threshold: 15 };
}

const summary = (overrides: Partial<ScanSummary> = {}): ScanSummary => ({
  files: 3,
  loc: 300,
  functions: 12,
  totalItems: 2,
  remediationMinutes: 20,
  debtRatio: 20 / 9000,
  rating: "A",
  duplicatedLines: 0,
  duplicatedLinesPercent: 0,
  byCategory: { complexity: 2 },
  bySeverity: { high: 1, medium: 1 },
  skipped: 0,
  ...overrides,
});

function pr(overrides: Partial<PullRequestDebtOutput> = {}, failOn: DebtSeverity[] = ["critical", "high"]): PullRequestDebtOutput {
  const result = {
    mode: "pull_request" as const,
    introduced: [],
    fixed: [],
    worsened: [],
    ratingBefore: "A" as const,
    ratingAfter: "A" as const,
    ratioBefore: 0.01,
    ratioAfter: 0.01,
    summary: summary(),
    baseSummary: summary(),
    skipped: [],
    warnings: [],
    changedLines: { "src/a.ts": [10, 11], "src/b.ts": "all" } as PullRequestDebtOutput["changedLines"],
    ...overrides,
  };
  return { ...result, verdict: judgePullRequest(result, failOn), effects: [] };
}

describe("renderDebtCheck", () => {
  it("succeeds when nothing new comes in", () => {
    const check = renderDebtCheck(pr({ fixed: [item("medium")] }));
    expect(check.conclusion).toBe("success");
    expect(check.title).toBe("No new tech debt, 1 fixed");
    expect(check.annotations).toEqual([]);
  });

  it("is neutral for new debt below the gate and fails for gated severities", () => {
    expect(renderDebtCheck(pr({ introduced: [item("medium")] })).conclusion).toBe("neutral");
    const failing = renderDebtCheck(pr({ introduced: [item("medium"), item("high")] }));
    expect(failing.conclusion).toBe("failure");
    expect(failing.title).toContain("1 at a blocking severity");
    expect(renderDebtCheck(pr({ introduced: [item("critical")] }, [])).conclusion).toBe("neutral");
  });

  it("annotates only findings on changed lines, failure for gated severities", () => {
    const onChange = item("high", "src/a.ts", 5, 10);
    const offChange = item("critical", "src/a.ts", 30, 40);
    const newFile = item("medium", "src/b.ts", 1);
    const check = renderDebtCheck(pr({ introduced: [onChange, offChange, newFile] }));
    expect(check.annotations.map((a) => [a.path, a.start_line, a.end_line, a.annotation_level])).toEqual([
      ["src/a.ts", 5, 10, "failure"],
      ["src/b.ts", 1, 1, "warning"],
    ]);
    // The off-change finding still fails the check and is listed in the summary.
    expect(check.conclusion).toBe("failure");
    expect(check.summary).toContain("src/a.ts:30-40");
  });

  it("shows the rating change with its delta and the counts", () => {
    const check = renderDebtCheck(pr({ introduced: [item("medium")], ratingBefore: "A", ratingAfter: "B", ratioBefore: 0.04, ratioAfter: 0.062 }));
    expect(check.summary).toContain("**A → B** (debt ratio 4.0 % → 6.2 %, +2.2 points)");
    expect(check.summary).toMatch(/\| 1 \| 0 \| 0 \|/);
  });

  it("escapes code text in the summary", () => {
    const evil = item("medium", "src/a.ts", 10, 10, "TODO: ask @octocat about <img src=x onerror=alert(1)> **APPROVED**");
    const check = renderDebtCheck(pr({ introduced: [evil] }));
    expect(check.summary).not.toContain("<img");
    expect(check.summary).not.toContain("@octocat");
    expect(check.summary).not.toContain("**APPROVED**");
  });

  it("annotates duplicated code on the copy the change touched", () => {
    const clone: DebtItem = {
      ...item("medium", "src/a.ts", 40, 52),
      rule: "duplicated-code",
      locations: [
        { file: "src/a.ts", line: 40, endLine: 52 },
        { file: "src/b.ts", line: 3, endLine: 15 },
      ],
    };
    const check = renderDebtCheck(pr({ introduced: [clone] }));
    expect(check.annotations.map((a) => [a.path, a.start_line, a.end_line])).toEqual([["src/b.ts", 3, 15]]);
  });

  it("reports test code apart, never gated, and says what was not measured", () => {
    const check = renderDebtCheck(
      pr({
        tests: { introduced: [item("critical", "test/a.test.ts")], fixed: [], worsened: [], ratingBefore: "A", ratingAfter: "B", ratioBefore: 0, ratioAfter: 0.07 },
        warnings: ["Duplicated code was not measured: jscpd has no binary for freebsd/x64"],
      }),
    );
    expect(check.conclusion).toBe("success");
    expect(check.summary).toContain("**Test code** (not gated): 1 new item, 0 worsened, 0 fixed.");
    expect(check.summary).toContain("**Partial analysis:** Duplicated code was not measured: jscpd has no binary for freebsd/x64");
  });

  it("bounds the worse-than-before table, so the partial-analysis lines after it stay within GitHub's limit", () => {
    const worsened = Array.from({ length: 3000 }, (_, i) => ({ item: item("high", `src/f${i}.ts`), before: 11, after: 30 }));
    const check = renderDebtCheck({ ...pr(), worsened, warnings: ["Duplicated code was not measured."] }, { maxRows: 50 });
    expect(check.summary).toContain("… and 2950 more.");
    expect(check.summary).toContain("**Partial analysis:** Duplicated code was not measured.");
  });

  it("says when files were left out", () => {
    expect(renderDebtCheck(pr(), { omittedFiles: 12 }).summary).toContain("12 changed files beyond the size cap");
  });
});

describe("renderDebtComment", () => {
  it("summarises new, worsened and fixed debt", () => {
    const worse = item("high", "src/a.ts", 10);
    const body = renderDebtComment(pr({ introduced: [item("high")], worsened: [{ item: worse, before: 18, after: 25 }], fixed: [item("low")] }));
    expect(body).toContain("### Tech debt in this pull request");
    expect(body).toContain("1 new item (about 10 min to fix), 1 made worse, 1 fixed.");
    expect(body).toContain("18 → 25");
    expect(body).toContain("<details><summary>Fixed</summary>");
  });

  it("congratulates when debt only goes down", () => {
    expect(renderDebtComment(pr({ fixed: [item("low")] }))).toContain("No new debt, and 1 item fixed");
  });
});

function scanOutput(history: StoredScan[], items: DebtItem[] = [item("critical"), item("medium", "src/b.ts")]): ScanDebtOutput {
  const scan: ScanResult = {
    summary: summary({ totalItems: items.length }),
    files: [],
    items,
    clones: [],
    todos: [],
    skipped: [{ path: "lib/vendor.min.js", reason: "minified-name" }],
    warnings: [],
  };
  const refactoringOpportunities = prioritize(items, { "src/a.ts": 4 });
  return { mode: "scan", effects: [], scan, refactoringOpportunities, actionPlan: buildActionPlan(items, refactoringOpportunities), trends: computeTrends(history), history };
}

describe("renderDebtReport", () => {
  const history: StoredScan[] = [
    { scannedAt: "2026-02-01T00:00:00Z", sha: "aaaaaaaa", summary: { ...toStoredSummary(summary({ totalItems: 10 })) } },
    { scannedAt: "2026-02-08T00:00:00Z", sha: "bbbbbbbb", summary: { ...toStoredSummary(summary({ totalItems: 2 })) } },
  ];

  it("has the rating, trend chart, hotspots, action plan and skipped files", () => {
    const body = renderDebtReport(scanOutput(history), { repo: "octo/repo", sha: "bbbbbbbbcccc" });
    expect(body).toContain("## Tech debt report");
    expect(body).toContain("**Maintainability rating A**");
    expect(body).toContain("Debt items are **decreasing**: 10 → 2 (-80 %)");
    expect(body).toContain("```mermaid\nxychart-beta");
    expect(body).toContain('x-axis ["02-01 aaaaaaa", "02-08 bbbbbbb"]');
    expect(body).toContain("line \"items\" [10, 2]");
    expect(body).toMatch(/<code>src\/a\.ts<\/code> \| 1 \| 1 critical \| 4 🔥/);
    expect(body).toContain("**Immediate (critical):** 1 item");
    expect(body).toContain("<code>lib/vendor.min.js</code> | minified-name");
  });

  it("gives test code its own section, outside the rating", () => {
    const output = scanOutput(history);
    output.scan.tests = { summary: summary({ files: 4, loc: 120, totalItems: 1, remediationMinutes: 20 }), files: [], items: [item("high", "test/x.test.ts")], todos: [] };
    const body = renderDebtReport(output);
    expect(body).toContain("### Test code\n\n4 test files, 120 lines of code: 1 item (20 min to fix)");
    expect(body).toContain("Not part of the rating, the pull-request gate or the hotspots.");
    expect(body).toContain("<code>test/x.test.ts:10</code>");
  });

  it("says when there is no trend yet", () => {
    expect(renderDebtReport(scanOutput(history.slice(1)))).toContain("Not enough scans for a trend yet (1 scan).");
  });

  it("fits a comment even with thousands of items", () => {
    const many = Array.from({ length: 5000 }, (_, i) => item("critical", `src/file-${i}.ts`, 1, 1, "x".repeat(200)));
    expect(renderDebtReport(scanOutput(history, many)).length).toBeLessThanOrEqual(COMMENT_BUDGET);
  });
});

describe("renderScanText", () => {
  it("neutralises terminal escape sequences from code", () => {
    const text = renderScanText({ ...scanOutput([]).scan, items: [item("high", "src/a.ts", 1, 1, "TODO: \u001b[2J\u001b]0;pwned\u0007")] }, "/repo");
    expect(text.includes("\u001b") || text.includes("\u0007")).toBe(false);
    expect(text).toContain("Rating A");
  });
});
