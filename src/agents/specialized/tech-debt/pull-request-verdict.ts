import type { ScanComparison } from "./compare-scans.js";
import type { DebtSeverity } from "./model.js";

/** The tech-debt agent's decision on a pull request; renderers only put it into words. */
export interface PullRequestVerdict {
  conclusion: "success" | "failure" | "neutral";
  /** Severities of new debt that fail the check (the config's gate.failOn). */
  blockingSeverities: DebtSeverity[];
  /** New findings at a blocking severity. */
  blocking: number;
}

/**
 * Failure when the change introduces debt of a blocking severity, neutral when it introduces or
 * worsens only other debt, success when it adds none. Test code never takes part (it is compared
 * apart and shown beside the verdict).
 */
export function judgePullRequest(comparison: Pick<ScanComparison, "introduced" | "worsened">, blockingSeverities: readonly DebtSeverity[]): PullRequestVerdict {
  const blockingSet = new Set(blockingSeverities);
  const blocking = comparison.introduced.filter((item) => blockingSet.has(item.severity)).length;
  const conclusion = blocking > 0 ? "failure" : comparison.introduced.length + comparison.worsened.length > 0 ? "neutral" : "success";
  return { conclusion, blockingSeverities: [...blockingSeverities], blocking };
}
