import type { ScanResult } from "./model.js";
import { judgePullRequest, type UnreadSide } from "./pull-request-verdict.js";
import { summarize } from "./summarize.js";
import type { PullRequestDebtOutput } from "./tech-debt-output.js";
import type { DebtSeverity } from "./model.js";

/** The changed files a side's scan could not read: GitHub did not serve them (or not yet). */
export function unreadSide(side: UnreadSide["side"], scan: Pick<ScanResult, "skipped">): UnreadSide | undefined {
  const paths = scan.skipped.filter((file) => file.reason === "unreadable").map((file) => file.path);
  return paths.length === 0 ? undefined : { side, paths };
}

/**
 * A pull request whose `unknown` side was read only in part (`head` is absent when the base already
 * was, and so not read at all): nothing is called new, fixed or worse, since nobody can tell, and the
 * verdict is neutral and names the files.
 */
export function unknownComparison(
  unknown: UnreadSide,
  base: ScanResult,
  head: ScanResult | undefined,
  input: { blockingSeverities: readonly DebtSeverity[]; changedLines: Record<string, number[] | "all"> },
): Omit<PullRequestDebtOutput, "effects"> {
  const headSummary = head?.summary ?? summarize({ files: 0, loc: 0, functions: 0, items: [], duplicatedLines: 0, totalLines: 0, skipped: 0 });
  return {
    mode: "pull_request",
    introduced: [],
    fixed: [],
    worsened: [],
    ratingBefore: base.summary.rating,
    ratingAfter: headSummary.rating,
    ratioBefore: base.summary.debtRatio,
    ratioAfter: headSummary.debtRatio,
    verdict: judgePullRequest({ introduced: [], worsened: [] }, input.blockingSeverities, unknown),
    summary: headSummary,
    baseSummary: base.summary,
    skipped: (head ?? base).skipped,
    warnings: [...new Set([...base.warnings, ...(head?.warnings ?? [])])],
    changedLines: input.changedLines,
  };
}
