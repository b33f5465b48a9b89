import { z } from "zod";
import { defineCapability } from "../../../protocol/capability.js";
import type { PullRequestDebtOutput, ScanDebtOutput } from "./tech-debt-output.js";
import { StoredScan } from "./trends.js";

const ChangedLines = z.record(z.string(), z.union([z.array(z.int().positive()), z.literal("all")]));
const Churn = z.record(z.string(), z.number().nonnegative());

/**
 * Outputs are large and built by the agent itself, so their schema checks the envelope only (the
 * mode and the parts every renderer reads); the types come from the agent's own declarations.
 */
function envelope<T extends { mode: string }>(mode: T["mode"], keys: readonly string[]) {
  return z.custom<T>(
    (value) =>
      typeof value === "object" &&
      value !== null &&
      (value as { mode?: unknown }).mode === mode &&
      keys.every((key) => (value as Record<string, unknown>)[key] !== undefined),
    { error: `not a tech-debt ${mode} result` },
  );
}

/** A full scan of a repository: findings, hotspots, action plan, and trends over the history given. */
export const SCAN_TECH_DEBT = defineCapability({
  id: "tech-debt.scan",
  routesTo: "tech_debt_analysis",
  taskType: "analysis",
  input: z.object({
    /** The repository's `techDebt` config section (defaults apply). */
    config: z.unknown().optional(),
    /** Commits per path in the churn window; read from git history when the source has one. */
    churn: Churn.optional(),
    /** Earlier scans, oldest first, for the trends; this scan is added as the newest point. */
    history: z.array(StoredScan).default([]),
    /** The commit scanned, to label this scan's point in the history. */
    sha: z.string().default(""),
    /** Write the living "Tech debt report" issue of this repository (an effect in the output). */
    report: z.object({ repo: z.string().min(1) }).optional(),
    /** Only these repository-relative paths (the CLI's --changed-since). */
    only: z.array(z.string().min(1)).optional(),
    /** Files larger than this are skipped and reported (the CLI's --max-file-size); the scanner's default otherwise. */
    maxFileBytes: z.int().positive().optional(),
  }),
  output: envelope<ScanDebtOutput>("scan", ["scan", "actionPlan", "history", "effects"]),
});

/** A pull request: its changed files at head compared with the base (new-code focus). */
export const COMPARE_PULL_REQUEST_DEBT = defineCapability({
  id: "tech-debt.pull-request",
  routesTo: "tech_debt_analysis",
  taskType: "analysis",
  input: z.object({
    config: z.unknown().optional(),
    /** Changed line numbers per changed file at head, or "all". */
    changedLines: ChangedLines.default({}),
    /** Head path → base path of renamed files, so their findings are matched. */
    renames: z.record(z.string(), z.string()).optional(),
    /** Changed script files left out of the analysis (a cap on PR size), to say so. */
    omittedFiles: z.int().nonnegative().default(0),
    /** Complete this check run with the verdict (an effect in the output). */
    check: z.object({ name: z.string().min(1), headSha: z.string().min(1), externalId: z.string().min(1) }).optional(),
    /** Keep the sticky tech-debt comment on this pull request up to date (an effect in the output). */
    comment: z.object({ issueNumber: z.int().positive() }).optional(),
    maxFileBytes: z.int().positive().optional(),
  }),
  output: envelope<PullRequestDebtOutput>("pull_request", ["introduced", "fixed", "worsened", "summary", "verdict", "effects"]),
});
