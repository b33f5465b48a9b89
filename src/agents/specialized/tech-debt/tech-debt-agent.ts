import { z } from "zod";
import { hasHistory, type RepoSource } from "../../../ports/repo-source.js";
import type { Agent, AgentContext, Task, TaskResult } from "../../agent.js";
import { buildActionPlan, type ActionPlan } from "./action-plan.js";
import { compareScans, toChangedLines, type ScanComparison } from "./compare-scans.js";
import type { ScanResult, ScanSummary, SkippedFile } from "./model.js";
import { prioritize, type RefactoringOpportunity } from "./prioritize.js";
import { RenamedRepoSource } from "./renamed-repo-source.js";
import type { BlameFn, ScanOptions } from "./scan-options.js";
import { recordScan } from "./scan-history.js";
import { scanRepository } from "./scan-repository.js";
import { parseTechDebtSettings, type TechDebtSettings } from "./settings.js";
import { computeTrends, toStoredSummary, type DebtTrends, type StoredScan } from "./trends.js";

const ChangedLinesInput = z.record(z.string(), z.union([z.array(z.number().int().positive()), z.literal("all")]));

export const TechDebtInput = z.object({
  mode: z.enum(["scan", "pull_request"]).default("scan"),
  /** The repository's `techDebt` config section (defaults apply). */
  config: z.unknown().optional(),
  changedLines: ChangedLinesInput.optional(),
  churn: z.record(z.string(), z.number().nonnegative()).optional(),
  /** pull_request mode: head path → base path of renamed files, so their findings are matched. */
  renames: z.record(z.string(), z.string()).optional(),
  /** Store this scan for trends under this repository and SHA. */
  record: z.object({ repo: z.string().min(1), sha: z.string().min(1) }).optional(),
});
export type TechDebtInput = z.input<typeof TechDebtInput>;

export interface ScanDebtOutput {
  mode: "scan";
  scan: ScanResult;
  refactoringOpportunities: RefactoringOpportunity[];
  actionPlan: ActionPlan;
  trends: DebtTrends;
  /** Stored scans, oldest first, ending with this one. */
  history: StoredScan[];
}

export interface PullRequestDebtOutput extends ScanComparison {
  mode: "pull_request";
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

const CHURN_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

/** Scans a repository for tech debt, or compares a pull request's head with its base. */
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
      const input = TechDebtInput.parse(task.inputData);
      const settings = parseTechDebtSettings(input.config);
      const output = input.mode === "pull_request" ? await this.#pullRequest(input, settings, ctx) : await this.#scan(input, settings, ctx);
      return finish({ success: true, output: output as unknown as Record<string, unknown> });
    } catch (error) {
      ctx.logger.warn({ err: error, taskId: task.id }, "tech-debt analysis failed");
      return finish({ success: false, output: {}, error: error instanceof Error ? error.message : String(error) });
    }
  }

  async #scan(input: z.output<typeof TechDebtInput>, settings: TechDebtSettings, ctx: AgentContext): Promise<ScanDebtOutput> {
    const repo = requireRepo(ctx.repo, "a scan needs the repository files (ctx.repo)");
    const now = ctx.clock.now();
    const churn = input.churn ? new Map(Object.entries(input.churn)) : await historyChurn(repo, now);
    const scan = await scanRepository(repo, { ...scanOptions(settings, now), churn, blame: historyBlame(repo) });
    const refactoringOpportunities = prioritize(scan.items, scan.churn);
    const history = input.record
      ? await recordScan(ctx.store, input.record, scan.summary, now)
      : [{ scannedAt: now.toISOString(), sha: "", summary: toStoredSummary(scan.summary) }];
    return {
      mode: "scan",
      scan,
      refactoringOpportunities,
      actionPlan: buildActionPlan(scan.items, refactoringOpportunities),
      trends: computeTrends(history),
      history,
    };
  }

  async #pullRequest(input: z.output<typeof TechDebtInput>, settings: TechDebtSettings, ctx: AgentContext): Promise<PullRequestDebtOutput> {
    const head = requireRepo(ctx.repo, "pull_request mode needs the head files (ctx.repo)");
    const baseFiles = requireRepo(ctx.baseRepo, "pull_request mode needs the base files (ctx.baseRepo)");
    const base = input.renames ? new RenamedRepoSource(baseFiles, input.renames) : baseFiles;
    const now = ctx.clock.now();
    const changedLines = input.changedLines ?? {};
    // Both sides are limited to the changed files, so a file nobody touched can neither add nor fix debt.
    const only = input.changedLines ? Object.keys(changedLines) : undefined;
    const options: ScanOptions = { ...scanOptions(settings, now), ...(only ? { only } : {}) };
    // One side after the other: two scans in flight would double peak memory.
    const baseScan = await scanRepository(base, options);
    const headScan = await scanRepository(head, options);
    const changed = toChangedLines(changedLines);
    const output: PullRequestDebtOutput = {
      mode: "pull_request",
      ...compareScans(baseScan, headScan, changed),
      summary: headScan.summary,
      baseSummary: baseScan.summary,
      skipped: headScan.skipped,
      warnings: [...new Set([...baseScan.warnings, ...headScan.warnings])],
      changedLines,
    };
    if (baseScan.tests !== undefined && headScan.tests !== undefined) output.tests = compareScans(baseScan.tests, headScan.tests, changed);
    return output;
  }
}

export function scanOptions(settings: TechDebtSettings, now: Date): ScanOptions {
  return {
    thresholds: settings.thresholds,
    duplication: settings.duplication,
    ignore: settings.ignore,
    tests: { mode: settings.tests, files: settings.testFiles },
    now,
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
