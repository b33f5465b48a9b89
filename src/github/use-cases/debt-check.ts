import { isScriptPath } from "../../agents/specialized/tech-debt/analysis/tokens.js";
import { COMPARE_PULL_REQUEST_DEBT } from "../../agents/specialized/tech-debt/tech-debt-capability.js";
import type { ConcordConfig } from "../../config/schema.js";
import { TransientError } from "../../errors.js";
import type { GitHubRepo, PullRequestFile } from "../../ports/github.js";
import { changedLinesFromPatch } from "../changed-lines.js";
import type { HandlerContext } from "../handler-context.js";
import { runCheck } from "../effects/run-check.js";
import { checkRunClaims } from "../outputs/check-run-claim.js";
import type { UnreadSide } from "../../agents/specialized/tech-debt/pull-request-verdict.js";
import { askTechDebt } from "./ask-tech-debt.js";
import { isCurrentHead } from "./pull-request-head.js";

export const DEBT_CHECK_NAME = "Concord / tech debt";
/** Beyond this many changed script files the check analyses the first ones and says so. */
export const MAX_PR_FILES = 300;

export interface PullRequestFiles {
  number: number;
  headSha: string;
  baseSha: string;
  files: PullRequestFile[];
}

/**
 * The PR's debt check: the changed files at head and at base go to the tech-debt agent, which
 * compares them (new-code focus) and returns the completed check run (and, when asked, the sticky
 * comment) as effects, applied here on the head SHA. When GitHub did not serve every changed file,
 * the check settles neutral at once, saying which, and the delivery is retried in the background.
 */
export async function runDebtCheck(ctx: HandlerContext, repo: GitHubRepo, config: ConcordConfig, pr: PullRequestFiles, options: { comment?: boolean } = {}): Promise<void> {
  const allScripts = pr.files.filter((file) => isScriptPath(file.filename));
  const scripts = allScripts.slice(0, MAX_PR_FILES);
  const check = { name: DEBT_CHECK_NAME, headSha: pr.headSha, externalId: `debt:${pr.headSha}` };
  // Set inside the check's work, read once the check is completed.
  let unread = undefined as UnreadSide | undefined;
  await runCheck(repo, checkRunClaims(ctx), { ...check, title: "Analysing the changed files", summary: `Scanning ${scripts.length} changed JavaScript/TypeScript file${scripts.length === 1 ? "" : "s"}.` }, async () => {
    const { headFiles, baseFiles, changedLines, renames } = describeChanges(scripts);
    const files = (sha: string, paths: string[]) => ({ kind: "pr-files" as const, repo: repo.fullName, sha, installationId: ctx.installationId, paths });
    const output = await askTechDebt(ctx, repo, config, COMPARE_PULL_REQUEST_DEBT, {
      id: `${ctx.deliveryId}:debt:${pr.headSha}`,
      description: `Tech debt introduced by ${repo.fullName}#${pr.number}`,
      input: { changedLines, renames, omittedFiles: allScripts.length - scripts.length, check, ...(options.comment ? { comment: { issueNumber: pr.number } } : {}) },
      sources: { repo: files(pr.headSha, headFiles), base: files(pr.baseSha, baseFiles) },
    });
    unread = output.verdict.unknown;
    // The run belongs to its own SHA, so it is completed even when a newer head exists; the comment only for the newest.
    const current = await isCurrentHead(ctx.runtime.state, repo.fullName, pr.number, pr.headSha);
    return output.effects.filter((effect) => current || effect.kind !== "comment");
  }, ctx.signal);
  // A file GitHub failed to serve is not a clean file: the check says the comparison is unknown, and the delivery tries again.
  // When GitHub refused the reads for a rate limit, the delivery waits as it asked instead of spending its attempts.
  if (unread !== undefined) throw ctx.rateLimits.take(`${repo.fullName}@${pr.headSha}`, `${repo.fullName}@${pr.baseSha}`) ?? new TransientError(`GitHub did not serve ${unread.paths.length} changed file(s) at ${unread.side}, e.g. ${unread.paths[0]}`);
}

/** The PR's files as the agent needs them: which to read at head and at base, changed lines, renames. */
function describeChanges(files: readonly PullRequestFile[]) {
  const changedLines: Record<string, number[] | "all"> = {};
  // Renamed files keep their findings' identity: the agent matches them under the old path.
  const renames: Record<string, string> = {};
  for (const file of files) {
    if (file.previous_filename && file.previous_filename !== file.filename) renames[file.filename] = file.previous_filename;
    if (file.status === "removed") continue;
    const lines = changedLinesFromPatch(file.patch);
    changedLines[file.filename] = lines === "all" ? "all" : [...lines];
  }
  return {
    headFiles: files.filter((file) => file.status !== "removed").map((file) => file.filename),
    baseFiles: files.filter((file) => file.status !== "added").map((file) => file.previous_filename ?? file.filename),
    changedLines,
    renames,
  };
}

/** `/debt` on a PR: run the check again and keep one sticky comment, unless a newer head took over. */
export async function runDebtCheckWithComment(ctx: HandlerContext, repo: GitHubRepo, config: ConcordConfig, pullNumber: number): Promise<void> {
  await checkHead(ctx, repo, config, await repo.pulls.get(pullNumber), { comment: true });
}

/**
 * "Re-run" on the check: the PR is found from the check run, or by its head SHA for forks. A run
 * for a head the PR has moved past is left alone: the newer head has its own run.
 */
export async function rerunDebtCheck(ctx: HandlerContext, repo: GitHubRepo, config: ConcordConfig, headSha: string, pullNumber?: number): Promise<void> {
  const number = pullNumber ?? (await repo.pulls.findOpenForSha(headSha));
  if (number === undefined) return;
  const pr = await repo.pulls.get(number);
  if (pr.headSha === headSha) await checkHead(ctx, repo, config, pr);
}

async function checkHead(ctx: HandlerContext, repo: GitHubRepo, config: ConcordConfig, pr: { number: number; headSha: string; baseSha: string }, options: { comment?: boolean } = {}) {
  const files = await repo.pulls.listFiles(pr.number);
  await runDebtCheck(ctx, repo, config, { number: pr.number, headSha: pr.headSha, baseSha: pr.baseSha, files }, options);
}
