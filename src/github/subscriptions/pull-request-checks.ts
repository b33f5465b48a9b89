import { CONFIG_PATH } from "../load-config.js";
import { PullRequestEvent } from "../event-schemas.js";
import { subscription } from "../events/event-subscription.js";
import { checkRunClaims } from "../outputs/check-run-claim.js";
import type { HandlerContext } from "../handler-context.js";
import type { GitHubRepo } from "../../ports/github.js";
import { runConfigCheck } from "../use-cases/config-check.js";
import { runDebtCheck } from "../use-cases/debt-check.js";
import { recordPullRequestHead } from "../use-cases/pull-request-head.js";

const ACTIONS = ["opened", "synchronize", "reopened", "ready_for_review"] as const;

const repoOf = (event: PullRequestEvent) => ({ owner: event.repository.owner.login, repo: event.repository.name });

/** The PR's files, listed once per delivery whichever check asks first. */
function prFiles(ctx: HandlerContext, repo: GitHubRepo, number: number) {
  return ctx.once(`pr-files:${repo.fullName}#${number}`, () => repo.pulls.listFiles(number));
}

/**
 * Whether the event describes the newest head known for the PR (recorded once per delivery): a late
 * event for an older head must not overwrite a newer one's checks. When the events cannot order two
 * heads (the same updated_at), the PR as GitHub has it now decides.
 */
function isFresh(event: PullRequestEvent, ctx: HandlerContext): Promise<boolean> {
  const { pull_request: pr } = event;
  const repo = ctx.github(repoOf(event));
  return ctx.once(`fresh:${repo.fullName}#${pr.number}`, async () => {
    const head = { sha: pr.head.sha, updatedAt: pr.updated_at ?? "" };
    const fresh = await recordPullRequestHead(ctx.runtime.state, repo.fullName, pr.number, head, async () => (await repo.pulls.get(pr.number)).headSha);
    if (!fresh) ctx.log.info({ pr: pr.number, sha: pr.head.sha }, "stale pull_request event: a newer head is known");
    return fresh;
  });
}

/** A PR that changes `.github/concord.yml` gets the config check, even where Concord is otherwise quiet: it is about the PR's own file. */
export const configCheckOnPullRequests = subscription<PullRequestEvent>({
  name: "config check",
  event: "pull_request",
  actions: ACTIONS,
  schema: PullRequestEvent,
  quiet: "never",
  current: isFresh,
  async run(event, ctx) {
    const repo = ctx.github(repoOf(event));
    const files = await prFiles(ctx, repo, event.pull_request.number);
    if (files.some((file) => file.filename === CONFIG_PATH || file.previous_filename === CONFIG_PATH)) await runConfigCheck(repo, event.pull_request.head.sha, checkRunClaims(ctx));
  },
});

/** Opened, synchronized, reopened or ready PRs get the tech-debt check. */
export const debtCheckOnPullRequests = subscription<PullRequestEvent>({
  name: "tech-debt check",
  event: "pull_request",
  actions: ACTIONS,
  schema: PullRequestEvent,
  quiet: "noise",
  current: isFresh,
  threadOf: (event) => ({ repo: repoOf(event), number: event.pull_request.number }),
  pullRequestOf: (event) => event.pull_request,
  async run(event, ctx) {
    const repo = ctx.github(repoOf(event));
    const { pull_request: pr } = event;
    const files = await prFiles(ctx, repo, pr.number);
    await runDebtCheck(ctx, repo, await ctx.config(repo), { number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, files });
  },
});
