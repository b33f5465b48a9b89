import type { ScanComparison } from "./compare-scans.js";
import type { DebtSeverity } from "./model.js";

/** Changed files one side of a pull request could not be read from (GitHub did not serve them). */
export interface UnreadSide {
  side: "base" | "head";
  paths: string[];
}

/** The tech-debt agent's decision on a pull request; renderers only put it into words. */
export interface PullRequestVerdict {
  conclusion: "success" | "failure" | "neutral";
  /** Severities of new debt that fail the check (the config's gate.failOn). */
  blockingSeverities: DebtSeverity[];
  /** New findings at a blocking severity. */
  blocking: number;
  /** Set when a side could not be read in full: which debt is new is unknown, so there is no verdict. */
  unknown?: UnreadSide;
}

/**
 * Failure when the change introduces debt of a blocking severity, neutral when it introduces or
 * worsens only other debt, success when it adds none. Test code never takes part (it is compared
 * apart and shown beside the verdict). A side read only in part is never judged: a file missing at
 * base would make all its debt look new, one missing at head would make it look fixed.
 */
export function judgePullRequest(comparison: Pick<ScanComparison, "introduced" | "worsened">, blockingSeverities: readonly DebtSeverity[], unknown?: UnreadSide): PullRequestVerdict {
  if (unknown !== undefined) return { conclusion: "neutral", blockingSeverities: [...blockingSeverities], blocking: 0, unknown };
  const blockingSet = new Set(blockingSeverities);
  const blocking = comparison.introduced.filter((item) => blockingSet.has(item.severity)).length;
  const conclusion = blocking > 0 ? "failure" : comparison.introduced.length + comparison.worsened.length > 0 ? "neutral" : "success";
  return { conclusion, blockingSeverities: [...blockingSeverities], blocking };
}
