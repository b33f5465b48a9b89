import { isScriptPath } from "../../agents/specialized/tech-debt/analysis/tokens.js";
import { COMPARE_PULL_REQUEST_DEBT } from "../../agents/specialized/tech-debt/tech-debt-capability.js";
import type { PullRequestDebtOutput } from "../../agents/specialized/tech-debt/tech-debt-agent.js";
import type { ConcordConfig } from "../../config/schema.js";
import { TransientError } from "../../errors.js";
import { escapeMarkdown } from "../../render/escape.js";
import { renderDebtCheck } from "../../render/tech-debt/debt-check.js";
import { renderDebtComment } from "../../render/tech-debt/debt-comment.js";
import { changedLinesFromPatch } from "../changed-lines.js";
import type { GitHubGateway } from "../gateway.js";
import type { HandlerContext } from "../handler-context.js";
import { askTechDebt } from "./ask-tech-debt.js";
import { isCurrentHead } from "./pull-request-head.js";

export const DEBT_CHECK_NAME = "Concord / tech debt";
/** Beyond this many changed script files the check analyses the first ones and says so. */
export const MAX_PR_FILES = 300;

export interface PullRequestFiles {
  number: number;
  headSha: string;
  baseSha: string;
  files: { filename: string; status?: string; patch?: string; previous_filename?: string }[];
}

/**
 * The PR's debt check: the changed files at head and at base go to the tech-debt agent, which
 * compares them (new-code focus); the result becomes a check run on the head SHA, annotated on
 * changed lines only. Returns the agent's output (for the /debt comment).
 */
export async function runDebtCheck(ctx: HandlerContext, gateway: GitHubGateway, config: ConcordConfig, pr: PullRequestFiles): Promise<PullRequestDebtOutput> {
  const externalId = `debt:${pr.headSha}`;
  const allScripts = pr.files.filter((file) => isScriptPath(file.filename));
  const scripts = allScripts.slice(0, MAX_PR_FILES);
  await gateway.upsertCheckRun({
    name: DEBT_CHECK_NAME,
    headSha: pr.headSha,
    externalId,
    status: "in_progress",
    title: "Analysing the changed files",
    summary: `Scanning ${scripts.length} changed JavaScript/TypeScript file${scripts.length === 1 ? "" : "s"}.`,
  });
  const { headFiles, baseFiles, changedLines, renames } = describeChanges(scripts);
  let output: PullRequestDebtOutput;
  try {
    const files = (sha: string, paths: string[]) => ({ kind: "pr-files" as const, repo: gateway.fullName, sha, installationId: ctx.installationId, paths });
    output = await askTechDebt(ctx, gateway, config, COMPARE_PULL_REQUEST_DEBT, {
      id: `${ctx.deliveryId}:debt:${pr.headSha}`,
      description: `Tech debt introduced by ${gateway.fullName}#${pr.number}`,
      input: { changedLines, renames },
      sources: { repo: files(pr.headSha, headFiles), base: files(pr.baseSha, baseFiles) },
    });
    // A file GitHub failed to serve is not a clean file: retry rather than pass the check on a partial read.
    const unreadable = output.skipped.filter((file) => file.reason === "unreadable").map((file) => file.path);
    if (unreadable.length > 0) throw new TransientError(`GitHub did not serve ${unreadable.length} changed file(s), e.g. ${unreadable[0]}`);
  } catch (error) {
    // Never leave the run spinning: say why it stopped. A retry of the delivery completes it properly.
    await gateway.upsertCheckRun({
      name: DEBT_CHECK_NAME,
      headSha: pr.headSha,
      externalId,
      status: "completed",
      conclusion: "neutral",
      title: "Analysis did not finish",
      summary: `Concord could not analyse this pull request: ${escapeMarkdown(error instanceof Error ? error.message : String(error))}. It retries on its own; \`/debt\` runs it again.`,
    });
    throw error;
  }
  const check = renderDebtCheck(output, { failOn: config.techDebt.gate.failOn, omittedFiles: allScripts.length - scripts.length });
  // The run belongs to its own SHA, so it is completed even when a newer head exists.
  await gateway.upsertCheckRun({ name: DEBT_CHECK_NAME, headSha: pr.headSha, externalId, status: "completed", ...check });
  return output;
}

/** The PR's files as the agent needs them: which to read at head and at base, changed lines, renames. */
function describeChanges(files: PullRequestFiles["files"]) {
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
export async function runDebtCheckWithComment(ctx: HandlerContext, gateway: GitHubGateway, config: ConcordConfig, pullNumber: number): Promise<string> {
  const pr = await gateway.getPullRequest(pullNumber);
  const body = renderDebtComment(await checkHead(ctx, gateway, config, pr));
  if (await isCurrentHead(ctx.runtime, gateway.fullName, pullNumber, pr.head.sha)) {
    await gateway.upsertComment(pullNumber, "debt", undefined, body);
  }
  return body;
}

/**
 * "Re-run" on the check: the PR is found from the check run, or by its head SHA for forks. A run
 * for a head the PR has moved past is left alone: the newer head has its own run.
 */
export async function rerunDebtCheck(ctx: HandlerContext, gateway: GitHubGateway, config: ConcordConfig, headSha: string, pullNumber?: number): Promise<void> {
  const number = pullNumber ?? (await gateway.findPullRequestForSha(headSha));
  if (number === undefined) return;
  const pr = await gateway.getPullRequest(number);
  if (pr.head.sha === headSha) await checkHead(ctx, gateway, config, pr);
}

function checkHead(ctx: HandlerContext, gateway: GitHubGateway, config: ConcordConfig, pr: { number: number; head: { sha: string }; base: { sha: string } }) {
  return gateway
    .listPullRequestFiles(pr.number)
    .then((files) => runDebtCheck(ctx, gateway, config, { number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, files }));
}
