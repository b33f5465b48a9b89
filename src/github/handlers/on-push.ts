import { PushEvent } from "../event-schemas.js";
import type { EventHandler } from "../handler-context.js";
import { claimReportSlot, runDebtReport } from "../use-cases/debt-report.js";

/** Pushes to the default branch refresh the tech-debt report, at most once per configured interval. */
export const onPush: EventHandler = async (payload, ctx) => {
  const parsed = PushEvent.safeParse(payload);
  if (!parsed.success) return;
  const { repository, ref, after, deleted } = parsed.data;
  if (deleted || !repository.default_branch || ref !== `refs/heads/${repository.default_branch}`) return;
  if (/^0+$/.test(after)) return;
  const gateway = ctx.gateway({ owner: repository.owner.login, repo: repository.name });
  const config = await ctx.config(gateway);
  const slot = await claimReportSlot(ctx, repository.full_name, config.techDebt.reportIntervalMinutes);
  if (!slot) {
    ctx.log.debug({ repo: repository.full_name }, "tech-debt report refreshed recently; push skipped");
    return;
  }
  try {
    await runDebtReport(ctx, gateway, config, after);
  } catch (error) {
    await slot.release();
    throw error;
  }
};
