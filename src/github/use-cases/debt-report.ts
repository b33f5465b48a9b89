import { z } from "zod";
import { SCAN_TECH_DEBT } from "../../agents/specialized/tech-debt/tech-debt-capability.js";
import type { ConcordConfig } from "../../config/schema.js";
import type { GitHubRepo } from "../../ports/github.js";
import { defineKey } from "../../state/keyed-state.js";
import { applyEffects, type AppliedEffect } from "../effects/apply-effects.js";
import type { HandlerContext } from "../handler-context.js";
import { fetchChurn } from "../history/fetch-churn.js";
import { askTechDebt } from "./ask-tech-debt.js";
import { debtScanHistory, recordDebtScan } from "./debt-scan-history.js";
import { syncTodoIssues } from "./todo-issues.js";

const CHURN_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * A full scan of the default branch at `sha`: the agent's host fetches the tree (a tarball), churn
 * comes from the commits API, the scan is stored for trends, and the agent's one living "Tech debt
 * report" issue is written (never duplicated).
 */
export async function runDebtReport(ctx: HandlerContext, repo: GitHubRepo, config: ConcordConfig, sha: string): Promise<{ issueNumber: number; created: boolean }> {
  const now = ctx.runtime.clock.now();
  const { churn } = await fetchChurn(repo.history, new Date(now.getTime() - CHURN_WINDOW_MS), sha);
  const output = await askTechDebt(ctx, repo, config, SCAN_TECH_DEBT, {
    id: `${ctx.deliveryId}:debt-report:${sha}`,
    description: `Tech debt of ${repo.fullName}@${sha.slice(0, 7)}`,
    input: { churn: Object.fromEntries(churn), history: await debtScanHistory(ctx.runtime.debtScans, repo.fullName), sha, report: { repo: repo.fullName } },
    sources: { repo: { kind: "tree", repo: repo.fullName, sha, installationId: ctx.installationId } },
  });
  await recordDebtScan(ctx.runtime.debtScans, repo.fullName, output.history.at(-1)!);
  const issue = (await applyEffects(repo, output.effects)).find((applied): applied is Extract<AppliedEffect, { kind: "living-issue" }> => applied.kind === "living-issue");
  if (issue === undefined) throw new Error("the tech-debt agent wrote no report");
  if (config.techDebt.todoIssues) await syncTodoIssues(repo, output.scan.todos, output.scan.items);
  return { issueNumber: issue.number, created: issue.created };
}

const REPORT_SLOT = defineKey<string, { at: string }>("debt-report-slot", z.object({ at: z.string() }), (repo) => repo);

/**
 * Pushes to the default branch refresh the report at most once per configured interval: the slot
 * is claimed with compare-and-set, so concurrent pushes refresh it once.
 */
export async function claimReportSlot(ctx: HandlerContext, repo: string, intervalMinutes: number): Promise<{ release(): Promise<void> } | undefined> {
  const now = { at: ctx.runtime.clock.now().toISOString() };
  let last: { at: string } | undefined;
  const { written } = await ctx.runtime.state.update(REPORT_SLOT, repo, (current) => {
    last = current;
    const recent = current !== undefined && new Date(now.at).getTime() - new Date(current.at).getTime() < intervalMinutes * 60_000;
    return recent ? undefined : now;
  });
  if (!written) return undefined;
  // A failed report gives the slot back, so the retried delivery is not skipped as "recent".
  return { release: () => ctx.runtime.state.restore(REPORT_SLOT, repo, now, last) };
}
