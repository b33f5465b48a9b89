import { CheckRunEvent } from "../event-schemas.js";
import type { EventHandler } from "../handler-context.js";
import { CONFIG_CHECK_NAME, runConfigCheck } from "../use-cases/config-check.js";
import { DEBT_CHECK_NAME, rerunDebtCheck } from "../use-cases/debt-check.js";

/** "Re-run" on one of Concord's check runs runs that check again on the same SHA. */
export const onCheckRun: EventHandler = async (payload, ctx) => {
  const parsed = CheckRunEvent.safeParse(payload);
  if (!parsed.success) return;
  const { check_run: run, repository } = parsed.data;
  const gateway = ctx.gateway({ owner: repository.owner.login, repo: repository.name });
  if (run.name === CONFIG_CHECK_NAME) {
    await runConfigCheck(gateway, run.head_sha);
  } else if (run.name === DEBT_CHECK_NAME) {
    await rerunDebtCheck(ctx, gateway, await ctx.config(gateway), run.head_sha, run.pull_requests?.[0]?.number);
  }
};
