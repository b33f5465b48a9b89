import { SCAN_TECH_DEBT } from "../../agents/specialized/tech-debt/tech-debt-capability.js";
import type { ConcordConfig } from "../../config/schema.js";
import { renderDebtReport } from "../../render/tech-debt/debt-report.js";
import type { GitHubGateway } from "../gateway.js";
import type { HandlerContext } from "../handler-context.js";
import { fetchChurn } from "../history/fetch-churn.js";
import { debtScanHistory, recordDebtScan } from "./debt-scan-history.js";
import { askTechDebt } from "./ask-tech-debt.js";
import { syncTodoIssues } from "./todo-issues.js";
import { updateValue } from "./update-value.js";

export const DEBT_REPORT_KIND = "debt-report";
export const DEBT_REPORT_TITLE = "Tech debt report";
export const DEBT_REPORT_LABEL = "concord:tech-debt";
const CHURN_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * A full scan of the default branch at `sha`: the agent's host fetches the tree (a tarball), churn
 * comes from the commits API, the scan is stored for trends, and the one living "Tech debt report"
 * issue is updated (never duplicated).
 */
export async function runDebtReport(ctx: HandlerContext, gateway: GitHubGateway, config: ConcordConfig, sha: string): Promise<{ issueNumber: number; created: boolean }> {
  const now = ctx.runtime.clock.now();
  const { churn } = await fetchChurn(gateway, new Date(now.getTime() - CHURN_WINDOW_MS), sha);
  const output = await askTechDebt(ctx, gateway, config, SCAN_TECH_DEBT, {
    id: `${ctx.deliveryId}:debt-report:${sha}`,
    description: `Tech debt of ${gateway.fullName}@${sha.slice(0, 7)}`,
    input: { churn: Object.fromEntries(churn), history: await debtScanHistory(ctx.runtime.store, gateway.fullName), sha },
    sources: { repo: { kind: "tree", repo: gateway.fullName, sha, installationId: ctx.installationId } },
  });
  await recordDebtScan(ctx.runtime.store, gateway.fullName, output.history.at(-1)!);
  const issue = await gateway.upsertIssue({
    kind: DEBT_REPORT_KIND,
    title: DEBT_REPORT_TITLE,
    body: renderDebtReport(output, { repo: gateway.fullName, sha }),
    labels: [DEBT_REPORT_LABEL],
  });
  if (config.techDebt.todoIssues) await syncTodoIssues(gateway, output.scan.todos, output.scan.items);
  return { issueNumber: issue.number, created: issue.created };
}

/**
 * Pushes to the default branch refresh the report at most once per configured interval: the slot
 * is claimed with compare-and-set, so concurrent pushes refresh it once.
 */
export async function claimReportSlot(ctx: HandlerContext, repo: string, intervalMinutes: number): Promise<{ release(): Promise<void> } | undefined> {
  const key = `debt-report-at:${repo}`;
  const now = ctx.runtime.clock.now().toISOString();
  let last: string | undefined;
  const { written } = await updateValue(ctx.runtime.store, key, now, (current) => {
    last = current;
    const recent = current !== undefined && new Date(now).getTime() - new Date(current).getTime() < intervalMinutes * 60_000;
    return recent ? undefined : now;
  });
  if (!written) return undefined;
  return {
    // A failed report gives the slot back, so the retried delivery is not skipped as "recent".
    release: async () => {
      if (last === undefined) {
        if ((await ctx.runtime.store.getValue(key)) === now) await ctx.runtime.store.deleteValue(key);
      } else {
        await ctx.runtime.store.compareAndSet(key, now, last, now);
      }
    },
  };
}
