import { PullRequestEvent } from "../event-schemas.js";
import type { EventHandler } from "../handler-context.js";
import { CONFIG_PATH } from "../load-config.js";
import { runConfigCheck } from "../use-cases/config-check.js";
import { runDebtCheck } from "../use-cases/debt-check.js";
import { quietReason } from "../use-cases/noise.js";
import { isPaused } from "../use-cases/pause-state.js";
import { recordPullRequestHead } from "../use-cases/pull-request-head.js";

/** Opened, synchronized, reopened or ready PRs get the config check (when it changes) and the debt check. */
export const onPullRequest: EventHandler = async (payload, ctx) => {
  const parsed = PullRequestEvent.safeParse(payload);
  if (!parsed.success || parsed.data.action === "closed") return;
  const { pull_request: pr, repository } = parsed.data;
  const gateway = ctx.gateway({ owner: repository.owner.login, repo: repository.name });
  const fresh = await recordPullRequestHead(ctx.runtime, repository.full_name, pr.number, { sha: pr.head.sha, updatedAt: pr.updated_at ?? "" });
  if (!fresh) {
    ctx.log.info({ pr: pr.number, sha: pr.head.sha }, "stale pull_request event: a newer head is known");
    return;
  }
  const files = await gateway.listPullRequestFiles(pr.number);
  // The config check is about the PR's own file, so it runs even where Concord is otherwise quiet.
  if (files.some((file) => file.filename === CONFIG_PATH || file.previous_filename === CONFIG_PATH)) {
    await runConfigCheck(gateway, pr.head.sha);
  }
  const config = await ctx.config(gateway);
  const quiet = quietReason(pr, config) ?? ((await isPaused(ctx.runtime, { repo: repository.full_name, number: pr.number })) ? "paused" : undefined);
  if (quiet) {
    ctx.log.info({ pr: pr.number, reason: quiet }, "pull request skipped");
    return;
  }
  await runDebtCheck(ctx, gateway, config, { number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, files });
};
