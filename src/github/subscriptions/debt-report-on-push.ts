import { PushEvent } from "../event-schemas.js";
import { subscription } from "../events/event-subscription.js";
import { claimReportSlot, runDebtReport } from "../use-cases/debt-report.js";

/** Pushes to the default branch refresh the tech-debt report, at most once per configured interval. */
export const debtReportOnPush = subscription<PushEvent>({
  name: "tech-debt report",
  event: "push",
  schema: PushEvent,
  quiet: "never",
  async run(event, ctx) {
    const { repository, ref, after, deleted } = event;
    if (deleted || !repository.default_branch || ref !== `refs/heads/${repository.default_branch}`) return;
    if (/^0+$/.test(after)) return;
    const repo = ctx.github({ owner: repository.owner.login, repo: repository.name });
    const config = await ctx.config(repo);
    const slot = await claimReportSlot(ctx, repository.full_name, config.techDebt.reportIntervalMinutes);
    if (!slot) {
      ctx.log.debug({ repo: repository.full_name }, "tech-debt report refreshed recently; push skipped");
      return;
    }
    try {
      await runDebtReport(ctx, repo, config, after);
    } catch (error) {
      await slot.release();
      throw error;
    }
  },
});
