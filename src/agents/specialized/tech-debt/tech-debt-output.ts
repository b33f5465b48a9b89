import type { EffectInput } from "../../../protocol/effects.js";
import type { ActionPlan } from "./action-plan.js";
import type { ScanComparison } from "./compare-scans.js";
import type { ScanResult, ScanSummary, SkippedFile } from "./model.js";
import type { RefactoringOpportunity } from "./prioritize.js";
import type { PullRequestVerdict } from "./pull-request-verdict.js";
import type { DebtTrends, StoredScan } from "./trends.js";

// The agent's outputs, apart from the agent: renderers and the capability declare against them
// without importing the agent that imports them.

export interface ScanDebtOutput {
  mode: "scan";
  scan: ScanResult;
  refactoringOpportunities: RefactoringOpportunity[];
  actionPlan: ActionPlan;
  trends: DebtTrends;
  /** The history given, oldest first, ending with this scan (the caller stores the new point). */
  history: StoredScan[];
  /** The report issue, when asked for. */
  effects: EffectInput[];
}

export interface PullRequestDebtOutput extends ScanComparison {
  mode: "pull_request";
  verdict: PullRequestVerdict;
  /** The completed check run and the sticky comment, when asked for. */
  effects: EffectInput[];
  /** The head's summary (of the analysed files). */
  summary: ScanSummary;
  baseSummary: ScanSummary;
  /** The same comparison for the changed test files, when test code is analysed apart: shown, never gated. */
  tests?: ScanComparison;
  skipped: SkippedFile[];
  warnings: string[];
  /** Echoed from the input, so renderers can place annotations on changed lines only. */
  changedLines: Record<string, number[] | "all">;
}
