import type { z } from "zod";
import { hasHistory, type RepoSource } from "../../../ports/repo-source.js";
import type { Agent, AgentContext, Task, TaskResult } from "../../agent.js";
import { buildActionPlan } from "./action-plan.js";
import { comparableDuplication } from "./comparable-duplication.js";
import { compareScans, toChangedLines } from "./compare-scans.js";
import { prioritize } from "./prioritize.js";
import { RenamedRepoSource } from "./renamed-repo-source.js";
import type { BlameFn, ScanOptions } from "./scan-options.js";
import { withScan } from "./scan-history.js";
import { scanRepository } from "./scan-repository.js";
import { parseTechDebtSettings, type TechDebtSettings } from "./settings.js";
import { renderDebtCheck } from "../../../render/tech-debt/debt-check.js";
import { renderDebtComment } from "../../../render/tech-debt/debt-comment.js";
import { DEBT_REPORT_LABEL, DEBT_REPORT_TITLE, renderDebtReport } from "../../../render/tech-debt/debt-report.js";
import { judgePullRequest } from "./pull-request-verdict.js";
import { COMPARE_PULL_REQUEST_DEBT, SCAN_TECH_DEBT } from "./tech-debt-capability.js";
import { computeTrends } from "./trends.js";
import type { PullRequestDebtOutput, ScanDebtOutput } from "./tech-debt-output.js";
import { unknownComparison, unreadSide } from "./unknown-comparison.js";

/**
 * The most code of one side of a pull request that duplicate detection reads (jscpd then needs up
 * to about 400 MB beside the check's own), so a check stays within 1 GB whatever the PR's size; a
 * PR of 300 files of 30 KB still has its duplication measured.
 */
export const PULL_REQUEST_DUPLICATION_MAX_BYTES = 10 * 1024 * 1024;
const CHURN_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * Scans a repository for tech debt, or compares a pull request's head with its base. Pure: the
 * files come from the context's sources, the history from the input, and the new history point
 * goes back in the output for the caller to store.
 */
export class TechDebtAgent implements Agent {
  readonly id = "tech-debt";

  async execute(task: Task, ctx: AgentContext): Promise<TaskResult> {
    const started = ctx.clock.now().getTime();
    const finish = (result: Pick<TaskResult, "success" | "output" | "error">): TaskResult => ({
      taskId: task.id,
      agentId: this.id,
      evidence: [],
      metrics: { durationMs: ctx.clock.now().getTime() - started, cost: 0 },
      ...result,
    });
    try {
      const output =
        task.operation === COMPARE_PULL_REQUEST_DEBT.id
          ? await this.#pullRequest(COMPARE_PULL_REQUEST_DEBT.input.parse(task.inputData), ctx)
          : await this.#scan(SCAN_TECH_DEBT.input.parse(task.inputData), ctx);
      return finish({ success: true, output: { ...output } });
    } catch (error) {
      ctx.logger.warn({ err: error, taskId: task.id }, "tech-debt analysis failed");
      return finish({ success: false, output: {}, error: error instanceof Error ? error.message : String(error) });
    }
  }

  async #scan(input: z.output<typeof SCAN_TECH_DEBT.input>, ctx: AgentContext): Promise<ScanDebtOutput> {
    const settings = parseTechDebtSettings(input.config);
    const repo = requireRepo(ctx.repo, "a scan needs the repository files (ctx.repo)");
    const now = ctx.clock.now();
    const churn = input.churn ? new Map(Object.entries(input.churn)) : await historyChurn(repo, now);
    const scan = await scanRepository(repo, {
      ...scanOptions(settings, now, ctx),
      churn,
      blame: historyBlame(repo),
      ...(input.only ? { only: input.only } : {}),
      ...(input.maxFileBytes ? { maxFileBytes: input.maxFileBytes } : {}),
      ...(ctx.progress ? { onProgress: ctx.progress } : {}),
    });
    const refactoringOpportunities = prioritize(scan.items, scan.churn);
    const history = withScan(input.history, input.sha, scan.summary, now);
    const output: ScanDebtOutput = {
      mode: "scan",
      scan,
      refactoringOpportunities,
      actionPlan: buildActionPlan(scan.items, refactoringOpportunities),
      trends: computeTrends(history),
      history,
      effects: [],
    };
    if (input.report) {
      output.effects.push({
        kind: "living-issue",
        marker: { kind: "debt-report" },
        title: DEBT_REPORT_TITLE,
        body: renderDebtReport(output, { repo: input.report.repo, sha: input.sha }),
        labels: [DEBT_REPORT_LABEL],
      });
    }
    return output;
  }

  async #pullRequest(input: z.output<typeof COMPARE_PULL_REQUEST_DEBT.input>, ctx: AgentContext): Promise<PullRequestDebtOutput> {
    const settings = parseTechDebtSettings(input.config);
    const head = requireRepo(ctx.repo, "a pull request comparison needs the head files (ctx.repo)");
    const baseFiles = requireRepo(ctx.baseRepo, "a pull request comparison needs the base files (ctx.baseRepo)");
    const base = input.renames ? new RenamedRepoSource(baseFiles, input.renames) : baseFiles;
    const now = ctx.clock.now();
    const { changedLines } = input;
    // Both sides are limited to the changed files, so a file nobody touched can neither add nor fix debt.
    const options: ScanOptions = {
      ...scanOptions(settings, now, ctx),
      only: Object.keys(changedLines),
      duplicationMaxBytes: PULL_REQUEST_DUPLICATION_MAX_BYTES,
      keepFunctions: false,
      ...(input.maxFileBytes ? { maxFileBytes: input.maxFileBytes } : {}),
    };
    // One side after the other: two scans in flight would double peak memory.
    const baseScan = await scanRepository(base, options);
    const baseUnread = unreadSide("base", baseScan);
    // A side read only in part leaves nothing to compare, so then the other is not read at all.
    if (baseUnread !== undefined) return withoutVerdict(input, unknownComparison(baseUnread, baseScan, undefined, { blockingSeverities: settings.gate.failOn, changedLines }));
    const headScan = await scanRepository(head, options);
    const headUnread = unreadSide("head", headScan);
    if (headUnread !== undefined) return withoutVerdict(input, unknownComparison(headUnread, baseScan, headScan, { blockingSeverities: settings.gate.failOn, changedLines }));
    const changed = toChangedLines(changedLines);
    const compared = comparableDuplication(baseScan, headScan);
    const comparison = compareScans(compared.base, compared.head, changed);
    const output: PullRequestDebtOutput = {
      mode: "pull_request",
      ...comparison,
      verdict: judgePullRequest(comparison, settings.gate.failOn),
      summary: headScan.summary,
      baseSummary: baseScan.summary,
      skipped: headScan.skipped,
      warnings: [...new Set([...baseScan.warnings, ...headScan.warnings])],
      changedLines,
      effects: [],
    };
    if (compared.base.tests !== undefined && compared.head.tests !== undefined) output.tests = compareScans(compared.base.tests, compared.head.tests, changed);
    if (input.check) output.effects.push({ kind: "check-run", ...input.check, ...renderDebtCheck(output, { omittedFiles: input.omittedFiles }) });
    if (input.comment) output.effects.push({ kind: "comment", issueNumber: input.comment.issueNumber, marker: { kind: "debt" }, body: renderDebtComment(output) });
    return output;
  }
}

/** An unknown comparison as the agent answers it: the check says why there is no verdict; the sticky comment keeps the last one there was. */
function withoutVerdict(input: z.output<typeof COMPARE_PULL_REQUEST_DEBT.input>, comparison: Omit<PullRequestDebtOutput, "effects">): PullRequestDebtOutput {
  const output: PullRequestDebtOutput = { ...comparison, effects: [] };
  if (input.check) output.effects.push({ kind: "check-run", ...input.check, ...renderDebtCheck(output, { omittedFiles: input.omittedFiles }) });
  return output;
}

/** The settings as scan options, with the host's memory hooks when it has them (both sides of a comparison get them). */
function scanOptions(settings: TechDebtSettings, now: Date, ctx: Pick<AgentContext, "measuring" | "withheld"> = {}): ScanOptions {
  return {
    thresholds: settings.thresholds,
    duplication: settings.duplication,
    ignore: settings.ignore,
    tests: { mode: settings.tests, files: settings.testFiles },
    now,
    ...(ctx.measuring ? { measuring: ctx.measuring } : {}),
    ...(ctx.withheld ? { withheld: ctx.withheld } : {}),
  };
}

function requireRepo(repo: RepoSource | undefined, message: string): RepoSource {
  if (repo === undefined) throw new Error(message);
  return repo;
}

/** Sources backed by a git checkout offer blame and churn; others (PR files, tarballs) do not. */
function historyBlame(repo: RepoSource): BlameFn | undefined {
  return hasHistory(repo) ? (path) => repo.blame(path) : undefined;
}

async function historyChurn(repo: RepoSource, now: Date): Promise<ReadonlyMap<string, number> | undefined> {
  if (!hasHistory(repo)) return undefined;
  return repo.churn(new Date(now.getTime() - CHURN_WINDOW_DAYS * DAY_MS).toISOString()).catch(() => undefined);
}
