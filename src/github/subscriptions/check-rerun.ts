import { CheckRunEvent } from "../event-schemas.js";
import { subscription } from "../events/event-subscription.js";
import { checkRunClaims } from "../outputs/check-run-claim.js";
import { CONFIG_CHECK_NAME, runConfigCheck } from "../use-cases/config-check.js";
import { DEBT_CHECK_NAME, rerunDebtCheck } from "../use-cases/debt-check.js";

/** "Re-run" on one of Concord's check runs runs that check again on the same SHA: an explicit request, never quiet. */
export const checkRerun = subscription<CheckRunEvent>({
  name: "check re-run",
  event: "check_run",
  actions: ["rerequested", "requested_action"],
  schema: CheckRunEvent,
  quiet: "never",
  async run(event, ctx) {
    const { check_run: run, repository } = event;
    const repo = ctx.github({ owner: repository.owner.login, repo: repository.name });
    if (run.name === CONFIG_CHECK_NAME) await runConfigCheck(repo, run.head_sha, checkRunClaims(ctx));
    else if (run.name === DEBT_CHECK_NAME) await rerunDebtCheck(ctx, repo, await ctx.config(repo), run.head_sha, run.pull_requests?.[0]?.number);
  },
});
